import { describe, expect, it } from 'vitest';
import type { Service } from '../../../src/api/client';
import { hostText, LIST_HEADERS, listRow, portsText, serviceRows, tunnelText } from '../../../src/output/service-fields';

const T = '0191dce4-9ab4-7fce-b660-8e5dec5172da';
const T2 = 'c6d5f1a2-3b4c-4d5e-8f90-a1b2c3d4e5f6';
const svc = (s: Record<string, unknown>) => s as unknown as Service;

describe('hostText', () => {
  it.each<[unknown, string]>([
    [{ ipv4: '10.0.0.1' }, '10.0.0.1'],
    [{ ipv6: 'fd00::1' }, 'fd00::1'],
    [{ ipv4: '10.0.0.1', ipv6: 'fd00::1' }, '10.0.0.1, fd00::1'],
    [{ hostname: 'db.internal' }, 'db.internal'],
    [{ ipv4: '10.0.0.1', ipv6: null, hostname: 'h' }, '10.0.0.1, h'],
    [{}, ''],
    [null, ''],
    [undefined, ''],
    ['10.0.0.1', ''],
  ])('%j -> %j', (host, text) => {
    expect(hostText(svc({ host }))).toBe(text);
  });
});

describe('tunnelText', () => {
  it.each<[unknown, string]>([
    [{ network: { tunnel_id: T } }, T],
    [{ resolver_network: { tunnel_id: T2 } }, T2],
    [{ network: { tunnel_id: T }, resolver_network: { tunnel_id: T2 } }, T],
    [{ network: { tunnel_id: null }, resolver_network: { tunnel_id: T2 } }, T2],
    [{ network: null }, ''],
    [{}, ''],
    [null, ''],
  ])('%j -> %j', (host, text) => {
    expect(tunnelText(svc({ host }))).toBe(text);
  });
});

describe('portsText', () => {
  it.each<[Record<string, unknown>, string]>([
    [{ type: 'tcp', tcp_port: 5432, app_protocol: 'postgresql' }, '5432 (postgresql)'],
    [{ type: 'tcp', tcp_port: 22 }, '22'],
    [{ type: 'tcp', tcp_port: 22, app_protocol: null }, '22'],
    [{ type: 'tcp' }, ''],
    [{ type: 'tcp', app_protocol: 'mysql' }, ' (mysql)'],
    [{ type: 'tcp', http_port: 80 }, ''],
    [{ type: 'http' }, 'default (80, 443)'],
    [{ type: 'http', http_port: null, https_port: null }, 'default (80, 443)'],
    [{ type: 'http', http_port: 8080 }, 'http 8080'],
    [{ type: 'http', https_port: 8443 }, 'https 8443'],
    [{ type: 'http', http_port: 8080, https_port: 8443 }, 'http 8080, https 8443'],
    [{ type: 'http', http_port: '', https_port: 8443 }, 'https 8443'],
    [{ type: 'http', tcp_port: 22 }, 'default (80, 443)'],
    [{ type: 'other', https_port: 1 }, 'https 1'],
  ])('%j -> %j', (s, text) => {
    expect(portsText(s)).toBe(text);
  });
});

describe('serviceRows: the field table labels and order', () => {
  it('a tcp service by hostname, every field, in table order; read-only fields last', () => {
    const s = svc({
      service_id: 'id-1',
      name: 'db',
      type: 'tcp',
      host: { hostname: 'db.internal', resolver_network: { tunnel_id: T, resolver_ips: ['10.0.0.53', 'fd00::53'] } },
      tcp_port: 5432,
      app_protocol: 'postgresql',
      http_port: 80,
      tls_settings: { cert_verification_mode: 'verify_ca', certificate_authority: T2, client_certificate: T },
      created_at: '2026-01-01T00:00:00Z',
      updated_at: '2026-01-02T00:00:00Z',
    });
    expect(serviceRows(s)).toEqual([
      ['id', 'id-1'],
      ['name', 'db'],
      ['type', 'tcp'],
      ['hostname', 'db.internal'],
      ['resolver ips', '10.0.0.53, fd00::53'],
      ['tunnel', T],
      ['tcp port', '5432'],
      ['app protocol', 'postgresql'],
      ['cert verification', 'verify_ca'],
      ['certificate authority', T2],
      ['client certificate', T],
      ['created', '2026-01-01T00:00:00Z'],
      ['updated', '2026-01-02T00:00:00Z'],
    ]);
  });

  it('an http service: http fields only, empty and null values left out, one tunnel row', () => {
    const s = svc({
      service_id: 'id-2',
      name: 'web',
      type: 'http',
      host: { ipv4: '10.0.0.1', ipv6: '', network: { tunnel_id: T }, resolver_network: { tunnel_id: T2, resolver_ips: [] } },
      tcp_port: 22,
      app_protocol: 'mysql',
      http_port: 8080,
      https_port: null,
    });
    expect(serviceRows(s)).toEqual([
      ['id', 'id-2'],
      ['name', 'web'],
      ['type', 'http'],
      ['ipv4', '10.0.0.1'],
      ['tunnel', T],
      ['http port', '8080'],
    ]);
  });

  it('an unknown type reads as http', () => {
    expect(serviceRows(svc({ service_id: 'i', name: 'n', type: 'udp', tcp_port: 1, https_port: 2 }))).toEqual([
      ['id', 'i'],
      ['name', 'n'],
      ['type', 'udp'],
      ['https port', '2'],
    ]);
  });
});

describe('list rows', () => {
  it('headers and one row per service, in that order', () => {
    expect(LIST_HEADERS).toEqual(['NAME', 'ID', 'TYPE', 'HOST', 'TUNNEL', 'PORTS']);
    const s = svc({ service_id: 'id-1', name: 'db', type: 'tcp', host: { ipv4: '10.0.0.1', ipv6: 'fd00::1', network: { tunnel_id: T } }, tcp_port: 5432, app_protocol: 'mysql' });
    expect(listRow(s)).toEqual(['db', 'id-1', 'tcp', '10.0.0.1, fd00::1', T, '5432 (mysql)']);
  });
});
