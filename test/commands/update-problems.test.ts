import { describe, expect, it } from 'vitest';
import { TUNNEL } from '../support/fake-api';
import { useFakeApi } from '../support/use-fake';
import { runInProcess } from '../support/in-process';
import { CA, db, def, web } from '../support/sample-services';

// cli.md section 2: one validation, each problem on its own line naming the flag; section 10: an
// update with a bad value sends not even the GET. So update reports every problem of its flags in
// one run, as create does with the same flags and in the same words: the flags' own problems
// (values and conflicts among the flags themselves) before any request, and the problems of the
// flags laid over the service after only the GET.
const fake = useFakeApi();
const err = (...lines: string[]) => lines.map((l) => `error: ${l}\n`).join('');
const L = {
  scheme: '--hostname: must be a bare hostname without a scheme such as https:// (got "http://x.com/")',
  oneForm: '--hostname: cannot be combined with --ipv4 or --ipv6: a service has one host form',
  ipv4: '--ipv4: must be a valid IPv4 address such as 10.0.0.1 (got "zz")',
  tunnel: '--tunnel: must be the tunnel id, a UUID such as 0191dce4-9ab4-7fce-b660-8e5dec5172da (got "nope")',
  tcpPort: '--tcp-port: must be an integer from 1 to 65535 (got "0")',
  tcpOnly: '--tcp-port: only with --type tcp (an http service uses --http-port / --https-port)',
  appOnly: '--app-protocol: only with --type tcp',
  appBad: '--app-protocol: must be postgresql or mysql (got "x")',
  httpOnly: '--http-port: only with --type http (a tcp service has one port: --tcp-port)',
  resolverBad: '--resolver-ips: each must be a valid IPv4 or IPv6 address (got "x")',
  resolverOnly: '--resolver-ips: only with --hostname',
  caDisabled: '--certificate-authority: not allowed with --cert-verification-mode disabled',
  clientCert: '--client-certificate: must be a client certificate id, a UUID such as 0191dce4-9ab4-7fce-b660-8e5dec5172da (got "y")',
  shortcutPort: '--hostname: the port in "db.internal:0" must be an integer from 1 to 65535',
  bareNoPort: '--hostname: must be a bare hostname without a port (got "db.internal:5432")',
  tcpRequired: '--tcp-port: required with --type tcp',
  timeout: '--timeout: must be a number of seconds from 0.1 to 3600 (got "abc")',
};

/** create's lines for the same flags: update says the same ones (create also says what it lacks). */
async function createSays(flags: string[]): Promise<string> {
  const r = await runInProcess(['create', 'c', ...flags, '--no-input'], fake);
  expect(r.exitCode).toBe(2);
  return r.stderr;
}

describe('update: the flags\' own problems, all at once, nothing sent', () => {
  it.each<[string, string[], string[]]>([
    ['values of several flags', ['--tcp-port', '0', '--ipv4', 'zz', '--tunnel', 'nope', '--app-protocol', 'x'], [L.ipv4, L.tunnel, L.tcpPort, L.appBad]],
    ['a bad hostname with an address: the value and the combination', ['--hostname', 'http://x.com/', '--ipv4', '10.0.0.1'], [L.scheme, L.oneForm]],
    ['a hostname with a bad address: the value and the combination', ['--hostname', 'x.com', '--ipv4', 'zz'], [L.ipv4, L.oneForm]],
    ['a hostname with an address', ['--hostname', 'x.com', '--ipv6', 'fd00::1'], [L.oneForm]],
    ['--resolver-ips with an address: each bad ip and the combination', ['--ipv4', '10.0.0.9', '--resolver-ips', '10.0.0.53,x'], [L.resolverBad, L.resolverOnly]],
    ['fields of the other type than --type, one of them bad', ['--type', 'http', '--tcp-port', '0', '--app-protocol', 'mysql'], [L.tcpPort, L.tcpOnly, L.appOnly]],
    ['--http-port with --type tcp', ['--type', 'tcp', '--http-port', '80', '--app-protocol', 'x'], [L.appBad, L.httpOnly]],
    ['a certificate authority with verification off, and a bad client certificate', ['--cert-verification-mode', 'disabled', '--certificate-authority', CA, '--client-certificate', 'y'], [L.caDisabled, L.clientCert]],
  ])('%s', async (_, flags, lines) => {
    fake.seed([def('a')]);
    const r = await runInProcess(['update', 'a', ...flags], fake);
    expect([r.exitCode, r.stdout, r.stderr]).toEqual([2, '', err(...lines)]);
    expect(fake.requests).toEqual([]);
    // The same words as create's for the same flags.
    const created = await createSays(flags);
    for (const line of lines) expect(created).toContain(`error: ${line}\n`);
  });

  it('the port of host:port and the address it is combined with', async () => {
    fake.seed([def('a')]);
    const r = await runInProcess(['update', 'a', '--hostname', 'db.internal:0', '--ipv4', '10.0.0.1'], fake);
    expect([r.exitCode, r.stdout, r.stderr]).toEqual([2, '', err(L.shortcutPort, L.oneForm)]);
    expect(fake.requests).toEqual([]);
  });

  it('a --dry-run refuses them the same way', async () => {
    fake.seed([def('a')]);
    const r = await runInProcess(['update', 'a', '--hostname', 'x.com', '--ipv4', 'zz', '--dry-run'], fake);
    expect([r.exitCode, r.stdout, r.stderr]).toEqual([2, '', err(L.ipv4, L.oneForm)]);
    expect(fake.requests).toEqual([]);
  });

  it('--json: one error object lists them all', async () => {
    fake.seed([def('a')]);
    const r = await runInProcess(['update', 'a', '--hostname', 'http://x.com/', '--ipv4', '10.0.0.1', '--json'], fake);
    expect([r.exitCode, r.stdout]).toEqual([2, '']);
    expect((JSON.parse(r.stderr) as { error: { problems: string[] } }).error.problems).toEqual([L.scheme, L.oneForm]);
    expect(fake.requests).toEqual([]);
  });

  it('the global options\' problems come after them', async () => {
    fake.seed([def('a')]);
    const r = await runInProcess(['update', 'a', '--hostname', 'x.com', '--ipv4', '10.0.0.1', '--tcp-port', '0', '--timeout', 'abc'], fake);
    expect([r.exitCode, r.stdout, r.stderr]).toEqual([2, '', err(L.oneForm, L.tcpPort, L.timeout)]);
    expect(fake.requests).toEqual([]);
  });

  it('-f with flags: the flags\' values and conflicts, before the GET', async () => {
    fake.seed([def('a')]);
    const r = await runInProcess(['update', 'a', '-f', '-', '--hostname', 'http://x.com/', '--ipv4', '10.0.0.1', '--tcp-port', '0'], fake, { input: JSON.stringify(def('a')) });
    expect([r.exitCode, r.stdout, r.stderr]).toEqual([2, '', err(L.scheme, L.oneForm, L.tcpPort)]);
    expect(fake.requests).toEqual([]);
  });

  it('-f with flags that do not fit the file\'s item: said with the item\'s own problems, before the GET', async () => {
    fake.seed([def('a')]);
    const file = def('a', { host: { ipv4: 'zz', network: { tunnel_id: TUNNEL } } });
    const r = await runInProcess(['update', 'a', '-f', '-', '--http-port', '80', '--app-protocol', 'mysql'], fake, { input: JSON.stringify(file) });
    expect([r.exitCode, r.stdout]).toEqual([2, '']);
    // The type and the port named in the message are the file's, so they are named by JSON path.
    const httpOnly = '--http-port: only with type http (a tcp service has one port: tcp_port)';
    expect(r.stderr).toBe(`${err('--file: host.ipv4: must be a valid IPv4 address such as 10.0.0.1 (got "zz")', httpOnly)}  nothing was sent\n`);
    expect(fake.requests).toEqual([]);
  });
});

describe('update: the problems of the flags laid over the service, all at once, after only the GET', () => {
  const onlyTheGet = () => expect(fake.requests.map((q) => q.method)).toEqual(['GET']);

  it('fields of the other type and a --resolver-ips the address host does not take', async () => {
    fake.seed([db]);
    const r = await runInProcess(['update', 'db', '--http-port', '80', '--resolver-ips', '10.0.0.53'], fake);
    expect([r.exitCode, r.stdout, r.stderr]).toEqual([2, '', err(L.resolverOnly, L.httpOnly)]);
    onlyTheGet();
  });

  it('host:port on an http service: the hostname, and a tcp-only flag with it', async () => {
    fake.seed([web]);
    // --https-port fits: given as text, it is checked as text.
    const r = await runInProcess(['update', 'web', '--hostname', 'db.internal:5432', '--app-protocol', 'mysql', '--https-port', '8443'], fake);
    expect([r.exitCode, r.stdout, r.stderr]).toEqual([2, '', err(L.bareNoPort, L.appOnly)]);
    onlyTheGet();
  });

  it('a new type\'s required port, with a flag the service\'s settings refuse and one its host form refuses', async () => {
    const off = { name: 'off', type: 'http', host: { ipv4: '10.0.0.1', network: { tunnel_id: TUNNEL } }, http_port: 80, tls_settings: { cert_verification_mode: 'disabled' } };
    fake.seed([off]);
    const r = await runInProcess(['update', 'off', '--type', 'tcp', '--certificate-authority', CA, '--resolver-ips', '10.0.0.53'], fake);
    expect([r.exitCode, r.stdout, r.stderr]).toEqual([2, '', err(L.resolverOnly, L.tcpRequired, L.caDisabled)]);
    onlyTheGet();
  });
});
