import { Command, CommanderError } from 'commander';
import { Context, type Deps, type RunCommand } from './context';
import { CliError, Cancelled, UsageError } from './errors';
import { argvAsksJson, outputFormat, type OutputFormat } from './output/format';
import { Output } from './output/stdout';
import { Messages } from './output/messages';
import { Results } from './output/results';
import { colorLevel, makeTheme, type ChalkCtor } from './output/theme';
import { environmentProblems, parseGlobalOptions, type RawGlobalOptions } from './commands/options';
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

/** Where commander writes, and how it reports an error held back for --json. */
interface Io {
  runtime: Runtime;
  /** commander's error text for a run with --json, held back to be written as JSON. */
  held?: string;
}

/** Settings every command needs; commander only copies them to commands made with .command(). */
function commanderSettings(cmd: Command, io: Io): Command {
  // `--token=<secret>` would be echoed whole in "unknown option": name the option, never its value.
  // (commander's own hook for the message; not in its typings, and covered by a test.)
  const hooks = cmd as unknown as { unknownOption(flag: string): void };
  const unknownOption = hooks.unknownOption.bind(cmd);
  hooks.unknownOption = (flag) => unknownOption(flag.replace(/=.*$/s, '=…'));
  const { runtime } = io;
  cmd
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (s) => runtime.stdout.write(s),
      writeErr: (s) => runtime.stderr.write(s),
      // With --json, commander's own errors become the JSON error object (see exitCodeFor).
      outputError: (s, write) => {
        if (argvAsksJson(runtime.argv)) io.held = s;
        else write(s);
      },
      getOutHelpWidth: () => Math.min(runtime.stdout.columns ?? 80, 100),
      getErrHelpWidth: () => Math.min(runtime.stderr.columns ?? 80, 100),
    });
  return cmd;
}

/** What the parsed arguments asked for: the command's run, and the options it was given. */
interface Invocation {
  run: RunCommand;
  options: RawGlobalOptions;
}

/**
 * The command tree. Actions only record what to run: the Context is built after parsing, once the
 * options are known.
 */
function buildProgram(io: Io, parsed: { invocation?: Invocation }): Command {
  const program = commanderSettings(new Command('vpcsvc'), io)
    .description('Create and manage Cloudflare Workers VPC services')
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .addHelpText('after', ROOT_HELP_AFTER);
  let options: RawGlobalOptions = {};
  const record = (run: RunCommand) => {
    parsed.invocation = { run, options };
  };
  const commands = [defineCreate, defineList, defineGet, defineUpdate, defineDelete, defineApply, defineExport, defineDoctor, defineSchema, defineAuth, defineCompletion].map((define) => define(record));
  const settingsTree = (c: Command) => {
    commanderSettings(c, io).helpOption('-h, --help', 'show help');
    c.commands.forEach(settingsTree);
  };
  for (const c of commands) {
    settingsTree(c);
    program.addCommand(c);
  }
  program.hook('preAction', (_this, action) => {
    options = action.optsWithGlobals() as RawGlobalOptions;
  });
  return program;
}

/** stdout and stderr writers for the global options; before they are parsed, the defaults. */
function streams(runtime: Runtime, chalk: ChalkCtor | undefined, raw: RawGlobalOptions) {
  const { stdout, stderr } = runtime;
  const noColor = raw.color === false;
  const json = raw.json === true || raw.ndjson === true;
  const debug = raw.debug === true;
  return {
    out: new Output(stdout, makeTheme(colorLevel(runtime.env, stdout.isTTY === true, noColor), chalk)),
    msg: new Messages(stderr, makeTheme(colorLevel(runtime.env, stderr.isTTY === true, noColor), chalk), { json: () => json, debug: () => debug }),
  };
}

/** Runs one invocation and returns the exit code; the only place that decides it. */
export async function main(runtime: Runtime, deps: Partial<Deps> = {}): Promise<number> {
  // chalk loads only when something may be coloured: a terminal, or FORCE_COLOR.
  const mayColor = runtime.stdout.isTTY === true || runtime.stderr.isTTY === true || runtime.env.FORCE_COLOR !== undefined;
  const chalk = mayColor ? (await import('chalk')).Chalk : undefined;
  const io: Io = { runtime };
  let msg = streams(runtime, chalk, {}).msg;
  try {
    const parsed: { invocation?: Invocation } = {};
    const program = buildProgram(io, parsed);
    if (runtime.argv.length === 0) {
      // Bare `vpcsvc` is a request for orientation, not a mistake.
      program.outputHelp();
      return 0;
    }
    await program.parseAsync(runtime.argv, { from: 'user' });
    const { invocation } = parsed;
    if (!invocation) return 0;
    const { out, msg: messages } = streams(runtime, chalk, invocation.options);
    msg = messages;
    // Decided once for every command, before anything is read or sent.
    const options = parseGlobalOptions(invocation.options);
    const problems = [...options.problems];
    let format: OutputFormat = 'table';
    try {
      format = outputFormat(invocation.options);
    } catch (e) {
      // Stryker disable next-line ConditionalExpression: equivalent; outputFormat throws nothing else, and a bug should still surface
      if (!(e instanceof UsageError)) throw e;
      problems.unshift(e.message);
    }
    if (problems.length > 0) {
      problems.push(...environmentProblems(runtime.env, invocation.options));
      const { withOwnProblems } = await import('./own-problems');
      throw await withOwnProblems(problems, invocation.run, runtime, (muted) => {
        const probe = streams(muted, undefined, {});
        return new Context({ runtime: muted, deps, options, format, out: probe.out, msg: probe.msg, results: new Results(probe.out, probe.msg, format), probe: true });
      });
    }
    const ctx = new Context({ runtime, deps, options, format, out, msg, results: new Results(out, msg, format) });
    await invocation.run(ctx);
    return 0;
  } catch (e) {
    return exitCodeFor(runtime, e, io.held === undefined ? msg : streams(runtime, chalk, { json: true }).msg, io.held);
  }
}

function exitCodeFor(runtime: Runtime, e: unknown, msg: Messages, held: string | undefined): number {
  if (e instanceof CommanderError) {
    // commander has already printed its message (or the help) through configureOutput, unless
    // --json held it back to be written as the JSON error object.
    // Help asked for (`--help`, `help <command>`) and --version exit 0; anything else is usage.
    if (held !== undefined && e.exitCode !== 0) {
      const [first = '', ...hints] = held.trimEnd().split('\n');
      msg.error(new UsageError(first.replace(/^error: /, ''), [], hints));
    }
    return e.exitCode === 0 ? 0 : 2;
  }
  if (runtime.signal.aborted && !(e instanceof CliError && e.exitCode !== 130)) {
    msg.error(e instanceof Cancelled ? e : new Cancelled('cancelled'));
    return 130;
  }
  msg.error(e);
  return e instanceof CliError ? e.exitCode : 1;
}
