import { describe, expect, it } from 'vitest';
import { pickAccount, type AccountPickWords } from '../../../src/credentials/account';
import { AuthError, UsageError } from '../../../src/errors';
import type { Prompter } from '../../../src/prompts/prompter';

const A = { id: 'a'.repeat(32), name: 'Alpha' };
const B = { id: 'b'.repeat(32), name: 'Beta\u001b[31m' };

const words: AccountPickWords = {
  question: 'Which one?',
  none: new AuthError('none at all'),
  several: (n) => `${n} accounts; pass --account`,
};

/** A prompter that records the one select it is asked and answers with the last choice. */
function recording() {
  const asked: { message: string; choices: { name: string; value: string }[] }[] = [];
  const prompter = {
    select: async (q: { message: string; choices: { name: string; value: string }[] }) => {
      asked.push(q);
      return q.choices[q.choices.length - 1]!.value;
    },
  } as unknown as Prompter;
  return { asked, prompter: async () => prompter };
}

describe('pickAccount, the one account picker', () => {
  it('takes the only account without asking', async () => {
    const r = recording();
    expect(await pickAccount([A], { canPrompt: true, prompter: r.prompter, words })).toEqual(A);
    expect(r.asked).toEqual([]);
  });

  it('throws the caller\'s error when there is no account', async () => {
    await expect(pickAccount([], { canPrompt: true, prompter: recording().prompter, words })).rejects.toBe(words.none);
  });

  it('asks on a terminal, with control characters in names escaped, and returns the account chosen', async () => {
    const r = recording();
    expect(await pickAccount([A, B], { canPrompt: true, prompter: r.prompter, words })).toEqual(B);
    expect(r.asked).toEqual([{ message: 'Which one?', choices: [{ name: `Alpha  ${A.id}`, value: A.id }, { name: `Beta\\x1b[31m  ${B.id}`, value: B.id }] }]);
  });

  it('without a terminal, is a usage error listing every account', async () => {
    const e = await pickAccount([A, B], { canPrompt: false, prompter: recording().prompter, words }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(UsageError);
    const u = e as UsageError;
    expect({ message: u.message, problems: u.problems, hints: u.hints }).toEqual({
      message: '2 accounts; pass --account',
      problems: [],
      hints: [`Alpha  ${A.id}`, `Beta\u001b[31m  ${B.id}`],
    });
  });
});
