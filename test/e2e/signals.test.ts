import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeCloudflare, TUNNEL, type FakeOptions } from '../support/fake-api';
import { BIN, cliEnv } from '../support/run-cli';

let fake: FakeCloudflare;
const start = async (o: FakeOptions = {}) => (fake = await FakeCloudflare.start(o));
afterEach(async () => {
  expect(fake.violations).toEqual([]);
  await fake.close();
});

const def = (name: string) => ({ name, type: 'tcp', host: { ipv4: '10.0.0.1', network: { tunnel_id: TUNNEL } }, tcp_port: 5432 });
const createArgs = ['create', 'db', '--type', 'tcp', '--ipv4', '10.0.0.1', '--tunnel', TUNNEL, '--tcp-port', '5432'];

describe('signals during requests', () => {
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
