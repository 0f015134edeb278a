import { describe, expect, it } from 'vitest';
import { childrenOf, FIELDS, fieldRank, flagEnumValues, flagFor, KNOWN_KEYS, READ_ONLY_FIELDS, serviceFlags, shownOrder, type Field } from '../../../src/service/fields';

const all: readonly Field[] = FIELDS;

describe('the field table', () => {
  it('every field sits in an object the table has', () => {
    const objects = new Set(['', ...all.filter((f) => f.kind === 'object').map((f) => f.path)]);
    for (const f of all) expect(objects.has(f.path.includes('.') ? f.path.slice(0, f.path.lastIndexOf('.')) : '')).toBe(true);
  });

  it('an enum has values and nothing else has', () => {
    for (const f of all) expect(f.kind === 'enum').toBe(f.values !== undefined);
  });

  it('a field of one type says so in its flag help', () => {
    for (const f of all) if (f.only && f.flag) expect(f.flag.help.startsWith(`${f.only}: `)).toBe(true);
  });

  it('flags come in help order, the tunnel after the resolvers, each with every path it sets', () => {
    expect(serviceFlags().map(({ flag, fields }) => [flag.name, ...fields.map((f) => f.path)])).toEqual([
      ['--name', 'name'],
      ['--type', 'type'],
      ['--ipv4', 'host.ipv4'],
      ['--ipv6', 'host.ipv6'],
      ['--hostname', 'host.hostname'],
      ['--resolver-ips', 'host.resolver_network.resolver_ips'],
      ['--tunnel', 'host.network.tunnel_id', 'host.resolver_network.tunnel_id'],
      ['--tcp-port', 'tcp_port'],
      ['--app-protocol', 'app_protocol'],
      ['--http-port', 'http_port'],
      ['--https-port', 'https_port'],
      ['--cert-verification-mode', 'tls_settings.cert_verification_mode'],
      ['--certificate-authority', 'tls_settings.certificate_authority'],
      ['--client-certificate', 'tls_settings.client_certificate'],
    ]);
  });

  it('table rows: the id first, created and updated last', () => {
    expect([...new Set(shownOrder().flatMap((f) => (f.label ? [f.label] : [])))]).toEqual([
      'id', 'name', 'type', 'ipv4', 'ipv6', 'hostname', 'resolver ips', 'tunnel', 'tcp port', 'app protocol', 'http port', 'https port',
      'cert verification', 'certificate authority', 'client certificate', 'created', 'updated',
    ]);
  });

  it.each([
    ['host', '--ipv4/--ipv6/--hostname'],
    ['host.network', '--tunnel'],
    ['host.resolver_network', '--tunnel'],
    ['host.resolver_network.tunnel_id', '--tunnel'],
    ['tls_settings', '--cert-verification-mode'],
    ['tcp_port', '--tcp-port'],
    ['service_id', undefined],
    ['nope', undefined],
  ])('a problem at %s names %s under flags', (path, label) => {
    expect(flagFor(path)).toBe(label);
  });

  it('known keys: what a user writes, then what the API fills in', () => {
    expect(KNOWN_KEYS).toEqual({
      '': ['name', 'type', 'host', 'tcp_port', 'app_protocol', 'http_port', 'https_port', 'tls_settings', 'service_id', 'created_at', 'updated_at'],
      host: ['ipv4', 'ipv6', 'hostname', 'network', 'resolver_network'],
      'host.network': ['tunnel_id'],
      'host.resolver_network': ['tunnel_id', 'resolver_ips'],
      tls_settings: ['cert_verification_mode', 'certificate_authority', 'client_certificate'],
    });
    expect(READ_ONLY_FIELDS).toEqual(['service_id', 'created_at', 'updated_at']);
    expect(childrenOf('host.network').map((f) => f.path)).toEqual(['host.network.tunnel_id']);
  });

  it('problems and diffs follow the JSON order; unknown keys stand with their parent or last', () => {
    const paths = ['tls_settings.client_certificate', 'host.resolver_network.resolver_ips', 'host.resolver_network.tunnel_id', 'host.network.tunnel_id', 'type', 'zzz', 'host.network.typo'];
    expect([...paths].sort((a, b) => fieldRank(a) - fieldRank(b))).toEqual([
      'type', 'host.network.tunnel_id', 'host.network.typo', 'host.resolver_network.tunnel_id', 'host.resolver_network.resolver_ips', 'tls_settings.client_certificate', 'zzz',
    ]);
  });

  it('completion values come from the enums', () => {
    expect(flagEnumValues()).toEqual([
      ['--type', ['tcp', 'http']],
      ['--app-protocol', ['postgresql', 'mysql']],
      ['--cert-verification-mode', ['verify_full', 'verify_ca', 'disabled']],
    ]);
  });
});
