import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNT, FakeCloudflare, TUNNEL, TUNNEL_2 } from '../support/fake-api';
import { useFakeApi } from '../support/use-fake';
import { runInProcess } from '../support/in-process';
import { tempDir } from '../support/run-cli';

describe("apply and export", () => {
const fake = useFakeApi();
let dir: string;
beforeEach(async () => {
  dir = tempDir();
});

const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const def = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  type: 'tcp',
  host: { ipv4: '10.0.0.1', network: { tunnel_id: TUNNEL } },
  tcp_port: 5432,
  ...extra,
});
const web = (name: string) => ({ name, type: 'http', host: { hostname: `${name}.internal`, resolver_network: { tunnel_id: TUNNEL, resolver_ips: ['10.0.0.53'] } }, https_port: 443 });

describe('apply and export', () => {
  it('--dry-run prints the requests too, and needs no credentials', async () => {
    const [old] = fake.seed([def('old')]);
    const desired = JSON.stringify([def('old', { tcp_port: 1 }), def('new')]);
    const r = await runInProcess(['apply', '-f', '-', '--dry-run', '--prune', '--json'], fake, { input: JSON.stringify([def('new')]) });
    expect(r.exitCode).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.requests).toEqual([
      { method: 'POST', url: `${fake.url}/accounts/${ACCOUNT}/connectivity/directory/services`, body: def('new') },
      { method: 'DELETE', url: `${fake.url}/accounts/${ACCOUNT}/connectivity/directory/services/${old!.service_id}` },
    ]);
    const blind = await runInProcess(['apply', '-f', '-', '--dry-run'], fake, { input: desired, noCredentials: true });
    expect(blind.exitCode).toBe(0);
    expect(blind.stderr).toContain('no credentials');
    expect(blind.stdout).toContain('Plan: 2 to create');
    expect(blind.stdout).toContain(`POST ${fake.url}/accounts/{account_id}/connectivity/directory/services`);
    expect(fake.mutations()).toHaveLength(0);
  });

  it('without --prune nothing is deleted', async () => {
    fake.seed([def('stay')]);
    const r = await runInProcess(['apply', '-f', '-', '--yes'], fake, { input: JSON.stringify(def('other')) });
    expect(r.exitCode).toBe(0);
    expect(fake.sent('DELETE')).toHaveLength(0);
    expect(fake.list()).toHaveLength(2);
  });

  it('duplicate names in the file: exit 2 before anything is sent', async () => {
    const r = await runInProcess(['apply', '-f', '-', '--yes'], fake, { input: JSON.stringify([def('d'), def('d')]) });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('already the name of item [0]');
    expect(fake.requests).toHaveLength(0);
  });

  it('export --type and --ndjson; [] when empty', async () => {
    expect((await runInProcess(['export'], fake)).stdout).toBe('[]\n');
    fake.seed([def('a'), web('b')]);
    const r = await runInProcess(['export', '--type', 'http', '--ndjson'], fake);
    expect(r.stdout.trim().split('\n').map((l) => JSON.parse(l))).toEqual([web('b')]);
  });
});
});

describe('apply: batches under faults, on an instant clock', () => {
const fake = useFakeApi({ seed: 20261125, rateLimit: { limit: 40, windowMs: 1000, retryAfterSeconds: 1 } });
const def = (name: string) => ({ name, type: 'tcp', host: { ipv4: '10.0.0.1', network: { tunnel_id: TUNNEL } }, tcp_port: 5432 });

it('apply of 100 definitions under 20% random 503s and a rate limit: exactly 100 services, exit 0', async () => {
  fake.faults = [{ probability: 0.2, action: { status: 503 } }];
  const defs = Array.from({ length: 100 }, (_, i) => def(`svc-${i}`));
  // With the default 4 retries, one request in 0.2^5 = 3,125 fails every attempt, so about one run
  // in 30 would end with a failed item by chance alone; 8 retries make that one in millions.
  const r = await runInProcess(['apply', '-f', '-', '--yes', '--concurrency', '8', '--retries', '8', '--json'], fake, { input: JSON.stringify(defs), shareClock: true });
  expect(r.exitCode, r.stderr).toBe(0);
  expect(r.stderr).not.toContain('error:');
  const names = fake.list().map((s) => s.name).sort();
  expect(names).toEqual(defs.map((d) => d.name).sort());
  expect(fake.rateLimited).toBeGreaterThan(0);
  // Every 429 asked for the server's one second.
  expect(r.sleeps).toContain(1000);
  const out = JSON.parse(r.stdout);
  expect(out.outcome).toHaveLength(100);
  expect(out.outcome.every((o: { ok: boolean; action: string }) => o.ok && o.action === 'create')).toBe(true);
});
});
