import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ACCOUNT, ACCOUNT_2, TOKEN, TUNNEL, TUNNEL_2 } from '../support/fake-api';
import type { FakeTunnel } from '../support/fake-tunnels';
import { runCli, tempDir } from '../support/run-cli';
import { useFakeApi } from '../support/use-fake';
import { PtySession } from '../support/pty';

const fake = useFakeApi();

// Doctor never changes anything: every request of every test in this file is a GET.
afterEach(() => {
  expect(fake.mutations()).toEqual([]);
});

interface Row {
  check: string;
  subject: string;
  status: string;
  message: string;
  hint: string | null;
}

const T = {
  healthy: '11111111-1111-4111-8111-111111111111',
  degraded: '22222222-2222-4222-8222-222222222222',
  down: '33333333-3333-4333-8333-333333333333',
  inactive: '44444444-4444-4444-8444-444444444444',
  deleted: '55555555-5555-4555-8555-555555555555',
  old: '66666666-6666-4666-8666-666666666666',
  missing: '77777777-7777-4777-8777-777777777777',
};
const C1 = 'c0000000-0000-4000-8000-000000000001';
const C2 = 'c0000000-0000-4000-8000-000000000002';
const C3 = 'c0000000-0000-4000-8000-000000000003';

const TUNNELS: FakeTunnel[] = [
  { id: T.healthy, name: 'healthy-t', status: 'healthy', connectors: [{ id: C1, version: '2025.10.0', conns: 4 }, { id: C2, version: '2025.7.0', conns: 2, arch: 'linux_arm64' }] },
  { id: T.degraded, name: 'degraded-t', status: 'degraded', connectors: [{ id: C3, version: '2025.8.1', conns: 1 }] },
  { id: T.down, name: 'down-t', status: 'down', connectors: [] },
  { id: T.inactive, name: 'inactive-t', status: 'inactive', connectors: [] },
  { id: T.deleted, name: 'deleted-t', status: 'inactive', deleted_at: '2026-10-01T12:00:00Z', connectors: [] },
  { id: T.old, name: 'old-t', status: 'healthy', connectors: [{ id: C1.replace('1', '4'), version: '2025.10.0' }, { id: C1.replace('1', '5'), version: '2025.6.1', conns: 2 }] },
];

const svc = (name: string, tunnel: string, extra: Record<string, unknown> = {}) => ({
  name,
  type: 'tcp',
  host: { ipv4: '10.0.0.5', network: { tunnel_id: tunnel } },
  tcp_port: 5432,
  ...extra,
});

const parse = (stdout: string): Row[] => JSON.parse(stdout) as Row[];
const pick = (rows: Row[], check: string, subject: RegExp | string) =>
  rows.filter((r) => r.check === check && (typeof subject === 'string' ? r.subject === subject : subject.test(r.subject)));
const statuses = (rows: Row[], check: string, subject: RegExp | string) => pick(rows, check, subject).map((r) => r.status);




const TOML_CONFIG = (ids: { orders: string }) => `name = "shop"
main = "src/index.ts"

[[vpc_services]]
binding = "ORDERS_DB"
service_id = "${ids.orders}"
remote = true

[[vpc_services]]
binding = "CACHE"
service_id = "cache"
remote = true

[env.staging]
name = "shop-staging"

[[env.staging.vpc_services]]
binding = "ORDERS_DB"
service_id = "${ids.orders}"

[[env.staging.vpc_services]]
binding = "CACHE"
service_id = "9b1f0000-0000-4000-8000-00000000beef"
remote = false
port = 6379

[[env.staging.vpc_services]]
binding = "2BAD"
service_id = "${ids.orders}"
remote = true

[[env.staging.vpc_services]]
binding = "CACHE"
service_id = "${ids.orders}"
remote = true

[env.production]
name = "shop-production"
`;

describe('doctor: services and tunnels', () => {
  it('everything healthy: exit 0, the exact terminal-style report, one GET per read', async () => {
    fake.tunnels.set(ACCOUNT, [TUNNELS[0]!]);
    const [s] = fake.seed([svc('orders-db', T.healthy)]);
    const r = await runCli(['doctor'], fake, { cwd: tempDir() });
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 7)).toEqual([
      'credentials',
      '  ✓ an API token from environment CLOUDFLARE_API_TOKEN',
      '  ✓ the credential is valid and active (user token)',
      `  ✓ account ${ACCOUNT} (from environment CLOUDFLARE_ACCOUNT_ID) is reachable`,
      `  ✓ can read the services of account ${ACCOUNT} (1 service)`,
      '  - whether the credential may create, change or delete services (Connectivity Directory Admin) or deploy a Worker with these bindings (Connectivity Directory Bind) is not checked: only a change would tell, and doctor changes nothing',
      '',
    ]);
    expect(lines.slice(7, 16)).toEqual([
      `service orders-db (${s!.service_id})`,
      '  ✓ tcp service orders-db: 10.0.0.5, port 5432',
      '',
      `tunnel healthy-t (${T.healthy})`,
      '  ✓ tunnel healthy-t exists (used by orders-db)',
      '  ✓ tunnel healthy-t is healthy',
      `  ✓ connector ${C1} (linux_amd64, 4 connections) runs cloudflared 2025.10.0`,
      `  ✓ connector ${C2} (linux_arm64, 2 connections) runs cloudflared 2025.7.0`,
      '',
    ]);
    expect(lines.at(-2)).toBe('9 ok, 0 warnings, 0 failed, 3 skipped');
    expect(fake.requests.map((q) => q.path)).toEqual([
      '/user/tokens/verify',
      `/accounts/${ACCOUNT}/connectivity/directory/services`,
      `/accounts/${ACCOUNT}/cfd_tunnel/${T.healthy}`,
      `/accounts/${ACCOUNT}/cfd_tunnel/${T.healthy}/connections`,
    ]);
  });

});

describe('create uses the same tunnel checks', () => {
  let session: PtySession | undefined;
  afterEach(() => session?.kill());

  it('on a terminal, create warns about a connector older than 2025.7.0 and still creates', async () => {
    fake.tunnels.set(ACCOUNT, TUNNELS);
    session = new PtySession(['create', 'db', '--type', 'tcp', '--ipv4', '10.0.0.1', '--tunnel', T.old, '--tcp-port', '5432', '--binding', 'DB'], {
      HOME: tempDir(),
      CLOUDFLARE_API_BASE_URL: fake.url,
      CLOUDFLARE_API_TOKEN: TOKEN,
      CLOUDFLARE_ACCOUNT_ID: ACCOUNT,
    });
    expect(await session.exit()).toBe(0);
    expect(session.text).toContain(`warning: connector ${C1.replace('1', '5')} (linux_amd64, 2 connections) runs cloudflared 2025.6.1, older than 2025.7.0: Worker requests through it fail with ProxyError: dns_error`);
    expect(fake.list()).toHaveLength(1);
    // Only the create itself changes anything.
    expect(fake.mutations().map((q) => q.method)).toEqual(['POST']);
    fake.requests.splice(0, fake.requests.length);
  });
});
