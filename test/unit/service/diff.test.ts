import { describe, expect, it } from 'vitest';
import { diffDefinitions, formatChange } from '../../../src/service/diff';

/* Field differences, exact: paths, the from/to keys present only when there is a value, and the
 * order (the field table's, then by path for fields of equal rank). */

const T = '0191dce4-9ab4-7fce-b660-8e5dec5172da';
const tcp = { name: 'db', type: 'tcp', host: { ipv4: '10.0.0.1', network: { tunnel_id: T } }, tcp_port: 1 };

describe('diffDefinitions', () => {
  it('a null on one side is no value: an addition or a removal, not a change from null', () => {
    expect(diffDefinitions({ ...tcp, tcp_port: null }, tcp)).toStrictEqual([{ path: 'tcp_port', to: 1 }]);
    expect(diffDefinitions(tcp, { ...tcp, tcp_port: null })).toStrictEqual([{ path: 'tcp_port', from: 1 }]);
    expect(diffDefinitions(tcp, { ...tcp, tcp_port: 2 })).toStrictEqual([{ path: 'tcp_port', from: 1, to: 2 }]);
    expect(diffDefinitions(tcp, { ...tcp, tcp_port: undefined, app_protocol: undefined })).toStrictEqual([{ path: 'tcp_port', from: 1 }]);
  });

  it('nested fields are dotted paths; values that are not scalars (arrays) are compared whole', () => {
    const after = { ...tcp, host: { ipv4: '10.0.0.2', network: { tunnel_id: 'other' } }, list: [1, 2] };
    expect(diffDefinitions({ ...tcp, list: [1] }, after)).toStrictEqual([
      { path: 'host.ipv4', from: '10.0.0.1', to: '10.0.0.2' },
      { path: 'host.network.tunnel_id', from: T, to: 'other' },
      { path: 'list', from: [1], to: [1, 2] },
    ]);
    expect(diffDefinitions({ ...tcp, list: [1] }, { ...tcp, list: [1] })).toStrictEqual([]);
    expect(diffDefinitions({ ...tcp, list: [] }, tcp)).toStrictEqual([{ path: 'list', from: [] }]);
  });

  it('order: the field table first; fields of the same rank (unknown ones) by path', () => {
    const before = { zeta: 1, alpha: 1, host: { network: { z: 1, a: 1, tunnel_id: T } }, tcp_port: 1, name: 'a' };
    const after = { name: 'b', tcp_port: 2, host: { network: { tunnel_id: 'x' } } };
    expect(diffDefinitions(before, after).map((c) => c.path)).toEqual(['name', 'host.network.a', 'host.network.tunnel_id', 'host.network.z', 'tcp_port', 'alpha', 'zeta']);
    expect(diffDefinitions(after, before).map((c) => c.path)).toEqual(['name', 'host.network.a', 'host.network.tunnel_id', 'host.network.z', 'tcp_port', 'alpha', 'zeta']);
  });

  it('a value the API would default to, on either side, is no difference; the same value written differently is', () => {
    const http = { name: 'w', type: 'http', host: tcp.host };
    expect(diffDefinitions(http, { ...http, https_port: 443, http_port: 80 })).toStrictEqual([]);
    expect(diffDefinitions({ ...http, https_port: 443 }, { ...http, https_port: '443' })).toStrictEqual([{ path: 'https_port', from: 443, to: '443' }]);
  });
});

describe('formatChange', () => {
  it('an addition, a removal and a change, values as JSON', () => {
    expect(formatChange({ path: 'app_protocol', to: 'mysql' })).toBe('+ app_protocol: "mysql"');
    expect(formatChange({ path: 'tcp_port', from: 5432 })).toBe('- tcp_port: 5432 (removed)');
    expect(formatChange({ path: 'http_port', from: 80, to: 8080 })).toBe('~ http_port: 80 -> 8080');
    expect(formatChange({ path: 'host.resolver_network.resolver_ips', from: ['a'], to: ['a', 'b'] })).toBe('~ host.resolver_network.resolver_ips: ["a"] -> ["a","b"]');
  });
});
