import { Command, CommanderError } from 'commander';
import { Context, type Deps, type GlobalOptions } from './context';
import { CliError, Cancelled, UsageError } from './errors';
import { argvAsksJson, outputFormat } from './output/format';
import type { Runtime } from './runtime';
import { VERSION } from './version';
import { defineCreate } from './commands/create';
import { defineAuth } from './commands/auth';
import { defineList } from './commands/list';
import { defineGet } from './commands/get';
import { defineUpdate } from './commands/update';
import { defineDelete } from './commands/delete';
import { defineApply } from './commands/apply';
import { defineExport } from './commands/export';
import { defineCompletion } from './commands/completion';
import { defineSchema } from './commands/schema';
import { defineDoctor } from './commands/doctor';

const ROOT_HELP_AFTER = `
Exit codes:
  0    success (also --help, --version, --dry-run)
  1    API or network failure after retries; not found
  2    usage or invalid input: nothing was sent
  3    a batch partly failed (each item's outcome is printed)
  4    authentication or permission: no credentials, 401, 403
  130  cancelled

Environment:
  CLOUDFLARE_API_TOKEN                    API token (preferred)
  CLOUDFLARE_API_KEY, CLOUDFLARE_EMAIL    global API key and its email
  CLOUDFLARE_ACCOUNT_ID                   account id (32 hex characters)
  CLOUDFLARE_API_BASE_URL                 API base (also CLOUDFLARE_BASE_URL)
  VPCSVC_PROFILE, VPCSVC_CONFIG_DIR       stored profile, and where profiles live
  NO_COLOR, FORCE_COLOR                   colour off / on
  CI                                      set: never prompt
`;

/** commander's error text for a run with --json, held back to be written as JSON. */
const commanderMessages = new WeakMap<Context, string>();

/** Settings every command needs; commander only copies them to commands made with .command(). */
function configure(cmd: Command, ctx: Context): Command {
  // `--token=<secret>` would be echoed whole in "unknown option": name the option, never its value.
  // (commander's own hook for the message; not in its typings, and covered by a test.)
  const hooks = cmd as unknown as { unknownOption(flag: string): void };
  const unknownOption = hooks.unknownOption.bind(cmd);
  hooks.unknownOption = (flag) => unknownOption(flag.replace(/=.*$/s, '=…'));
  cmd
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (s) => ctx.runtime.stdout.write(s),
      writeErr: (s) => ctx.runtime.stderr.write(s),
      // With --json, commander's own errors become the JSON error object (see exitCodeFor).
      outputError: (s, write) => {
        if (argvAsksJson(ctx.runtime.argv)) commanderMessages.set(ctx, s);
        else write(s);
      },
      getOutHelpWidth: () => Math.min(ctx.runtime.stdout.columns ?? 80, 100),
      getErrHelpWidth: () => Math.min(ctx.runtime.stderr.columns ?? 80, 100),
    });
  return cmd;
}

export function buildProgram(ctx: Context): Command {
  const program = configure(new Command('vpcsvc'), ctx)
    .description('Create and manage Cloudflare Workers VPC services')
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .addHelpText('after', ROOT_HELP_AFTER);
  const commands = [defineCreate(ctx), defineList(ctx), defineGet(ctx), defineUpdate(ctx), defineDelete(ctx), defineApply(ctx), defineExport(ctx), defineDoctor(ctx), defineSchema(ctx), defineAuth(ctx), defineCompletion(ctx)];
  const configureTree = (c: Command) => {
    configure(c, ctx).helpOption('-h, --help', 'show help');
    c.commands.forEach(configureTree);
  };
  for (const c of commands) {
    configureTree(c);
    program.addCommand(c);
  }
  program.hook('preAction', (_this, action) => {
    ctx.configure(action.optsWithGlobals() as GlobalOptions);
    // Decided once for every command, before anything is read or sent.
    outputFormat(ctx.opts);
  });
  return program;
}

/** Runs one invocation and returns the exit code; the only place that decides it. */
export async function main(runtime: Runtime, deps: Partial<Deps> = {}): Promise<number> {
  // chalk loads only when something may be coloured: a terminal, or FORCE_COLOR.
  const mayColor = runtime.stdout.isTTY === true || runtime.stderr.isTTY === true || runtime.env.FORCE_COLOR !== undefined;
  const chalk = mayColor ? (await import('chalk')).Chalk : undefined;
  const ctx = new Context(runtime, deps, chalk);
  try {
    const program = buildProgram(ctx);
    if (runtime.argv.length === 0) {
      // Bare `vpcsvc` is a request for orientation, not a mistake.
      program.outputHelp();
      return 0;
    }
    await program.parseAsync(runtime.argv, { from: 'user' });
    return 0;
  } catch (e) {
    return exitCodeFor(ctx, e);
  }
}

function exitCodeFor(ctx: Context, e: unknown): number {
  if (e instanceof CommanderError) {
    // commander has already printed its message (or the help) through configureOutput, unless
    // --json held it back to be written as the JSON error object.
    // Help asked for (`--help`, `help <command>`) and --version exit 0; anything else is usage.
    const held = commanderMessages.get(ctx);
    if (held !== undefined && e.exitCode !== 0) {
      const [first = '', ...hints] = held.trimEnd().split('\n');
      ctx.opts = { ...ctx.opts, json: true };
      ctx.msg.error(new UsageError(first.replace(/^error: /, ''), [], hints));
    }
    return e.exitCode === 0 ? 0 : 2;
  }
  if (runtimeAborted(ctx) && !(e instanceof CliError && e.exitCode !== 130)) {
    ctx.msg.error(e instanceof Cancelled ? e : new Cancelled('cancelled'));
    return 130;
  }
  ctx.msg.error(e);
  return e instanceof CliError ? e.exitCode : 1;
}

const runtimeAborted = (ctx: Context) => ctx.runtime.signal.aborted;
