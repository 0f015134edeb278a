import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Context } from '../../src/context';
import { ProbeStop } from '../../src/context';
import { UsageError } from '../../src/errors';
import { mutedRuntime, withOwnProblems } from '../../src/own-problems';
import type { Runtime } from '../../src/runtime';

const runtime = (tty: boolean): Runtime => ({
  argv: [],
  env: {},
  stdin: new PassThrough(),
  stdout: Object.assign(new PassThrough(), { isTTY: tty }),
  stderr: Object.assign(new PassThrough(), { isTTY: tty }),
  cwd: '/',
  signal: new AbortController().signal,
});
const GLOBAL = ['--timeout: bad', '--retries: bad'];
const probe = (seen: Runtime[]) => (muted: Runtime) => {
  seen.push(muted);
  return { probe: true } as unknown as Context;
};

describe('withOwnProblems', () => {
  it("the command's own problems first, then the global ones, with the command's hints; a line said twice once", async () => {
    const e = await withOwnProblems(GLOBAL, async () => {
      throw new UsageError('--port: bad', ['--port: bad', '--retries: bad'], ['see help']);
    }, runtime(false), probe([]));
    expect([e.message, e.problems, e.hints]).toEqual(['--port: bad', ['--port: bad', '--retries: bad', '--timeout: bad'], ['see help']]);
  });

  it('a usage error without a list counts as its one line', async () => {
    const e = await withOwnProblems(GLOBAL, async () => {
      throw new UsageError('--binding: bad');
    }, runtime(false), probe([]));
    expect(e.problems).toEqual(['--binding: bad', ...GLOBAL]);
  });

  it.each<[string, () => Promise<void>]>([
    ['stopped where it would read, send or ask', async () => {
      throw new ProbeStop();
    }],
    ['failed otherwise', async () => {
      throw new Error('boom');
    }],
    ['done without a problem', async () => {}],
  ])('a command %s: the global problems alone', async (_, run) => {
    const e = await withOwnProblems(GLOBAL, run, runtime(false), probe([]));
    expect([e, e.message, e.problems, e.hints]).toEqual([expect.any(UsageError), GLOBAL[0], GLOBAL, []]);
  });

  it('the command runs on the muted runtime', async () => {
    const seen: Runtime[] = [];
    const real = runtime(true);
    let given: unknown;
    await withOwnProblems(GLOBAL, async (ctx) => {
      given = ctx;
    }, real, probe(seen));
    expect(given).toEqual({ probe: true });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.stdout).not.toBe(real.stdout);
    expect([seen[0]!.stdin, seen[0]!.cwd]).toEqual([real.stdin, real.cwd]);
  });
});

describe('mutedRuntime', () => {
  it.each([true, false])('writes nowhere, and looks like the real streams (a terminal: %s)', async (tty) => {
    const real = runtime(tty);
    let written = '';
    real.stdout.on('data', (c) => (written += String(c)));
    real.stderr.on('data', (c) => (written += String(c)));
    const muted = mutedRuntime(real);
    await new Promise<void>((resolve) => muted.stdout.write('out', () => resolve()));
    await new Promise<void>((resolve) => muted.stderr.write('err', () => resolve()));
    expect([written, muted.stdout.isTTY, muted.stderr.isTTY, muted.argv, muted.signal]).toEqual(['', tty, tty, real.argv, real.signal]);
  });
});
