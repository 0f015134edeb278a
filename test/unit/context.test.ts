import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { Context } from '../../src/context';
import { parseGlobalOptions } from '../../src/commands/options';
import { Messages } from '../../src/output/messages';
import { Results } from '../../src/output/results';
import { Output } from '../../src/output/stdout';
import { makeTheme } from '../../src/output/theme';
import type { Runtime } from '../../src/runtime';

function context(raw: Parameters<typeof parseGlobalOptions>[0] = {}, env: Record<string, string> = {}): Context {
  const runtime: Runtime = {
    argv: [],
    env,
    stdin: Object.assign(new PassThrough(), { isTTY: true }),
    stdout: new PassThrough(),
    stderr: Object.assign(new PassThrough(), { isTTY: true }),
    cwd: '/',
    signal: new AbortController().signal,
  };
  const out = new Output(runtime.stdout, makeTheme(0));
  const msg = new Messages(runtime.stderr, makeTheme(0), { json: () => false, debug: () => false });
  return new Context({ runtime, deps: {}, options: parseGlobalOptions(raw), format: 'table', out, msg, results: new Results(out, msg, 'table') });
}

describe('Context', () => {
  it('is built once and cannot be changed', () => {
    const ctx = context({ account: 'a'.repeat(32) });
    expect(Object.isFrozen(ctx)).toBe(true);
    expect(Object.isFrozen(ctx.options)).toBe(true);
    expect(Object.isFrozen(ctx.deps)).toBe(true);
    expect(() => {
      (ctx as unknown as { format: string }).format = 'json';
    }).toThrow(TypeError);
    expect('configure' in ctx).toBe(false);
  });

  it('gives the parsed --timeout and --retries', () => {
    expect(context({ timeout: '2.5', retries: '0' }).requestLimits()).toEqual({ timeoutMs: 2500, maxRetries: 0, retriesGiven: true });
    expect(context().requestLimits()).toEqual({ timeoutMs: 30_000, maxRetries: 4, retriesGiven: false });
  });

  it('may prompt on a terminal unless --no-input or CI says otherwise', () => {
    expect(context().canPrompt).toBe(true);
    expect(context({ input: false }).canPrompt).toBe(false);
    expect(context({}, { CI: 'true' }).canPrompt).toBe(false);
    expect(context({}, { CI: '0' }).canPrompt).toBe(true);
  });
});
