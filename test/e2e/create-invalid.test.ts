import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeCloudflare, TUNNEL } from '../support/fake-api';
import { runCli } from '../support/run-cli';

let fake: FakeCloudflare;
beforeAll(async () => {
  fake = await FakeCloudflare.start();
});
afterAll(async () => {
  await fake.close();
});

const T = TUNNEL;
const tcp = (...extra: string[]) => ['db', '--type', 'tcp', '--ipv4', '10.0.0.1', '--tunnel', T, '--tcp-port', '5432', ...extra];
const http = (...extra: string[]) => ['web', '--type', 'http', '--ipv4', '10.0.0.1', '--tunnel', T, ...extra];
const byName = (...extra: string[]) => ['web', '--type', 'http', '--tunnel', T, ...extra];
const noPort = (...extra: string[]) => ['db', '--type', 'tcp', '--ipv4', '10.0.0.1', '--tunnel', T, ...extra];

/** [what, args, the flag the message must name, a fragment of the message]. */
const invalid: [string, string[], string, string][] = [
  // wrangler's defects (architecture.md): ports 0, 70000, 5432.5, "abc"; non-UUID tunnel; empty name; other type's flags
  ['tcp port 0', noPort('--tcp-port', '0'), '--tcp-port', 'from 1 to 65535'],
  ['tcp port 70000', noPort('--tcp-port', '70000'), '--tcp-port', '(got "70000")'],
  ['tcp port 5432.5', noPort('--tcp-port', '5432.5'), '--tcp-port', 'integer'],
  ['tcp port abc', noPort('--tcp-port', 'abc'), '--tcp-port', 'integer'],
  ['tcp port negative', noPort('--tcp-port=-1'), '--tcp-port', 'integer'],
  ['tcp port hex', noPort('--tcp-port', '0x50'), '--tcp-port', 'integer'],
  ['tcp port empty', noPort('--tcp-port', ''), '--tcp-port', 'integer'],
  ['tcp port 1e3', noPort('--tcp-port', '1e3'), '--tcp-port', 'integer'],
  ['http port 0', http('--http-port', '0'), '--http-port', 'from 1 to 65535'],
  ['http port 65536', http('--http-port', '65536'), '--http-port', 'from 1 to 65535'],
  ['https port 99999', http('--https-port', '99999'), '--https-port', 'from 1 to 65535'],
  ['https port 443.0', http('--https-port', '443.0'), '--https-port', 'integer'],
  ['https port words', http('--https-port', 'https'), '--https-port', 'integer'],
  ['tunnel not a UUID', ['db', '--type', 'tcp', '--ipv4', '10.0.0.1', '--tunnel', 'my-tunnel', '--tcp-port', '1'], '--tunnel', 'UUID'],
  ['tunnel UUID too short', ['db', '--type', 'tcp', '--ipv4', '10.0.0.1', '--tunnel', T.slice(0, -1), '--tcp-port', '1'], '--tunnel', 'UUID'],
  ['tunnel missing', ['db', '--type', 'tcp', '--ipv4', '10.0.0.1', '--tcp-port', '1'], '--tunnel', 'required'],
  ['tunnel and tunnel-id differ', tcp('--tunnel-id', '11111111-2222-4333-8444-555555555555'), '--tunnel', 'different'],
  ['empty name', ['', '--type', 'tcp', '--ipv4', '10.0.0.1', '--tunnel', T, '--tcp-port', '1'], '--name', 'empty'],
  ['blank --name', ['--name', '   ', '--type', 'tcp', '--ipv4', '10.0.0.1', '--tunnel', T, '--tcp-port', '1'], '--name', 'empty'],
  ['name missing', ['--type', 'tcp', '--ipv4', '10.0.0.1', '--tunnel', T, '--tcp-port', '1'], '--name', 'required'],
  ['name twice, different', [...tcp('--name', 'other')], '--name', 'twice'],
  ['type missing', ['db', '--ipv4', '10.0.0.1', '--tunnel', T, '--tcp-port', '1'], '--type', 'required'],
  ['type udp', ['db', '--type', 'udp', '--ipv4', '10.0.0.1', '--tunnel', T], '--type', 'tcp or http'],
  ['type in capitals', ['db', '--type', 'TCP', '--ipv4', '10.0.0.1', '--tunnel', T, '--tcp-port', '1'], '--type', 'tcp or http'],
  ['tcp without a port', noPort(), '--tcp-port', 'required'],
  ['--tcp-port on http', http('--tcp-port', '80'), '--tcp-port', 'only with --type tcp'],
  ['--app-protocol on http', http('--app-protocol', 'postgresql'), '--app-protocol', 'only with --type tcp'],
  ['--http-port on tcp', tcp('--http-port', '80'), '--http-port', 'only with --type http'],
  ['--https-port on tcp', tcp('--https-port', '443'), '--https-port', 'only with --type http'],
  ['app protocol redis', tcp('--app-protocol', 'redis'), '--app-protocol', 'postgresql or mysql'],
  ['IPv4 999.1.1.1', ['db', '--type', 'tcp', '--ipv4', '999.1.1.1', '--tunnel', T, '--tcp-port', '1'], '--ipv4', 'IPv4'],
  ['IPv4 1.2.3', ['db', '--type', 'tcp', '--ipv4', '1.2.3', '--tunnel', T, '--tcp-port', '1'], '--ipv4', 'IPv4'],
  ['IPv4 given an IPv6', ['db', '--type', 'tcp', '--ipv4', 'fd00::1', '--tunnel', T, '--tcp-port', '1'], '--ipv4', 'IPv4'],
  ['IPv4 with a port', ['db', '--type', 'tcp', '--ipv4', '10.0.0.1:5432', '--tunnel', T, '--tcp-port', '1'], '--ipv4', 'IPv4'],
  ['IPv6 ::g', ['db', '--type', 'tcp', '--ipv6', '::g', '--tunnel', T, '--tcp-port', '1'], '--ipv6', 'IPv6'],
  ['IPv6 given an IPv4', ['db', '--type', 'tcp', '--ipv6', '10.0.0.1', '--tunnel', T, '--tcp-port', '1'], '--ipv6', 'IPv6'],
  ['IPv6 with brackets', ['db', '--type', 'tcp', '--ipv6', '[fd00::1]', '--tunnel', T, '--tcp-port', '1'], '--ipv6', 'IPv6'],
  ['no host at all', ['db', '--type', 'tcp', '--tunnel', T, '--tcp-port', '1'], '--ipv4/--ipv6/--hostname', 'required'],
  ['hostname and IPv4', [...tcp('--hostname', 'db.internal')], '--hostname', 'one host form'],
  ['hostname with a scheme', byName('--hostname', 'https://api.internal'), '--hostname', 'scheme'],
  ['hostname with a path', byName('--hostname', 'api.internal/v1'), '--hostname', 'path'],
  ['hostname with a port on http', byName('--hostname', 'api.internal:8080'), '--hostname', 'port'],
  ['hostname with a space', byName('--hostname', 'api internal'), '--hostname', 'spaces'],
  ['hostname that is an IPv4', byName('--hostname', '10.0.0.1'), '--hostname', 'not an IP'],
  ['hostname that is an IPv6', byName('--hostname', 'fd00::1'), '--hostname', 'not an IP'],
  ['hostname too long', byName('--hostname', `${'a'.repeat(60)}.`.repeat(5) + 'com'), '--hostname', '253'],
  ['hostname with an empty label', byName('--hostname', 'api..internal'), '--hostname', 'valid hostname'],
  ['hostname label too long', byName('--hostname', `${'a'.repeat(64)}.internal`), '--hostname', 'valid hostname'],
  ['hostname empty', byName('--hostname', ''), '--hostname', 'empty'],
  ['host:port shortcut differs from --tcp-port', ['db', '--type', 'tcp', '--hostname', 'db.internal:5432', '--tunnel', T, '--tcp-port', '6543'], '--hostname', 'differs'],
  ['host:port shortcut with a bad port', ['db', '--type', 'tcp', '--hostname', 'db.internal:99999', '--tunnel', T], '--tcp-port', 'from 1 to 65535'],
  ['resolver IPs with an IPv4 host', tcp('--resolver-ips', '10.0.0.53'), '--resolver-ips', 'only with --hostname'],
  ['resolver IP invalid', byName('--hostname', 'a.internal', '--resolver-ips', '10.0.0.1,300.0.0.1'), '--resolver-ips', '"300.0.0.1"'],
  ['resolver IP empty item', byName('--hostname', 'a.internal', '--resolver-ips', '10.0.0.1,'), '--resolver-ips', 'valid IPv4 or IPv6'],
  ['cert mode bogus', tcp('--cert-verification-mode', 'strict'), '--cert-verification-mode', 'verify_full, verify_ca or disabled'],
  ['CA not a UUID', tcp('--certificate-authority', 'my-ca'), '--certificate-authority', 'UUID'],
  ['CA with disabled', tcp('--cert-verification-mode', 'disabled', '--certificate-authority', '5a0c3e3e-1f2b-4c9d-8e7f-6a5b4c3d2e1f'), '--certificate-authority', 'not allowed with --cert-verification-mode disabled'],
  ['client certificate not a UUID', tcp('--client-certificate', '1234'), '--client-certificate', 'UUID'],
  ['timeout not a number', tcp('--timeout', 'soon'), '--timeout', 'seconds'],
  ['retries too many', tcp('--retries', '99'), '--retries', 'from 0 to 10'],
  ['account not hex', tcp('--account', 'zz3e105f4ecef8ad9ca31a8372d0c353'), '--account', '32 hexadecimal'],
];

describe('invalid create input: exit 2, the flag named, nothing sent', () => {
  it('has at least 50 cases', () => {
    expect(invalid.length).toBeGreaterThanOrEqual(50);
  });

  it.concurrent.each(invalid)('%s', async (_what, args, flag, fragment) => {
    const r = await runCli(['create', ...args], fake);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    const line = r.stderr.split('\n').find((l) => l.startsWith(`error: ${flag}`) && l.includes(fragment));
    expect(line, r.stderr).toBeDefined();
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('reports every problem of one run together, one line each', async () => {
    const r = await runCli(['create', '--type', 'tcp', '--ipv4', '999.1.1.1', '--tunnel', 'x', '--tcp-port', '0', '--http-port', '80'], fake);
    expect(r.exitCode).toBe(2);
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('error: '));
    expect(lines).toEqual([
      'error: --name: required: the service name',
      'error: --ipv4: must be a valid IPv4 address such as 10.0.0.1 (got "999.1.1.1")',
      'error: --tunnel: must be the tunnel id, a UUID such as 0191dce4-9ab4-7fce-b660-8e5dec5172da (got "x")',
      'error: --tcp-port: must be an integer from 1 to 65535 (got "0")',
      'error: --http-port: only with --type http (a tcp service has one port: --tcp-port)',
    ]);
  });

  it('sent nothing in any of the cases above', () => {
    expect(fake.requests).toEqual([]);
  });
});
