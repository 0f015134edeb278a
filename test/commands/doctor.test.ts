import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ACCOUNT, ACCOUNT_2, TOKEN, TUNNEL, TUNNEL_2 } from '../support/fake-api';
import type { FakeTunnel } from '../support/fake-tunnels';
import { C1, C2, C3, parse, pick, statuses, svc, T, TUNNELS } from '../support/doctor-tunnels';
import { runInProcess } from '../support/in-process';
import { tempDir } from '../support/run-cli';
import { useFakeApi } from '../support/use-fake';

const fake = useFakeApi();

// Doctor never changes anything: every request of every test in this file is a GET.
afterEach(() => {
  expect(fake.mutations()).toEqual([]);
});

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
  it('every tunnel status, deleted and missing tunnels, old and absent connectors, a tcp service without a port (--json)', async () => {
    fake.tunnels.set(ACCOUNT, TUNNELS);
    const seeded = fake.seed([
      svc('on-healthy', T.healthy),
      svc('on-degraded', T.degraded),
      svc('on-down', T.down),
      svc('on-inactive', T.inactive),
      svc('on-deleted', T.deleted),
      svc('on-old', T.old),
      svc('on-missing', T.missing),
      { name: 'no-port', type: 'tcp', host: { hostname: 'db.internal', resolver_network: { tunnel_id: T.healthy } } },
    ]);
    const r = await runInProcess(['doctor', '--json'], fake, { cwd: tempDir() });
    expect(r.exitCode).toBe(1);
    expect(JSON.parse(r.stderr)).toEqual({ error: { code: 'checks_failed', message: '7 checks failed', status: null } });
    const rows = parse(r.stdout);
    for (const row of rows) expect(Object.keys(row)).toEqual(['check', 'subject', 'status', 'message', 'hint']);

    expect(statuses(rows, 'tunnel.exists', /healthy-t/)).toEqual(['ok']);
    expect(pick(rows, 'tunnel.exists', /healthy-t/)[0]!.message).toBe('tunnel healthy-t exists (used by on-healthy, no-port)');
    expect(statuses(rows, 'tunnel.status', /healthy-t/)).toEqual(['ok']);
    expect(statuses(rows, 'tunnel.connector', /healthy-t/)).toEqual(['ok', 'ok']);
    expect(statuses(rows, 'tunnel.status', /degraded-t/)).toEqual(['warn']);
    expect(statuses(rows, 'tunnel.status', /down-t/)).toEqual(['fail']);
    expect(statuses(rows, 'tunnel.connectors', /down-t/)).toEqual(['fail']);
    expect(statuses(rows, 'tunnel.status', /inactive-t/)).toEqual(['fail']);
    expect(pick(rows, 'tunnel.status', /inactive-t/)[0]!.hint).toMatch(/^install and run cloudflared/);
    expect(pick(rows, 'tunnel.exists', /deleted-t/)[0]).toEqual({
      check: 'tunnel.exists',
      subject: `tunnel deleted-t (${T.deleted})`,
      status: 'fail',
      message: 'tunnel deleted-t was deleted (2026-10-01T12:00:00Z) (used by on-deleted)',
      // By id: a name could hold spaces, quotes or `$(...)`, or read as a flag.
      hint: `point the service at a running tunnel: vpcsvc update ${seeded[4]!.service_id} --tunnel <tunnel-id> (cloudflared tunnel list shows them)`,
    });
    expect(statuses(rows, 'tunnel.status', /deleted-t/)).toEqual(['skipped']);
    expect(pick(rows, 'tunnel.exists', `tunnel ${T.missing}`).map((x) => [x.status, x.message])).toEqual([
      ['fail', `tunnel ${T.missing} does not exist in this account (used by on-missing)`],
    ]);
    expect(pick(rows, 'tunnel.connector', /old-t/).map((x) => [x.status, x.message, x.hint])).toEqual([
      ['ok', `connector ${C1.replace('1', '4')} (linux_amd64, 2 connections) runs cloudflared 2025.10.0`, null],
      [
        'fail',
        `connector ${C1.replace('1', '5')} (linux_amd64, 2 connections) runs cloudflared 2025.6.1, older than 2025.7.0: Worker requests through it fail with ProxyError: dns_error`,
        `upgrade cloudflared on the host of connector ${C1.replace('1', '5')} to 2025.7.0 or later and restart it`,
      ],
    ]);
    expect(pick(rows, 'service.definition', /^service no-port/).map((x) => [x.status, x.message])).toEqual([
      ['warn', 'tcp service no-port has no tcp_port: the API took it, but nothing says where to connect'],
    ]);
    // down and inactive: status and no connector; deleted and missing: exists; old: one connector.
    expect(rows.filter((x) => x.status === 'fail').map((x) => x.check).sort()).toEqual([
      'tunnel.connector',
      'tunnel.connectors',
      'tunnel.connectors',
      'tunnel.exists',
      'tunnel.exists',
      'tunnel.status',
      'tunnel.status',
    ]);
    // Each tunnel read once: 7 tunnels, two GETs each, after the verify and one list page.
    expect(fake.requests).toHaveLength(2 + 7 * 2);
  });

  it('--ndjson prints the same objects as --json, one per line', async () => {
    fake.tunnels.set(ACCOUNT, TUNNELS);
    fake.seed([svc('on-degraded', T.degraded), svc('on-old', T.old)]);
    const cwd = tempDir();
    const j = await runInProcess(['doctor', '--json'], fake, { cwd });
    const n = await runInProcess(['doctor', '--ndjson'], fake, { cwd });
    expect(n.exitCode).toBe(1);
    expect(j.exitCode).toBe(1);
    const lines = n.stdout.trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l))).toEqual(parse(j.stdout));
    expect(lines.every((l) => !l.includes('\n') && l.startsWith('{"check":'))).toBe(true);
  });

  it('warnings alone exit 0', async () => {
    fake.tunnels.set(ACCOUNT, [TUNNELS[1]!]);
    fake.seed([svc('on-degraded', T.degraded)]);
    const r = await runInProcess(['doctor'], fake, { cwd: tempDir() });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('  ! tunnel degraded-t is degraded: it serves requests, but some of its connections are down\n      → check the cloudflared hosts');
    expect(r.stdout).toMatch(/\n7 ok, 1 warning, 0 failed, 3 skipped\n$/);
  });

  it('references: only those services; a UUID is an id, then a name; unknown ones fail; one tunnel read once', async () => {
    const [a, b] = fake.seed([svc('alpha', TUNNEL), svc('beta', TUNNEL), svc('gamma', TUNNEL_2)]);
    const r = await runInProcess(['doctor', 'alpha', b!.service_id.toUpperCase(), 'alpha', 'nope', '--json'], fake, { cwd: tempDir() });
    expect(r.exitCode).toBe(1);
    const rows = parse(r.stdout);
    expect(rows.filter((x) => x.check === 'service.definition').map((x) => x.subject)).toEqual([`service alpha (${a!.service_id})`, `service beta (${b!.service_id})`]);
    expect(pick(rows, 'service.found', 'service nope')[0]).toEqual({
      check: 'service.found',
      subject: 'service nope',
      status: 'fail',
      message: `no service with id or name "nope" in account ${ACCOUNT}`,
      hint: 'vpcsvc list shows the services and their ids',
    });
    expect(pick(rows, 'tunnel.exists', /office-tunnel/)[0]!.message).toBe('tunnel office-tunnel exists (used by alpha, beta)');
    expect(fake.sent('GET', /cfd_tunnel/).map((q) => q.path)).toEqual([`/accounts/${ACCOUNT}/cfd_tunnel/${TUNNEL}`, `/accounts/${ACCOUNT}/cfd_tunnel/${TUNNEL}/connections`]);
  });

  it('1,000 services on 10 tunnels: one list walk plus two requests per tunnel', async () => {
    const tunnels: FakeTunnel[] = Array.from({ length: 10 }, (_, i) => ({
      id: `aaaaaaaa-0000-4000-8000-${String(i).padStart(12, '0')}`,
      name: `t${i}`,
      status: 'healthy',
      connectors: [{ id: `bbbbbbbb-0000-4000-8000-${String(i).padStart(12, '0')}`, version: '2025.9.0' }],
    }));
    fake.tunnels.set(ACCOUNT, tunnels);
    fake.seed(Array.from({ length: 1000 }, (_, i) => svc(`svc-${i}`, tunnels[i % 10]!.id)));
    const r = await runInProcess(['doctor', '--ndjson'], fake, { cwd: tempDir() });
    expect(r.exitCode).toBe(0);
    expect(fake.sent('GET', /\/connectivity\/directory\/services$/)).toHaveLength(1);
    expect(fake.sent('GET', /\/cfd_tunnel\/[^/]+$/)).toHaveLength(10);
    expect(fake.sent('GET', /\/cfd_tunnel\/[^/]+\/connections$/)).toHaveLength(10);
    expect(fake.requests).toHaveLength(1 + 1 + 20); // + the token verify
    expect(new Set(fake.sent('GET', /\/cfd_tunnel\/[^/]+$/).map((q) => q.path)).size).toBe(10);
  });
});

describe('doctor: credentials', () => {
  it('no credentials: exit 4, nothing sent, binding checks that need no API still run', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'wrangler.jsonc'), '{ "vpc_services": [ { "binding": "DB", "service_id": "3f2c1e8a-0000-4000-8000-000000000001" } ] }');
    const r = await runInProcess(['doctor', '--json'], fake, { cwd, noCredentials: true });
    expect(r.exitCode).toBe(4);
    expect(fake.requests).toHaveLength(0);
    const rows = parse(r.stdout);
    expect(rows[0]).toEqual({
      check: 'credentials.found',
      subject: 'credentials',
      status: 'fail',
      message: 'no credentials: none in the environment, none stored in profile "default"',
      hint: 'set CLOUDFLARE_API_TOKEN (or CLOUDFLARE_API_KEY and CLOUDFLARE_EMAIL), or run vpcsvc auth login',
    });
    expect(statuses(rows, 'binding.remote', /DB$/)).toEqual(['warn']);
    expect(statuses(rows, 'binding.service_id', /DB$/)).toEqual(['skipped']);
    expect(JSON.parse(r.stderr).error.code).toBe('auth');
  });

  it('half a key pair: exit 4 naming the missing variable', async () => {
    const r = await runInProcess(['doctor'], fake, { cwd: tempDir(), noCredentials: true, env: { CLOUDFLARE_EMAIL: 'user@example.com' } });
    expect(r.exitCode).toBe(4);
    expect(r.stdout).toContain('  ✗ CLOUDFLARE_EMAIL is set but CLOUDFLARE_API_KEY is missing\n      → set CLOUDFLARE_API_KEY too, or use an API token\n');
  });

  it('an expired token fails verification: exit 4, nothing else is read', async () => {
    fake.tokens['expired-token-0123456789abcdef'] = { kind: 'user', accounts: [ACCOUNT], permission: 'admin', status: 'expired' };
    const r = await runInProcess(['doctor', '--json'], fake, { cwd: tempDir(), env: { CLOUDFLARE_API_TOKEN: 'expired-token-0123456789abcdef' } });
    expect(r.exitCode).toBe(4);
    const rows = parse(r.stdout);
    expect(pick(rows, 'credentials.verified', 'credentials').map((x) => [x.status, x.message])).toEqual([['fail', 'the credential was not accepted: the API token is expired']]);
    expect(fake.requests.map((q) => q.path)).toEqual(['/user/tokens/verify']);
    expect(r.stdout + r.stderr).not.toContain('expired-token-0123456789abcdef');
  });

  it('a token that cannot read services: exit 4, the hint names Connectivity Directory Read', async () => {
    fake.tokens['noread-token-0123456789abcdef'] = { kind: 'user', accounts: [ACCOUNT], permission: 'none' };
    const r = await runInProcess(['doctor', '--json'], fake, { cwd: tempDir(), env: { CLOUDFLARE_API_TOKEN: 'noread-token-0123456789abcdef' } });
    expect(r.exitCode).toBe(4);
    const [read] = pick(parse(r.stdout), 'credentials.read', 'credentials');
    expect(read!.status).toBe('fail');
    expect(read!.hint).toBe(`give the token "Connectivity Directory Read" (or Connectivity Directory Admin) on account ${ACCOUNT}, and check the account id`);
  });

  it('an account the credential cannot reach: the account check fails, exit 4', async () => {
    fake.tokens['other-token-0123456789abcdefgh'] = { kind: 'user', accounts: [ACCOUNT_2], permission: 'admin' };
    const r = await runInProcess(['doctor', '--json'], fake, { cwd: tempDir(), env: { CLOUDFLARE_API_TOKEN: 'other-token-0123456789abcdefgh' } });
    expect(r.exitCode).toBe(4);
    const rows = parse(r.stdout);
    expect(pick(rows, 'credentials.account', 'credentials').map((x) => [x.status, x.message, x.hint])).toEqual([
      [
        'fail',
        `account ${ACCOUNT} (from environment CLOUDFLARE_ACCOUNT_ID) is not reachable with this credential: [9109] Unauthorized to access requested resource`,
        'check the account id (--account, CLOUDFLARE_ACCOUNT_ID or the profile) and the accounts the token is scoped to',
      ],
    ]);
    expect(statuses(rows, 'credentials.read', 'credentials')).toEqual(['skipped']);
  });

  it('a list that fails on the server side: exit 1 (not 4), services not checked, said why', async () => {
    fake.faults.push({ method: 'GET', path: /\/services$/, nth: 1, action: { status: 500 } });
    const r = await runInProcess(['doctor', '--json', '--retries', '0'], fake, { cwd: tempDir() });
    expect(r.exitCode).toBe(1);
    const rows = parse(r.stdout);
    expect(statuses(rows, 'credentials.read', 'credentials')).toEqual(['fail']);
    expect(pick(rows, 'services', 'services').map((x) => [x.status, x.message])).toEqual([['skipped', 'services and tunnels not checked: the services could not be listed']]);
    expect(fake.sent('GET', /cfd_tunnel/)).toHaveLength(0);
  });

  it('a token that cannot read tunnels: tunnel checks are skipped with a hint, exit 0', async () => {
    fake.tokens['notun-token-0123456789abcdef'] = { kind: 'user', accounts: [ACCOUNT], permission: 'read', tunnelRead: false };
    fake.seed([svc('alpha', TUNNEL)]);
    const r = await runInProcess(['doctor', '--json'], fake, { cwd: tempDir(), env: { CLOUDFLARE_API_TOKEN: 'notun-token-0123456789abcdef' } });
    expect(r.exitCode).toBe(0);
    const rows = parse(r.stdout);
    expect(statuses(rows, 'tunnel.exists', /./)).toEqual(['skipped']);
    expect(pick(rows, 'tunnel.exists', /./)[0]!.hint).toBe('give the token "Cloudflare Tunnel Read" on the account to check tunnels');
    expect(statuses(rows, 'tunnel.status', /./)).toEqual(['skipped']);
  });
});

describe('doctor: usage', () => {
  it('--json with --ndjson is a usage error naming both, nothing sent', async () => {
    const r = await runInProcess(['doctor', '--json', '--ndjson'], fake, { cwd: tempDir() });
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('--json and --ndjson');
    expect(fake.requests).toHaveLength(0);
  });

  it('--env without a config, or naming an environment the config lacks, is exit 2 before any request', async () => {
    const empty = tempDir();
    const a = await runInProcess(['doctor', '--env', 'production'], fake, { cwd: empty });
    expect(a.exitCode).toBe(2);
    expect(a.stderr).toContain('error: --env production: there is no wrangler config to read');
    const cwd = tempDir();
    writeFileSync(join(cwd, 'wrangler.toml'), 'name = "w"\n[env.staging]\nname = "w-staging"\n');
    const b = await runInProcess(['doctor', '--env', 'production'], fake, { cwd });
    expect(b.exitCode).toBe(2);
    expect(b.stderr).toBe('error: --env production: wrangler.toml has no env.production (it has env.staging)\n');
    const c = await runInProcess(['doctor', '--wrangler-config', join(cwd, 'nope.toml')], fake, { cwd });
    expect(c.exitCode).toBe(2);
    expect(c.stderr).toBe(`error: --wrangler-config ${join(cwd, 'nope.toml')}: cannot be read: there is no such file (ENOENT)\n`);
    expect(fake.requests).toHaveLength(0);
  });
});

describe('doctor: wrangler bindings', () => {
  it('wrangler.toml with environments, found in the current folder', async () => {
    const [orders, cache] = fake.seed([svc('orders-db', TUNNEL), svc('cache', TUNNEL)]);
    const cwd = tempDir();
    writeFileSync(join(cwd, 'wrangler.toml'), TOML_CONFIG({ orders: orders!.service_id }));
    const r = await runInProcess(['doctor', 'orders-db', '--json'], fake, { cwd });
    expect(r.exitCode).toBe(1);
    const rows = parse(r.stdout).filter((x) => x.check.startsWith('binding.') || x.check.startsWith('wrangler.'));
    const table = rows.map((x) => `${x.check} | ${x.subject} | ${x.status}`);
    expect(table).toEqual([
      'wrangler.config | wrangler.toml | ok',
      'binding.keys | wrangler.toml top level ORDERS_DB | ok',
      'binding.name | wrangler.toml top level ORDERS_DB | ok',
      'binding.remote | wrangler.toml top level ORDERS_DB | ok',
      'binding.service_id | wrangler.toml top level ORDERS_DB | ok',
      'binding.keys | wrangler.toml top level CACHE | ok',
      'binding.name | wrangler.toml top level CACHE | ok',
      'binding.remote | wrangler.toml top level CACHE | ok',
      'binding.service_id | wrangler.toml top level CACHE | fail',
      'binding.keys | wrangler.toml env.staging ORDERS_DB | ok',
      'binding.name | wrangler.toml env.staging ORDERS_DB | ok',
      'binding.remote | wrangler.toml env.staging ORDERS_DB | warn',
      'binding.service_id | wrangler.toml env.staging ORDERS_DB | ok',
      'binding.keys | wrangler.toml env.staging CACHE | fail',
      'binding.name | wrangler.toml env.staging CACHE | fail',
      'binding.remote | wrangler.toml env.staging CACHE | fail',
      'binding.service_id | wrangler.toml env.staging CACHE | fail',
      'binding.keys | wrangler.toml env.staging 2BAD | ok',
      'binding.name | wrangler.toml env.staging 2BAD | fail',
      'binding.remote | wrangler.toml env.staging 2BAD | ok',
      'binding.service_id | wrangler.toml env.staging 2BAD | ok',
      'binding.keys | wrangler.toml env.staging CACHE | ok',
      'binding.remote | wrangler.toml env.staging CACHE | ok',
      'binding.service_id | wrangler.toml env.staging CACHE | ok',
      'binding.environment | wrangler.toml env.production ORDERS_DB | warn',
      'binding.environment | wrangler.toml env.production CACHE | fail',
    ]);
    const get = (check: string, subject: string) => rows.find((x) => x.check === check && x.subject === subject)!;
    expect(get('wrangler.config', 'wrangler.toml').message).toBe('read wrangler.toml: vpc_services bindings 2 at top level, 4 in env.staging, 0 in env.production');
    expect(get('binding.service_id', 'wrangler.toml top level CACHE')).toMatchObject({
      message: 'service_id "cache" is a service name, not its id',
      hint: `use the id: service_id = "${cache!.service_id}"`,
    });
    expect(get('binding.keys', 'wrangler.toml env.staging CACHE').message).toBe('env.staging.vpc_services[1] has "port": only binding, service_id and remote are allowed');
    expect(get('binding.name', 'wrangler.toml env.staging CACHE').message).toBe('binding name CACHE is used 2 times in env.staging (env.staging.vpc_services[1], env.staging.vpc_services[3])');
    // Its top-level service_id is a name: the entry to copy holds the id, and the copy is a failure until the top level is fixed.
    expect(get('binding.environment', 'wrangler.toml env.production CACHE').hint).toBe(
      `fix vpc_services[1] at top level, and add to wrangler.toml: [[env.production.vpc_services]] binding = "CACHE", service_id = "${cache!.service_id}", remote = true`,
    );
    expect(get('binding.remote', 'wrangler.toml env.staging CACHE').message).toBe('env.staging.vpc_services[1] has remote = false: wrangler rejects it (there is no local simulator)');
    expect(get('binding.remote', 'wrangler.toml env.staging ORDERS_DB').hint).toBe('add remote = true to env.staging.vpc_services[0]');
    expect(get('binding.service_id', 'wrangler.toml env.staging CACHE').message).toBe('service_id 9b1f0000-0000-4000-8000-00000000beef is not a service of this account');
    expect(get('binding.environment', 'wrangler.toml env.production ORDERS_DB')).toEqual({
      check: 'binding.environment',
      subject: 'wrangler.toml env.production ORDERS_DB',
      status: 'warn',
      message: 'ORDERS_DB is bound at top level but not in env.production: environments do not inherit vpc_services, so a deploy with --env production has no ORDERS_DB',
      hint: `add to wrangler.toml: [[env.production.vpc_services]] binding = "ORDERS_DB", service_id = "${orders!.service_id}", remote = true`,
    });
  });

  it('wrangler.jsonc with comments given by --wrangler-config, and --env production only', async () => {
    const [orders] = fake.seed([svc('orders-db', TUNNEL)]);
    const dir = tempDir();
    const path = join(dir, 'wrangler.jsonc');
    writeFileSync(
      path,
      `{
  // the shop worker
  "name": "shop",
  "vpc_services": [
    { "binding": "ORDERS_DB", "service_id": "${orders!.service_id}", "remote": true },
    { "binding": "INVENTORY", "service_id": "${orders!.service_id}", "remote": true }, // trailing comma next
  ],
  "env": {
    "production": { "vpc_services": [ { "binding": "ORDERS_DB", "service_id": "${orders!.service_id.toUpperCase()}", "remote": true } ] },
    "staging": { "vpc_services": [ { "binding": "X", "service_id": "nope", "remote": true } ] },
  },
}
`,
    );
    const r = await runInProcess(['doctor', '--wrangler-config', path, '--env', 'production', '--json'], fake, { cwd: tempDir() });
    const rows = parse(r.stdout).filter((x) => x.check.startsWith('binding.') || x.check.startsWith('wrangler.'));
    expect(rows.map((x) => `${x.check} | ${x.subject} | ${x.status}`)).toEqual([
      'wrangler.config | wrangler.jsonc | ok',
      'binding.keys | wrangler.jsonc env.production ORDERS_DB | ok',
      'binding.name | wrangler.jsonc env.production ORDERS_DB | ok',
      'binding.remote | wrangler.jsonc env.production ORDERS_DB | ok',
      'binding.service_id | wrangler.jsonc env.production ORDERS_DB | ok',
      'binding.environment | wrangler.jsonc env.production INVENTORY | warn',
    ]);
    expect(rows.at(-1)!.hint).toBe(`add { "binding": "INVENTORY", "service_id": "${orders!.service_id}", "remote": true } to env.production.vpc_services in wrangler.jsonc`);
    expect(rows[0]!.message).toBe('read wrangler.jsonc: vpc_services bindings 1 in env.production');
    expect(r.exitCode).toBe(0);
  });

  it('a config that does not parse is a failed check, not a crash', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'wrangler.toml'), '[[vpc_services]]\nbinding = "A\n');
    const r = await runInProcess(['doctor', '--json'], fake, { cwd });
    expect(r.exitCode).toBe(1);
    const [cfg] = pick(parse(r.stdout), 'wrangler.config', 'wrangler.toml');
    expect(cfg!.status).toBe('fail');
    expect(cfg!.message).toMatch(/^wrangler\.toml is not valid TOML \(line 2, column \d+: /);
  });

  it('without a config in the folder, the bindings are a skipped check', async () => {
    const cwd = tempDir();
    const r = await runInProcess(['doctor', '--json'], fake, { cwd });
    expect(r.exitCode).toBe(0);
    expect(pick(parse(r.stdout), 'wrangler.config', 'wrangler config').map((x) => x.status)).toEqual(['skipped']);
  });
});

describe('doctor: the rarer outcomes', () => {
  it('a service without a tunnel, an unknown status, a tunnel that cannot be read, a bad vpc_services, an entry without service_id', async () => {
    fake.tunnels.set(ACCOUNT, [{ id: T.healthy, name: 'odd-t', status: 'rebooting' as never, connectors: [{ id: C1, version: '2025.9.0' }] }]);
    fake.seed([svc('odd', T.healthy), svc('broken', T.down), { name: 'nowhere', type: 'tcp', host: { ipv4: '10.0.0.9' }, tcp_port: 22 }]);
    fake.faults.push({ method: 'GET', path: new RegExp(`cfd_tunnel/${T.down}$`), nth: 1, action: { status: 500 } });
    const cwd = tempDir();
    writeFileSync(join(cwd, 'wrangler.json'), JSON.stringify({ vpc_services: [{ binding: 'A', remote: true }], env: { dev: { vpc_services: { binding: 'A' } } } }));
    const r = await runInProcess(['doctor', '--json', '--retries', '0'], fake, { cwd });
    expect(r.exitCode).toBe(1);
    const rows = parse(r.stdout);
    expect(pick(rows, 'service.definition', /^service nowhere/).map((x) => [x.status, x.message])).toEqual([['fail', 'service nowhere names no tunnel in its host']]);
    expect(pick(rows, 'tunnel.status', /odd-t/).map((x) => [x.status, x.message])).toEqual([['warn', 'tunnel odd-t reports an unknown status "rebooting"']]);
    expect(pick(rows, 'tunnel.exists', `tunnel ${T.down}`).map((x) => x.status)).toEqual(['fail']);
    expect(pick(rows, 'tunnel.exists', `tunnel ${T.down}`)[0]!.message).toMatch(new RegExp(`^tunnel ${T.down} could not be read: \\[10001\\] injected 500`));
    expect(pick(rows, 'binding.keys', 'wrangler.json top level A').map((x) => [x.status, x.message])).toEqual([['fail', 'vpc_services[0] lacks service_id: wrangler requires binding and service_id']]);
    expect(statuses(rows, 'binding.service_id', 'wrangler.json top level A')).toEqual(['skipped']);
    expect(pick(rows, 'binding.list', 'wrangler.json env.dev vpc_services').map((x) => [x.status, x.message])).toEqual([['fail', 'vpc_services in env.dev of wrangler.json is not an array']]);
  });
});
