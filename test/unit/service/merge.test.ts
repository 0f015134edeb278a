import { describe, expect, it } from 'vitest';
import { mergeOverCurrent } from '../../../src/service/merge';
import { flagsToPartial, type ServiceFlagValues } from '../../../src/service/flag-values';

/*
 * mergeOverCurrent at its edges: hosts without a tunnel or without a host at all, nulls in a file,
 * both host forms at once, types the schema will refuse. toStrictEqual, so a key set to undefined
 * (which JSON would drop but the schema would still see) counts as a difference.
 */

const T = '0191dce4-9ab4-7fce-b660-8e5dec5172da';
const T2 = 'c6d5f1a2-3b4c-4d5e-8f90-a1b2c3d4e5f6';
const CA = '5a0c3e3e-1f2b-4c9d-8e7f-6a5b4c3d2e1f';
const tcp = { name: 'db', type: 'tcp', host: { ipv4: '10.0.0.1', ipv6: 'fd00::1', network: { tunnel_id: T } }, tcp_port: 5432, app_protocol: 'mysql', tls_settings: { cert_verification_mode: 'verify_ca', certificate_authority: CA } };
const http = { name: 'web', type: 'http', host: { hostname: 'w.internal', resolver_network: { tunnel_id: T, resolver_ips: ['10.0.0.53'] } }, http_port: 80 };
const noHost = { name: 'n', type: 'tcp', tcp_port: 1 };
const v6Only = { name: 'v6', type: 'tcp', host: { ipv6: 'fd00::1', network: { tunnel_id: T } }, tcp_port: 1 };

type Row = [string, Record<string, unknown>, ServiceFlagValues, Record<string, unknown>];

describe('update: flags over a live service', () => {
  it.each<Row>([
    ['--http-port', http, { httpPort: '8080' }, { ...http, http_port: '8080' }],
    ['--type with spaces still drops the other type\'s fields (tcp -> http)', tcp, { type: ' http ' }, { name: 'db', type: ' http ', host: tcp.host, tls_settings: tcp.tls_settings }],
    ['--type with spaces still drops the other type\'s fields (http -> tcp)', http, { type: ' tcp ' }, { name: 'web', type: ' tcp ', host: http.host }],
    ['an unknown --type drops nothing, for the schema to refuse', http, { type: 'udp' }, { ...http, type: 'udp' }],
    ['a service without a type', { name: 'x', tcp_port: 1 }, { name: 'y' }, { name: 'y', tcp_port: 1 }],
    ['no host flag adds no host', noHost, { tcpPort: '2' }, { ...noHost, tcp_port: '2' }],
    ['--ipv6 on a hostname host replaces the hostname, keeps the tunnel', http, { ipv6: 'fd00::9' }, { ...http, host: { ipv6: 'fd00::9', network: { tunnel_id: T } } }],
    ['--tunnel on an IPv6-only host keeps the address', v6Only, { tunnel: T2 }, { ...v6Only, host: { ipv6: 'fd00::1', network: { tunnel_id: T2 } } }],
    ['both host forms at once are handed on as given', http, { hostname: 'x.internal', ipv4: '10.0.0.9' }, { ...http, host: { ipv4: '10.0.0.9', hostname: 'x.internal' } }],
    ['--tunnel on a service without a host', noHost, { tunnel: T2 }, { ...noHost, host: { network: { tunnel_id: T2 } } }],
    ['an address host without a tunnel gets none', { ...noHost, host: { ipv4: '10.0.0.1' } }, { ipv6: 'fd00::2' }, { ...noHost, host: { ipv4: '10.0.0.1', ipv6: 'fd00::2' } }],
    ['a hostname host without a tunnel or resolvers gets none', { name: 'h', type: 'http', host: { hostname: 'a.b' } }, { hostname: 'c.d' }, { name: 'h', type: 'http', host: { hostname: 'c.d', resolver_network: {} } }],
    ['disabled verification with a CA flag keeps the CA, for the schema to refuse', tcp, { certVerificationMode: 'disabled', certificateAuthority: T2 }, { ...tcp, tls_settings: { cert_verification_mode: 'disabled', certificate_authority: T2 } }],
  ])('%s', (_n, current, flags, expected) => {
    expect(mergeOverCurrent(current, flagsToPartial(flags).partial)).toStrictEqual(expected);
  });
});

describe('flags over a definitions file item', () => {
  const httpFile = { name: 'f', type: 'http', host: { ipv4: '10.0.0.1', network: { tunnel_id: T } }, https_port: 443 };
  it.each<Row>([
    ['--type tcp keeps the file\'s http port', httpFile, { type: 'tcp' }, { ...httpFile, type: 'tcp' }],
    ['another flag keeps the file\'s http port', httpFile, { name: 'g' }, { ...httpFile, name: 'g' }],
    [
      '--ipv4 over a hostname drops the file\'s other address too',
      { name: 'f', type: 'http', host: { hostname: 'a.b', ipv6: 'fd00::1', resolver_network: { tunnel_id: T } } },
      { ipv4: '10.0.0.9' },
      { name: 'f', type: 'http', host: { ipv4: '10.0.0.9', network: { tunnel_id: T } } },
    ],
    [
      'a null hostname is no hostname',
      { ...noHost, host: { ipv4: '10.0.0.1', hostname: null, network: { tunnel_id: T } } },
      { tunnel: T2 },
      { ...noHost, host: { ipv4: '10.0.0.1', network: { tunnel_id: T2 } } },
    ],
    ['a null host is no host', { ...noHost, host: null }, { ipv4: '10.0.0.2' }, { ...noHost, host: { ipv4: '10.0.0.2' } }],
  ])('%s', (_n, current, flags, expected) => {
    expect(mergeOverCurrent(current, flagsToPartial(flags).partial, { base: 'file' })).toStrictEqual(expected);
  });
});
