import { describe, expect, it } from 'vitest';
import { checkValues, validateDefinition } from '../../../src/service/schema';
import { renderProblem } from '../../../src/service/problems';

const T = '0191dce4-9ab4-7fce-b660-8e5dec5172da';

describe('each value on its own (update checks its flags before the GET)', () => {
  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ['nothing', {}, {}],
    ['a port as digits becomes a number', { tcp_port: ' 6543 ' }, { tcp_port: 6543 }],
    ['values are trimmed', { type: ' http ', host: { ipv4: ' 10.0.0.1 ' } }, { type: 'http', host: { ipv4: '10.0.0.1' } }],
    ['a partial host with no tunnel is fine here', { host: { hostname: 'a.b' } }, { host: { hostname: 'a.b' } }],
    ['fields of both types are fine here', { tcp_port: '1', https_port: '443' }, { tcp_port: 1, https_port: 443 }],
    ['resolver ips on an address host are fine here', { host: { ipv4: '10.0.0.1', resolver_network: { resolver_ips: ['10.0.0.53'] } } }, { host: { ipv4: '10.0.0.1', resolver_network: { resolver_ips: ['10.0.0.53'] } } }],
    ['TLS without a mode', { tls_settings: { certificate_authority: T } }, { tls_settings: { certificate_authority: T } }],
  ])('%s', (_n, partial, value) => {
    expect(checkValues(partial, 'text')).toEqual({ value, problems: [] });
  });

  it.each<[Record<string, unknown>, string[]]>([
    [{ tcp_port: '70000' }, ['--tcp-port: must be an integer from 1 to 65535 (got "70000")']],
    [{ tcp_port: '0', http_port: 'x' }, ['--tcp-port: must be an integer from 1 to 65535 (got "0")', '--http-port: must be an integer from 1 to 65535 (got "x")']],
    [{ type: 'udp' }, ['--type: must be tcp or http (got "udp")']],
    [{ host: { network: { tunnel_id: 'x' } } }, ['--tunnel: must be the tunnel id, a UUID such as 0191dce4-9ab4-7fce-b660-8e5dec5172da (got "x")']],
    [{ host: { hostname: 'a b' } }, ['--hostname: must not contain spaces (got "a b")']],
    [{ tls_settings: { cert_verification_mode: 'none' } }, ['--cert-verification-mode: must be verify_full, verify_ca or disabled (got "none")']],
  ])('%j', (partial, lines) => {
    expect(checkValues(partial, 'text').problems.map((p) => renderProblem(p, { kind: 'flags' }))).toEqual(lines);
  });
});

describe('the client-only rule (tcp_port for tcp)', () => {
  const noPort = { name: 'legacy', type: 'tcp', host: { ipv4: '10.0.0.1', network: { tunnel_id: T } } };

  it('is a problem, marked as the client\'s own, with the definition the API would accept', () => {
    expect(validateDefinition(noPort, 'json')).toEqual({
      ok: false,
      problems: [{ path: ['tcp_port'], message: 'required with {type} tcp', clientOnly: true }],
      relaxed: noPort,
    });
  });

  it('gives no definition when any other problem is there too', () => {
    const r = validateDefinition({ ...noPort, name: '' }, 'json');
    expect(r.ok).toBe(false);
    expect(r).not.toHaveProperty('relaxed');
  });
});

describe('each value on its own: absent values', () => {
  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ['a null object stays null', { host: null }, { host: null }],
    ['null fields are dropped, at every level', { app_protocol: null, host: { ipv4: null, hostname: 'a.b' }, tls_settings: { certificate_authority: null } }, { host: { hostname: 'a.b' }, tls_settings: {} }],
  ])('%s', (_n, partial, value) => {
    expect(checkValues(partial, 'json')).toStrictEqual({ value, problems: [] });
  });
});
