import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNT, API_KEY, EMAIL, FakeCloudflare, TOKEN, TUNNEL } from '../support/fake-api';
import { validateServiceBody } from '../support/openapi';
import { useFakeApi } from '../support/use-fake';
import { runCli } from '../support/run-cli';

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
    const r = await runCli(['create', ...args, '--json'], fake);
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
    const r = await runCli([...args, '-q'], fake);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(`${fake.list()[0]!.service_id}\n`);
  });

  it('prints a field/value table by default, with the whole id', async () => {
    const r = await runCli(args, fake);
    expect(r.exitCode).toBe(0);
    const id = fake.list()[0]!.service_id;
    expect(r.stdout).toMatch(new RegExp(`^id\\s+${id}$`, 'm'));
    expect(r.stdout).toMatch(/^name\s+db$/m);
    expect(r.stdout).toMatch(/^tcp port\s+5432$/m);
    expect(r.stdout).not.toMatch(/\u001b\[/);
    expect(r.stderr).toContain(`created db (${id})`);
  });

  it('--dry-run prints method, URL and body, needs no credentials, and sends nothing', async () => {
    const r = await runCli([...args, '--dry-run'], fake, { noCredentials: true });
    expect(r.exitCode).toBe(0);
    expect(fake.requests).toHaveLength(0);
    const [first, ...rest] = r.stdout.split('\n');
    expect(first).toBe(`POST ${fake.url}/accounts/{account_id}/connectivity/directory/services`);
    expect(JSON.parse(rest.join('\n'))).toStrictEqual({ name: 'db', type: 'tcp', host: { ipv4: '10.0.0.1', ...net }, tcp_port: 5432 });
  });

  it('--dry-run --json prints one object with the account when it is known', async () => {
    const r = await runCli([...args, '--dry-run', '--json'], fake);
    expect(r.exitCode).toBe(0);
    expect(fake.requests).toHaveLength(0);
    expect(JSON.parse(r.stdout)).toStrictEqual({
      method: 'POST',
      url: `${fake.url}/accounts/${ACCOUNT}/connectivity/directory/services`,
      body: { name: 'db', type: 'tcp', host: { ipv4: '10.0.0.1', ...net }, tcp_port: 5432 },
    });
  });

  it('sends the User-Agent and a bearer token', async () => {
    const r = await runCli([...args, '-q'], fake);
    expect(r.exitCode).toBe(0);
    const h = fake.sent('POST')[0]!.headers;
    expect(h['user-agent']).toMatch(/^vpcsvc\/\d+\.\d+\.\d+/);
    expect(h.authorization).toBe(`Bearer ${TOKEN}`);
    expect(h['content-type']).toBe('application/json');
  });

  it('works with a global API key and email', async () => {
    const r = await runCli([...args, '-q'], fake, { noCredentials: true, env: { CLOUDFLARE_API_KEY: API_KEY, CLOUDFLARE_EMAIL: EMAIL, CLOUDFLARE_ACCOUNT_ID: ACCOUNT } });
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
    const r = await runCli(args, fake);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('error: [5101] service already exists');
    expect(r.stdout).toBe('');
  });

  it('--json errors are a JSON object on stderr', async () => {
    fake.seed([{ name: 'db', type: 'tcp', host: { ipv4: '10.0.0.5', ...net }, tcp_port: 1 }]);
    const r = await runCli([...args, '--json'], fake);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
    expect(JSON.parse(r.stderr)).toMatchObject({ error: { code: 5101, message: '[5101] service already exists', status: 409 } });
  });

  it('no credentials: exit 4 and nothing sent', async () => {
    const r = await runCli(args, fake, { noCredentials: true });
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toContain('error: no credentials');
    expect(r.stderr).toContain('CLOUDFLARE_API_TOKEN');
    expect(fake.requests).toHaveLength(0);
  });

  it('half a key pair names the missing variable, exit 4', async () => {
    const r = await runCli(args, fake, { noCredentials: true, env: { CLOUDFLARE_EMAIL: EMAIL, CLOUDFLARE_ACCOUNT_ID: ACCOUNT } });
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toContain('CLOUDFLARE_API_KEY');
    expect(fake.requests).toHaveLength(0);
  });

  it('a rejected token is exit 4 with a hint', async () => {
    const r = await runCli(args, fake, { env: { CLOUDFLARE_API_TOKEN: 'wrong-token-000000000000' } });
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toContain('[10000] Authentication error');
    expect(r.stderr).toMatch(/not accepted/);
    expect(r.stderr + r.stdout).not.toContain('wrong-token-000000000000');
  });

  it('a read-only token is exit 4 naming the permission', async () => {
    fake.tokens['read-only-token-0000000000'] = { kind: 'user', accounts: [ACCOUNT], permission: 'read' };
    const r = await runCli(args, fake, { env: { CLOUDFLARE_API_TOKEN: 'read-only-token-0000000000' } });
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toContain('Connectivity Directory Admin');
  });

  it('plain http to a non-loopback host is refused before anything is sent', async () => {
    const r = await runCli(args, fake, { env: { CLOUDFLARE_API_BASE_URL: 'http://api.example.com/client/v4' } });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('CLOUDFLARE_API_BASE_URL');
    expect(fake.requests).toHaveLength(0);
  });

  it('CLOUDFLARE_BASE_URL is honoured too', async () => {
    const r = await runCli([...args, '-q'], fake, { env: { CLOUDFLARE_API_BASE_URL: undefined, CLOUDFLARE_BASE_URL: fake.url } });
    expect(r.exitCode).toBe(0);
    expect(fake.sent('POST')).toHaveLength(1);
  });

  it('a malformed account id is exit 2', async () => {
    const r = await runCli([...args, '--account', 'not-an-account'], fake);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('--account');
    expect(fake.requests).toHaveLength(0);
  });

  it('an unreachable API is exit 1 and names the host', async () => {
    const r = await runCli(args, fake, { env: { CLOUDFLARE_API_BASE_URL: 'http://127.0.0.1:9/client/v4' } });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('127.0.0.1:9');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  }, 120_000);
});
