import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../../../src/service/schema';
import { renderProblem } from '../../../src/service/problems';

const T = '0191dce4-9ab4-7fce-b660-8e5dec5172da';
const ipHost = { ipv4: '10.0.0.1', network: { tunnel_id: T } };

const lines = (input: unknown, source: 'text' | 'json' = 'json') => {
  const r = validateDefinition(input, source);
  return r.ok ? [] : r.problems.map((p) => renderProblem(p, { kind: 'json' }));
};

describe('valid definitions normalise to the request body', () => {
  it.each([
    [{ name: 'a', type: 'tcp', host: ipHost, tcp_port: 1 }, { name: 'a', type: 'tcp', host: ipHost, tcp_port: 1 }],
    [{ name: ' a ', type: 'tcp', host: ipHost, tcp_port: 65535, app_protocol: null }, { name: 'a', type: 'tcp', host: ipHost, tcp_port: 65535 }],
    [{ name: 'w', type: 'http', host: ipHost, http_port: null, https_port: 443, tls_settings: null }, { name: 'w', type: 'http', host: ipHost, https_port: 443 }],
    [
      { service_id: 'x', created_at: 'y', updated_at: 'z', name: 'h', type: 'http', host: { hostname: 'a.b', resolver_network: { tunnel_id: T, resolver_ips: null } } },
      { name: 'h', type: 'http', host: { hostname: 'a.b', resolver_network: { tunnel_id: T } } },
    ],
    [
      { name: 'h', type: 'http', host: { ipv4: '10.0.0.1', ipv6: 'fd00::1', network: { tunnel_id: T } }, tls_settings: { client_certificate: T } },
      { name: 'h', type: 'http', host: { ipv4: '10.0.0.1', ipv6: 'fd00::1', network: { tunnel_id: T } }, tls_settings: { cert_verification_mode: 'verify_full', client_certificate: T } },
    ],
  ])('%j', (input, body) => {
    const r = validateDefinition(input, 'json');
    expect(r).toEqual({ ok: true, value: body });
  });

  it('text sources accept digit strings for ports; JSON does not', () => {
    expect(validateDefinition({ name: 'a', type: 'tcp', host: ipHost, tcp_port: '5432' }, 'text')).toMatchObject({ ok: true, value: { tcp_port: 5432 } });
    expect(lines({ name: 'a', type: 'tcp', host: ipHost, tcp_port: '5432' })).toEqual(['tcp_port: must be an integer from 1 to 65535 (got "5432")']);
  });
});

describe('invalid definitions name the JSON path', () => {
  it.each([
    [null, ['(top level): must be a JSON object (got null)']],
    [[], ['(top level): must be a JSON object (got [])']],
    [{}, ['name: required: the service name', 'type: required: tcp or http', 'host: required: an IPv4 address, an IPv6 address, both, or a hostname', 'host.network.tunnel_id: required: the UUID of the Cloudflare Tunnel that reaches the host']],
    [{ name: 'a', type: 'tcp', host: ipHost, tcp_prot: 1 }, ['tcp_port: required with type tcp', 'tcp_prot: unknown field (did you mean tcp_port?)']],
    [{ name: 'a', type: 'http', host: { ...ipHost, hostnme: 'x' } }, ['host.hostnme: unknown field (did you mean hostname?)']],
    [{ name: 'a', type: 'http', host: { ipv4: '10.0.0.1', network: { tunnel: T } } }, ['host.network.tunnel: unknown field (did you mean tunnel_id?)', 'host.network.tunnel_id: required: the UUID of the Cloudflare Tunnel that reaches the host']],
    [{ name: 'a', type: 'http', host: ipHost, zzzzzz: 1 }, ['zzzzzz: unknown field (known here: name, type, host, tcp_port, app_protocol, http_port, https_port, tls_settings, service_id, created_at, updated_at)']],
    [{ name: 7, type: 'http', host: ipHost }, ['name: must be a string (got 7)']],
    [{ name: 'a', type: 'http', host: 'x' }, ['host: must be an object (got "x")']],
    [{ name: 'a', type: 'tcp', host: ipHost, tcp_port: 5432.5 }, ['tcp_port: must be an integer from 1 to 65535 (got 5432.5)']],
    [{ name: 'a', type: 'tcp', host: ipHost, tcp_port: true }, ['tcp_port: must be an integer from 1 to 65535 (got true)']],
    [{ name: 'a', type: 'http', host: { hostname: 'a.b', resolver_network: { tunnel_id: T, resolver_ips: ['1.1.1.1', 'x'] } } }, ['host.resolver_network.resolver_ips[1]: each must be a valid IPv4 or IPv6 address (got "x")']],
    [{ name: 'a', type: 'http', host: { hostname: 'a.b', resolver_network: { tunnel_id: T, resolver_ips: '1.1.1.1' } } }, ['host.resolver_network.resolver_ips: must be a list of IP addresses (got "1.1.1.1")']],
    [{ name: 'a', type: 'http', host: { hostname: 'a.b', network: { tunnel_id: T } } }, ['host.network: only with an IP address; a hostname uses host.resolver_network', 'host.resolver_network.tunnel_id: required: the UUID of the Cloudflare Tunnel that reaches the host']],
    [{ name: 'a', type: 'http', host: { ipv4: '10.0.0.1', resolver_network: { tunnel_id: T } } }, ['host.network.tunnel_id: required: the UUID of the Cloudflare Tunnel that reaches the host', 'host.resolver_network: only with host.hostname; an IP address uses host.network']],
    [{ name: 'a', type: 'http', host: ipHost, tls_settings: {} }, ['tls_settings.cert_verification_mode: required in tls_settings: verify_full, verify_ca or disabled']],
    [{ name: 'a', type: 'http', host: ipHost, tls_settings: { cert_verification_mode: 'disabled', certificate_authority: T } }, ['tls_settings.certificate_authority: not allowed with tls_settings.cert_verification_mode disabled']],
  ])('%j', (input, expected) => {
    expect(lines(input)).toEqual(expected);
  });
});

describe('edges of each rule (exact bodies and exact problem lines)', () => {
  const T2 = 'c6d5f1a2-3b4c-4d5e-8f90-a1b2c3d4e5f6';
  const named = (rn: Record<string, unknown>) => ({ hostname: 'a.b', resolver_network: { tunnel_id: T, ...rn } });

  it.each<[string, unknown, 'text' | 'json', unknown]>([
    ['resolver ips are trimmed and kept', { name: 'h', type: 'http', host: named({ resolver_ips: [' 10.0.0.53 ', 'fd00::53'] }) }, 'json',
      { name: 'h', type: 'http', host: { hostname: 'a.b', resolver_network: { tunnel_id: T, resolver_ips: ['10.0.0.53', 'fd00::53'] } } }],
    ['an IPv6-only host', { name: 'v', type: 'tcp', host: { ipv6: ' fd00::1 ', network: { tunnel_id: T } }, tcp_port: 1 }, 'json',
      { name: 'v', type: 'tcp', host: { ipv6: 'fd00::1', network: { tunnel_id: T } }, tcp_port: 1 }],
    ['a CA alone gets the default mode', { name: 'w', type: 'http', host: ipHost, tls_settings: { certificate_authority: T2 } }, 'json',
      { name: 'w', type: 'http', host: ipHost, tls_settings: { cert_verification_mode: 'verify_full', certificate_authority: T2 } }],
    ['every TLS field', { name: 'w', type: 'http', host: ipHost, tls_settings: { cert_verification_mode: ' verify_ca ', certificate_authority: T2, client_certificate: T } }, 'json',
      { name: 'w', type: 'http', host: ipHost, tls_settings: { cert_verification_mode: 'verify_ca', certificate_authority: T2, client_certificate: T } }],
    ['tcp with its protocol, type with spaces', { name: 'd', type: ' tcp ', host: ipHost, tcp_port: ' 5432 ', app_protocol: ' postgresql ' }, 'text',
      { name: 'd', type: 'tcp', host: ipHost, tcp_port: 5432, app_protocol: 'postgresql' }],
    ['http with both ports', { name: 'w', type: 'http', host: ipHost, http_port: 8080, https_port: 8443 }, 'json',
      { name: 'w', type: 'http', host: ipHost, http_port: 8080, https_port: 8443 }],
  ])('%s', (_n, input, source, body) => {
    expect(validateDefinition(input, source)).toStrictEqual({ ok: true, value: body });
  });

  it.each<[string, unknown, 'text' | 'json', string[]]>([
    ...['1e3', '0x10', '+80', '80.0', '80 80', '-1', '65536', '0'].map((p): [string, unknown, 'text', string[]] => [
      `the text port ${JSON.stringify(p)}`, { name: 'd', type: 'tcp', host: ipHost, tcp_port: p }, 'text', [`tcp_port: must be an integer from 1 to 65535 (got ${JSON.stringify(p)})`],
    ]),
    ['a resolver ip that is not text', { name: 'h', type: 'http', host: named({ resolver_ips: [5, '10.0.0.1', null] }) }, 'json', [
      'host.resolver_network.resolver_ips[0]: each must be a valid IPv4 or IPv6 address (got 5)',
      'host.resolver_network.resolver_ips[2]: each must be a valid IPv4 or IPv6 address (got null)',
    ]],
    ['disabled with spaces, with a CA', { name: 'w', type: 'http', host: ipHost, tls_settings: { cert_verification_mode: ' disabled ', certificate_authority: T } }, 'json', [
      'tls_settings.certificate_authority: not allowed with tls_settings.cert_verification_mode disabled',
    ]],
    ['a client certificate alone needs no mode', { name: 'w', type: 'http', host: ipHost, tls_settings: { client_certificate: 'x' } }, 'json', [
      'tls_settings.client_certificate: must be a client certificate id, a UUID such as 0191dce4-9ab4-7fce-b660-8e5dec5172da (got "x")',
    ]],
    ['http fields on tcp, type with spaces', { name: 'd', type: ' tcp ', host: ipHost, tcp_port: 1, http_port: 80, https_port: 443 }, 'json', [
      'http_port: only with type http (a tcp service has one port: tcp_port)',
      'https_port: only with type http (a tcp service has one port: tcp_port)',
    ]],
    ['tcp fields on http, type with spaces', { name: 'w', type: ' http ', host: ipHost, tcp_port: 1, app_protocol: 'mysql' }, 'json', [
      'tcp_port: only with type tcp (an http service uses http_port / https_port)',
      'app_protocol: only with type tcp',
    ]],
    ['an unknown type and protocol', { name: 'd', type: 'udp', host: ipHost, app_protocol: 'redis' }, 'json', [
      'type: must be tcp or http (got "udp")',
      'app_protocol: must be postgresql or mysql (got "redis")',
    ]],
    ['an empty host', { name: 'd', type: 'tcp', host: {}, tcp_port: 1 }, 'json', [
      'host: required: an IPv4 address, an IPv6 address, both, or a hostname',
      'host.network.tunnel_id: required: the UUID of the Cloudflare Tunnel that reaches the host',
    ]],
    ['a host with only a tunnel', { name: 'd', type: 'tcp', host: { network: { tunnel_id: T } }, tcp_port: 1 }, 'json', [
      'host: required: an IPv4 address, an IPv6 address, both, or a hostname',
    ]],
    ['a host with only a resolver tunnel', { name: 'd', type: 'tcp', host: { resolver_network: { tunnel_id: T } }, tcp_port: 1 }, 'json', [
      'host: required: an IPv4 address, an IPv6 address, both, or a hostname',
    ]],
    ['an address host with an empty network', { name: 'd', type: 'tcp', host: { ipv6: 'fd00::1', network: {} }, tcp_port: 1 }, 'json', [
      'host.network.tunnel_id: required: the UUID of the Cloudflare Tunnel that reaches the host',
    ]],
    ['a hostname host with an empty resolver network', { name: 'h', type: 'http', host: { hostname: 'a.b', resolver_network: {} } }, 'json', [
      'host.resolver_network.tunnel_id: required: the UUID of the Cloudflare Tunnel that reaches the host',
    ]],
    ['a hostname host without a resolver network', { name: 'h', type: 'http', host: { hostname: 'a.b' } }, 'json', [
      'host.resolver_network.tunnel_id: required: the UUID of the Cloudflare Tunnel that reaches the host',
    ]],
    ['both host forms with a resolver network', { name: 'h', type: 'http', host: { ipv4: '10.0.0.1', hostname: 'a.b', resolver_network: { tunnel_id: T } } }, 'json', [
      'host.hostname: cannot be combined with host.ipv4 or host.ipv6: a service has one host form',
    ]],
    ['an unknown key that prefixes a known one goes last', { name: 'w', type: 'http', host: ipHost, tls: 1, tls_settings: { client_certificate: 'x' } }, 'json', [
      'tls_settings.client_certificate: must be a client certificate id, a UUID such as 0191dce4-9ab4-7fce-b660-8e5dec5172da (got "x")',
      'tls: unknown field (known here: name, type, host, tcp_port, app_protocol, http_port, https_port, tls_settings, service_id, created_at, updated_at)',
    ]],
    ['problems read in definition order', { https_port: 0, tls_settings: { cert_verification_mode: 'x' }, host: { ipv4: 'x', network: { tunnel_id: T } }, type: 'http', name: '' }, 'json', [
      'name: must not be empty',
      'host.ipv4: must be a valid IPv4 address such as 10.0.0.1 (got "x")',
      'https_port: must be an integer from 1 to 65535 (got 0)',
      'tls_settings.cert_verification_mode: must be verify_full, verify_ca or disabled (got "x")',
    ]],
  ])('%s', (_n, input, source, expected) => {
    expect(lines(input, source)).toEqual(expected);
  });
});

describe('problems as data', () => {
  it.each<[string, unknown, unknown]>([
    ['a problem of the API\'s rules is not the client\'s own', { name: '', type: 'tcp', host: ipHost, tcp_port: 1 }, { ok: false, problems: [{ path: ['name'], message: 'must not be empty' }] }],
    ['an unknown key', { name: 'a', type: 'tcp', host: ipHost, tcp_port: 1, x: 1 }, { ok: false, problems: [{ path: ['x'], message: 'unknown field', unknownKey: true }] }],
  ])('%s', (_n, input, result) => {
    expect(validateDefinition(input, 'json')).toStrictEqual(result);
  });

  it.each<[string, unknown, string[]]>([
    ['a type that is not text', { name: 'd', type: 5, host: ipHost, tcp_port: 1 }, ['type: must be a string (got 5)']],
    ['a mode that is not text, with a CA', { name: 'w', type: 'http', host: ipHost, tls_settings: { cert_verification_mode: 5, certificate_authority: T } }, ['tls_settings.cert_verification_mode: must be a string (got 5)']],
    ['an unknown key stands with its parent object', { name: 'a', type: 'tcp', host: { ipv4: '10.0.0.1', network: { tunnel_id: T, tunnel: T } }, tcp_port: 0 }, [
      'host.network.tunnel: unknown field (did you mean tunnel_id?)',
      'tcp_port: must be an integer from 1 to 65535 (got 0)',
    ]],
  ])('%s', (_n, input, expected) => {
    expect(lines(input)).toEqual(expected);
  });
});

describe('rules between fields still run when a field failed', () => {
  it('reports the bad field and the missing ones together', () => {
    expect(lines({ name: 7, host: ipHost })).toEqual(['name: must be a string (got 7)', 'type: required: tcp or http']);
  });
  it('a text source may still give a port as a number', () => {
    expect(validateDefinition({ name: 'a', type: 'tcp', host: ipHost, tcp_port: 5432 }, 'text')).toStrictEqual({ ok: true, value: { name: 'a', type: 'tcp', host: ipHost, tcp_port: 5432 } });
  });
});
