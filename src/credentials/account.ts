import { AuthError, UsageError } from '../errors';
import type { Account } from '../api/client';
import type { Prompter } from '../prompts/prompter';
import { escapeControl } from '../output/escape';

/** How one caller words the choice: running a command, or storing a login. */
export interface AccountPickWords {
  question: string;
  /** When the credential sees no account at all. */
  none: AuthError;
  /** When it sees several and nobody can be asked. */
  several: (count: number) => string;
}

/**
 * The one account picker: the only account, else a question on a terminal, else a usage error
 * listing the accounts so the user can pass one.
 */
export async function pickAccount(accounts: Account[], o: { canPrompt: boolean; prompter: () => Promise<Prompter>; words: AccountPickWords }): Promise<Account> {
  if (accounts.length === 1) return accounts[0] as Account;
  if (accounts.length === 0) throw o.words.none;
  const listed = accounts.map((a) => `${a.name}  ${a.id}`);
  if (o.canPrompt) {
    const prompter = await o.prompter();
    const id = await prompter.select({ message: o.words.question, choices: accounts.map((a, i) => ({ name: escapeControl(listed[i] as string), value: a.id })) });
    return accounts.find((a) => a.id === id) as Account;
  }
  throw new UsageError(o.words.several(accounts.length), [], listed);
}
