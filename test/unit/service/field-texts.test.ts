import { describe, expect, it } from 'vitest';
import { FIELDS, fieldHelp, flagKey, getPath, setPath } from '../../../src/service/fields';

/*
 * The field table's descriptions are the JSON Schema's (`vpcsvc schema`, editor hover text), with
 * `{path}` references written as JSON paths: the exact text for every field, in table order.
 */
describe('field descriptions', () => {
  it('every field, exactly, in table order', () => {
    expect(FIELDS.map((f) => [f.path, fieldHelp(f.path)])).toEqual([
    ["service_id", "Read-only, set by the API: accepted (so `get --json` output can be given back) and ignored."],
    ["name", "Service name, unique in the account; `apply` matches services by it."],
    ["type", "Service type: tcp (one port, optionally with app_protocol) or http (http_port / https_port)."],
    ["host", "Where the service runs, in one form: host.ipv4, host.ipv6, both (dual stack), or host.hostname."],
    ["host.ipv4", "IPv4 address of the host, e.g. 10.0.0.1; with host.ipv6 = dual stack. Needs host.network."],
    ["host.ipv6", "IPv6 address of the host, e.g. fd00::1; with host.ipv4 = dual stack. Needs host.network."],
    ["host.hostname", "Hostname resolved inside the private network, e.g. db.internal. Needs host.resolver_network."],
    ["host.network", "The tunnel that reaches an IP host."],
    ["host.network.tunnel_id", "UUID of the Cloudflare Tunnel that reaches the host."],
    ["host.resolver_network", "The tunnel (and optionally the DNS resolvers) that reach a hostname."],
    ["host.resolver_network.tunnel_id", "UUID of the Cloudflare Tunnel that reaches the host."],
    ["host.resolver_network.resolver_ips", "DNS resolvers (IPv4 or IPv6 addresses) that resolve host.hostname; default: the tunnel's own."],
    ["tcp_port", "tcp only, required: port of the host, 1 to 65535."],
    ["app_protocol", "tcp only: application protocol spoken on tcp_port: postgresql or mysql."],
    ["http_port", "http only: plain HTTP port, 1 to 65535 (the API's default: 80)."],
    ["https_port", "http only: HTTPS port, 1 to 65535 (the API's default: 443)."],
    ["tls_settings", "TLS to the host. Omitted: the API's default, verify_full."],
    ["tls_settings.cert_verification_mode", "Certificate check: verify_full (the default), verify_ca or disabled."],
    ["tls_settings.certificate_authority", "Id (UUID) of the CA certificate that signs the host's certificate; not with disabled."],
    ["tls_settings.client_certificate", "Id (UUID) of the client certificate presented to the host (mTLS)."],
    ["created_at", "Read-only, set by the API: accepted and ignored."],
    ["updated_at", "Read-only, set by the API: accepted and ignored."],
    ]);
  });

  it('an unknown path has none', () => {
    expect(fieldHelp('host.port')).toBe('');
  });
});

describe('paths and flag keys', () => {
  it.each([
    ['--resolver-ips', 'resolverIps'],
    ['--cert-verification-mode', 'certVerificationMode'],
    ['--tunnel-id', 'tunnelId'],
    ['--name', 'name'],
  ])('%s is the option key %s', (flag, key) => {
    expect(flagKey(flag)).toBe(key);
  });

  it('reads a dotted path, and nothing through a non-object', () => {
    const v = { host: { network: { tunnel_id: 't' }, ips: ['a'] }, n: null };
    expect(getPath(v, 'host.network.tunnel_id')).toBe('t');
    expect(getPath(v, 'host.network')).toEqual({ tunnel_id: 't' });
    expect(getPath(v, 'host.ips.0')).toBeUndefined();
    expect(getPath(v, 'n.x')).toBeUndefined();
    expect(getPath('s', 'length')).toBeUndefined();
    expect(getPath(v, 'nope.x')).toBeUndefined();
  });

  it('sets a dotted path, replacing what is not an object on the way', () => {
    const t: Record<string, unknown> = { host: { ipv4: '10.0.0.1' }, tls_settings: null, x: ['a'] };
    setPath(t, 'host.network.tunnel_id', 't');
    setPath(t, 'tls_settings.cert_verification_mode', 'disabled');
    setPath(t, 'x.y', 1);
    setPath(t, 'name', 'n');
    expect(t).toStrictEqual({ host: { ipv4: '10.0.0.1', network: { tunnel_id: 't' } }, tls_settings: { cert_verification_mode: 'disabled' }, x: { y: 1 }, name: 'n' });
  });
});
