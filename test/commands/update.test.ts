import { describe, expect, it, afterEach, beforeEach } from 'vitest';
import { ACCOUNT, TUNNEL, FakeCloudflare, TUNNEL_2, type StoredService } from '../support/fake-api';
import { useFakeApi } from '../support/use-fake';
import { runInProcess } from '../support/in-process';
import { validateServiceBody } from '../support/openapi';
import { tempDir } from '../support/run-cli';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createArgs, db, def, hostForms, httpDef, manyServices, SERVICES, tcpService, useFileDir, web } from '../support/sample-services';

describe('update: the first cases', () => {
const fake = useFakeApi();
const SERVICES = `/accounts/${ACCOUNT}/connectivity/directory/services`;
const CA = '5a0c3e3e-1f2b-4c9d-8e7f-6a5b4c3d2e1f';
const db = {
  name: 'db',
  type: 'tcp',
  host: { ipv4: '10.0.0.5', ipv6: 'fd00::5', network: { tunnel_id: TUNNEL } },
  tcp_port: 5432,
  tls_settings: { cert_verification_mode: 'verify_ca', certificate_authority: CA },
};

describe('update (in process)', () => {
  it('--app-protocol changes that field and keeps every other one in the PUT', async () => {
    const [svc] = fake.seed([db]);
    const r = await runInProcess(['update', svc!.service_id, '--app-protocol', 'mysql', '-q'], fake);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(`${svc!.service_id}\n`);
    const puts = fake.sent('PUT');
    expect(puts).toHaveLength(1);
    expect(puts[0]!.path).toBe(`${SERVICES}/${svc!.service_id}`);
    expect(puts[0]!.body).toEqual({ ...db, app_protocol: 'mysql' });
  });

  it('no change sends no PUT and says so', async () => {
    const [svc] = fake.seed([db]);
    const r = await runInProcess(['update', 'db', '--tcp-port', '5432'], fake);
    expect(r.exitCode).toBe(0);
    expect(fake.sent('PUT')).toHaveLength(0);
    expect(r.stderr).toBe(`no changes: db (${svc!.service_id}) already matches; nothing was sent\n`);
  });

  it('--dry-run prints the difference and sends no PUT', async () => {
    const [svc] = fake.seed([db]);
    const r = await runInProcess(['update', svc!.service_id, '--tcp-port', '6543', '--dry-run'], fake);
    expect(r.exitCode).toBe(0);
    expect(fake.sent('PUT')).toHaveLength(0);
    expect(r.stderr).toBe('~ tcp_port: 5432 -> 6543\ndry run: nothing was sent\n');
    expect(r.stdout).toBe(`PUT ${fake.url}${SERVICES}/${svc!.service_id}\n${JSON.stringify({ ...db, tcp_port: 6543 }, null, 2)}\n`);
  });
});

});

describe("update", () => {
const fake = useFakeApi();

describe('update', () => {
  it('update by id keeps app protocol, dual stack and TLS', async () => {
    const [, d] = fake.seed([web, db]);
    const r = await runInProcess(['update', d!.service_id, '--tcp-port', '6432', '-q'], fake);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(`${d!.service_id}\n`);
    expect(fake.sent('PUT')[0]!.body).toStrictEqual({ ...db, tcp_port: 6432 });
  });

  it('an IPv4 flag on a dual-stack host replaces just that address', async () => {
    fake.seed([db]);
    await runInProcess(['update', 'db', '--ipv4', '10.0.0.6'], fake);
    expect(fake.sent('PUT')[0]!.body).toStrictEqual({ ...db, host: { ...db.host, ipv4: '10.0.0.6' } });
  });

  it('an update that changes nothing sends no PUT and says so', async () => {
    fake.seed([web]);
    const r = await runInProcess(['update', 'web', '--http-port', '80', '--tunnel', TUNNEL], fake);
    expect(r.exitCode).toBe(0);
    expect(fake.sent('PUT')).toHaveLength(0);
    expect(r.stderr).toContain('no changes');
  });

  it('--dry-run shows the field differences and sends nothing', async () => {
    fake.seed([web]);
    const r = await runInProcess(['update', 'web', '--https-port', '8443', '--tunnel', TUNNEL_2, '--dry-run'], fake);
    expect(r.exitCode).toBe(0);
    expect(fake.mutations()).toHaveLength(0);
    expect(r.stderr).toContain(`~ host.resolver_network.tunnel_id: "${TUNNEL}" -> "${TUNNEL_2}"`);
    expect(r.stderr).toContain('~ https_port: 443 -> 8443');
    expect(r.stdout).toMatch(/^PUT http:\/\/127\.0\.0\.1:\d+\/client\/v4\/accounts\/.+\/services\/[0-9a-f-]{36}$/m);
  });

  it('switching type drops the fields that no longer fit, and the dry-run shows them', async () => {
    fake.seed([db]);
    const r = await runInProcess(['update', 'db', '--type', 'http', '--https-port', '443', '--dry-run', '--json'], fake);
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
    const r = await runInProcess(['update', 'web', '--type', 'tcp'], fake);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('--tcp-port: required with --type tcp');
    expect(fake.mutations()).toHaveLength(0);
  });

  it('switching the host form keeps the tunnel and drops the resolver IPs', async () => {
    fake.seed([web]);
    const r = await runInProcess(['update', 'web', '--ipv4', '10.9.9.9'], fake);
    expect(r.exitCode).toBe(0);
    expect(fake.sent('PUT')[0]!.body).toStrictEqual({ ...web, host: { ipv4: '10.9.9.9', network: { tunnel_id: TUNNEL } } });
  });

  it('invalid merged input is exit 2 naming the flag', async () => {
    fake.seed([db]);
    // A bad value is refused before the GET, so the flags' fit is not looked at yet.
    const r = await runInProcess(['update', 'db', '--resolver-ips', '10.0.0.1', '--tcp-port', '0'], fake);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe('error: --tcp-port: must be an integer from 1 to 65535 (got "0")\n');
    expect(fake.requests).toHaveLength(0);
    const fit = await runInProcess(['update', 'db', '--resolver-ips', '10.0.0.1', '--tcp-port', '1'], fake);
    expect(fit.exitCode).toBe(2);
    expect(fit.stderr).toBe('error: --resolver-ips: only with --hostname\n');
    expect(fake.mutations()).toHaveLength(0);
  });

  it('no flags at all is a usage error', async () => {
    const r = await runInProcess(['update', 'db'], fake);
    expect(r.exitCode).toBe(2);
    expect(fake.requests).toHaveLength(0);
  });

  it('not found is exit 1', async () => {
    const r = await runInProcess(['update', 'ghost', '--http-port', '1'], fake);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('"ghost"');
  });
});
});

describe("update --file", () => {
const fake = useFakeApi();
const { file } = useFileDir();
const web = httpDef;

describe('update --file', () => {
  it('get --json | update <id> -f - changes nothing', async () => {
    const [s] = fake.seed([{ ...web('w'), tls_settings: { cert_verification_mode: 'verify_ca' } }]);
    const got = await runInProcess(['get', s!.service_id, '--json'], fake);
    const r = await runInProcess(['update', s!.service_id, '-f', '-'], fake, { input: got.stdout });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain('no changes');
    expect(fake.mutations()).toHaveLength(0);
  });

  it('a file replaces the whole definition', async () => {
    const [s] = fake.seed([web('w')]);
    const r = await runInProcess(['update', 'w', '-f', '-', '-q'], fake, { input: JSON.stringify(def('w')) });
    expect(r.exitCode).toBe(0);
    expect(fake.sent('PUT')[0]!.path).toContain(s!.service_id);
    expect(fake.sent('PUT')[0]!.body).toStrictEqual(def('w'));
  });
});
});

describe("update and delete: a last attempt without an answer", () => {
/** What commands say and do after faults (cli.md sections 7, 8 and 10). */

const fake = useFakeApi();
const def = tcpService;

describe('a PUT or DELETE whose last attempt got no answer', () => {
  it('update: exit 1, "may have been applied" with the command that checks it', async () => {
    const [s] = fake.seed([def('db')]);
    fake.faults = [{ method: 'PUT', nth: 1, action: { reset: 'after' } }];
    const r = await runInProcess(['update', 'db', '--tcp-port', '6543', '--retries', '0'], fake);
    expect(r.exitCode).toBe(1);
    const host = new URL(fake.url).host.replace(/\./g, '\\.');
    expect(r.stderr).toMatch(
      new RegExp(
        `^error: update db \\(${s!.service_id}\\) may have been applied: the connection to ${host} was reset; check with \`vpcsvc get db\`\n$`,
      ),
    );
    expect(fake.list()[0]!.tcp_port).toBe(6543);
  });

  it('delete in a batch: that item is a failure that may have been applied; the other succeeded: exit 3', async () => {
    const [a, b] = fake.seed([def('a'), def('b')]);
    fake.faults = [{ method: 'DELETE', nth: 1, action: { status: 503 } }];
    const r = await runInProcess(['delete', 'a', 'b', '--yes', '--retries', '0', '--concurrency', '1', '--json'], fake);
    expect(r.exitCode).toBe(3);
    expect(JSON.parse(r.stdout)).toStrictEqual([
      { service_id: a!.service_id, name: 'a', deleted: false, error: `delete a (${a!.service_id}) may have been applied: [10001] injected 503; check with \`vpcsvc get a\`` },
      { service_id: b!.service_id, deleted: true },
    ]);
  });
});
});

describe('update and delete: retries, on an instant clock', () => {
const fake = useFakeApi();
it('a PUT and a DELETE are retried on 503 and connection resets', async () => {
  const [s] = fake.seed([{ name: 'db', type: 'tcp', host: { ipv4: '10.0.0.1', network: { tunnel_id: TUNNEL } }, tcp_port: 5432 }]);
  fake.faults = [
    { method: 'PUT', nth: 1, action: { status: 503 } },
    { method: 'DELETE', nth: 1, action: { reset: 'before' } },
  ];
  const put = await runInProcess(['update', s!.service_id, '--tcp-port', '1', '-q'], fake);
  expect(put.exitCode).toBe(0);
  expect(put.sleeps).toEqual([250]);
  expect(fake.sent('PUT')).toHaveLength(2);
  expect(fake.list()[0]!.tcp_port).toBe(1);
  const del = await runInProcess(['delete', s!.service_id, '--yes'], fake);
  expect(del.exitCode).toBe(0);
  expect(del.stderr).toBe(`✓ deleted db (${s!.service_id})\n`);
  expect(del.sleeps).toEqual([250]);
  expect(fake.sent('DELETE')).toHaveLength(2);
  expect(fake.list()).toHaveLength(0);
});
});



describe("update: flags that fit", () => {
// cli.md section 10, flags never disappear: see "create and update: flags over files" in create.test.ts.
const fake = useFakeApi();
const files = useFileDir();
const file = (name: string, value: unknown) => files.file(name, JSON.stringify(value));
const { web, db, ipDb } = hostForms;

describe('update: a flag that does not fit the service is exit 2 naming it; nothing is written', () => {
  it.each<[string, string, string[], string]>([
    ['--tcp-port on http', 'web', ['--tcp-port', '5432'], 'error: --tcp-port: only with --type tcp (an http service uses --http-port / --https-port)\n'],
    ['--app-protocol on http', 'web', ['--app-protocol', 'mysql'], 'error: --app-protocol: only with --type tcp\n'],
    ['--https-port on tcp', 'db', ['--https-port', '443'], 'error: --https-port: only with --type http (a tcp service has one port: --tcp-port)\n'],
    ['--http-port on tcp', 'db', ['--http-port', '80'], 'error: --http-port: only with --type http (a tcp service has one port: --tcp-port)\n'],
    ['--resolver-ips on an IP host', 'ipdb', ['--resolver-ips', '10.0.0.53'], 'error: --resolver-ips: only with --hostname\n'],
    ['--tcp-port with --type http on a tcp service', 'db', ['--type', 'http', '--tcp-port', '5432'], 'error: --tcp-port: only with --type tcp (an http service uses --http-port / --https-port)\n'],
  ])('%s', async (_n, ref, flags, stderr) => {
    fake.seed([web, db, ipDb]);
    const r = await runInProcess(['update', ref, ...flags], fake);
    expect({ exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr }).toEqual({ exitCode: 2, stdout: '', stderr });
    expect(fake.mutations()).toEqual([]);
  });
});

describe('update: a bad value sends no request at all, not even the GET', () => {
  it.each<[string[], string]>([
    [['--tcp-port', '70000'], 'error: --tcp-port: must be an integer from 1 to 65535 (got "70000")\n'],
    [['--https-port', '0'], 'error: --https-port: must be an integer from 1 to 65535 (got "0")\n'],
    [['--ipv4', '10.0.0.300'], 'error: --ipv4: must be a valid IPv4 address such as 10.0.0.1 (got "10.0.0.300")\n'],
    [['--type', 'udp'], 'error: --type: must be tcp or http (got "udp")\n'],
    [['--tunnel', 'nope'], 'error: --tunnel: must be the tunnel id, a UUID such as 0191dce4-9ab4-7fce-b660-8e5dec5172da (got "nope")\n'],
    [['--resolver-ips', '10.0.0.1,x'], 'error: --resolver-ips: each must be a valid IPv4 or IPv6 address (got "x")\n'],
    [['--hostname', 'db.internal:99999'], 'error: --hostname: the port in "db.internal:99999" must be an integer from 1 to 65535\n'],
    [['--type', 'http', '--hostname', 'db.internal:5432'], 'error: --hostname: must be a bare hostname without a port (got "db.internal:5432")\n'],
  ])('%j', async (flags, stderr) => {
    fake.seed([db]);
    const r = await runInProcess(['update', 'db', ...flags], fake);
    expect({ exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr }).toEqual({ exitCode: 2, stdout: '', stderr });
    expect(fake.requests).toEqual([]);
  });

  it('an invalid --file is refused before the GET too', async () => {
    fake.seed([db]);
    const r = await runInProcess(['update', 'db', '-f', file('bad.json', { ...db, tcp_port: 0 })], fake);
    expect({ exitCode: r.exitCode, stderr: r.stderr }).toEqual({
      exitCode: 2,
      stderr: 'error: --file: tcp_port: must be an integer from 1 to 65535 (got 0)\n  nothing was sent\n',
    });
    expect(fake.requests).toEqual([]);
  });
});

describe('update: the host:port shortcut whenever the result is tcp', () => {
  it('on a tcp service', async () => {
    const [s] = fake.seed([ipDb]);
    const r = await runInProcess(['update', 'ipdb', '--hostname', 'db2.internal:6543', '-q'], fake);
    expect({ exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr }).toEqual({ exitCode: 0, stdout: `${s!.service_id}\n`, stderr: '' });
    expect(fake.sent('PUT').map((p) => p.body)).toEqual([
      { name: 'ipdb', type: 'tcp', host: { hostname: 'db2.internal', resolver_network: { tunnel_id: TUNNEL } }, tcp_port: 6543 },
    ]);
  });

  it('on an http service switched to tcp', async () => {
    fake.seed([web]);
    const r = await runInProcess(['update', 'web', '--type', 'tcp', '--hostname', 'web.internal:8443', '-q'], fake);
    expect(r.exitCode).toBe(0);
    expect(fake.sent('PUT').map((p) => p.body)).toEqual([
      { name: 'web', type: 'tcp', host: { hostname: 'web.internal', resolver_network: { tunnel_id: TUNNEL } }, tcp_port: 8443 },
    ]);
  });

  it('not on an http service: the port is refused, naming --hostname', async () => {
    fake.seed([web]);
    const r = await runInProcess(['update', 'web', '--hostname', 'web.internal:8443'], fake);
    expect({ exitCode: r.exitCode, stderr: r.stderr }).toEqual({ exitCode: 2, stderr: 'error: --hostname: must be a bare hostname without a port (got "web.internal:8443")\n' });
    expect(fake.mutations()).toEqual([]);
  });
});
});
