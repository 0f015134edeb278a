import { Option, type Command } from 'commander';
import type { GlobalOptions } from '../context';
import { UsageError } from '../errors';
import { RESERVED_PROFILE_NAMES } from '../credentials/profile-names';
import { accountIdProblem, isAccountId } from '../service/account-id';

/** The global and output options as commander hands them over: strings and switches. */
export interface RawGlobalOptions {
  account?: string;
  profile?: string;
  timeout?: string;
  retries?: string;
  debug?: boolean;
  color?: boolean;
  input?: boolean;
  json?: boolean;
  ndjson?: boolean;
  quiet?: boolean;
}

/** Options every command takes, grouped last in its help. */
export function addGlobalOptions(cmd: Command): Command {
  const g = 'Global options:';
  for (const o of [
    new Option('--account <id>', 'account id (32 hex characters); else CLOUDFLARE_ACCOUNT_ID or the profile'),
    new Option('--profile <name>', 'stored profile to use (default: VPCSVC_PROFILE or "default")'),
    new Option('--timeout <seconds>', 'per-request timeout (default 30)'),
    new Option('--retries <n>', 'retries of a failed request (default 4)'),
    new Option('--no-input', 'never prompt, even on a terminal'),
    new Option('--no-color', 'no colour in output'),
    new Option('--debug', 'trace requests (secrets masked) and show stack traces'),
  ]) {
    cmd.addOption(o.helpGroup(g));
  }
  return cmd;
}

/** --json / -q for commands that print services. */
export function addOutputOptions(cmd: Command, opts: { ndjson?: boolean } = {}): Command {
  const g = 'Output:';
  cmd.addOption(new Option('--json', 'print the API result as JSON').helpGroup(g));
  if (opts.ndjson) cmd.addOption(new Option('--ndjson', 'print one compact JSON object per line').helpGroup(g));
  cmd.addOption(new Option('-q, --quiet', 'print only service ids').helpGroup(g));
  return cmd;
}

export function examples(lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  ${l}`).join('\n')}\n`;
}

/**
 * The global options, parsed once for the Context. Every malformed one is a problem, all of them
 * collected (cli.ts refuses the run with them before anything is read or sent).
 */
export function parseGlobalOptions(raw: RawGlobalOptions): GlobalOptions {
  const problems: string[] = [];
  const collect = <T>(parse: () => T, fallback: T): T => {
    try {
      return parse();
    } catch (e) {
      // Stryker disable next-line ConditionalExpression: equivalent; the parsers throw nothing else, and a bug should still surface
      if (!(e instanceof UsageError)) throw e;
      problems.push(e.message);
      return fallback;
    }
  };
  const limits = { timeoutMs: collect(() => parseTimeout(raw.timeout), 30_000), maxRetries: collect(() => parseRetries(raw.retries), 4), retriesGiven: raw.retries !== undefined };
  // `--profile "$P"` with P unset must not quietly become the default profile.
  const profile = raw.profile?.trim();
  if (profile === '') problems.push('--profile: must name a profile (got "")');
  else if (RESERVED_PROFILE_NAMES.has(profile ?? '')) problems.push(reserved('--profile', profile as string));
  const account = raw.account?.trim();
  if (account && !isAccountId(account)) problems.push(accountIdProblem('--account', account));
  return { account: raw.account, profile: raw.profile, debug: raw.debug === true, input: raw.input !== false, limits, problems };
}

const reserved = (source: string, name: string) => `${source}: ${JSON.stringify(name)} is a reserved name; choose another profile name`;

/**
 * What the environment gives in place of --profile and --account, checked when the run is refused
 * for its options anyway, so that one report says everything. (Otherwise they are checked where
 * they are read: a command that reads no credentials does not mind them.)
 */
export function environmentProblems(env: Readonly<Record<string, string | undefined>>, raw: RawGlobalOptions): string[] {
  const problems: string[] = [];
  const profile = env.VPCSVC_PROFILE?.trim();
  if (raw.profile === undefined && profile && RESERVED_PROFILE_NAMES.has(profile)) problems.push(reserved('VPCSVC_PROFILE', profile));
  const account = env.CLOUDFLARE_ACCOUNT_ID?.trim();
  if (!raw.account?.trim() && account && !isAccountId(account)) problems.push(accountIdProblem('CLOUDFLARE_ACCOUNT_ID', account));
  return problems;
}

function parseTimeout(raw: string | undefined): number {
  if (raw === undefined) return 30_000;
  const n = Number(raw);
  if (!/^\s*\d+(\.\d+)?\s*$/.test(raw) || !(n >= 0.1) || n > 3600) {
    throw new UsageError(`--timeout: must be a number of seconds from 0.1 to 3600 (got ${JSON.stringify(raw)})`);
  }
  return Math.round(n * 1000);
}

function parseRetries(raw: string | undefined): number {
  if (raw === undefined) return 4;
  if (!/^\s*\d+\s*$/.test(raw) || Number(raw) > 10) throw new UsageError(`--retries: must be an integer from 0 to 10 (got ${JSON.stringify(raw)})`);
  return Number(raw);
}

/** --concurrency: how many requests a batch keeps in flight (default 4). */
export function parseConcurrency(raw: string | undefined): number {
  if (raw === undefined) return 4;
  if (!/^\s*\d+\s*$/.test(raw) || Number(raw) < 1 || Number(raw) > 32) {
    throw new UsageError(`--concurrency: must be an integer from 1 to 32 (got ${JSON.stringify(raw)})`);
  }
  return Number(raw);
}
