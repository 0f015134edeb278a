import { describe, expect, it } from 'vitest';
import { mergeOverCurrent } from '../../../src/service/merge';
import { diffDefinitions, formatChange } from '../../../src/service/diff';
import { definitionOf, sameValue } from '../../../src/service/canonical';
import { flagsToPartial } from '../../../src/service/flag-values';

const T = '0191dce4-9ab4-7fce-b660-8e5dec5172da';
const T2 = 'c6d5f1a2-3b4c-4d5e-8f90-a1b2c3d4e5f6';
const CA = '5a0c3e3e-1f2b-4c9d-8e7f-6a5b4c3d2e1f';
const tcp = { name: 'db', type: 'tcp', host: { ipv4: '10.0.0.1', ipv6: 'fd00::1', network: { tunnel_id: T } }, tcp_port: 5432, app_protocol: 'mysql', tls_settings: { cert_verification_mode: 'verify_ca', certificate_authority: CA } };
const http = { name: 'web', type: 'http', host: { hostname: 'w.internal', resolver_network: { tunnel_id: T, resolver_ips: ['10.0.0.53'] } }, http_port: 80 };
const merge = (current: Record<string, unknown>, flags: Record<string, unknown>) => mergeOverCurrent(current, flagsToPartial(flags).partial);

describe('update: flags merged over the current definition', () => {
  it.each<[string, Record<string, unknown>, Record<string, unknown>, unknown]>([
    ['a port only: everything else kept', tcp, { tcpPort: '6432' }, { ...tcp, tcp_port: '6432' }],
    ['one address of a dual-stack host', tcp, { ipv6: 'fd00::2' }, { ...tcp, host: { ...tcp.host, ipv6: 'fd00::2' } }],
    ['the tunnel of an address host', tcp, { tunnel: T2 }, { ...tcp, host: { ...tcp.host, network: { tunnel_id: T2 } } }],
    ['the tunnel of a hostname host keeps the resolvers', http, { tunnel: T2 }, { ...http, host: { hostname: 'w.internal', resolver_network: { tunnel_id: T2, resolver_ips: ['10.0.0.53'] } } }],
    ['address -> hostname keeps the tunnel, drops the addresses', tcp, { hostname: 'db.internal' }, { ...tcp, host: { hostname: 'db.internal', resolver_network: { tunnel_id: T } } }],
    ['hostname -> address drops the resolvers', http, { ipv4: '10.9.9.9' }, { ...http, host: { ipv4: '10.9.9.9', network: { tunnel_id: T } } }],
    ['tcp -> http drops the tcp fields', tcp, { type: 'http' }, { name: 'db', type: 'http', host: tcp.host, tls_settings: tcp.tls_settings }],
    ['http -> tcp drops the http ports', http, { type: 'tcp', tcpPort: '22' }, { name: 'web', type: 'tcp', host: http.host, tcp_port: '22' }],
    ['disabled verification drops the CA', tcp, { certVerificationMode: 'disabled' }, { ...tcp, tls_settings: { cert_verification_mode: 'disabled' } }],
    ['a client certificate joins the TLS settings', tcp, { clientCertificate: T2 }, { ...tcp, tls_settings: { ...tcp.tls_settings, client_certificate: T2 } }],
    ['a rename', http, { name: 'web2' }, { ...http, name: 'web2' }],
    ['a flag of the other type is kept, for the schema to refuse by name', http, { tcpPort: '5432' }, { ...http, tcp_port: '5432' }],
    ['--app-protocol on http is kept too', http, { appProtocol: 'mysql' }, { ...http, app_protocol: 'mysql' }],
    ['an http port flag on tcp is kept', tcp, { httpsPort: '443' }, { ...tcp, https_port: '443' }],
    ['switching type keeps the flags of the old type', tcp, { type: 'http', tcpPort: '1' }, { name: 'db', type: 'http', host: tcp.host, tls_settings: tcp.tls_settings, tcp_port: '1' }],
  ])('%s', (_n, current, flags, expected) => {
    expect(merge(current, flags)).toEqual(expected);
  });

  it('over a file nothing the user wrote is dropped: --type over the other type keeps the file fields', () => {
    expect(mergeOverCurrent(tcp, flagsToPartial({ type: 'http' }).partial, { base: 'file' })).toEqual({ ...tcp, type: 'http' });
    expect(mergeOverCurrent(tcp, flagsToPartial({ type: 'http' }).partial)).toEqual({ name: 'db', type: 'http', host: tcp.host, tls_settings: tcp.tls_settings });
  });
});

describe('field differences', () => {
  it('lists changed, added and removed fields in definition order', () => {
    const after = definitionOf({ ...tcp, tcp_port: 6432, app_protocol: undefined, tls_settings: { ...tcp.tls_settings, client_certificate: T2 } });
    const changes = diffDefinitions(definitionOf(tcp), after);
    expect(changes.map(formatChange)).toEqual([
      '~ tcp_port: 5432 -> 6432',
      '- app_protocol: "mysql" (removed)',
      `+ tls_settings.client_certificate: "${T2}"`,
    ]);
  });

  it('arrays compare whole; key order does not matter; read-only fields and nulls are ignored', () => {
    expect(diffDefinitions(definitionOf(http), definitionOf({ ...http, host: { ...http.host, resolver_network: { tunnel_id: T, resolver_ips: ['10.0.0.54'] } } }))).toEqual([
      { path: 'host.resolver_network.resolver_ips', from: ['10.0.0.53'], to: ['10.0.0.54'] },
    ]);
    const reordered = { http_port: 80, host: http.host, type: 'http', name: 'web', service_id: 'x', created_at: 'y', https_port: null };
    expect(diffDefinitions(definitionOf(http), definitionOf(reordered))).toEqual([]);
    expect(sameValue(definitionOf(http), definitionOf(reordered))).toBe(true);
  });
});

describe('equivalence: an omitted field equals the API default (cli.md section 10)', () => {
  const host = { ipv4: '10.0.0.1', network: { tunnel_id: T } };
  const named = (rn: Record<string, unknown>) => ({ hostname: 'a.b', resolver_network: { tunnel_id: T, ...rn } });
  const h = (extra: Record<string, unknown> = {}) => ({ name: 'w', type: 'http', host, ...extra });
  const t = (extra: Record<string, unknown> = {}) => ({ name: 'd', type: 'tcp', host, tcp_port: 1, ...extra });
  const vf = { cert_verification_mode: 'verify_full' };

  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ['http_port 80 = omitted', h({ http_port: 80 }), h()],
    ['https_port 443 = omitted', h({ https_port: 443 }), h()],
    ['null ports = omitted', h({ http_port: null, https_port: null }), h()],
    ['verify_full TLS = omitted', h({ tls_settings: vf }), h()],
    ['verify_full TLS = null', t({ tls_settings: vf }), t({ tls_settings: null })],
    ['TLS with nulls inside', t({ tls_settings: { ...vf, certificate_authority: null } }), t()],
    ['resolver_ips [] = omitted', { ...h(), host: named({ resolver_ips: [] }) }, { ...h(), host: named({}) }],
    ['resolver_ips null = []', { ...h(), host: named({ resolver_ips: null }) }, { ...h(), host: named({ resolver_ips: [] }) }],
    ['app_protocol null = omitted', t({ app_protocol: null }), t()],
    ['read-only fields are ignored', { ...t(), service_id: 'x', created_at: 'y', updated_at: 'z' }, t()],
  ])('%s: no difference', (_n, live, written) => {
    expect(diffDefinitions(live, written)).toEqual([]);
    expect(diffDefinitions(written, live)).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, Record<string, unknown>, string[]]>([
    // An omitted field is its documented default, so the change is to or from that default.
    ['a port other than the default', h({ http_port: 8080 }), h(), ['~ http_port: 8080 -> 80']],
    ['a port given where it was omitted', h(), h({ http_port: 8080 }), ['~ http_port: 80 -> 8080']],
    ['the default of the other port is not this one', h({ http_port: 443 }), h(), ['~ http_port: 443 -> 80']],
    ['TLS other than the default', h({ tls_settings: { cert_verification_mode: 'verify_ca' } }), h(), ['~ tls_settings.cert_verification_mode: "verify_ca" -> "verify_full"']],
    ['TLS given where it was omitted', h(), h({ tls_settings: { cert_verification_mode: 'disabled' } }), ['~ tls_settings.cert_verification_mode: "verify_full" -> "disabled"']],
    ['a CA is not a default', h({ tls_settings: { ...vf, certificate_authority: T2 } }), h({ tls_settings: vf }), [`- tls_settings.certificate_authority: "${T2}" (removed)`]],
    ['resolver ips given', { ...h(), host: named({}) }, { ...h(), host: named({ resolver_ips: ['10.0.0.53'] }) }, ['+ host.resolver_network.resolver_ips: ["10.0.0.53"]']],
    ['tcp has no port default', t({ tcp_port: undefined }), t(), ['+ tcp_port: 1']],
    ['http defaults do not apply to tcp', t({ http_port: 80 }), t(), ['- http_port: 80 (removed)']],
  ])('%s: a difference', (_n, live, written, lines) => {
    expect(diffDefinitions(live, written).map(formatChange)).toEqual(lines);
  });

  it('switching type shows the dropped fields, not the new defaults', () => {
    expect(diffDefinitions(t({ app_protocol: 'mysql' }), h({ name: 'd' })).map(formatChange)).toEqual(['~ type: "tcp" -> "http"', '- tcp_port: 1 (removed)', '- app_protocol: "mysql" (removed)']);
  });
});
