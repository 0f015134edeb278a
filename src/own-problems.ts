import { Writable } from 'node:stream';
import type { Context, RunCommand } from './context';
import { alongWith, UsageError } from './errors';
import type { Runtime } from './runtime';

/**
 * The run is refused for its global options; the command's own problems (its flags, its input)
 * are said in the same run, found by running it as a probe (`probe(muted)` makes the probe
 * Context): its output muted and stopped where it would read configuration, send or ask
 * (context.ts). Its own problems come first.
 */
export async function withOwnProblems(problems: string[], run: RunCommand, runtime: Runtime, probe: (muted: Runtime) => Context): Promise<UsageError> {
  try {
    await run(probe(mutedRuntime(runtime)));
  } catch (e) {
    if (e instanceof UsageError) return alongWith(e, problems) as UsageError;
  }
  return new UsageError(problems[0] as string, problems);
}

/** The runtime with stdout and stderr writing nowhere, looking as the real ones do (a terminal or not), so the command takes the same turns. */
export function mutedRuntime(runtime: Runtime): Runtime {
  const nowhere = (like: Runtime['stdout']) => Object.assign(new Writable({ write: (_chunk, _encoding, done) => done() }), { isTTY: like.isTTY });
  return { ...runtime, stdout: nowhere(runtime.stdout), stderr: nowhere(runtime.stderr) } as Runtime;
}
