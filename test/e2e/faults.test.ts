import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeCloudflare, TUNNEL, type FakeOptions } from '../support/fake-api';
import { BIN, cliEnv, runCli } from '../support/run-cli';

let fake: FakeCloudflare;
const start = async (o: FakeOptions = {}) => (fake = await FakeCloudflare.start(o));
afterEach(async () => {
  expect(fake.violations).toEqual([]);
  await fake.close();
});

const def = (name: string) => ({ name, type: 'tcp', host: { ipv4: '10.0.0.1', network: { tunnel_id: TUNNEL } }, tcp_port: 5432 });
const createArgs = ['create', 'db', '--type', 'tcp', '--ipv4', '10.0.0.1', '--tunnel', TUNNEL, '--tcp-port', '5432'];

describe('a create whose outcome is unknown is looked up, never duplicated', () => {
  it('the response is lost after the create happened: exactly one service, exit 0', async () => {
    await start();
    fake.faults = [{ method: 'POST', nth: 1, action: { reset: 'after' } }];
    const r = await runCli([...createArgs, '--json'], fake);
    expect(r.exitCode).toBe(0);
    expect(fake.list()).toHaveLength(1);
    expect(JSON.parse(r.stdout)).toStrictEqual(fake.list()[0]);
    expect(fake.sent('POST')).toHaveLength(1);
    expect(fake.sent('GET').length).toBeGreaterThanOrEqual(1);
  });

  it('the connection is reset before the create: looked up, sent again, one service', async () => {
    await start();
    fake.faults = [{ method: 'POST', nth: 1, action: { reset: 'before' } }];
    const r = await runCli([...createArgs, '-q'], fake);
    expect(r.exitCode).toBe(0);
    expect(fake.list()).toHaveLength(1);
    expect(fake.sent('POST')).toHaveLength(2);
  });

  it('a 502 after which the service exists with another definition fails clearly', async () => {
    await start();
    fake.faults = [{ method: 'POST', nth: 1, action: { status: 502 } }];
    fake.seed([{ ...def('db'), tcp_port: 1 }]);
    const r = await runCli(createArgs, fake);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('different definition');
    expect(fake.list()).toHaveLength(1);
  });

  it('a create that timed out is found by name', async () => {
    await start();
    fake.faults = [{ method: 'POST', nth: 1, action: { delayMs: 2500 } }];
    const r = await runCli([...createArgs, '--timeout', '1', '-q'], fake);
    expect(r.exitCode).toBe(0);
    expect(fake.list()).toHaveLength(1);
    expect(r.stdout).toBe(`${fake.list()[0]!.service_id}\n`);
  });
});

describe('retries', () => {
  it('429 with Retry-After: 1 waits at least a second, then succeeds', async () => {
    await start();
    fake.faults = [{ method: 'POST', nth: 1, action: { status: 429, retryAfter: '1' } }];
    const r = await runCli([...createArgs, '-q'], fake);
    expect(r.exitCode).toBe(0);
    const posts = fake.sent('POST');
    expect(posts).toHaveLength(2);
    expect(posts[1]!.at - posts[0]!.at).toBeGreaterThanOrEqual(1000);
    expect(fake.list()).toHaveLength(1);
  });

  it('a Retry-After over 60 s fails at once, saying when to try again', async () => {
    await start();
    fake.faults = [{ method: 'GET', nth: 1, count: 10, action: { status: 429, retryAfter: '300' } }];
    const r = await runCli(['list'], fake);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('try again in 300 s');
    expect(fake.requests).toHaveLength(1);
  });

  it('a persistent 500 exits 1 with Cloudflare\'s message and the number of attempts', async () => {
    await start();
    const id = '550e8400-e29b-41d4-a716-446655440000';
    fake.faults = [{ method: 'GET', nth: 1, count: 100, action: { status: 500, errors: [{ code: 10002, message: 'Internal server error' }] } }];
    const r = await runCli(['get', id], fake);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('error: [10002] Internal server error (after 5 attempts)');
    expect(fake.requests).toHaveLength(5);
  });

  it('--retries 0 tries once; a 4xx is never retried', async () => {
    await start();
    fake.faults = [{ method: 'GET', nth: 1, count: 100, action: { status: 503 } }];
    const r = await runCli(['list', '--retries', '0'], fake);
    expect(r.exitCode).toBe(1);
    expect(fake.requests).toHaveLength(1);
    fake.faults = [{ method: 'GET', nth: 1, count: 100, action: { status: 400, errors: [{ code: 1001, message: 'bad request' }] } }];
    const four = await runCli(['list'], fake);
    expect(four.exitCode).toBe(1);
    expect(fake.requests).toHaveLength(2);
  });

  it('a PUT and a DELETE are retried on 503 and connection resets', async () => {
    await start();
    const [s] = fake.seed([def('db')]);
    fake.faults = [
      { method: 'PUT', nth: 1, action: { status: 503 } },
      { method: 'DELETE', nth: 1, action: { reset: 'before' } },
    ];
    expect((await runCli(['update', s!.service_id, '--tcp-port', '1', '-q'], fake)).exitCode).toBe(0);
    expect(fake.sent('PUT')).toHaveLength(2);
    expect((await runCli(['delete', s!.service_id, '--yes'], fake)).exitCode).toBe(0);
    expect(fake.sent('DELETE')).toHaveLength(2);
    expect(fake.list()).toHaveLength(0);
  });
});

describe('batches under faults', () => {
  it('apply of 100 definitions under 20% random 503s and a rate limit: exactly 100 services, exit 0', async () => {
    await start({ seed: 20261125, rateLimit: { limit: 40, windowMs: 1000, retryAfterSeconds: 1 } });
    fake.faults = [{ probability: 0.2, action: { status: 503 } }];
    const defs = Array.from({ length: 100 }, (_, i) => def(`svc-${i}`));
    // With the default 4 retries, one request in 0.2^5 = 3,125 fails every attempt, so about one run
    // in 30 would end with a failed item by chance alone; 8 retries make that one in millions.
    const r = await runCli(['apply', '-f', '-', '--yes', '--concurrency', '8', '--retries', '8', '--json'], fake, { input: JSON.stringify(defs), timeoutMs: 120_000 });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('error:');
    const names = fake.list().map((s) => s.name);
    expect(names).toHaveLength(100);
    expect(new Set(names).size).toBe(100);
    expect(fake.rateLimited).toBeGreaterThan(0);
    const out = JSON.parse(r.stdout);
    expect(out.outcome.filter((o: { ok: boolean }) => o.ok)).toHaveLength(100);
  }, 120_000);

  it('Ctrl-C during apply stops in-flight requests, says what was and was not done, exit 130', async () => {
    await start({ latencyMs: 400 });
    const defs = Array.from({ length: 12 }, (_, i) => def(`c-${i}`));
    const child = execa(process.execPath, [BIN, 'apply', '-f', '-', '--yes', '--concurrency', '2'], { env: cliEnv(fake), extendEnv: false, reject: false, input: JSON.stringify(defs) });
    while (fake.sent('POST').length < 3) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGINT');
    const r = await child;
    expect(r.exitCode).toBe(130);
    expect(String(r.stderr)).toMatch(/cancelled: \d+ done/);
    expect(String(r.stderr)).toContain('not done: create c-');
    // The POSTs in flight at Ctrl-C are neither done nor "not done".
    expect(String(r.stderr)).toMatch(/; may have been applied: create c-\d+ \(check with `vpcsvc get c-\d+`\)/);
    expect(fake.list().length).toBeLessThan(12);
  });

  it('SIGTERM during apply is handled like Ctrl-C: same summary, exit 130', async () => {
    await start({ latencyMs: 400 });
    const defs = Array.from({ length: 12 }, (_, i) => def(`t-${i}`));
    const child = execa(process.execPath, [BIN, 'apply', '-f', '-', '--yes', '--concurrency', '2'], { env: cliEnv(fake), extendEnv: false, reject: false, input: JSON.stringify(defs) });
    while (fake.sent('POST').length < 3) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGTERM');
    const r = await child;
    expect(r.exitCode).toBe(130);
    expect(String(r.stderr)).toMatch(/cancelled: \d+ done/);
    expect(String(r.stderr)).toContain('not done: create t-');
    expect(fake.list().length).toBeLessThan(12);
  });

  it('SIGTERM while a create waits for its answer: said to maybe have been applied, exit 130', async () => {
    await start();
    fake.faults = [{ method: 'POST', nth: 1, action: { delayMs: 5000 } }];
    const child = execa(process.execPath, [BIN, ...createArgs], { env: cliEnv(fake), extendEnv: false, reject: false });
    while (fake.sent('POST').length < 1) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGTERM');
    const r = await child;
    expect(r.exitCode).toBe(130);
    expect(r.signal).toBeUndefined();
    expect(String(r.stdout)).toBe('');
    expect(String(r.stderr)).toBe('cancelled while creating db: it may have been applied; check with `vpcsvc get db`');
  });
});
