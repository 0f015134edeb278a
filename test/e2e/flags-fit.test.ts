import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { TUNNEL } from '../support/fake-api';
import { useFakeApi } from '../support/use-fake';
import { runCli, tempDir } from '../support/run-cli';

/*
 * cli.md section 10: flags never disappear. A flag that does not fit the resulting service is a
 * usage error naming it, on update and over --file; bad values are refused before any request,
 * the GET of update included; the host:port shortcut works wherever the result is tcp.
 */

const fake = useFakeApi();
let dir: string;
beforeEach(() => {
  dir = tempDir();
});
const file = (name: string, value: unknown) => {
  const p = join(dir, name);
  writeFileSync(p, JSON.stringify(value));
  return p;
};

const web = { name: 'web', type: 'http', host: { ipv4: '10.0.0.1', network: { tunnel_id: TUNNEL } }, https_port: 443 };
const db = { name: 'db', type: 'tcp', host: { hostname: 'db.internal', resolver_network: { tunnel_id: TUNNEL } }, tcp_port: 5432 };
const ipDb = { name: 'ipdb', type: 'tcp', host: { ipv4: '10.0.0.5', network: { tunnel_id: TUNNEL } }, tcp_port: 5432 };

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
    const r = await runCli(['update', ref, ...flags], fake);
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
    [['--hostname', 'db.internal:99999'], 'error: --tcp-port: must be an integer from 1 to 65535 (got "99999")\n'],
    [['--type', 'http', '--hostname', 'db.internal:5432'], 'error: --hostname: must be a bare hostname without a port (got "db.internal:5432")\n'],
  ])('%j', async (flags, stderr) => {
    fake.seed([db]);
    const r = await runCli(['update', 'db', ...flags], fake);
    expect({ exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr }).toEqual({ exitCode: 2, stdout: '', stderr });
    expect(fake.requests).toEqual([]);
  });

  it('an invalid --file is refused before the GET too', async () => {
    fake.seed([db]);
    const r = await runCli(['update', 'db', '-f', file('bad.json', { ...db, tcp_port: 0 })], fake);
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
    const r = await runCli(['update', 'ipdb', '--hostname', 'db2.internal:6543', '-q'], fake);
    expect({ exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr }).toEqual({ exitCode: 0, stdout: `${s!.service_id}\n`, stderr: '' });
    expect(fake.sent('PUT').map((p) => p.body)).toEqual([
      { name: 'ipdb', type: 'tcp', host: { hostname: 'db2.internal', resolver_network: { tunnel_id: TUNNEL } }, tcp_port: 6543 },
    ]);
  });

  it('on an http service switched to tcp', async () => {
    fake.seed([web]);
    const r = await runCli(['update', 'web', '--type', 'tcp', '--hostname', 'web.internal:8443', '-q'], fake);
    expect(r.exitCode).toBe(0);
    expect(fake.sent('PUT').map((p) => p.body)).toEqual([
      { name: 'web', type: 'tcp', host: { hostname: 'web.internal', resolver_network: { tunnel_id: TUNNEL } }, tcp_port: 8443 },
    ]);
  });

  it('not on an http service: the port is refused, naming --hostname', async () => {
    fake.seed([web]);
    const r = await runCli(['update', 'web', '--hostname', 'web.internal:8443'], fake);
    expect({ exitCode: r.exitCode, stderr: r.stderr }).toEqual({ exitCode: 2, stderr: 'error: --hostname: must be a bare hostname without a port (got "web.internal:8443")\n' });
    expect(fake.mutations()).toEqual([]);
  });
});

describe('flags over --file must fit every item', () => {
  it('create -f http.json --tcp-port: exit 2 naming the flag, nothing sent', async () => {
    const r = await runCli(['create', '-f', file('web.json', web), '--tcp-port', '5432'], fake);
    expect({ exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr }).toEqual({
      exitCode: 2,
      stdout: '',
      stderr: 'error: --tcp-port: only with type tcp (an http service uses http_port / https_port)\n  nothing was sent\n',
    });
    expect(fake.requests).toEqual([]);
  });

  it('create -f of several definitions: the flag must fit each; the item is named', async () => {
    const r = await runCli(['create', '-f', file('two.json', [db, web]), '--app-protocol', 'mysql'], fake);
    expect({ exitCode: r.exitCode, stderr: r.stderr }).toEqual({
      exitCode: 2,
      stderr: 'error: --app-protocol (over --file item [1]): only with type tcp\n  nothing was sent\n',
    });
    expect(fake.requests).toEqual([]);
  });

  it('--type over a file of the other type is an error, not a silent drop', async () => {
    const r = await runCli(['create', '-f', file('db.json', db), '--type', 'http'], fake);
    expect({ exitCode: r.exitCode, stderr: r.stderr }).toEqual({
      exitCode: 2,
      stderr: 'error: --file: tcp_port: only with --type tcp (an http service uses http_port / https_port)\n  nothing was sent\n',
    });
    expect(fake.requests).toEqual([]);
  });

  it('update -f with a flag of the other type: exit 2 before any request', async () => {
    fake.seed([db]);
    const r = await runCli(['update', 'db', '-f', file('db.json', db), '--https-port', '443'], fake);
    expect({ exitCode: r.exitCode, stderr: r.stderr }).toEqual({
      exitCode: 2,
      stderr: 'error: --https-port: only with type http (a tcp service has one port: tcp_port)\n  nothing was sent\n',
    });
    expect(fake.requests).toEqual([]);
  });

  it('the host:port shortcut over a tcp file item', async () => {
    const r = await runCli(['create', '-f', file('db.json', db), '--hostname', 'db9.internal:7000', '-q'], fake);
    expect(r.exitCode).toBe(0);
    expect(fake.sent('POST').map((p) => p.body)).toEqual([
      { name: 'db', type: 'tcp', host: { hostname: 'db9.internal', resolver_network: { tunnel_id: TUNNEL } }, tcp_port: 7000 },
    ]);
  });

  it('flags that fit every item override each one', async () => {
    const r = await runCli(['create', '-f', file('two.json', [db, { ...db, name: 'db2' }]), '--tcp-port', '6000', '-q'], fake);
    expect(r.exitCode).toBe(0);
    expect(fake.sent('POST').map((p) => (p.body as { tcp_port: number }).tcp_port)).toEqual([6000, 6000]);
  });

  it('file ports must be JSON numbers even when flags are given', async () => {
    const r = await runCli(['create', '-f', file('db.json', { ...db, tcp_port: '5432' }), '--app-protocol', 'mysql'], fake);
    expect({ exitCode: r.exitCode, stderr: r.stderr }).toEqual({
      exitCode: 2,
      stderr: 'error: --file: tcp_port: must be an integer from 1 to 65535 (got "5432")\n  nothing was sent\n',
    });
  });
});

describe('host-form conflicts name flags or JSON paths, never placeholders', () => {
  it('flags', async () => {
    const r = await runCli(['create', 'x', '--type', 'tcp', '--tcp-port', '1', '--tunnel', TUNNEL, '--ipv4', '10.0.0.1', '--hostname', 'a.b'], fake);
    expect({ exitCode: r.exitCode, stderr: r.stderr }).toEqual({
      exitCode: 2,
      stderr: 'error: --hostname: cannot be combined with --ipv4 or --ipv6: a service has one host form\n  see `vpcsvc create --help` for the flags and examples\n',
    });
    const ip = await runCli(['create', 'x', '--type', 'tcp', '--tcp-port', '1', '--tunnel', TUNNEL, '--hostname', '10.0.0.1'], fake);
    expect(ip.stderr).toBe('error: --hostname: must be a hostname, not an IP address (use --ipv4 or --ipv6) (got "10.0.0.1")\n  see `vpcsvc create --help` for the flags and examples\n');
    expect(fake.requests).toEqual([]);
  });

  it('files', async () => {
    const r = await runCli(['create', '-f', file('x.json', { ...ipDb, host: { ...ipDb.host, hostname: 'a.b' } })], fake);
    expect({ exitCode: r.exitCode, stderr: r.stderr }).toEqual({
      exitCode: 2,
      stderr: 'error: --file: host.hostname: cannot be combined with host.ipv4 or host.ipv6: a service has one host form\n  nothing was sent\n',
    });
    const ip = await runCli(['create', '-f', file('y.json', { ...db, host: { hostname: '10.0.0.1', resolver_network: { tunnel_id: TUNNEL } } })], fake);
    expect(ip.stderr).toBe('error: --file: host.hostname: must be a hostname, not an IP address (use host.ipv4 or host.ipv6) (got "10.0.0.1")\n  nothing was sent\n');
    expect(fake.requests).toEqual([]);
  });
});
