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
