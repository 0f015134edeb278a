import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { main } from '../../src/cli';
import type { Deps } from '../../src/context';
import type { Prompter } from '../../src/prompts/prompter';
import { cliEnv, tempDir, type CliResult, type RunOptions } from './run-cli';
import type { FakeCloudflare } from './fake-api';

/** A stream that keeps what is written, and says whether it is a terminal. */
class Capture extends Writable {
  text = '';
  constructor(
    readonly isTTY: boolean,
    readonly columns = 80,
  ) {
    super();
  }
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: () => void) {
    this.text += String(chunk);
    done();
  }
}

export interface InProcessOptions extends RunOptions {
  /** Pretend stdout / stderr / stdin are terminals. */
  tty?: { stdout?: boolean; stderr?: boolean; stdin?: boolean };
  columns?: number;
  prompter?: Prompter;
  /** Aborted as Ctrl-C would be. */
  signal?: AbortSignal;
  /**
   * Called with each requested sleep before the virtual clock moves past it: a test can hold one
   * request's backoff until others have run (the clock only moves when a sleep ends).
   */
  holdSleep?: (ms: number, sleeps: readonly number[]) => Promise<void>;
  /** Run the fake's rate limiter on the same virtual clock as the client. */
  shareClock?: boolean;
  /** Reach the fake through a real loopback socket instead of calling its handler directly. */
  socket?: boolean;
}

export interface InProcessResult extends CliResult {
  /** Every backoff the client asked for, in ms: the clock is instant, so nothing really waits. */
  sleeps: number[];
}

/**
 * Runs `main(runtime, deps)` in this process against the fake API, with an instant clock and a
 * scripted prompter: command tests see exit code, stdout, stderr and the fake's recorded requests
 * without spawning the binary or sleeping through backoff.
 */
export async function runInProcess(args: string[], fake?: FakeCloudflare, o: InProcessOptions = {}): Promise<InProcessResult> {
  const stdout = new Capture(o.tty?.stdout ?? false, o.columns);
  const stderr = new Capture(o.tty?.stderr ?? false, o.columns);
  const stdin = Object.assign(Readable.from(o.input === undefined ? [] : [o.input]), { isTTY: o.tty?.stdin ?? false });
  const sleeps: number[] = [];
  let clock = Date.parse('2026-01-01T00:00:00Z');
  const deps: Partial<Deps> = {
    now: () => clock,
    random: () => 0.5,
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw new Error('aborted');
      sleeps.push(ms);
      const wake = clock + ms;
      if (o.holdSleep) await o.holdSleep(ms, sleeps);
      clock = Math.max(clock, wake);
    },
  };
  if (fake && o.shareClock) fake.now = () => clock;
  if (fake && !o.socket) {
    // Straight into the fake's handler: no socket, and its delays run on this clock.
    fake.clock = { now: () => clock, advance: (ms) => (clock += ms) };
    deps.transport = fake.transport;
  }
  if (o.prompter) deps.prompter = o.prompter;
  const exitCode = await main(
    { argv: args, env: cliEnv(fake, o), stdin, stdout, stderr, cwd: o.cwd ?? process.cwd(), signal: o.signal ?? new AbortController().signal },
    deps,
  );
  return { exitCode, stdout: stdout.text, stderr: stderr.text, sleeps };
}

/** A prompter that answers from a script, in order, and fails the test on an unexpected question. */
export function scriptedPrompter(answers: (string | boolean)[]): Prompter & { asked: string[] } {
  const queue = [...answers];
  const asked: string[] = [];
  const next = (message: string) => {
    asked.push(message);
    if (queue.length === 0) throw new Error(`unexpected prompt: ${message}`);
    return queue.shift() as string | boolean;
  };
  return {
    asked,
    input: async (q) => {
      const a = String(next(q.message));
      const v = q.validate?.(a);
      if (v !== undefined && v !== true) throw new Error(`scripted answer ${JSON.stringify(a)} refused: ${v}`);
      return a;
    },
    select: async (q) => next(q.message) as never,
    confirm: async (q) => Boolean(next(q.message)),
    password: async (q) => String(next(q.message)),
  };
}

/** A fresh folder holding the given files, for commands that read or write files by name. */
export function tempDirWith(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
