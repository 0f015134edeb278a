import { beforeEach, describe, expect, it, vi } from 'vitest';
import type * as Schema from '../../../src/service/schema';
import { renderProblem } from '../../../src/service/problems';

/*
 * Edges of the schema the other schema tests leave open: values of the wrong kind where an object
 * goes, exact request bodies (no key left holding undefined), and the schema built once per source.
 *
 * The schema is built on first use and kept, so each test here loads the module afresh and builds
 * its own: every test then checks the building code too, not only the first test of a file (this
 * is what lets mutation testing see which test notices a change to how the schema is built).
 */
let schema: typeof Schema;
beforeEach(async () => {
  vi.resetModules();
  schema = await import('../../../src/service/schema');
});
const validateDefinition: typeof Schema.validateDefinition = (input, source) => schema.validateDefinition(input, source);
const checkValues: typeof Schema.checkValues = (partial, source) => schema.checkValues(partial, source);
const serviceDefinitionSchema: typeof Schema.serviceDefinitionSchema = (source) => schema.serviceDefinitionSchema(source);
const T = '0191dce4-9ab4-7fce-b660-8e5dec5172da';
const ipHost = { ipv4: '10.0.0.1', network: { tunnel_id: T } };

const lines = (input: unknown, source: 'text' | 'json' = 'json') => {
  const r = validateDefinition(input, source);
  return r.ok ? [] : r.problems.map((p) => renderProblem(p, { kind: 'json' }));
};

describe('a value that is not an object where one goes is said once, at its path', () => {
  it.each<[string, unknown, string[]]>([
    ['host as a list', { name: 'a', type: 'http', host: [] }, ['host: must be an object (got [])']],
    ['host as a number', { name: 'a', type: 'http', host: 5 }, ['host: must be an object (got 5)']],
    ['network as text', { name: 'a', type: 'http', host: { ipv4: '10.0.0.1', network: 'x' } }, ['host.network: must be an object (got "x")']],
    ['network as a list', { name: 'a', type: 'http', host: { ipv4: '10.0.0.1', network: [T] } }, [`host.network: must be an object (got ["${T}"])`]],
    ['resolver network as text', { name: 'a', type: 'http', host: { hostname: 'a.b', resolver_network: 'x' } }, ['host.resolver_network: must be an object (got "x")']],
    ['resolver network as text on an IP host', { name: 'a', type: 'http', host: { ...ipHost, resolver_network: 'x' } }, [
      'host.resolver_network: must be an object (got "x")',
      'host.resolver_network: only with host.hostname; an IP address uses host.network',
    ]],
    ['tls settings as text', { name: 'a', type: 'http', host: ipHost, tls_settings: 'x' }, ['tls_settings: must be an object (got "x")']],
    ['tls settings as a list', { name: 'a', type: 'http', host: ipHost, tls_settings: [] }, ['tls_settings: must be an object (got [])']],
    ['the top level as text', 'x', ['(top level): must be a JSON object (got "x")']],
  ])('%s', (_n, input, expected) => {
    expect(lines(input)).toEqual(expected);
  });
});

describe('a null object counts as absent', () => {
  it.each<[string, unknown, string[]]>([
    ['a null host', { name: 'a', type: 'http', host: null }, [
      'host: required: an IPv4 address, an IPv6 address, both, or a hostname',
      'host.network.tunnel_id: required: the UUID of the Cloudflare Tunnel that reaches the host',
    ]],
    ['a null network', { name: 'a', type: 'http', host: { ipv4: '10.0.0.1', network: null } }, ['host.network.tunnel_id: required: the UUID of the Cloudflare Tunnel that reaches the host']],
    ['a null resolver network', { name: 'a', type: 'http', host: { hostname: 'a.b', resolver_network: null } }, ['host.resolver_network.tunnel_id: required: the UUID of the Cloudflare Tunnel that reaches the host']],
    ['a null tunnel id', { name: 'a', type: 'http', host: { ipv4: '10.0.0.1', network: { tunnel_id: null } } }, ['host.network.tunnel_id: required: the UUID of the Cloudflare Tunnel that reaches the host']],
    ['null names and types', { name: null, type: null, host: ipHost }, ['name: required: the service name', 'type: required: tcp or http']],
    ['a null network next to a hostname', { name: 'a', type: 'http', host: { hostname: 'a.b', network: null, resolver_network: { tunnel_id: T } } }, []],
    ['a null resolver network next to an address', { name: 'a', type: 'http', host: { ...ipHost, resolver_network: null } }, []],
    ['null resolver ips next to an address', { name: 'a', type: 'http', host: { ...ipHost, resolver_network: { resolver_ips: null } } }, [
      'host.resolver_network: only with host.hostname; an IP address uses host.network',
    ]],
    ['a null mode with a CA', { name: 'a', type: 'http', host: ipHost, tls_settings: { cert_verification_mode: null, certificate_authority: T } }, []],
    ['all-null TLS settings', { name: 'a', type: 'http', host: ipHost, tls_settings: { cert_verification_mode: null, certificate_authority: null, client_certificate: null } }, [
      'tls_settings.cert_verification_mode: required in tls_settings: verify_full, verify_ca or disabled',
    ]],
    ['a null CA with disabled', { name: 'a', type: 'http', host: ipHost, tls_settings: { cert_verification_mode: 'disabled', certificate_authority: null } }, []],
    ['a null tcp port on tcp', { name: 'a', type: 'tcp', host: ipHost, tcp_port: null }, ['tcp_port: required with type tcp']],
    ['a null http port on tcp', { name: 'a', type: 'tcp', host: ipHost, tcp_port: 1, http_port: null }, []],
  ])('%s', (_n, input, expected) => {
    expect(lines(input)).toEqual(expected);
  });
});

describe('more rules between fields', () => {
  it.each<[string, unknown, string[]]>([
    ['an IP host with a tunnel in the resolver network only', { name: 'a', type: 'http', host: { ipv4: '10.0.0.1', resolver_network: { tunnel_id: T } } }, [
      'host.network.tunnel_id: required: the UUID of the Cloudflare Tunnel that reaches the host',
      'host.resolver_network: only with host.hostname; an IP address uses host.network',
    ]],
    ['a hostname with the tunnel in network only', { name: 'a', type: 'http', host: { hostname: 'a.b', network: { tunnel_id: T } } }, [
      'host.network: only with an IP address; a hostname uses host.resolver_network',
      'host.resolver_network.tunnel_id: required: the UUID of the Cloudflare Tunnel that reaches the host',
    ]],
    ['a host with neither form nor tunnel but an empty network', { name: 'a', type: 'http', host: { network: {} } }, [
      'host: required: an IPv4 address, an IPv6 address, both, or a hostname',
      'host.network.tunnel_id: required: the UUID of the Cloudflare Tunnel that reaches the host',
    ]],
    ['both forms, no tunnel at all', { name: 'a', type: 'http', host: { ipv4: '10.0.0.1', hostname: 'a.b' } }, [
      'host.hostname: cannot be combined with host.ipv4 or host.ipv6: a service has one host form',
    ]],
    ['both forms with resolver ips', { name: 'a', type: 'http', host: { ipv6: 'fd00::1', hostname: 'a.b', resolver_network: { tunnel_id: T, resolver_ips: ['10.0.0.53'] } } }, [
      'host.hostname: cannot be combined with host.ipv4 or host.ipv6: a service has one host form',
      'host.resolver_network.resolver_ips: only with host.hostname',
    ]],
    ['an empty resolver ip list on an IP host', { name: 'a', type: 'http', host: { ...ipHost, resolver_network: { resolver_ips: [] } } }, [
      'host.resolver_network.resolver_ips: only with host.hostname',
    ]],
    ['an empty name after trimming', { name: '   ', type: 'http', host: ipHost }, ['name: must not be empty']],
    ['verify_ca with a CA', { name: 'a', type: 'http', host: ipHost, tls_settings: { cert_verification_mode: 'verify_ca', certificate_authority: T } }, []],
    ['disabled with a client certificate', { name: 'a', type: 'http', host: ipHost, tls_settings: { cert_verification_mode: 'disabled', client_certificate: T } }, []],
    ['a mode alone', { name: 'a', type: 'http', host: ipHost, tls_settings: { cert_verification_mode: 'disabled' } }, []],
    ['an unknown TLS key', { name: 'a', type: 'http', host: ipHost, tls_settings: { mode: 'disabled' } }, [
      'tls_settings.mode: unknown field (known here: cert_verification_mode, certificate_authority, client_certificate)',
      'tls_settings.cert_verification_mode: required in tls_settings: verify_full, verify_ca or disabled',
    ]],
    ['a certificate authority that is not a UUID', { name: 'a', type: 'http', host: ipHost, tls_settings: { certificate_authority: 'ca' } }, [
      'tls_settings.certificate_authority: must be a certificate authority id, a UUID such as 0191dce4-9ab4-7fce-b660-8e5dec5172da (got "ca")',
    ]],
    ['an IPv6 that is not one', { name: 'a', type: 'http', host: { ipv6: '10.0.0.1', network: { tunnel_id: T } } }, [
      'host.ipv6: must be a valid IPv6 address such as fd00::1 (got "10.0.0.1")',
    ]],
    ['a tunnel id that is not a UUID', { name: 'a', type: 'http', host: { hostname: 'a.b', resolver_network: { tunnel_id: ' x ' } } }, [
      'host.resolver_network.tunnel_id: must be the tunnel id, a UUID such as 0191dce4-9ab4-7fce-b660-8e5dec5172da (got "x")',
    ]],
    ['a hostname with its problem', { name: 'a', type: 'http', host: { hostname: 'a b', resolver_network: { tunnel_id: T } } }, ['host.hostname: must not contain spaces (got "a b")']],
    ['a resolver ip list of one bad item, trimmed in the message', { name: 'a', type: 'http', host: { hostname: 'a.b', resolver_network: { tunnel_id: T, resolver_ips: [' x '] } } }, [
      'host.resolver_network.resolver_ips[0]: each must be a valid IPv4 or IPv6 address (got " x ")',
    ]],
    ['a type with spaces is still a type for the port rule', { name: 'a', type: ' tcp ', host: ipHost }, ['tcp_port: required with type tcp']],
    ['an http service needs no port', { name: 'a', type: 'http', host: ipHost }, []],
    ['a json port of 65536', { name: 'a', type: 'http', host: ipHost, http_port: 65536 }, ['http_port: must be an integer from 1 to 65535 (got 65536)']],
    ['a json port as text', { name: 'a', type: 'http', host: ipHost, https_port: '443' }, ['https_port: must be an integer from 1 to 65535 (got "443")']],
    ['a read-only field of any kind', { name: 'a', type: 'http', host: ipHost, service_id: 5, created_at: {}, updated_at: null }, []],
  ])('%s', (_n, input, expected) => {
    expect(lines(input)).toEqual(expected);
  });

  it.each<[string, unknown]>([
    ['the text port 1', '1'],
    ['the text port 65535', '65535'],
    ['the text port with spaces', '\t443 '],
  ])('%s', (_n, port) => {
    expect(validateDefinition({ name: 'a', type: 'http', host: ipHost, https_port: port }, 'text')).toStrictEqual({ ok: true, value: { name: 'a', type: 'http', host: ipHost, https_port: Number(String(port).trim()) } });
  });
});

describe('exact request bodies: only the keys given', () => {
  it.each<[string, unknown, unknown]>([
    ['a hostname without resolvers', { name: 'h', type: 'http', host: { hostname: ' a.b ', resolver_network: { tunnel_id: T, resolver_ips: null } }, tls_settings: null },
      { name: 'h', type: 'http', host: { hostname: 'a.b', resolver_network: { tunnel_id: T } } }],
    ['an empty resolver list is kept', { name: 'h', type: 'http', host: { hostname: 'a.b', resolver_network: { tunnel_id: T, resolver_ips: [] } } },
      { name: 'h', type: 'http', host: { hostname: 'a.b', resolver_network: { tunnel_id: T, resolver_ips: [] } } }],
    ['dual stack', { name: 'd', type: 'tcp', host: { ipv6: 'fd00::1', ipv4: '10.0.0.1', network: { tunnel_id: T } }, tcp_port: 22 },
      { name: 'd', type: 'tcp', host: { ipv4: '10.0.0.1', ipv6: 'fd00::1', network: { tunnel_id: T } }, tcp_port: 22 }],
    ['a mode alone', { name: 'w', type: 'http', host: ipHost, tls_settings: { cert_verification_mode: 'verify_ca' } },
      { name: 'w', type: 'http', host: ipHost, tls_settings: { cert_verification_mode: 'verify_ca' } }],
    ['a client certificate alone', { name: 'w', type: 'http', host: ipHost, tls_settings: { client_certificate: T } },
      { name: 'w', type: 'http', host: ipHost, tls_settings: { cert_verification_mode: 'verify_full', client_certificate: T } }],
    ['keys in the table\'s order, read-only ones dropped', { tls_settings: { cert_verification_mode: 'disabled' }, https_port: 443, http_port: 80, host: ipHost, type: 'http', name: 'w', updated_at: 'x' },
      { name: 'w', type: 'http', host: ipHost, http_port: 80, https_port: 443, tls_settings: { cert_verification_mode: 'disabled' } }],
  ])('%s', (_n, input, body) => {
    const r = validateDefinition(input, 'json');
    expect(r).toStrictEqual({ ok: true, value: body });
    if (r.ok) expect(JSON.stringify(r.value)).toBe(JSON.stringify(body));
  });

  it('a legacy tcp service without a port: the relaxed body is exact too', () => {
    const input = { name: 'l', type: 'tcp', host: { hostname: 'a.b', resolver_network: { tunnel_id: T } }, app_protocol: 'mysql' };
    expect(validateDefinition(input, 'json')).toStrictEqual({
      ok: false,
      problems: [{ path: ['tcp_port'], message: 'required with {type} tcp', clientOnly: true }],
      relaxed: { name: 'l', type: 'tcp', host: { hostname: 'a.b', resolver_network: { tunnel_id: T } }, app_protocol: 'mysql' },
    });
  });

  it('a tcp service without a port and another problem: no relaxed body, and only the port is the client\'s rule', () => {
    expect(validateDefinition({ name: 'l', type: 'tcp', host: { ipv4: 'x', network: { tunnel_id: T } } }, 'json')).toStrictEqual({
      ok: false,
      problems: [
        { path: ['host', 'ipv4'], message: 'must be a valid IPv4 address such as 10.0.0.1 (got "x")' },
        { path: ['tcp_port'], message: 'required with {type} tcp', clientOnly: true },
      ],
    });
  });
});

describe('each value on its own, exactly', () => {
  it.each<[string, Record<string, unknown>, 'text' | 'json', unknown]>([
    ['lists stay lists', { host: { hostname: 'a.b', resolver_network: { resolver_ips: [' 10.0.0.53 '] } } }, 'text',
      { value: { host: { hostname: 'a.b', resolver_network: { resolver_ips: ['10.0.0.53'] } } }, problems: [] }],
    ['a bad value gives back the input as it was', { name: 5, tcp_port: ' 1 ' }, 'text',
      { value: { name: 5, tcp_port: ' 1 ' }, problems: [{ path: ['name'], message: 'must be a string (got 5)' }] }],
    ['an unknown key', { host: { ipv5: 'x' } }, 'json',
      { value: { host: { ipv5: 'x' } }, problems: [{ path: ['host', 'ipv5'], message: 'unknown field', unknownKey: true }] }],
    ['a json port as text', { tcp_port: '1' }, 'json',
      { value: { tcp_port: '1' }, problems: [{ path: ['tcp_port'], message: 'must be an integer from 1 to 65535 (got "1")' }] }],
    ['a read-only value is kept as given', { service_id: 5 }, 'json', { value: { service_id: 5 }, problems: [] }],
  ])('%s', (_n, partial, source, result) => {
    expect(checkValues(partial, source)).toStrictEqual(result);
  });
});

describe('the schema for a source', () => {
  it('is built once and reused; text and json differ', () => {
    expect(serviceDefinitionSchema('json')).toBe(serviceDefinitionSchema('json'));
    expect(serviceDefinitionSchema('text')).toBe(serviceDefinitionSchema('text'));
    expect(serviceDefinitionSchema('text')).not.toBe(serviceDefinitionSchema('json'));
  });
});

describe('every kind of field, checked by a freshly built schema', () => {
  it.each<[string, unknown, 'text' | 'json', string[]]>([
    ['a name that is not text', { name: 7, type: 'http', host: ipHost }, 'json', ['name: must be a string (got 7)']],
    ['an empty name', { name: '', type: 'http', host: ipHost }, 'json', ['name: must not be empty']],
    ['a type outside the enum', { name: 'a', type: 'udp', host: ipHost }, 'json', ['type: must be tcp or http (got "udp")']],
    ['a protocol outside the enum', { name: 'a', type: 'tcp', host: ipHost, tcp_port: 1, app_protocol: 'redis' }, 'json', ['app_protocol: must be postgresql or mysql (got "redis")']],
    ['a mode outside the enum', { name: 'a', type: 'http', host: ipHost, tls_settings: { cert_verification_mode: 'x' } }, 'json', ['tls_settings.cert_verification_mode: must be verify_full, verify_ca or disabled (got "x")']],
    ['a bad IPv4', { name: 'a', type: 'http', host: { ipv4: 'x', network: { tunnel_id: T } } }, 'json', ['host.ipv4: must be a valid IPv4 address such as 10.0.0.1 (got "x")']],
    ['a bad IPv6', { name: 'a', type: 'http', host: { ipv6: 'x', network: { tunnel_id: T } } }, 'json', ['host.ipv6: must be a valid IPv6 address such as fd00::1 (got "x")']],
    ['a bad hostname', { name: 'a', type: 'http', host: { hostname: 'a..b', resolver_network: { tunnel_id: T } } }, 'json', [
      'host.hostname: must be a valid hostname: labels of letters, digits, "-" or "_", 1 to 63 characters, separated by dots (got "a..b")',
    ]],
    ['a bad tunnel id', { name: 'a', type: 'http', host: { ipv4: '10.0.0.1', network: { tunnel_id: 'x' } } }, 'json', [
      'host.network.tunnel_id: must be the tunnel id, a UUID such as 0191dce4-9ab4-7fce-b660-8e5dec5172da (got "x")',
    ]],
    ['a bad resolver tunnel id', { name: 'a', type: 'http', host: { hostname: 'a.b', resolver_network: { tunnel_id: 'x' } } }, 'json', [
      'host.resolver_network.tunnel_id: must be the tunnel id, a UUID such as 0191dce4-9ab4-7fce-b660-8e5dec5172da (got "x")',
    ]],
    ['a bad CA and client certificate', { name: 'a', type: 'http', host: ipHost, tls_settings: { certificate_authority: 'c', client_certificate: 'd' } }, 'json', [
      'tls_settings.certificate_authority: must be a certificate authority id, a UUID such as 0191dce4-9ab4-7fce-b660-8e5dec5172da (got "c")',
      'tls_settings.client_certificate: must be a client certificate id, a UUID such as 0191dce4-9ab4-7fce-b660-8e5dec5172da (got "d")',
    ]],
    ['resolver ips not a list', { name: 'a', type: 'http', host: { hostname: 'a.b', resolver_network: { tunnel_id: T, resolver_ips: '10.0.0.53' } } }, 'json', [
      'host.resolver_network.resolver_ips: must be a list of IP addresses (got "10.0.0.53")',
    ]],
    ['a bad resolver ip', { name: 'a', type: 'http', host: { hostname: 'a.b', resolver_network: { tunnel_id: T, resolver_ips: ['10.0.0.53', 'x', 5] } } }, 'json', [
      'host.resolver_network.resolver_ips[1]: each must be a valid IPv4 or IPv6 address (got "x")',
      'host.resolver_network.resolver_ips[2]: each must be a valid IPv4 or IPv6 address (got 5)',
    ]],
    ['a json port as text', { name: 'a', type: 'tcp', host: ipHost, tcp_port: '5432' }, 'json', ['tcp_port: must be an integer from 1 to 65535 (got "5432")']],
    ['a port of 0', { name: 'a', type: 'http', host: ipHost, http_port: 0 }, 'json', ['http_port: must be an integer from 1 to 65535 (got 0)']],
    ['a fractional port', { name: 'a', type: 'http', host: ipHost, https_port: 1.5 }, 'json', ['https_port: must be an integer from 1 to 65535 (got 1.5)']],
    ['a text port with a sign', { name: 'a', type: 'tcp', host: ipHost, tcp_port: '+1' }, 'text', ['tcp_port: must be an integer from 1 to 65535 (got "+1")']],
    ['a text port in exponent form', { name: 'a', type: 'tcp', host: ipHost, tcp_port: '1e3' }, 'text', ['tcp_port: must be an integer from 1 to 65535 (got "1e3")']],
    ['a text port with a decimal point', { name: 'a', type: 'tcp', host: ipHost, tcp_port: '80.0' }, 'text', ['tcp_port: must be an integer from 1 to 65535 (got "80.0")']],
    ['a text port of 65536', { name: 'a', type: 'tcp', host: ipHost, tcp_port: '65536' }, 'text', ['tcp_port: must be an integer from 1 to 65535 (got "65536")']],
    // Digits inside a list read as digits when turned to text; only text itself is read as a port.
    ['a text port inside a list', { name: 'a', type: 'tcp', host: ipHost, tcp_port: ['5432'] }, 'text', ['tcp_port: must be an integer from 1 to 65535 (got ["5432"])']],
    ['a resolver ip inside a list', { name: 'a', type: 'http', host: { hostname: 'a.b', resolver_network: { tunnel_id: T, resolver_ips: [['10.0.0.53']] } } }, 'json', [
      'host.resolver_network.resolver_ips[0]: each must be a valid IPv4 or IPv6 address (got ["10.0.0.53"])',
    ]],
    ['a host that is not an object', { name: 'a', type: 'http', host: 'x' }, 'json', ['host: must be an object (got "x")']],
    ['a network that is not an object', { name: 'a', type: 'http', host: { ipv4: '10.0.0.1', network: 5 } }, 'json', ['host.network: must be an object (got 5)']],
    ['TLS settings that are not an object', { name: 'a', type: 'http', host: ipHost, tls_settings: true }, 'json', ['tls_settings: must be an object (got true)']],
    ['the top level not an object', 5, 'json', ['(top level): must be a JSON object (got 5)']],
    ['unknown keys at every level', { name: 'a', type: 'http', host: { ...ipHost, network: { tunnel_id: T, x: 1 }, y: 1 }, tls_settings: { cert_verification_mode: 'disabled', z: 1 }, w: 1 }, 'json', [
      'host.y: unknown field (known here: ipv4, ipv6, hostname, network, resolver_network)',
      'host.network.x: unknown field (known here: tunnel_id)',
      'tls_settings.z: unknown field (known here: cert_verification_mode, certificate_authority, client_certificate)',
      'w: unknown field (known here: name, type, host, tcp_port, app_protocol, http_port, https_port, tls_settings, service_id, created_at, updated_at)',
    ]],
    ['an unknown key in the resolver network', { name: 'a', type: 'http', host: { hostname: 'a.b', resolver_network: { tunnel_id: T, resolvers: [] } } }, 'json', [
      'host.resolver_network.resolvers: unknown field (did you mean resolver_ips?)',
    ]],
    ['a failed field and a missing one together', { name: 7, host: ipHost }, 'json', ['name: must be a string (got 7)', 'type: required: tcp or http']],
    ['a failed field does not stop a spaced type and mode from counting', { name: 7, type: ' tcp ', host: ipHost, http_port: 80, tls_settings: { cert_verification_mode: ' disabled ', certificate_authority: T } }, 'json', [
      'name: must be a string (got 7)',
      'tcp_port: required with type tcp',
      'http_port: only with type http (a tcp service has one port: tcp_port)',
      'tls_settings.certificate_authority: not allowed with tls_settings.cert_verification_mode disabled',
    ]],
  ])('%s', (_n, input, source, expected) => {
    expect(lines(input, source)).toEqual(expected);
  });

  it.each<[string, unknown, 'text' | 'json', unknown]>([
    ['text: ports as digits, values trimmed', { name: ' a ', type: ' tcp ', host: { ipv4: ' 10.0.0.1 ', network: { tunnel_id: ` ${T} ` } }, tcp_port: ' 5432 ', app_protocol: ' mysql ' }, 'text',
      { name: 'a', type: 'tcp', host: ipHost, tcp_port: 5432, app_protocol: 'mysql' }],
    ['text: a port as a number', { name: 'a', type: 'tcp', host: ipHost, tcp_port: 22 }, 'text', { name: 'a', type: 'tcp', host: ipHost, tcp_port: 22 }],
    ['json: every TLS field trimmed', { name: 'a', type: 'http', host: { hostname: ' a.b ', resolver_network: { tunnel_id: T, resolver_ips: [' fd00::53 '] } }, tls_settings: { cert_verification_mode: ' verify_ca ', certificate_authority: ` ${T} `, client_certificate: T } }, 'json',
      { name: 'a', type: 'http', host: { hostname: 'a.b', resolver_network: { tunnel_id: T, resolver_ips: ['fd00::53'] } }, tls_settings: { cert_verification_mode: 'verify_ca', certificate_authority: T, client_certificate: T } }],
    ['json: the ports at their edges', { name: 'a', type: 'http', host: { ipv6: ' fd00::1 ', network: { tunnel_id: T } }, http_port: 1, https_port: 65535, service_id: 'x' }, 'json',
      { name: 'a', type: 'http', host: { ipv6: 'fd00::1', network: { tunnel_id: T } }, http_port: 1, https_port: 65535 }],
  ])('%s', (_n, input, source, body) => {
    expect(validateDefinition(input, source)).toStrictEqual({ ok: true, value: body });
  });
});
