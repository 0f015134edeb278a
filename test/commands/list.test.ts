import { describe, expect, it, afterEach, beforeEach } from 'vitest';
import { ACCOUNT, TUNNEL, FakeCloudflare, TUNNEL_2, type StoredService, TOKEN } from '../support/fake-api';
import { useFakeApi } from '../support/use-fake';
import { runInProcess } from '../support/in-process';
import { validateServiceBody } from '../support/openapi';
import { tempDir } from '../support/run-cli';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const fake = useFakeApi();
const SERVICES = `/accounts/${ACCOUNT}/connectivity/directory/services`;
const many = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    name: `svc-${String(i).padStart(4, '0')}`,
    type: 'tcp',
    host: { ipv4: `10.0.${i >> 8}.${i & 255}`, network: { tunnel_id: TUNNEL } },
    tcp_port: 5432,
  }));

describe('list (in process)', () => {
  it('-q prints exactly the ids, one per line, in the API order', async () => {
    const seeded = fake.seed(many(3));
    const r = await runInProcess(['list', '-q'], fake);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(seeded.map((s) => `${s.service_id}\n`).join(''));
    expect(r.stderr).toBe('');
  });

  it('--ndjson prints one compact object per line', async () => {
    const seeded = fake.seed(many(2));
    const r = await runInProcess(['list', '--ndjson'], fake);
    expect(r.stdout).toBe(seeded.map((s) => `${JSON.stringify(s)}\n`).join(''));
  });

  it('an empty account is [] with --json', async () => {
    const r = await runInProcess(['list', '--json'], fake);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('[]\n');
  });

  it('reads every page of 1000 and stops after the last', async () => {
    fake.seed(many(1001));
    const r = await runInProcess(['list', '-q'], fake);
    expect(r.stdout.trim().split('\n')).toHaveLength(1001);
    expect(fake.requests.map((q) => [q.path, q.query.page, q.query.per_page])).toEqual([
      [SERVICES, '1', '1000'],
      [SERVICES, '2', '1000'],
    ]);
  });

  it('a server that ignores paging and sends no result_info is read once', async () => {
    fake.seed(many(5));
    fake.listIgnoresPaging = true;
    const r = await runInProcess(['list', '-q'], fake);
    expect(r.exitCode).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(5);
    expect(fake.requests).toHaveLength(1);
  });

  it('--limit stops early and --type filters on the server', async () => {
    fake.seed(many(5));
    const r = await runInProcess(['list', '--type', 'tcp', '--limit', '2', '-q'], fake);
    expect(r.stdout.trim().split('\n')).toHaveLength(2);
    expect(fake.requests[0]!.query.type).toBe('tcp');
  });

  it('--name-contains keeps only matching names', async () => {
    const seeded = fake.seed(many(12));
    const r = await runInProcess(['list', '--name-contains', 'svc-001', '-q'], fake);
    expect(r.stdout).toBe(seeded.filter((s) => s.name.includes('svc-001')).map((s) => `${s.service_id}\n`).join(''));
  });
});

describe('references (in process)', () => {
  it('a name found only on the second page is resolved with one list walk', async () => {
    const seeded = fake.seed(many(1500));
    const target = seeded[1400]!;
    const r = await runInProcess(['get', target.name, '-q'], fake);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(`${target.service_id}\n`);
    expect(fake.requests.filter((q) => q.path === SERVICES).map((q) => q.query.page)).toEqual(['1', '2']);
  });

  it('an unknown name is exit 1 naming it', async () => {
    fake.seed(many(2));
    const r = await runInProcess(['get', 'nope'], fake);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('nope');
    expect(r.stdout).toBe('');
  });
});

describe("list", () => {
const CA = '5a0c3e3e-1f2b-4c9d-8e7f-6a5b4c3d2e1f';
const SERVICES = `/accounts/${ACCOUNT}/connectivity/directory/services`;

const fake = useFakeApi();

const web = {
  name: 'web',
  type: 'http',
  host: { hostname: 'web.internal', resolver_network: { tunnel_id: TUNNEL, resolver_ips: ['10.0.0.53', 'fd00::53'] } },
  http_port: 80,
  https_port: 443,
  tls_settings: { cert_verification_mode: 'verify_ca', certificate_authority: CA },
};
const db = {
  name: 'db',
  type: 'tcp',
  host: { ipv4: '10.0.0.5', ipv6: 'fd00::5', network: { tunnel_id: TUNNEL } },
  tcp_port: 5432,
  app_protocol: 'postgresql',
  tls_settings: { cert_verification_mode: 'verify_full' },
};
const manyServices = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    name: `svc-${String(i).padStart(5, '0')}`,
    type: i % 3 === 0 ? 'tcp' : 'http',
    host: { ipv4: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, network: { tunnel_id: TUNNEL } },
    ...(i % 3 === 0 ? { tcp_port: 5432 } : {}),
  }));

describe('list', () => {
  it('a server that ignores paging and sends no result_info does not loop', async () => {
    fake.listIgnoresPaging = true;
    fake.seed(manyServices(3));
    const r = await runInProcess(['list', '-q'], fake);
    expect(r.exitCode).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(3);
    expect(fake.sent('GET')).toHaveLength(1);
    fake.seed(manyServices(1000).map((d) => ({ ...d, name: `full-${d.name}` })));
    const full = await runInProcess(['list', '-q'], fake);
    expect(full.stdout.trim().split('\n')).toHaveLength(1003);
    expect(fake.sent('GET')).toHaveLength(3);
  });

  it('--json prints [] when there are none; the table says so on stderr', async () => {
    const r = await runInProcess(['list', '--json'], fake);
    expect(r.stdout).toBe('[]\n');
    const t = await runInProcess(['ls'], fake);
    expect(t.exitCode).toBe(0);
    expect(t.stdout).toBe('');
    expect(t.stderr).toContain('no services');
  });

  it('--json output is exactly JSON.stringify(result, null, 2)', async () => {
    fake.seed([web, db]);
    const r = await runInProcess(['list', '--json'], fake);
    expect(r.stdout).toBe(`${JSON.stringify(fake.list(), null, 2)}\n`);
  });

  it('--type filters on the server', async () => {
    fake.seed(manyServices(30));
    const r = await runInProcess(['list', '--type', 'tcp', '--ndjson'], fake);
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(10);
    expect(lines.every((s) => s.type === 'tcp')).toBe(true);
    expect(fake.sent('GET')[0]!.query.type).toBe('tcp');
  });

  it('--type rejects other values, exit 2, nothing sent', async () => {
    const r = await runInProcess(['list', '--type', 'udp'], fake);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('--type');
    expect(fake.requests).toHaveLength(0);
  });

  it('--name-contains and --limit; -q prints ids', async () => {
    fake.seed(manyServices(50));
    const r = await runInProcess(['list', '--name-contains', 'SVC-0001', '-q'], fake);
    expect(r.stdout.trim().split('\n')).toHaveLength(10);
    const l = await runInProcess(['list', '--limit', '7', '-q'], fake);
    expect(l.stdout.trim().split('\n')).toHaveLength(7);
    const bad = await runInProcess(['list', '--limit', '0'], fake);
    expect(bad.exitCode).toBe(2);
  });

  it('the piped table has a header and whole ids', async () => {
    const [a] = fake.seed([web, db]);
    const r = await runInProcess(['list'], fake);
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+ID\s+TYPE\s+HOST\s+TUNNEL\s+PORTS$/);
    expect(r.stdout).toContain(a!.service_id);
    expect(lines[1]).toContain('web.internal');
    expect(lines[2]).toContain('10.0.0.5, fd00::5');
    expect(lines[2]).toContain('5432 (postgresql)');
  });
});
});

describe("list, get and delete: safe terminal output", () => {

const fake = useFakeApi();

const createArgs = (name: string, tunnel = TUNNEL) => ['create', name, '--type', 'tcp', '--ipv4', '10.0.0.1', '--tunnel', tunnel, '--tcp-port', '5432'];

describe('safe terminal output', () => {
  const evil = 'evil\u001b[31mRED\u001b[0m\u0007';
  it('escapes control characters from the API in tables and messages', async () => {
    const [s] = fake.seed([{ name: evil, type: 'tcp', host: { hostname: 'x\u001b[2Jy.internal', resolver_network: { tunnel_id: TUNNEL } }, tcp_port: 1 }]);
    for (const args of [['list'], ['get', s!.service_id], ['delete', s!.service_id, '--dry-run']]) {
      const r = await runInProcess(args, fake);
      expect(r.exitCode).toBe(0);
      expect(r.stdout + r.stderr).not.toContain('\u001b');
      expect(r.stdout + r.stderr).not.toContain('\u0007');
    }
    const list = await runInProcess(['list'], fake);
    expect(list.stdout).toContain('evil\\x1b[31mRED\\x1b[0m\\x07');
    const json = await runInProcess(['get', s!.service_id, '--json'], fake);
    expect(JSON.parse(json.stdout).name).toBe(evil);
    const del = await runInProcess(['delete', s!.service_id, '--yes'], fake);
    expect(del.stderr).toContain('deleted evil\\x1b[31mRED');
    expect(del.stderr).not.toContain('\u001b[31m');
  });

});
});

describe('list: retries, on an instant clock', () => {
const fake = useFakeApi();
const LIST = `/accounts/${ACCOUNT}/connectivity/directory/services`;

it('a Retry-After over 60 s fails at once, saying when to try again', async () => {
  fake.faults = [{ method: 'GET', nth: 1, count: 10, action: { status: 429, retryAfter: '300' } }];
  const r = await runInProcess(['list'], fake);
  expect(r.exitCode).toBe(1);
  expect(r.stderr).toBe('error: [10001] injected 429\n  rate limited: try again in 300 s (after 2026-01-01T00:05:00Z)\n');
  expect(r.sleeps).toEqual([]);
  expect(fake.requests).toHaveLength(1);
});

it('--retries 0 tries once; a 4xx is never retried', async () => {
  fake.faults = [{ method: 'GET', nth: 1, count: 100, action: { status: 503 } }];
  const r = await runInProcess(['list', '--retries', '0'], fake);
  expect(r.exitCode).toBe(1);
  expect(r.stderr).toBe('error: [10001] injected 503\n');
  expect(fake.requests).toHaveLength(1);
  fake.faults = [{ method: 'GET', nth: 1, count: 100, action: { status: 400, errors: [{ code: 1001, message: 'bad request' }] } }];
  const four = await runInProcess(['list'], fake);
  expect(four.exitCode).toBe(1);
  expect(four.stderr).toBe('error: [1001] bad request\n');
  expect(four.sleeps).toEqual([]);
  expect(fake.requests.map((q) => q.path)).toEqual([LIST, LIST]);
});
});
