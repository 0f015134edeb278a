import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNT, FakeCloudflare, TUNNEL, TUNNEL_2, type StoredService } from '../support/fake-api';
import { validateServiceBody } from '../support/openapi';
import { useFakeApi } from '../support/use-fake';
import { runCli } from '../support/run-cli';

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
  it('lists 2,500 services completely across pages of 1000', async () => {
    const seeded = fake.seed(manyServices(2500));
    const r = await runCli(['list', '--json'], fake);
    expect(r.exitCode).toBe(0);
    const listed = JSON.parse(r.stdout) as StoredService[];
    expect(listed).toHaveLength(2500);
    expect(new Set(listed.map((s) => s.service_id))).toEqual(new Set(seeded.map((s) => s.service_id)));
    expect(listed[1234]).toStrictEqual(seeded[1234]);
    const gets = fake.sent('GET');
    expect(gets.map((g) => g.query)).toEqual([
      { page: '1', per_page: '1000' },
      { page: '2', per_page: '1000' },
      { page: '3', per_page: '1000' },
    ]);
  });

  it('a server that ignores paging and sends no result_info does not loop', async () => {
    fake.listIgnoresPaging = true;
    fake.seed(manyServices(3));
    const r = await runCli(['list', '-q'], fake);
    expect(r.exitCode).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(3);
    expect(fake.sent('GET')).toHaveLength(1);
    fake.seed(manyServices(1000).map((d) => ({ ...d, name: `full-${d.name}` })));
    const full = await runCli(['list', '-q'], fake);
    expect(full.stdout.trim().split('\n')).toHaveLength(1003);
    expect(fake.sent('GET')).toHaveLength(3);
  });

  it('--json prints [] when there are none; the table says so on stderr', async () => {
    const r = await runCli(['list', '--json'], fake);
    expect(r.stdout).toBe('[]\n');
    const t = await runCli(['ls'], fake);
    expect(t.exitCode).toBe(0);
    expect(t.stdout).toBe('');
    expect(t.stderr).toContain('no services');
  });

  it('--json output is exactly JSON.stringify(result, null, 2)', async () => {
    fake.seed([web, db]);
    const r = await runCli(['list', '--json'], fake);
    expect(r.stdout).toBe(`${JSON.stringify(fake.list(), null, 2)}\n`);
  });

  it('--type filters on the server', async () => {
    fake.seed(manyServices(30));
    const r = await runCli(['list', '--type', 'tcp', '--ndjson'], fake);
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(10);
    expect(lines.every((s) => s.type === 'tcp')).toBe(true);
    expect(fake.sent('GET')[0]!.query.type).toBe('tcp');
  });

  it('--type rejects other values, exit 2, nothing sent', async () => {
    const r = await runCli(['list', '--type', 'udp'], fake);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('--type');
    expect(fake.requests).toHaveLength(0);
  });

  it('--name-contains and --limit; -q prints ids', async () => {
    fake.seed(manyServices(50));
    const r = await runCli(['list', '--name-contains', 'SVC-0001', '-q'], fake);
    expect(r.stdout.trim().split('\n')).toHaveLength(10);
    const l = await runCli(['list', '--limit', '7', '-q'], fake);
    expect(l.stdout.trim().split('\n')).toHaveLength(7);
    const bad = await runCli(['list', '--limit', '0'], fake);
    expect(bad.exitCode).toBe(2);
  });

  it('the piped table has a header and whole ids', async () => {
    const [a] = fake.seed([web, db]);
    const r = await runCli(['list'], fake);
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+ID\s+TYPE\s+HOST\s+TUNNEL\s+PORTS$/);
    expect(r.stdout).toContain(a!.service_id);
    expect(lines[1]).toContain('web.internal');
    expect(lines[2]).toContain('10.0.0.5, fd00::5');
    expect(lines[2]).toContain('5432 (postgresql)');
  });
});

describe('get', () => {
  it('by name and by id, as table, JSON and id', async () => {
    const [w] = fake.seed([web, db]);
    const byName = await runCli(['get', 'web', '--json'], fake);
    expect(byName.exitCode).toBe(0);
    expect(JSON.parse(byName.stdout)).toStrictEqual(w);
    const byId = await runCli(['get', w!.service_id, '-q'], fake);
    expect(byId.stdout).toBe(`${w!.service_id}\n`);
    expect(fake.sent('GET', new RegExp(`${SERVICES}/${w!.service_id}$`))).toHaveLength(1);
    const table = await runCli(['get', 'web'], fake);
    expect(table.stdout).toMatch(/^resolver ips\s+10\.0\.0\.53, fd00::53$/m);
    expect(table.stdout).toMatch(/^certificate authority\s+5a0c3e3e/m);
  });

  it('not found is exit 1 with the name in the message', async () => {
    const r = await runCli(['get', 'nope'], fake);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('"nope"');
    const id = await runCli(['get', '11111111-2222-4333-8444-555555555555'], fake);
    expect(id.exitCode).toBe(1);
    expect(id.stderr).toContain('11111111-2222-4333-8444-555555555555');
  });

  it('a path-like reference is a name and never leaves the collection', async () => {
    const r = await runCli(['get', '../../user'], fake);
    expect(r.exitCode).toBe(1);
    expect(fake.requests.every((q) => q.path === SERVICES)).toBe(true);
  });
});

describe('update', () => {
  it('update <name> --http-port 8080 keeps every other field', async () => {
    const [w] = fake.seed([web, db]);
    const r = await runCli(['update', 'web', '--http-port', '8080', '--json'], fake);
    expect(r.exitCode).toBe(0);
    const puts = fake.sent('PUT');
    expect(puts).toHaveLength(1);
    expect(puts[0]!.path).toBe(`${SERVICES}/${w!.service_id}`);
    expect(puts[0]!.body).toStrictEqual({ ...web, http_port: 8080 });
    expect(validateServiceBody(puts[0]!.body)).toEqual([]);
    expect(JSON.parse(r.stdout)).toMatchObject({ service_id: w!.service_id, http_port: 8080 });
  });

  it('update by id keeps app protocol, dual stack and TLS', async () => {
    const [, d] = fake.seed([web, db]);
    const r = await runCli(['update', d!.service_id, '--tcp-port', '6432', '-q'], fake);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(`${d!.service_id}\n`);
    expect(fake.sent('PUT')[0]!.body).toStrictEqual({ ...db, tcp_port: 6432 });
  });

  it('an IPv4 flag on a dual-stack host replaces just that address', async () => {
    fake.seed([db]);
    await runCli(['update', 'db', '--ipv4', '10.0.0.6'], fake);
    expect(fake.sent('PUT')[0]!.body).toStrictEqual({ ...db, host: { ...db.host, ipv4: '10.0.0.6' } });
  });

  it('an update that changes nothing sends no PUT and says so', async () => {
    fake.seed([web]);
    const r = await runCli(['update', 'web', '--http-port', '80', '--tunnel', TUNNEL], fake);
    expect(r.exitCode).toBe(0);
    expect(fake.sent('PUT')).toHaveLength(0);
    expect(r.stderr).toContain('no changes');
  });

  it('--dry-run shows the field differences and sends nothing', async () => {
    fake.seed([web]);
    const r = await runCli(['update', 'web', '--https-port', '8443', '--tunnel', TUNNEL_2, '--dry-run'], fake);
    expect(r.exitCode).toBe(0);
    expect(fake.mutations()).toHaveLength(0);
    expect(r.stderr).toContain(`~ host.resolver_network.tunnel_id: "${TUNNEL}" -> "${TUNNEL_2}"`);
    expect(r.stderr).toContain('~ https_port: 443 -> 8443');
    expect(r.stdout).toMatch(/^PUT http:\/\/127\.0\.0\.1:\d+\/client\/v4\/accounts\/.+\/services\/[0-9a-f-]{36}$/m);
  });

  it('switching type drops the fields that no longer fit, and the dry-run shows them', async () => {
    fake.seed([db]);
    const r = await runCli(['update', 'db', '--type', 'http', '--https-port', '443', '--dry-run', '--json'], fake);
    expect(r.exitCode).toBe(0);
    const plan = JSON.parse(r.stdout);
    expect(plan.body).toStrictEqual({ name: 'db', type: 'http', host: db.host, https_port: 443, tls_settings: db.tls_settings });
    expect(plan.changes).toEqual(
      expect.arrayContaining([
        { path: 'tcp_port', from: 5432 },
        { path: 'app_protocol', from: 'postgresql' },
        { path: 'type', from: 'tcp', to: 'http' },
      ]),
    );
  });

  it('switching to tcp requires the tcp port', async () => {
    fake.seed([web]);
    const r = await runCli(['update', 'web', '--type', 'tcp'], fake);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('--tcp-port: required with --type tcp');
    expect(fake.mutations()).toHaveLength(0);
  });

  it('switching the host form keeps the tunnel and drops the resolver IPs', async () => {
    fake.seed([web]);
    const r = await runCli(['update', 'web', '--ipv4', '10.9.9.9'], fake);
    expect(r.exitCode).toBe(0);
    expect(fake.sent('PUT')[0]!.body).toStrictEqual({ ...web, host: { ipv4: '10.9.9.9', network: { tunnel_id: TUNNEL } } });
  });

  it('invalid merged input is exit 2 naming the flag', async () => {
    fake.seed([db]);
    // A bad value is refused before the GET, so the flags' fit is not looked at yet.
    const r = await runCli(['update', 'db', '--resolver-ips', '10.0.0.1', '--tcp-port', '0'], fake);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe('error: --tcp-port: must be an integer from 1 to 65535 (got "0")\n');
    expect(fake.requests).toHaveLength(0);
    const fit = await runCli(['update', 'db', '--resolver-ips', '10.0.0.1', '--tcp-port', '1'], fake);
    expect(fit.exitCode).toBe(2);
    expect(fit.stderr).toBe('error: --resolver-ips: only with --hostname\n');
    expect(fake.mutations()).toHaveLength(0);
  });

  it('no flags at all is a usage error', async () => {
    const r = await runCli(['update', 'db'], fake);
    expect(r.exitCode).toBe(2);
    expect(fake.requests).toHaveLength(0);
  });

  it('not found is exit 1', async () => {
    const r = await runCli(['update', 'ghost', '--http-port', '1'], fake);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('"ghost"');
  });
});

describe('delete', () => {
  it('without --yes and without a terminal: exit 2, nothing deleted', async () => {
    fake.seed([web]);
    const r = await runCli(['delete', 'web'], fake);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('--yes');
    expect(fake.requests).toHaveLength(0);
    expect(fake.list()).toHaveLength(1);
  });

  it.each(['envelope', 'empty', '204'] as const)('by name and by id, the API answering %s', async (style) => {
    fake.deleteStyle = style;
    const [w, d] = fake.seed([web, db]);
    const r = await runCli(['rm', 'web', d!.service_id, '--yes', '--json'], fake);
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      { service_id: w!.service_id, deleted: true },
      { service_id: d!.service_id, deleted: true },
    ]);
    expect(fake.list()).toHaveLength(0);
  });

  it('one service with --json prints one object', async () => {
    const [w] = fake.seed([web]);
    const r = await runCli(['delete', 'web', '--yes', '--json'], fake);
    expect(JSON.parse(r.stdout)).toEqual({ service_id: w!.service_id, deleted: true });
  });

  it('--if-exists on a missing service exits 0', async () => {
    const r = await runCli(['delete', 'ghost', '--if-exists', '--yes'], fake);
    expect(r.exitCode).toBe(0);
    expect(fake.mutations()).toHaveLength(0);
    const id = await runCli(['delete', '11111111-2222-4333-8444-555555555555', '--if-exists', '--yes', '--json'], fake);
    expect(id.exitCode).toBe(0);
    expect(JSON.parse(id.stdout)).toEqual({ service_id: '11111111-2222-4333-8444-555555555555', deleted: false });
  });

  it('a missing service without --if-exists: exit 1, nothing deleted', async () => {
    fake.seed([web]);
    const r = await runCli(['delete', 'web', 'ghost', '--yes'], fake);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('"ghost"');
    expect(fake.list()).toHaveLength(1);
  });

  it('--dry-run prints the requests and deletes nothing', async () => {
    const [w] = fake.seed([web]);
    const r = await runCli(['delete', 'web', '--dry-run'], fake);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(`DELETE ${fake.url}${SERVICES}/${w!.service_id}\n`);
    expect(fake.mutations()).toHaveLength(0);
  });
});
