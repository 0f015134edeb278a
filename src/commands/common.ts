import { Option, type Command } from 'commander';

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
