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

describe('create output', () => {
  const args = ['create', 'db', '--type', 'tcp', '--ipv4', '10.0.0.1', '--tunnel', TUNNEL, '--tcp-port', '5432'];

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

});
