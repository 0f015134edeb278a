import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Context, ProbeStop, realSleep, type Deps } from '../../src/context';
import { parseGlobalOptions, type RawGlobalOptions } from '../../src/commands/options';
import { AuthError, UsageError } from '../../src/errors';
import { Messages } from '../../src/output/messages';
import { Results } from '../../src/output/results';
import { Output } from '../../src/output/stdout';
import { makeTheme } from '../../src/output/theme';
import type { Runtime } from '../../src/runtime';
import type { TransportRequest } from '../../src/api/transport';
import { VERSION } from '../../src/version';
import { tempDir } from '../support/run-cli';

const TOKEN = 'test-token-0123456789abcdefWXYZ';
const ACCOUNT = '023e105f4ecef8ad9ca31a8372d0c353';

interface Made {
  ctx: Context;
  stderr: () => string;
}

function make(o: { raw?: RawGlobalOptions; env?: Record<string, string>; tty?: { stdin?: boolean; stderr?: boolean }; deps?: Partial<Deps>; debug?: boolean; probe?: boolean } = {}): Made {
  let err = '';
  const stderr = Object.assign(new PassThrough(), { isTTY: o.tty?.stderr ?? true });
  stderr.on('data', (c) => (err += String(c)));
  const runtime: Runtime = {
    argv: [],
    env: { VPCSVC_CONFIG_DIR: join(tempDir(), 'config'), ...o.env },
    stdin: Object.assign(new PassThrough(), { isTTY: o.tty?.stdin ?? true }),
    stdout: new PassThrough(),
    stderr,
    cwd: '/',
    signal: new AbortController().signal,
  };
  const out = new Output(runtime.stdout, makeTheme(0));
  const msg = new Messages(runtime.stderr, makeTheme(0), { json: () => false, debug: () => o.debug === true });
  const ctx = new Context({ runtime, deps: o.deps ?? {}, options: parseGlobalOptions(o.raw ?? {}), format: 'table', out, msg, results: new Results(out, msg, 'table'), probe: o.probe });
  return { ctx, stderr: () => err };
}
const flush = () => new Promise((r) => setImmediate(r));

afterEach(() => {
  vi.useRealTimers();
});

describe('realSleep', () => {
  it('waits the given time', async () => {
    vi.useFakeTimers();
    let done = false;
    const p = realSleep(1000).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await p;
    expect(done).toBe(true);
  });

  it('an aborted signal rejects at once; an abort while waiting rejects and clears the timer', async () => {
    vi.useFakeTimers();
    const ac = new AbortController();
    ac.abort();
    await expect(realSleep(10, ac.signal)).rejects.toThrow('aborted');
    const later = new AbortController();
    const p = realSleep(10_000, later.signal);
    expect(vi.getTimerCount()).toBe(1);
    later.abort();
    await expect(p).rejects.toThrow('aborted');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stops listening to the signal once it has waited', async () => {
    vi.useFakeTimers();
    const ac = new AbortController();
    const remove = vi.spyOn(ac.signal, 'removeEventListener');
    const add = vi.spyOn(ac.signal, 'addEventListener');
    const p = realSleep(5, ac.signal);
    expect(add).toHaveBeenCalledWith('abort', expect.any(Function), { once: true });
    await vi.advanceTimersByTimeAsync(5);
    await p;
    expect(remove).toHaveBeenCalledWith('abort', add.mock.calls[0]![1]);
  });
});

describe('Context', () => {
  it('without deps uses the real clock, randomness and sleep', () => {
    const { ctx } = make();
    expect(ctx.deps.now).toBe(Date.now);
    expect(ctx.deps.random).toBe(Math.random);
    expect(ctx.deps.sleep).toBe(realSleep);
    expect(typeof ctx.deps.transport).toBe('function');
    expect(ctx.deps.prompter).toBeUndefined();
    expect(ctx.version).toBe(VERSION);
    expect(ctx.signal).toBe(ctx.runtime.signal);
  });

  it('keeps the deps it is given', () => {
    const deps: Deps = { transport: async () => ({ status: 200, headers: {}, body: '' }), now: () => 1, random: () => 0.5, sleep: async () => {}, prompter: {} as never };
    const { ctx } = make({ deps });
    expect(ctx.deps).toEqual(deps);
    expect(ctx.deps.transport).toBe(deps.transport);
  });

  it.each([
    [{ stdin: true, stderr: true }, true],
    [{ stdin: true, stderr: false }, false],
    [{ stdin: false, stderr: true }, false],
  ])('prompts only when stdin and stderr are terminals (%j)', (tty, may) => {
    expect(make({ tty }).ctx.canPrompt).toBe(may);
    expect(make({ tty, raw: { input: false } }).ctx.canPrompt).toBe(false);
  });

  it.each([
    ['', true],
    ['false', true],
    ['0', true],
    ['1', false],
    ['true', false],
  ])('CI=%j: may prompt is %s', (ci, may) => {
    expect(make({ env: { CI: ci } }).ctx.canPrompt).toBe(may);
  });

  it('the profile: --profile, else VPCSVC_PROFILE, else "default"; blanks do not count', () => {
    expect(make().ctx.profileName).toBe('default');
    expect(make({ env: { VPCSVC_PROFILE: ' env ' } }).ctx.profileName).toBe('env');
    expect(make({ raw: { profile: ' flag ' }, env: { VPCSVC_PROFILE: 'env' } }).ctx.profileName).toBe('flag');
    expect(make({ raw: { profile: '  ' }, env: { VPCSVC_PROFILE: 'env' } }).ctx.profileName).toBe('env');
    expect(make({ raw: { profile: '' }, env: { VPCSVC_PROFILE: ' ' } }).ctx.profileName).toBe('default');
  });

  it.each(['__proto__', 'constructor', 'prototype'])('the reserved profile name %s is refused, naming where it came from', (name) => {
    expect(() => make({ raw: { profile: name } }).ctx.profileName).toThrow(new UsageError(`--profile: ${JSON.stringify(name)} is a reserved name; choose another profile name`));
    expect(() => make({ env: { VPCSVC_PROFILE: name } }).ctx.profileName).toThrow(new UsageError(`VPCSVC_PROFILE: ${JSON.stringify(name)} is a reserved name; choose another profile name`));
  });

  it('no credentials: exit 4 with the hint, and why a command needs them when it says', async () => {
    const hint = 'set CLOUDFLARE_API_TOKEN (or CLOUDFLARE_API_KEY and CLOUDFLARE_EMAIL), or run `vpcsvc auth login`';
    const bare = await make().ctx.credential().catch((e: unknown) => e);
    expect(bare).toEqual(new AuthError('no credentials', [hint]));
    expect((bare as AuthError).hints).toEqual([hint]);
    const why = await make().ctx.credential('x reads').catch((e: unknown) => e);
    expect(why).toEqual(new AuthError('no credentials: x reads, so it needs them', [hint]));
    expect(await make({ env: { CLOUDFLARE_API_TOKEN: TOKEN } }).ctx.credential()).toEqual({ kind: 'token', token: TOKEN });
  });

  it('the known account: none for missing or half credentials; a malformed one is an error', async () => {
    expect(await make().ctx.knownAccount()).toBeUndefined();
    expect(await make({ env: { CLOUDFLARE_ACCOUNT_ID: ACCOUNT } }).ctx.knownAccount()).toBe(ACCOUNT);
    expect(await make({ env: { CLOUDFLARE_ACCOUNT_ID: ACCOUNT, CLOUDFLARE_API_KEY: 'k' } }).ctx.knownAccount()).toBeUndefined();
    await expect(make({ env: { CLOUDFLARE_ACCOUNT_ID: 'nope' } }).ctx.knownAccount()).rejects.toBeInstanceOf(UsageError);
  });

  it('the store is read only when the environment does not give both credential and account, or --profile is given', async () => {
    const env = { CLOUDFLARE_API_TOKEN: TOKEN, CLOUDFLARE_ACCOUNT_ID: ACCOUNT };
    const corrupt = (extra: Record<string, string> = {}) => {
      const dir = join(tempDir(), 'config');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'config.json'), '{ not json');
      return { ...extra, VPCSVC_CONFIG_DIR: dir };
    };
    // Both in the environment: a broken config file is never opened.
    expect((await make({ env: corrupt(env) }).ctx.resolved()).account?.id).toBe(ACCOUNT);
    await expect(make({ env: corrupt(env) }).ctx.resolved(true)).rejects.toThrow();
    await expect(make({ env: corrupt(env), raw: { profile: 'p' } }).ctx.resolved()).rejects.toThrow();
    await expect(make({ env: corrupt({ CLOUDFLARE_API_TOKEN: TOKEN }) }).ctx.resolved()).rejects.toThrow();
    await expect(make({ env: corrupt({ CLOUDFLARE_ACCOUNT_ID: ACCOUNT }) }).ctx.resolved()).rejects.toThrow();
  });

  it('a stored profile is read, and a failure is not kept: the next call tries again', async () => {
    const dir = join(tempDir(), 'config');
    const { ctx } = make({ env: { VPCSVC_CONFIG_DIR: dir } });
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'config.json'), '{ not json');
    await expect(ctx.resolved()).rejects.toThrow();
    const store = await ctx.store();
    expect(await ctx.store()).toBe(store);
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ profiles: { default: { token: TOKEN, account_id: ACCOUNT } } }));
    const r = await ctx.resolved();
    expect(r.credential?.value).toEqual({ kind: 'token', token: TOKEN });
    expect(r.account?.id).toBe(ACCOUNT);
    expect(await ctx.resolved()).toBe(r);
  });

  it('resolution warnings are printed once', async () => {
    const { ctx, stderr } = make({ env: { CLOUDFLARE_API_TOKEN: `Bearer ${TOKEN}`, CLOUDFLARE_ACCOUNT_ID: ACCOUNT } });
    await ctx.resolved();
    await ctx.resolved();
    await flush();
    expect(stderr()).toBe('warning: CLOUDFLARE_API_TOKEN starts with "Bearer "; using the token without it\n');
  });

  it('the HTTP client gets the limits, base URL, user agent, clock and trace', async () => {
    const seen: TransportRequest[] = [];
    const deps: Deps = {
      transport: async (req) => {
        seen.push(req);
        return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ success: true, errors: [], messages: [], result: [] }) };
      },
      now: () => 5,
      random: () => 0.25,
      sleep: async () => {},
    };
    const { ctx, stderr } = make({ raw: { timeout: '7', retries: '2', debug: true }, debug: true, env: { CLOUDFLARE_API_BASE_URL: 'http://127.0.0.1:9/base' }, deps });
    const http = await ctx.http({ kind: 'token', token: TOKEN });
    expect((http as unknown as { o: object }).o).toMatchObject({
      credential: { kind: 'token', token: TOKEN },
      transport: deps.transport,
      timeoutMs: 7000,
      userAgent: `vpcsvc/${VERSION}`,
      retry: { maxRetries: 2, retriesGiven: true },
      signal: ctx.signal,
      sleep: deps.sleep,
      now: deps.now,
      random: deps.random,
    });
    expect(String((http as unknown as { o: { baseUrl: URL } }).o.baseUrl)).toBe('http://127.0.0.1:9/base');
    const { z } = await import('zod/mini');
    await http.request({ method: 'GET', path: '/x', result: z.array(z.unknown()) });
    expect(seen.map((r) => [r.method, String(r.url), r.timeoutMs])).toEqual([['GET', 'http://127.0.0.1:9/base/x', 7000]]);
    await flush();
    expect(stderr()).toMatch(/^debug: > GET http:\/\/127\.0\.0\.1:9\/base\/x/);
    const quiet = make({ deps });
    expect((await quiet.ctx.http()) as unknown as { o: { trace?: unknown } }).toHaveProperty('o.trace', undefined);
  });

  it('a probe stops where configuration would be read, a request made or a question asked; nothing else', async () => {
    const dir = join(tempDir(), 'config');
    const prompter = { input: async () => '' } as never;
    const o = { env: { VPCSVC_CONFIG_DIR: dir, CLOUDFLARE_API_TOKEN: TOKEN }, deps: { prompter } };
    const probe = make({ ...o, probe: true }).ctx;
    for (const step of [() => probe.store(), () => probe.resolved(), () => probe.knownAccount(), () => probe.http(), () => probe.api(), () => probe.credential(), () => probe.prompter()]) {
      await expect(step()).rejects.toBeInstanceOf(ProbeStop);
    }
    expect([probe.canPrompt, probe.requestLimits().timeoutMs, probe.profileName]).toEqual([true, 30_000, 'default']);
    const real = make(o).ctx;
    expect((await real.resolved()).credential?.value).toEqual({ kind: 'token', token: TOKEN });
    expect(await real.prompter()).toBe(prompter);
    expect(existsSync(dir)).toBe(false);
  });

  it('the prompter: the one given, else one made once', async () => {
    const given = { input: async () => '' } as never;
    expect(await make({ deps: { prompter: given } }).ctx.prompter()).toBe(given);
    const { ctx } = make();
    const p = await ctx.prompter();
    expect(p.constructor.name).toBe('InquirerPrompter');
    expect(await ctx.prompter()).toBe(p);
  });

  it('the store warns through stderr, e.g. of a config folder others can read', async () => {
    const dir = join(tempDir(), 'config');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ profiles: { default: { token: TOKEN } } }), { mode: 0o600 });
    chmodSync(dir, 0o755);
    const { ctx, stderr } = make({ env: { VPCSVC_CONFIG_DIR: dir } });
    await ctx.resolved();
    await flush();
    expect(stderr()).toBe(`warning: ${dir} was readable by others (mode 755); set it to 700\n`);
  });

  it('without a transport it uses the real one (here: a closed loopback port is refused)', async () => {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as { port: number };
    await new Promise((r) => server.close(r));
    const { ctx } = make({ raw: { retries: '0' }, env: { CLOUDFLARE_API_BASE_URL: `http://127.0.0.1:${port}/client/v4` } });
    const http = await ctx.http({ kind: 'token', token: TOKEN });
    const { z } = await import('zod/mini');
    await expect(http.request({ method: 'GET', path: '/x', result: z.unknown() })).rejects.toThrow(/connection refused/);
  });
});
