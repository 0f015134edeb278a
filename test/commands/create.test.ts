import { afterEach, beforeEach, describe, expect, it, afterAll, beforeAll } from 'vitest';
import { ACCOUNT, API_KEY, EMAIL, FakeCloudflare, TOKEN, TUNNEL, TUNNEL_2, ACCOUNT_2 } from '../support/fake-api';
import { validateServiceBody } from '../support/openapi';
import { useFakeApi } from '../support/use-fake';
import { runInProcess } from '../support/in-process';
import { tempDir } from '../support/run-cli';
import { writeFileSync, readFileSync, readdirSync, chmodSync, mkdirSync, statSync, symlinkSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { execa } from 'execa';
import { equivalentCommand } from '../../src/prompts/wizard';
import { createArgs, def, hostForms, httpDef as web, SERVICES, tcpService, useFileDir } from '../support/sample-services';
import { writeWranglerConfig } from '../support/wrangler-config';

describe("create from flags", () => {
const CA = '5a0c3e3e-1f2b-4c9d-8e7f-6a5b4c3d2e1f';
const CLIENT = '7b1d4f4f-2a3c-4dae-9f80-7b6c5d4e3f20';

const fake = useFakeApi();

const net = { network: { tunnel_id: TUNNEL } };

/** Every host form x type combination, and every TLS field, with the exact body expected. */
const valid: [string, string[], Record<string, unknown>][] = [
  ['tcp by IPv4', ['db', '--type', 'tcp', '--ipv4', '10.0.0.1', '--tunnel', TUNNEL, '--tcp-port', '5432'],
    { name: 'db', type: 'tcp', host: { ipv4: '10.0.0.1', ...net }, tcp_port: 5432 }],
  ['tcp by IPv4 with postgresql', ['--name', 'pg', '--type', 'tcp', '--ipv4', '10.0.0.2', '--tunnel-id', TUNNEL, '--tcp-port', '5432', '--app-protocol', 'postgresql'],
    { name: 'pg', type: 'tcp', host: { ipv4: '10.0.0.2', ...net }, tcp_port: 5432, app_protocol: 'postgresql' }],
  ['tcp by IPv6 with mysql', ['my', '--type', 'tcp', '--ipv6', 'fd00::10', '--tunnel', TUNNEL, '--tcp-port', '3306', '--app-protocol', 'mysql'],
    { name: 'my', type: 'tcp', host: { ipv6: 'fd00::10', ...net }, tcp_port: 3306, app_protocol: 'mysql' }],
  ['tcp dual stack', ['dual', '--type', 'tcp', '--ipv4', '10.0.0.3', '--ipv6', '2001:db8::3', '--tunnel', TUNNEL, '--tcp-port', '6379'],
    { name: 'dual', type: 'tcp', host: { ipv4: '10.0.0.3', ipv6: '2001:db8::3', ...net }, tcp_port: 6379 }],
  ['tcp by hostname with --tcp-port', ['h1', '--type', 'tcp', '--hostname', 'db.internal', '--tunnel', TUNNEL, '--tcp-port', '5432'],
    { name: 'h1', type: 'tcp', host: { hostname: 'db.internal', resolver_network: { tunnel_id: TUNNEL } }, tcp_port: 5432 }],
  ['tcp host:port shortcut with resolvers', ['h2', '--type', 'tcp', '--hostname', 'db.internal:6543', '--tunnel', TUNNEL, '--resolver-ips', '10.0.0.53', '--app-protocol', 'postgresql'],
    { name: 'h2', type: 'tcp', host: { hostname: 'db.internal', resolver_network: { tunnel_id: TUNNEL, resolver_ips: ['10.0.0.53'] } }, tcp_port: 6543, app_protocol: 'postgresql' }],
  ['http by IPv4 without ports', ['web', '--type', 'http', '--ipv4', '192.168.1.10', '--tunnel', TUNNEL],
    { name: 'web', type: 'http', host: { ipv4: '192.168.1.10', ...net } }],
  ['http by IPv4 with both ports', ['web2', '--type', 'http', '--ipv4', '10.0.0.1', '--tunnel', TUNNEL, '--http-port', '8080', '--https-port', '8443'],
    { name: 'web2', type: 'http', host: { ipv4: '10.0.0.1', ...net }, http_port: 8080, https_port: 8443 }],
  ['http by IPv6 with https port', ['web6', '--type', 'http', '--ipv6', 'fe80::1', '--tunnel', TUNNEL, '--https-port', '443'],
    { name: 'web6', type: 'http', host: { ipv6: 'fe80::1', ...net }, https_port: 443 }],
  ['http dual stack', ['webd', '--type', 'http', '--ipv6', '2001:db8::1', '--ipv4', '10.1.1.1', '--tunnel', TUNNEL, '--http-port', '80'],
    { name: 'webd', type: 'http', host: { ipv4: '10.1.1.1', ipv6: '2001:db8::1', ...net }, http_port: 80 }],
  ['http by hostname, no resolvers', ['api', '--type', 'http', '--hostname', 'api.example.com', '--tunnel', TUNNEL],
    { name: 'api', type: 'http', host: { hostname: 'api.example.com', resolver_network: { tunnel_id: TUNNEL } } }],
  ['http by hostname, resolvers as a list and repeated', ['gw', '--type', 'http', '--hostname', 'gw.internal', '--resolver-ips', '10.0.0.1,10.0.0.2', '--resolver-ips', 'fd00::53', '--tunnel', TUNNEL, '--https-port', '443'],
    { name: 'gw', type: 'http', host: { hostname: 'gw.internal', resolver_network: { tunnel_id: TUNNEL, resolver_ips: ['10.0.0.1', '10.0.0.2', 'fd00::53'] } }, https_port: 443 }],
  ['TLS: every field', ['tls1', '--type', 'http', '--hostname', 'secure.internal', '--tunnel', TUNNEL, '--cert-verification-mode', 'verify_ca', '--certificate-authority', CA, '--client-certificate', CLIENT],
    { name: 'tls1', type: 'http', host: { hostname: 'secure.internal', resolver_network: { tunnel_id: TUNNEL } }, tls_settings: { cert_verification_mode: 'verify_ca', certificate_authority: CA, client_certificate: CLIENT } }],
  ['TLS: a CA alone sends verify_full', ['tls2', '--type', 'tcp', '--ipv4', '10.0.0.9', '--tunnel', TUNNEL, '--tcp-port', '443', '--certificate-authority', CA],
    { name: 'tls2', type: 'tcp', host: { ipv4: '10.0.0.9', ...net }, tcp_port: 443, tls_settings: { cert_verification_mode: 'verify_full', certificate_authority: CA } }],
  ['TLS: disabled with a client certificate', ['tls3', '--type', 'http', '--ipv4', '10.0.0.8', '--tunnel', TUNNEL, '--cert-verification-mode', 'disabled', '--client-certificate', CLIENT],
    { name: 'tls3', type: 'http', host: { ipv4: '10.0.0.8', ...net }, tls_settings: { cert_verification_mode: 'disabled', client_certificate: CLIENT } }],
  ['TLS: mode only, values trimmed', ['  tls4 ', '--type', 'tcp', '--ipv4', ' 10.0.0.7 ', '--tunnel', TUNNEL, '--tcp-port', ' 22 ', '--cert-verification-mode', 'verify_full'],
    { name: 'tls4', type: 'tcp', host: { ipv4: '10.0.0.7', ...net }, tcp_port: 22, tls_settings: { cert_verification_mode: 'verify_full' } }],
];

describe('create from flags sends exactly the right body', () => {
  it.each(valid)('%s', async (_label, args, body) => {
    const r = await runInProcess(['create', ...args, '--json'], fake);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    const posts = fake.sent('POST');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.body).toStrictEqual(body);
    expect(validateServiceBody(posts[0]!.body)).toEqual([]);
    expect(posts[0]!.path).toBe(`/accounts/${ACCOUNT}/connectivity/directory/services`);
    const printed = JSON.parse(r.stdout);
    expect(printed).toStrictEqual(fake.list()[0]);
    expect(r.stdout.endsWith('}\n')).toBe(true);
  });
});

describe('create output', () => {
  const args = ['create', 'db', '--type', 'tcp', '--ipv4', '10.0.0.1', '--tunnel', TUNNEL, '--tcp-port', '5432'];

  it('-q prints only the id', async () => {
    const r = await runInProcess([...args, '-q'], fake);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(`${fake.list()[0]!.service_id}\n`);
  });

  it('--dry-run prints method, URL and body, needs no credentials, and sends nothing', async () => {
    const r = await runInProcess([...args, '--dry-run'], fake, { noCredentials: true });
    expect(r.exitCode).toBe(0);
    expect(fake.requests).toHaveLength(0);
    const [first, ...rest] = r.stdout.split('\n');
    expect(first).toBe(`POST ${fake.url}/accounts/{account_id}/connectivity/directory/services`);
    expect(JSON.parse(rest.join('\n'))).toStrictEqual({ name: 'db', type: 'tcp', host: { ipv4: '10.0.0.1', ...net }, tcp_port: 5432 });
  });

  it('--dry-run --json prints one object with the account when it is known', async () => {
    const r = await runInProcess([...args, '--dry-run', '--json'], fake);
    expect(r.exitCode).toBe(0);
    expect(fake.requests).toHaveLength(0);
    expect(JSON.parse(r.stdout)).toStrictEqual({
      method: 'POST',
      url: `${fake.url}/accounts/${ACCOUNT}/connectivity/directory/services`,
      body: { name: 'db', type: 'tcp', host: { ipv4: '10.0.0.1', ...net }, tcp_port: 5432 },
    });
  });

  it('sends the User-Agent and a bearer token', async () => {
    const r = await runInProcess([...args, '-q'], fake);
    expect(r.exitCode).toBe(0);
    const h = fake.sent('POST')[0]!.headers;
    expect(h['user-agent']).toMatch(/^vpcsvc\/\d+\.\d+\.\d+/);
    expect(h.authorization).toBe(`Bearer ${TOKEN}`);
    expect(h['content-type']).toBe('application/json');
  });

  it('sends the same over a real loopback socket as straight into the fake', async () => {
    const r = await runInProcess([...args, '-q'], fake, { socket: true });
    expect(r.exitCode).toBe(0);
    const h = fake.sent('POST')[0]!.headers;
    expect(h.authorization).toBe(`Bearer ${TOKEN}`);
    expect(h['content-length']).toBe(String(Buffer.byteLength(fake.sent('POST')[0]!.rawBody)));
    expect(r.stdout).toBe(`${fake.list()[0]!.service_id}\n`);
  });

  it('works with a global API key and email', async () => {
    const r = await runInProcess([...args, '-q'], fake, { noCredentials: true, env: { CLOUDFLARE_API_KEY: API_KEY, CLOUDFLARE_EMAIL: EMAIL, CLOUDFLARE_ACCOUNT_ID: ACCOUNT } });
    expect(r.exitCode).toBe(0);
    const h = fake.sent('POST')[0]!.headers;
    expect(h['x-auth-key']).toBe(API_KEY);
    expect(h['x-auth-email']).toBe(EMAIL);
    expect(h.authorization).toBeUndefined();
  });
});

describe('create failures', () => {
  const args = ['create', 'db', '--type', 'tcp', '--ipv4', '10.0.0.1', '--tunnel', TUNNEL, '--tcp-port', '5432'];

  it('a duplicate name shows Cloudflare\'s code and message, exit 1', async () => {
    fake.seed([{ name: 'db', type: 'tcp', host: { ipv4: '10.0.0.5', ...net }, tcp_port: 1 }]);
    const r = await runInProcess(args, fake);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('error: [5101] service already exists');
    expect(r.stdout).toBe('');
  });

  it('--json errors are a JSON object on stderr', async () => {
    fake.seed([{ name: 'db', type: 'tcp', host: { ipv4: '10.0.0.5', ...net }, tcp_port: 1 }]);
    const r = await runInProcess([...args, '--json'], fake);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
    expect(JSON.parse(r.stderr)).toMatchObject({ error: { code: 5101, message: '[5101] service already exists', status: 409 } });
  });

  it('no credentials: exit 4 and nothing sent', async () => {
    const r = await runInProcess(args, fake, { noCredentials: true });
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toContain('error: no credentials');
    expect(r.stderr).toContain('CLOUDFLARE_API_TOKEN');
    expect(fake.requests).toHaveLength(0);
  });

  it('half a key pair names the missing variable, exit 4', async () => {
    const r = await runInProcess(args, fake, { noCredentials: true, env: { CLOUDFLARE_EMAIL: EMAIL, CLOUDFLARE_ACCOUNT_ID: ACCOUNT } });
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toContain('CLOUDFLARE_API_KEY');
    expect(fake.requests).toHaveLength(0);
  });

  it('a rejected token is exit 4 with a hint', async () => {
    const r = await runInProcess(args, fake, { env: { CLOUDFLARE_API_TOKEN: 'wrong-token-000000000000' } });
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toContain('[10000] Authentication error');
    expect(r.stderr).toMatch(/not accepted/);
    expect(r.stderr + r.stdout).not.toContain('wrong-token-000000000000');
  });

  it('a read-only token is exit 4 naming the permission', async () => {
    fake.tokens['read-only-token-0000000000'] = { kind: 'user', accounts: [ACCOUNT], permission: 'read' };
    const r = await runInProcess(args, fake, { env: { CLOUDFLARE_API_TOKEN: 'read-only-token-0000000000' } });
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toContain('Connectivity Directory Admin');
  });

  it('plain http to a non-loopback host is refused before anything is sent', async () => {
    const r = await runInProcess(args, fake, { env: { CLOUDFLARE_API_BASE_URL: 'http://api.example.com/client/v4' } });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('CLOUDFLARE_API_BASE_URL');
    expect(fake.requests).toHaveLength(0);
  });

  it('CLOUDFLARE_BASE_URL is honoured too', async () => {
    const r = await runInProcess([...args, '-q'], fake, { env: { CLOUDFLARE_API_BASE_URL: undefined, CLOUDFLARE_BASE_URL: fake.url } });
    expect(r.exitCode).toBe(0);
    expect(fake.sent('POST')).toHaveLength(1);
  });

  it('a malformed account id is exit 2', async () => {
    const r = await runInProcess([...args, '--account', 'not-an-account'], fake);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('--account');
    expect(fake.requests).toHaveLength(0);
  });

  it('an unreachable API is exit 1 and names the host', async () => {
    const r = await runInProcess(args, fake, { env: { CLOUDFLARE_API_BASE_URL: 'http://127.0.0.1:9/client/v4' } });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('127.0.0.1:9');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  }, 120_000);
});
});

describe("create: invalid input", () => {
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
  ['host:port shortcut with a bad port', ['db', '--type', 'tcp', '--hostname', 'db.internal:99999', '--tunnel', T], '--hostname', 'the port in "db.internal:99999" must be an integer from 1 to 65535'],
  ['host:port shortcut with port 0', ['db', '--type', 'tcp', '--hostname', 'db.internal:0', '--tunnel', T], '--hostname', 'the port in "db.internal:0" must be an integer from 1 to 65535'],
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
    const r = await runInProcess(['create', ...args], fake);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    const line = r.stderr.split('\n').find((l) => l.startsWith(`error: ${flag}`) && l.includes(fragment));
    expect(line, r.stderr).toBeDefined();
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('reports every problem of one run together, one line each', async () => {
    const r = await runInProcess(['create', '--type', 'tcp', '--ipv4', '999.1.1.1', '--tunnel', 'x', '--tcp-port', '0', '--http-port', '80'], fake);
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
});

describe("create --file", () => {
const fake = useFakeApi();
const { dir, file } = useFileDir();

describe('create --file', () => {
  it('an object', async () => {
    const r = await runInProcess(['create', '-f', file('one.json', JSON.stringify(def('one'))), '--json'], fake);
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout).name).toBe('one');
    expect(fake.sent('POST')[0]!.body).toStrictEqual(def('one'));
  });

  it('an array, created with bounded concurrency, one result per item', async () => {
    const items = Array.from({ length: 9 }, (_, i) => def(`db-${i}`));
    const r = await runInProcess(['create', '-f', file('many.json', JSON.stringify(items)), '--json', '--concurrency', '3'], fake);
    expect(r.exitCode).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.map((s: { name: string }) => s.name)).toEqual(items.map((i) => i.name));
    expect(fake.list()).toHaveLength(9);
  });

  it('NDJSON from stdin, --ndjson out', async () => {
    const text = `${JSON.stringify(def('a'))}\n\n${JSON.stringify(web('b'))}\n`;
    const r = await runInProcess(['create', '-f', '-', '--ndjson'], fake, { input: text });
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.name).sort()).toEqual(['a', 'b']);
    expect(fake.sent('POST').map((p) => p.body)).toEqual(expect.arrayContaining([def('a'), web('b')]));
  });

  it('an object on stdin; flags override file fields', async () => {
    const r = await runInProcess(['create', '-f', '-', '--tcp-port', '6543', '--tunnel', TUNNEL_2, '-q'], fake, { input: JSON.stringify(def('over')) });
    expect(r.exitCode).toBe(0);
    expect(fake.sent('POST')[0]!.body).toStrictEqual(def('over', { tcp_port: 6543, host: { ipv4: '10.0.0.1', network: { tunnel_id: TUNNEL_2 } } }));
  });

  it('read-only fields are ignored', async () => {
    const withRo = { ...def('ro'), service_id: '550e8400-e29b-41d4-a716-446655440000', created_at: '2024-01-01T00:00:00Z', updated_at: '2024-01-01T00:00:00Z' };
    const r = await runInProcess(['create', '-f', file('ro.json', JSON.stringify(withRo)), '-q'], fake);
    expect(r.exitCode).toBe(0);
    expect(fake.sent('POST')[0]!.body).toStrictEqual(def('ro'));
  });

  it.each<[string, string, string[]]>([
    ['unknown key, with the nearest one', JSON.stringify({ ...def('x'), tcp_prot: 1 }), ['tcp_prot: unknown field (did you mean tcp_port?)']],
    ['unknown key in a batch, with its index', JSON.stringify([def('x'), { ...def('y'), host: { ipv4: '10.0.0.1', netwrk: {} } }]), ['[1].host.netwrk: unknown field (did you mean network?)']],
    ['wrong type', JSON.stringify({ ...def('x'), tcp_port: '5432' }), ['tcp_port: must be an integer from 1 to 65535 (got "5432")']],
    ['truncated JSON', JSON.stringify(def('x')).slice(0, 40), ['invalid JSON at line 1, column', 'truncated']],
    ['malformed JSON on line 3', '{\n  "name": "x",\n  "type": tcp\n}', ['invalid JSON at line 3']],
    ['empty file', '', ['is empty']],
    ['whitespace only', '  \n ', ['is empty']],
    ['not an object', '42', ['must hold a JSON object']],
    ['array with a non-object', JSON.stringify([def('x'), 'y']), ['[1]: must be a JSON object']],
    ['duplicate names', JSON.stringify([def('x'), def('x')]), ['[1].name: "x" is already the name of item [0]']],
    ['one invalid item in a batch sends nothing', JSON.stringify([def('ok1'), def('bad', { tcp_port: 0 }), def('ok2')]), ['[1].tcp_port: must be an integer from 1 to 65535']],
    ['flags for the other type', JSON.stringify({ ...def('x'), http_port: 80 }), ['http_port: only with type http']],
  ])('bad input: %s -> exit 2, nothing sent', async (_n, text, fragments) => {
    const r = await runInProcess(['create', '-f', file('bad.json', text)], fake);
    expect(r.exitCode).toBe(2);
    for (const f of fragments) expect(r.stderr).toContain(f);
    expect(r.stderr).toContain('--file');
    expect(fake.requests).toHaveLength(0);
  });

  it('an 11 MiB file is refused before reading, nothing sent', async () => {
    const big = file('big.json', `[${'0,'.repeat(11 * 1024 * 512)}0]`);
    const r = await runInProcess(['create', '-f', big], fake);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('over the 10 MiB limit');
    const piped = await runInProcess(['create', '-f', '-'], fake, { input: ' '.repeat(11 * 1024 * 1024) });
    expect(piped.exitCode).toBe(2);
    expect(piped.stderr).toContain('larger than 10 MiB');
    expect(fake.requests).toHaveLength(0);
  });

  it('a missing file is exit 2', async () => {
    const r = await runInProcess(['create', '-f', join(dir(), 'nope.json')], fake);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('ENOENT');
  });

  it('a batch where the API rejects one item exits 3; the rest exist', async () => {
    fake.seed([def('taken', { tcp_port: 1 })]);
    const items = [def('n1'), def('taken'), def('n2')];
    const r = await runInProcess(['create', '-f', file('b.json', JSON.stringify(items)), '--json'], fake);
    expect(r.exitCode).toBe(3);
    const out = JSON.parse(r.stdout);
    expect(out[1]).toEqual({ item: 1, name: 'taken', error: { code: 5101, message: '[5101] service already exists', status: 409 } });
    expect(out[0].name).toBe('n1');
    expect(out[2].name).toBe('n2');
    expect(fake.list().map((s) => s.name).sort()).toEqual(['n1', 'n2', 'taken']);
    // With --json the failure is in the results; stderr is only the JSON error object.
    expect(JSON.parse(r.stderr)).toEqual({ error: { code: 'partial_failure', message: '1 of 3 creates failed; 2 created', status: null } });
  });

  it('--dry-run prints every request and sends nothing', async () => {
    const r = await runInProcess(['create', '-f', file('d.json', JSON.stringify([def('a'), def('b')])), '--dry-run', '--json'], fake, { noCredentials: true });
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout).map((x: { body: { name: string } }) => x.body.name)).toEqual(['a', 'b']);
    expect(fake.requests).toHaveLength(0);
  });
});
});

describe("create: binding wiring", () => {

const fake = useFakeApi();


describe('binding wiring', () => {
  it('without a terminal no snippet is printed and no tunnel is checked', async () => {
    const r = await runInProcess([...createArgs('quiet-one'), '-q'], fake);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('');
    expect(fake.sent('GET')).toHaveLength(0);
  });

  it('--wrangler-config adds the entry to a wrangler.jsonc, keeping its comments, and never replaces another service\'s binding', async () => {
    const dir = tempDir();
    const path = join(dir, 'wrangler.jsonc');
    const original = `{
  // The worker that talks to the database
  "name": "my-worker",
  "main": "src/index.ts",
  /* other bindings */
  "kv_namespaces": [{ "binding": "CACHE", "id": "abc" }],
}
`;
    writeFileSync(path, original);
    const r = await runInProcess([...createArgs('orders-db'), '--wrangler-config', path, '-q'], fake);
    expect(r.exitCode).toBe(0);
    const id = fake.list()[0]!.service_id;
    const edited = readFileSync(path, 'utf8');
    expect(edited).toContain('// The worker that talks to the database');
    expect(edited).toContain('/* other bindings */');
    expect(edited).toContain('"kv_namespaces": [{ "binding": "CACHE", "id": "abc" }]');
    expect(edited).toMatch(/"vpc_services": \[\s*\{\s*"binding": "ORDERS_DB",\s*"service_id": "[0-9a-f-]{36}",\s*"remote": true\s*\}\s*\]/);
    expect(edited).toContain(id);
    expect(r.stderr).toContain('added to');

    // A second service with the same binding name is refused before it is created (cli.md section 10).
    const again = await runInProcess([...createArgs('orders-db-2'), '--binding', 'ORDERS_DB', '--wrangler-config', path, '-q'], fake);
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toContain('--binding: ORDERS_DB is already bound to service');
    expect(readFileSync(path, 'utf8')).toBe(edited);
    expect(fake.sent('POST')).toHaveLength(1);
  });

  it('a wrangler.toml is not edited; the snippet is printed instead', async () => {
    const path = join(tempDir(), 'wrangler.toml');
    writeFileSync(path, 'name = "w"\n');
    const r = await runInProcess([...createArgs('t'), '--wrangler-config', path, '-q'], fake);
    expect(r.exitCode).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe('name = "w"\n');
    expect(r.stderr).toContain('was not edited');
    expect(r.stderr).toContain('[[vpc_services]]');
  });

  it('a broken wrangler.jsonc or a bad --binding is refused before anything is created', async () => {
    const path = join(tempDir(), 'wrangler.jsonc');
    writeFileSync(path, '{ "name": ');
    const r = await runInProcess([...createArgs('x'), '--wrangler-config', path], fake);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('not valid JSONC');
    const b = await runInProcess([...createArgs('x'), '--binding', '9lives'], fake);
    expect(b.exitCode).toBe(2);
    expect(b.stderr).toContain('--binding');
    expect(fake.requests).toHaveLength(0);
  });
});
});

describe("create: outcomes after a lost answer", () => {
/** What commands say and do after faults (cli.md sections 7, 8 and 10). */

const fake = useFakeApi();
const def = tcpService;

describe('a create whose last attempt got no answer', () => {
  it('is looked up once more: applied with the same definition is the success', async () => {
    fake.faults = [{ method: 'POST', nth: 1, action: { reset: 'after' } }];
    const r = await runInProcess([...createArgs('db'), '--retries', '0', '-q'], fake);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(fake.list()).toHaveLength(1);
    expect(r.stdout).toBe(`${fake.list()[0]!.service_id}\n`);
    expect(fake.sent('POST')).toHaveLength(1);
  });

  it('says "may have been applied" with the command that checks it when even the lookup fails', async () => {
    fake.faults = [
      { method: 'POST', nth: 1, action: { reset: 'after' } },
      { method: 'GET', nth: 1, count: 100, action: { status: 500, errors: [{ code: 10002, message: 'Internal server error' }] } },
    ];
    const r = await runInProcess([...createArgs('db'), '--retries', '0'], fake);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
    // How node words the reset depends on timing: ECONNRESET or "socket hang up".
    const host = new URL(fake.url).host.replace(/\./g, '\\.');
    expect(r.stderr).toMatch(
      new RegExp(
        `^error: create db may have been applied: the connection to ${host} was reset, and looking it up failed \\(\\[10002\\] Internal server error\\); check with \`vpcsvc get db\`\n$`,
      ),
    );
    expect(fake.list()).toHaveLength(1);
  });

  it('a lost answer and no such service afterwards is a plain failure', async () => {
    fake.faults = [{ method: 'POST', nth: 1, action: { status: 502 } }];
    const r = await runInProcess([...createArgs('db'), '--retries', '0'], fake);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe('error: [10001] injected 502\n');
    expect(fake.sent('GET')).toHaveLength(1);
  });
});

describe('a create answered "already exists" because its own first attempt landed late', () => {
  it('is its success when the service found matches the definition: one service, exit 0', async () => {
    // Attempt 1 times out (3 s) and lands at 4.5 s; the lookup (before 4 s) finds nothing; attempt 2
    // arrives after 3 s, is held 2.5 s, and finds the name taken by attempt 1.
    // (A fault that matches stops the search, so later faults do not count that request: the
    // second attempt's fault comes first.)
    fake.faults = [
      { method: 'POST', nth: 2, action: { delayMs: 2500 } },
      { method: 'POST', nth: 1, action: { delayMs: 4500 } },
    ];
    const r = await runInProcess([...createArgs('db'), '--timeout', '3', '--json'], fake);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(fake.sent('POST')).toHaveLength(2);
    expect(fake.list()).toHaveLength(1);
    expect(JSON.parse(r.stdout)).toStrictEqual(fake.list()[0]);
  }, 20_000);

  it('an "already exists" with no lost attempt before it stays an error', async () => {
    fake.seed([def('db')]);
    const r = await runInProcess(createArgs('db'), fake);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe('error: [5101] service already exists\n');
    expect(fake.sent('GET', /services$/)).toHaveLength(0);
  });
});
});

describe('create: retries and unknown outcomes, on an instant clock', () => {
const fake = useFakeApi();
const SERVICES = `/accounts/${ACCOUNT}/connectivity/directory/services`;
const LIST = `GET ${SERVICES}?page=1&per_page=1000`;
const def = (name: string) => ({ name, type: 'tcp', host: { ipv4: '10.0.0.1', network: { tunnel_id: TUNNEL } }, tcp_port: 5432 });
const createArgs = ['create', 'db', '--type', 'tcp', '--ipv4', '10.0.0.1', '--tunnel', TUNNEL, '--tcp-port', '5432'];
const seen = () => fake.requests.map((q) => `${q.method} ${q.path}${Object.keys(q.query).length ? `?${new URLSearchParams(q.query)}` : ''}`);

it('the response is lost after the create happened: looked up by name, exactly one service, exit 0', async () => {
  fake.faults = [{ method: 'POST', nth: 1, action: { reset: 'after' } }];
  const r = await runInProcess([...createArgs, '--json'], fake);
  expect(r.exitCode).toBe(0);
  expect(fake.list()).toHaveLength(1);
  expect(JSON.parse(r.stdout)).toStrictEqual(fake.list()[0]);
  expect(seen()).toEqual([`POST ${SERVICES}`, LIST]);
  expect(r.sleeps).toEqual([250]);
});

it('the connection is reset before the create: looked up, sent again, one service', async () => {
  fake.faults = [{ method: 'POST', nth: 1, action: { reset: 'before' } }];
  const r = await runInProcess([...createArgs, '-q'], fake);
  expect(r.exitCode).toBe(0);
  expect(fake.list()).toHaveLength(1);
  expect(r.stdout).toBe(`${fake.list()[0]!.service_id}\n`);
  expect(seen()).toEqual([`POST ${SERVICES}`, LIST, `POST ${SERVICES}`]);
});

it('a 502 after which the service exists with another definition fails clearly, without a second POST', async () => {
  fake.faults = [{ method: 'POST', nth: 1, action: { status: 502 } }];
  const [other] = fake.seed([{ ...def('db'), tcp_port: 1 }]);
  const r = await runInProcess(createArgs, fake);
  expect(r.exitCode).toBe(1);
  expect(r.stderr).toBe(`error: a service named "db" now exists (${other!.service_id}) with a different definition; the create was not repeated\n`);
  expect(fake.list()).toStrictEqual([other]);
  expect(seen()).toEqual([`POST ${SERVICES}`, LIST]);
});

it('a create that timed out is found by name', async () => {
  fake.faults = [{ method: 'POST', nth: 1, action: { delayMs: 2500 } }];
  const r = await runInProcess([...createArgs, '--timeout', '1', '-q'], fake);
  expect(r.exitCode).toBe(0);
  expect(fake.list()).toHaveLength(1);
  expect(r.stdout).toBe(`${fake.list()[0]!.service_id}\n`);
});

it('429 with Retry-After: 1 asks for a 1000 ms pause, then succeeds', async () => {
  fake.faults = [{ method: 'POST', nth: 1, action: { status: 429, retryAfter: '1' } }];
  const r = await runInProcess([...createArgs, '-q'], fake);
  expect(r.exitCode).toBe(0);
  expect(r.sleeps).toEqual([1000]);
  expect(seen()).toEqual([`POST ${SERVICES}`, `POST ${SERVICES}`]);
  expect(fake.list()).toHaveLength(1);
});

it('a 429 on one request of a batch pauses the others too (one shared pause)', async () => {
  fake.faults = [{ method: 'POST', nth: 1, action: { status: 429, retryAfter: '1' } }];
  const r = await runInProcess(['create', '-f', '-', '--concurrency', '2', '-q'], fake, {
    input: JSON.stringify([def('a'), def('b'), def('c')]),
    // Hold the throttled request's pause until another request waits too, or the third POST goes out
    // without waiting (which is the failure this test looks for).
    holdSleep: async (_ms, sleeps) => {
      if (sleeps.length !== 1) return;
      while (sleeps.length < 2 && fake.sent('POST').length < 3) await new Promise((res) => setTimeout(res, 5));
    },
  });
  expect(r.exitCode, r.stderr).toBe(0);
  expect(r.sleeps).toEqual([1000, 1000]);
  expect(fake.sent('POST')).toHaveLength(4);
  expect(fake.list().map((s) => s.name).sort()).toEqual(['a', 'b', 'c']);
});
});



describe("create and update: flags over files", () => {
/*
 * cli.md section 10: flags never disappear. A flag that does not fit the resulting service is a
 * usage error naming it, on update and over --file; bad values are refused before any request,
 * the GET of update included; the host:port shortcut works wherever the result is tcp.
 */

const fake = useFakeApi();
const files = useFileDir();
const file = (name: string, value: unknown) => files.file(name, JSON.stringify(value));
const { web, db, ipDb } = hostForms;

describe('flags over --file must fit every item', () => {
  it('create -f http.json --tcp-port: exit 2 naming the flag, nothing sent', async () => {
    const r = await runInProcess(['create', '-f', file('web.json', web), '--tcp-port', '5432'], fake);
    expect({ exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr }).toEqual({
      exitCode: 2,
      stdout: '',
      stderr: 'error: --tcp-port: only with type tcp (an http service uses http_port / https_port)\n  nothing was sent\n',
    });
    expect(fake.requests).toEqual([]);
  });

  it('create -f of several definitions: the flag must fit each; the item is named', async () => {
    const r = await runInProcess(['create', '-f', file('two.json', [db, web]), '--app-protocol', 'mysql'], fake);
    expect({ exitCode: r.exitCode, stderr: r.stderr }).toEqual({
      exitCode: 2,
      stderr: 'error: --app-protocol (over --file item [1]): only with type tcp\n  nothing was sent\n',
    });
    expect(fake.requests).toEqual([]);
  });

  it('--type over a file of the other type is an error, not a silent drop', async () => {
    const r = await runInProcess(['create', '-f', file('db.json', db), '--type', 'http'], fake);
    expect({ exitCode: r.exitCode, stderr: r.stderr }).toEqual({
      exitCode: 2,
      stderr: 'error: --file: tcp_port: only with --type tcp (an http service uses http_port / https_port)\n  nothing was sent\n',
    });
    expect(fake.requests).toEqual([]);
  });

  it('update -f with a flag of the other type: exit 2 before any request', async () => {
    fake.seed([db]);
    const r = await runInProcess(['update', 'db', '-f', file('db.json', db), '--https-port', '443'], fake);
    expect({ exitCode: r.exitCode, stderr: r.stderr }).toEqual({
      exitCode: 2,
      stderr: 'error: --https-port: only with type http (a tcp service has one port: tcp_port)\n  nothing was sent\n',
    });
    expect(fake.requests).toEqual([]);
  });

  it('the host:port shortcut over a tcp file item', async () => {
    const r = await runInProcess(['create', '-f', file('db.json', db), '--hostname', 'db9.internal:7000', '-q'], fake);
    expect(r.exitCode).toBe(0);
    expect(fake.sent('POST').map((p) => p.body)).toEqual([
      { name: 'db', type: 'tcp', host: { hostname: 'db9.internal', resolver_network: { tunnel_id: TUNNEL } }, tcp_port: 7000 },
    ]);
  });

  it('flags that fit every item override each one', async () => {
    const r = await runInProcess(['create', '-f', file('two.json', [db, { ...db, name: 'db2' }]), '--tcp-port', '6000', '-q'], fake);
    expect(r.exitCode).toBe(0);
    expect(fake.sent('POST').map((p) => (p.body as { tcp_port: number }).tcp_port)).toEqual([6000, 6000]);
  });

  it('file ports must be JSON numbers even when flags are given', async () => {
    const r = await runInProcess(['create', '-f', file('db.json', { ...db, tcp_port: '5432' }), '--app-protocol', 'mysql'], fake);
    expect({ exitCode: r.exitCode, stderr: r.stderr }).toEqual({
      exitCode: 2,
      stderr: 'error: --file: tcp_port: must be an integer from 1 to 65535 (got "5432")\n  nothing was sent\n',
    });
  });
});

describe('host-form conflicts name flags or JSON paths, never placeholders', () => {
  it('flags', async () => {
    const r = await runInProcess(['create', 'x', '--type', 'tcp', '--tcp-port', '1', '--tunnel', TUNNEL, '--ipv4', '10.0.0.1', '--hostname', 'a.b'], fake);
    expect({ exitCode: r.exitCode, stderr: r.stderr }).toEqual({
      exitCode: 2,
      stderr: 'error: --hostname: cannot be combined with --ipv4 or --ipv6: a service has one host form\n  see `vpcsvc create --help` for the flags and examples\n',
    });
    const ip = await runInProcess(['create', 'x', '--type', 'tcp', '--tcp-port', '1', '--tunnel', TUNNEL, '--hostname', '10.0.0.1'], fake);
    expect(ip.stderr).toBe('error: --hostname: must be a hostname, not an IP address (use --ipv4 or --ipv6) (got "10.0.0.1")\n  see `vpcsvc create --help` for the flags and examples\n');
    expect(fake.requests).toEqual([]);
  });

  it('files', async () => {
    const r = await runInProcess(['create', '-f', file('x.json', { ...ipDb, host: { ...ipDb.host, hostname: 'a.b' } })], fake);
    expect({ exitCode: r.exitCode, stderr: r.stderr }).toEqual({
      exitCode: 2,
      stderr: 'error: --file: host.hostname: cannot be combined with host.ipv4 or host.ipv6: a service has one host form\n  nothing was sent\n',
    });
    const ip = await runInProcess(['create', '-f', file('y.json', { ...db, host: { hostname: '10.0.0.1', resolver_network: { tunnel_id: TUNNEL } } })], fake);
    expect(ip.stderr).toBe('error: --file: host.hostname: must be a hostname, not an IP address (use host.ipv4 or host.ipv6) (got "10.0.0.1")\n  nothing was sent\n');
    expect(fake.requests).toEqual([]);
  });
});
});

describe("hostile input", () => {
const fake = useFakeApi();
const net = { network: { tunnel_id: TUNNEL } };
const tcp = (name: string, extra: Record<string, unknown> = {}) => ({ name, type: 'tcp', host: { ipv4: '10.0.0.1', ...net }, tcp_port: 5432, ...extra });

describe('one reader for every -f path: prototype keys', () => {
  // JSON.stringify drops a literal __proto__ key, so the hostile files are written as text.
  const nestedProto = (name: string) =>
    JSON.stringify(tcp(name)).replace(/}$/, ',"tls_settings":{"__proto__":{"cert_verification_mode":"disabled"}}}');
  const topProto = (name: string) => JSON.stringify(tcp(name)).replace(/^{/, '{"__proto__":{"tls_settings":{"cert_verification_mode":"disabled"}},');

  it.each([
    ['nested', nestedProto, 'tls_settings.__proto__'],
    ['top level', topProto, '__proto__'],
  ])('update -f with a %s __proto__ is exit 2 naming the path; no PUT, not even the GET', async (_what, file, path) => {
    const [s] = fake.seed([tcp('db')]);
    const r = await runInProcess(['update', s!.service_id, '-f', '-'], fake, { input: file('db') });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(`error: --file - (stdin): ${path}: this key is not allowed (it could change how the definition is read)\n  nothing was sent\n`);
    expect(fake.requests).toEqual([]);
    expect(fake.list()[0]).not.toHaveProperty('tls_settings');
  });

  it.each([
    ['create', ['create', '-f', '-']],
    ['apply', ['apply', '-f', '-', '--yes']],
    ['update', ['update', 'db', '-f', '-']],
  ])('%s -f refuses constructor and prototype keys at any level', async (_cmd, args) => {
    const text = JSON.stringify(tcp('db', { host: { ipv4: '10.0.0.1', network: { tunnel_id: TUNNEL, constructor: { prototype: 1 } } } }));
    const r = await runInProcess(args, fake, { input: text });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(
      'error: --file - (stdin): host.network.constructor: this key is not allowed (it could change how the definition is read)\n' +
        'error: --file - (stdin): host.network.constructor.prototype: this key is not allowed (it could change how the definition is read)\n' +
        '  nothing was sent\n',
    );
    expect(fake.requests).toEqual([]);
  });
});

describe('prototype keys from the API', () => {
  it('a service whose tls_settings hold a __proto__ never turns verification off in an update', async () => {
    const [s] = fake.seed([JSON.parse(JSON.stringify(tcp('db')).replace(/}$/, ',"tls_settings":{"__proto__":{"cert_verification_mode":"disabled"}}}'))]);
    const r = await runInProcess(['update', s!.service_id, '--tcp-port', '6543', '-q'], fake);
    // The key is dropped on reading, so tls_settings is an empty object, which the schema refuses.
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe('error: --cert-verification-mode: required in tls_settings: verify_full, verify_ca or disabled\n');
    expect(fake.sent('PUT')).toEqual([]);
  });
});

describe('deep nesting', () => {
  it.each([
    ['create', ['create', '-f']],
    ['apply', ['apply', '--dry-run', '-f']],
    ['update', ['update', 'db', '-f']],
  ])('%s -f of 100k levels of [ is exit 2 with the position, not a stack overflow', async (_cmd, args) => {
    const path = join(tempDir(), 'deep.json');
    writeFileSync(path, '['.repeat(100_000));
    const r = await runInProcess([...args, path], fake);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(`error: --file ${path}: nesting deeper than 64 levels at line 1, column 65\n`);
    expect(fake.requests).toEqual([]);
  });
});

describe('numbers as written', () => {
  it('tcp_port 1e400 is reported as 1e400, not null', async () => {
    const r = await runInProcess(['create', '-f', '-', '--dry-run'], fake, { input: JSON.stringify(tcp('db')).replace('5432', '1e400') });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe('error: --file - (stdin): tcp_port: the number 1e400 is too large to use (got 1e400)\n  nothing was sent\n');
  });

  it.each([
    ['5432.0', 5432],
    ['1e2', 100],
    ['54.32e2', 5432],
  ])('tcp_port %s is the integer %d and is sent as such', async (text, n) => {
    const r = await runInProcess(['create', '-f', '-', '-q'], fake, { input: JSON.stringify(tcp('db')).replace('5432', text) });
    expect(r.exitCode).toBe(0);
    expect(fake.sent('POST')[0]!.rawBody).toContain(`"tcp_port":${n}`);
  });

  it.each([
    ['-0', '-0'],
    ['5432.5', '5432.5'],
    ['1e-400', '0'],
  ])('tcp_port %s is refused showing %s', async (text, shown) => {
    const r = await runInProcess(['create', '-f', '-', '--dry-run'], fake, { input: JSON.stringify(tcp('db')).replace('5432', text) });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(`error: --file: tcp_port: must be an integer from 1 to 65535 (got ${shown})\n  nothing was sent\n`);
  });
});

describe('--wrangler-config: bounded, real, writable, and never a silent replacement', () => {
  const OTHER = '11111111-2222-4333-8444-555555555555';
  const config = writeWranglerConfig;

  it('over 10 MiB is refused before reading, like --file', async () => {
    const path = config(`{"name":"w","pad":"${'x'.repeat(11 * 1024 * 1024)}"}`, 'wrangler.json');
    const r = await runInProcess([...createArgs('db'), '--wrangler-config', path], fake);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(`error: --wrangler-config ${path}: is 11.0 MiB, over the 10 MiB limit; refused\n`);
    expect(fake.requests).toEqual([]);
  });

  it('deep nesting is exit 2 with the position, comments and strings skipped', async () => {
    const path = config(`// [[[[\n{"a": "{{{{", ${'['.repeat(100_000)}`);
    const r = await runInProcess([...createArgs('db'), '--wrangler-config', path], fake);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(`error: --wrangler-config ${path}: nesting deeper than 64 levels at line 2, column 78\n`);
    expect(fake.requests).toEqual([]);
  });

  it('a symbolic link is refused (links are never followed), and so is a folder', async () => {
    const target = config('{"name":"w"}\n');
    const link = join(tempDir(), 'wrangler.jsonc');
    symlinkSync(target, link);
    const r = await runInProcess([...createArgs('db'), '--wrangler-config', link], fake);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(`error: --wrangler-config ${link}: is a symbolic link; give the file itself (links are not followed)\n`);
    const dir = join(tempDir(), 'wrangler.json');
    mkdirSync(dir);
    const d = await runInProcess([...createArgs('db'), '--wrangler-config', dir], fake);
    expect(d.exitCode).toBe(2);
    expect(d.stderr).toBe(`error: --wrangler-config ${dir}: is not a regular file\n`);
    expect(fake.requests).toEqual([]);
    expect(readFileSync(target, 'utf8')).toBe('{"name":"w"}\n');
  });

  it('a binding name bound to another service is exit 2 naming --binding; nothing created, file unchanged', async () => {
    const original = `{
  // mine
  "vpc_services": [{ "binding": "ORDERS_DB", "service_id": "${OTHER}", "remote": true }],
  "kv_namespaces": [{ "binding": "CACHE", "id": "abc" }],
}
`;
    const path = config(original);
    const r = await runInProcess([...createArgs('orders-db'), '--wrangler-config', path], fake);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(`error: --binding: ORDERS_DB is already bound to service ${OTHER} in ${path}; choose another name with --binding (the file was not changed)\n`);
    const kv = await runInProcess([...createArgs('orders-db'), '--binding', 'CACHE', '--wrangler-config', path], fake);
    expect(kv.exitCode).toBe(2);
    expect(kv.stderr).toBe(`error: --binding: CACHE is already a binding in ${path} (kv_namespaces); choose another name with --binding (the file was not changed)\n`);
    expect(fake.requests).toEqual([]);
    expect(readFileSync(path, 'utf8')).toBe(original);

    const ok = await runInProcess([...createArgs('orders-db'), '--binding', 'ORDERS_DB_2', '--wrangler-config', path, '-q'], fake);
    expect(ok.exitCode).toBe(0);
    const edited = readFileSync(path, 'utf8');
    expect(edited).toContain(`"binding": "ORDERS_DB", "service_id": "${OTHER}"`);
    expect(edited).toContain(`"binding": "ORDERS_DB_2"`);
    expect(readdirSync(dirname(path))).toEqual(['wrangler.jsonc']);
  });

  it.each([['数据库'], ['база']])('a name with no usable binding (%s) needs --binding without a terminal; nothing created', async (name) => {
    const path = config('{"name":"w"}\n');
    const r = await runInProcess([...createArgs(name), '--wrangler-config', path], fake);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(`error: --binding: the name ${JSON.stringify(name)} gives no binding name (only A-Z, 0-9 and _ can be used); give one with --binding\n`);
    expect(fake.requests).toEqual([]);
    expect(readFileSync(path, 'utf8')).toBe('{"name":"w"}\n');
  });

  it('create -f of one definition wires it too, with the same collision check; several are refused', async () => {
    const original = `{"vpc_services":[{"binding":"ORDERS_DB","service_id":"${OTHER}","remote":true}]}\n`;
    const path = config(original);
    const clash = await runInProcess(['create', '-f', '-', '--wrangler-config', path], fake, { input: JSON.stringify(tcp('orders-db')) });
    expect(clash.exitCode).toBe(2);
    expect(clash.stderr).toBe(`error: --binding: ORDERS_DB is already bound to service ${OTHER} in ${path}; choose another name with --binding (the file was not changed)\n`);
    const several = await runInProcess(['create', '-f', '-', '--wrangler-config', path], fake, { input: JSON.stringify([tcp('a'), tcp('b')]) });
    expect(several.exitCode).toBe(2);
    expect(several.stderr).toBe('error: --wrangler-config: wires one service; not with a file of several definitions\n');
    expect(fake.requests).toEqual([]);
    expect(readFileSync(path, 'utf8')).toBe(original);

    const ok = await runInProcess(['create', '-f', '-', '--binding', 'ORDERS', '--wrangler-config', path, '-q'], fake, { input: JSON.stringify(tcp('orders-db')) });
    expect(ok.exitCode, ok.stderr).toBe(0);
    expect(readFileSync(path, 'utf8')).toContain(`"binding": "ORDERS",\n      "service_id": "${fake.list()[0]!.service_id}"`);
  });

  it('the edit keeps the file mode and leaves no temporary file', async () => {
    const path = config('{"name":"w"}\n');
    chmodSync(path, 0o640);
    const r = await runInProcess([...createArgs('orders-db'), '--wrangler-config', path, '-q'], fake);
    expect(r.exitCode).toBe(0);
    expect(statSync(path).mode & 0o777).toBe(0o640);
    expect(readdirSync(dirname(path))).toEqual(['wrangler.jsonc']);
    expect(readFileSync(path, 'utf8')).toContain('"binding": "ORDERS_DB"');
  });
});

describe('API text never drives the terminal', () => {
  const evil = 'x\u001b]0;pwned\u0007\u001b]8;;https://evil.test\u001b\\link\u001b]8;;\u001b\\\r\u001b[2J\u202e\u200by';
  const shown = 'x\\x1b]0;pwned\\x07\\x1b]8;;https://evil.test\\x1b\\link\\x1b]8;;\\x1b\\\\r\\x1b[2J\\u202e\\u200by';
  const rawBits = ['\u001b]0;pwned', '\u001b]8;;', '\u001b[2J', '\u202e', '\u200b', '\r\u001b'];

  it.each([
    ['list --json', ['list', '--json']],
    ['list --ndjson', ['list', '--ndjson']],
    ['list (table)', ['list']],
    ['get', ['get', 'ID']],
    ['get --json', ['get', 'ID', '--json']],
    ['export', ['export']],
    ['export --ndjson', ['export', '--ndjson']],
    ['update --dry-run', ['update', 'ID', '--tcp-port', '1', '--dry-run']],
    ['update --dry-run --json', ['update', 'ID', '--tcp-port', '1', '--dry-run', '--json']],
    ['apply --dry-run (plan)', ['apply', '-f', '-', '--dry-run', '--prune']],
    ['apply --dry-run --ndjson', ['apply', '-f', '-', '--dry-run', '--prune', '--ndjson']],
    ['delete --dry-run', ['delete', 'ID', '--dry-run']],
  ])('%s: stdout and stderr carry no raw control, bidi or zero-width character', async (_what, args) => {
    const name = `db\u009b31m\u202e\u2066\u200b\u200d\u2060\ufeff\u061c\u200f\u001b[31m`;
    const [s] = fake.seed([tcp(name, { host: { hostname: `h.internal`, resolver_network: { tunnel_id: TUNNEL } } })]);
    const r = await runInProcess(args.map((a) => (a === 'ID' ? s!.service_id : a)), fake, { input: JSON.stringify([tcp('other'), tcp(name, { tcp_port: 1 })]) });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout + r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/);
    if (args.includes('--json')) expect(JSON.stringify(JSON.parse(r.stdout))).toContain(JSON.stringify(name).slice(1, -1));
    if (args.includes('--ndjson') && args[0] !== 'apply') expect(JSON.parse(r.stdout.split('\n')[0]!).name).toBe(name);
  });
});
});

describe('flags given twice, and --concurrency without a file', () => {
  const fakeApi = useFakeApi();
  const T1 = '0191dce4-9ab4-7fce-b660-8e5dec5172da';
  const base = ['--type', 'tcp', '--ipv4', '10.0.0.1', '--tunnel', T1, '--tcp-port', '5432'];

  it.each([
    [['--name', 'a', '--name', 'b', ...base], '--name: given twice with different values ("a" and "b")'],
    [['db', ...base, '--tcp-port', '6543'], '--tcp-port: given twice with different values ("5432" and "6543")'],
    [['db', ...base, '--ipv4', '10.0.0.2'], '--ipv4: given twice with different values ("10.0.0.1" and "10.0.0.2")'],
  ])('%j is exit 2 naming the flag, nothing sent', async (args, message) => {
    const r = await runInProcess(['create', ...args], fakeApi);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(message);
    expect(fakeApi.requests).toEqual([]);
  });

  it('the same value twice is not a conflict', async () => {
    const r = await runInProcess(['create', '--name', 'a', '--name', 'a', ...base, '-q'], fakeApi);
    expect(r.exitCode).toBe(0);
    expect(fakeApi.sent('POST')).toHaveLength(1);
  });

  it.each(['0', 'abc', '999'])('--concurrency %s on a create from flags is exit 2, nothing sent', async (n) => {
    const r = await runInProcess(['create', 'db', ...base, '--concurrency', n], fakeApi);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(`error: --concurrency: must be an integer from 1 to 32 (got ${JSON.stringify(n)})\n`);
    expect(fakeApi.requests).toEqual([]);
  });
});
