import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../support/run-cli';

/**
 * The independent contract check: every command's journeys run against Prism serving the OpenAPI
 * document (not our fake), through a small proxy that records Prism's `sl-violations` header.
 * Any violation fails the suite.
 */

const DOC = fileURLToPath(new URL('../fixtures/connectivity-services.openapi.json', import.meta.url));
const PRISM = fileURLToPath(new URL('../../node_modules/@stoplight/prism-cli/dist/index.js', import.meta.url));
const ACCOUNT = '023e105f4ecef8ad9ca31a8372d0c353';
const T = '0191dce4-9ab4-7fce-b660-8e5dec5172da';
const ID = '550e8400-e29b-41d4-a716-446655440000';
const CA = '5a0c3e3e-1f2b-4c9d-8e7f-6a5b4c3d2e1f';

let prism: ChildProcess;
let proxy: Server;
let base = '';
const seen: { method: string; path: string; status: number; violations?: string }[] = [];

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

beforeAll(async () => {
  const port = await freePort();
  prism = spawn(process.execPath, [PRISM, 'mock', '--errors', '-h', '127.0.0.1', '-p', String(port), DOC], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Prism did not start:\n${log}`)), 60_000);
    const onData = (d: Buffer) => {
      log += d.toString();
      if (log.includes('Prism is listening')) {
        clearTimeout(timer);
        resolve();
      }
    };
    prism.stdout!.on('data', onData);
    prism.stderr!.on('data', onData);
    prism.on('exit', (code) => reject(new Error(`Prism exited ${code}:\n${log}`)));
  });
  proxy = createServer((req, res) => {
    const upstream = request({ host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers }, (up) => {
      const violations = up.headers['sl-violations'];
      seen.push({ method: req.method ?? '', path: req.url ?? '', status: up.statusCode ?? 0, ...(violations && { violations: String(violations) }) });
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    req.pipe(upstream);
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
}, 90_000);

afterAll(async () => {
  await new Promise<void>((r) => (proxy ? proxy.close(() => r()) : r()));
  if (prism?.pid) {
    try {
      process.kill(-prism.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

const cli = (args: string[], input?: string) =>
  runCli([...args, '--account', ACCOUNT, '--retries', '0'], undefined, { env: { CLOUDFLARE_API_BASE_URL: base, CLOUDFLARE_API_TOKEN: 'contract-test-token-000000' }, input });

/** Runs a journey and asserts that every request it made passed Prism's validation. */
async function journey(args: string[], o: { input?: string; minRequests?: number } = {}) {
  const before = seen.length;
  const r = await cli(args, o.input);
  const mine = seen.slice(before);
  expect(mine.filter((m) => m.violations), JSON.stringify(mine, null, 2)).toEqual([]);
  expect(r.exitCode, r.stderr).toBe(0);
  expect(mine.length).toBeGreaterThanOrEqual(o.minRequests ?? 1);
  return { r, requests: mine };
}

const create = (...flags: string[]) => ['create', 'svc', ...flags, '--json'];

describe('create, every host form and type, against Prism', () => {
  it.each([
    ['tcp ipv4', create('--type', 'tcp', '--ipv4', '10.0.0.1', '--tunnel', T, '--tcp-port', '5432')],
    ['tcp ipv4 postgresql', create('--type', 'tcp', '--ipv4', '10.0.0.1', '--tunnel', T, '--tcp-port', '5432', '--app-protocol', 'postgresql')],
    ['tcp ipv6 mysql', create('--type', 'tcp', '--ipv6', 'fd00::1', '--tunnel', T, '--tcp-port', '3306', '--app-protocol', 'mysql')],
    ['tcp dual stack', create('--type', 'tcp', '--ipv4', '10.0.0.1', '--ipv6', 'fd00::1', '--tunnel', T, '--tcp-port', '22')],
    ['tcp hostname shortcut', create('--type', 'tcp', '--hostname', 'db.internal:5432', '--tunnel', T)],
    ['tcp hostname + resolvers', create('--type', 'tcp', '--hostname', 'db.internal', '--resolver-ips', '10.0.0.53,fd00::53', '--tunnel', T, '--tcp-port', '5432')],
    ['http ipv4 ports', create('--type', 'http', '--ipv4', '10.0.0.1', '--tunnel', T, '--http-port', '8080', '--https-port', '8443')],
    ['http ipv6', create('--type', 'http', '--ipv6', 'fe80::1', '--tunnel', T)],
    ['http dual stack', create('--type', 'http', '--ipv4', '10.0.0.1', '--ipv6', 'fd00::1', '--tunnel', T, '--https-port', '443')],
    ['http hostname', create('--type', 'http', '--hostname', 'api.example.com', '--tunnel', T)],
    ['http hostname + resolvers', create('--type', 'http', '--hostname', 'api.example.com', '--resolver-ips', '10.0.0.1', '--tunnel', T, '--https-port', '443')],
    ['tls: every field', create('--type', 'http', '--hostname', 'a.internal', '--tunnel', T, '--cert-verification-mode', 'verify_ca', '--certificate-authority', CA, '--client-certificate', CA)],
    ['tls: CA only', create('--type', 'tcp', '--ipv4', '10.0.0.1', '--tunnel', T, '--tcp-port', '443', '--certificate-authority', CA)],
    ['tls: disabled', create('--type', 'http', '--ipv4', '10.0.0.1', '--tunnel', T, '--cert-verification-mode', 'disabled')],
  ])('%s', async (_name, args) => {
    const { r, requests } = await journey(args);
    expect(requests.map((q) => q.method)).toEqual(['POST']);
    expect(JSON.parse(r.stdout).service_id).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('the harness', () => {
  it('sees a violation when a request breaks the contract', async () => {
    const before = seen.length;
    const status = await new Promise<number>((resolve, reject) => {
      const body = JSON.stringify({ name: 'x', type: 'tcp', host: { ipv4: '10.0.0.1', network: { tunnel_id: 'not-a-uuid' } }, tcp_port: 0 });
      const req = request(`${base}/accounts/${ACCOUNT}/connectivity/directory/services`, { method: 'POST', headers: { authorization: 'Bearer x', 'content-type': 'application/json' } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end(body);
    });
    expect(status).toBe(422);
    expect(seen.slice(before)[0]?.violations).toContain('tcp_port');
  });
});

describe('the other commands against Prism', () => {
  it('list: table, JSON, NDJSON, ids, --type', async () => {
    for (const args of [['list'], ['list', '--json'], ['ls', '--ndjson'], ['list', '-q'], ['list', '--type', 'tcp', '--json'], ['list', '--name-contains', 'web', '--limit', '1']]) {
      await journey(args);
    }
  });

  it('get by id and by name', async () => {
    await journey(['get', ID, '--json']);
    await journey(['get', 'web-server']);
  });

  it('update by id and by name', async () => {
    const byId = await journey(['update', ID, '--http-port', '8080', '--json'], { minRequests: 2 });
    expect(byId.requests.map((q) => q.method)).toEqual(['GET', 'PUT']);
    await journey(['update', 'postgres-db', '--tcp-port', '6432', '--app-protocol', 'postgresql', '-q'], { minRequests: 2 });
    await journey(['update', ID, '--hostname', 'switched.internal', '--resolver-ips', '10.0.0.1'], { minRequests: 2 });
  });

  it('delete by id and by name', async () => {
    const r = await journey(['delete', ID, '--yes', '--json']);
    expect(r.requests.map((q) => q.method)).toEqual(['GET', 'DELETE']);
    await journey(['rm', 'web-server', 'postgres-db', '--yes']);
  });

  it('create --file with several definitions', async () => {
    const defs = [
      { name: 'a', type: 'tcp', host: { ipv4: '10.0.0.1', network: { tunnel_id: T } }, tcp_port: 5432 },
      { name: 'b', type: 'http', host: { hostname: 'b.internal', resolver_network: { tunnel_id: T, resolver_ips: ['10.0.0.1'] } }, https_port: 443 },
    ];
    const { requests } = await journey(['create', '-f', '-', '--json'], { input: JSON.stringify(defs), minRequests: 2 });
    expect(requests.filter((q) => q.method === 'POST')).toHaveLength(2);
  });

  it('apply with --prune: list, create, update, delete', async () => {
    const path = join(tempDir(), 'services.json');
    writeFileSync(
      path,
      JSON.stringify([
        { name: 'postgres-db', type: 'tcp', host: { ipv4: '10.0.0.2', network: { tunnel_id: T } }, tcp_port: 5432 },
        { name: 'brand-new', type: 'http', host: { ipv6: 'fd00::9', network: { tunnel_id: T } } },
      ]),
    );
    const { requests } = await journey(['apply', '-f', path, '--prune', '--yes', '--json'], { minRequests: 4 });
    expect(requests.map((q) => q.method).sort()).toEqual(['DELETE', 'GET', 'POST', 'PUT']);
  });

  it('export', async () => {
    const { r } = await journey(['export']);
    expect(JSON.parse(r.stdout).map((d: { name: string }) => d.name)).toEqual(['web-server', 'postgres-db']);
  });
});
