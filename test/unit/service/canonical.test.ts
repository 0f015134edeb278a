import { describe, expect, it } from 'vitest';
import { definitionOf, sameDefinition, sameValue, withApiDefaults } from '../../../src/service/canonical';
import type { ServiceDefinition } from '../../../src/service/schema';

/* The canonical form of a service: what is compared, never what is sent. toStrictEqual throughout,
 * so a key left in with the value undefined counts as a difference. */

const T = '0191dce4-9ab4-7fce-b660-8e5dec5172da';

describe('definitionOf', () => {
  it('drops read-only fields and nulls at every depth; arrays stay arrays, a null in one becomes a hole', () => {
    const service = {
      service_id: 'x',
      created_at: 'y',
      updated_at: 'z',
      name: 'db',
      app_protocol: null,
      port: 0,
      flag: false,
      label: '',
      host: { ipv4: '10.0.0.1', ipv6: null, network: { tunnel_id: T, extra: null } },
      list: [1, null, { a: null, b: 2 }, [null]],
      gone: undefined,
    };
    expect(definitionOf(service)).toStrictEqual({
      name: 'db',
      port: 0,
      flag: false,
      label: '',
      host: { ipv4: '10.0.0.1', network: { tunnel_id: T } },
      list: [1, undefined, { b: 2 }, [undefined]],
    });
    expect(Object.keys(definitionOf(service))).toEqual(['name', 'port', 'flag', 'label', 'host', 'list']);
  });

  it('copies: the result shares no object with the service', () => {
    const service = { name: 'db', host: { network: { tunnel_id: T } }, list: [{ a: 1 }] };
    const def = definitionOf(service) as typeof service;
    expect(def.host).not.toBe(service.host);
    expect(def.host.network).not.toBe(service.host.network);
    expect(def.list).not.toBe(service.list);
    expect(def.list[0]).not.toBe(service.list[0]);
  });
});

describe('sameValue', () => {
  it.each<[unknown, unknown]>([
    [1, 1],
    ['a', 'a'],
    [null, null],
    [undefined, undefined],
    [[], []],
    [{}, {}],
    [[1, [2, { a: 3 }]], [1, [2, { a: 3 }]]],
    [{ a: 1, b: { c: [1] } }, { b: { c: [1] }, a: 1 }],
  ])('%j equals %j', (a, b) => {
    expect(sameValue(a, b)).toBe(true);
    expect(sameValue(b, a)).toBe(true);
  });

  it.each<[unknown, unknown]>([
    [1, 2],
    [1, '1'],
    [1, {}],
    ['', []],
    [null, {}],
    [null, []],
    [undefined, null],
    [[], {}],
    [[1], { 0: 1 }],
    [[1], [1, 2]],
    [[1, 2], [1, 3]],
    [[], [undefined]],
    [{ a: 1 }, { a: 1, b: 2 }],
    [{ a: 1, b: 2 }, { a: 1, c: 2 }],
    [{ a: { b: 1 } }, { a: { b: 2 } }],
  ])('%j differs from %j', (a, b) => {
    expect(sameValue(a, b)).toBe(false);
    expect(sameValue(b, a)).toBe(false);
  });
});

describe('withApiDefaults', () => {
  const vf = { cert_verification_mode: 'verify_full' };

  it('http: both ports and verify_full filled in; tcp: verify_full only', () => {
    expect(withApiDefaults({ name: 'w', type: 'http' })).toStrictEqual({ name: 'w', type: 'http', http_port: 80, https_port: 443, tls_settings: vf });
    expect(withApiDefaults({ name: 'd', type: 'tcp', tcp_port: 1 })).toStrictEqual({ name: 'd', type: 'tcp', tcp_port: 1, tls_settings: vf });
    // No type, or an unknown one: only the defaults of every type.
    expect(withApiDefaults({ name: 'x' })).toStrictEqual({ name: 'x', tls_settings: vf });
    expect(withApiDefaults({ name: 'x', type: 'udp' })).toStrictEqual({ name: 'x', type: 'udp', tls_settings: vf });
  });

  it('what is given is kept, nulls count as omitted, and the caller\'s object is left alone', () => {
    const given = { type: 'http', http_port: 8080, https_port: null, tls_settings: { cert_verification_mode: 'disabled', certificate_authority: null } };
    const copy = structuredClone(given);
    expect(withApiDefaults(given)).toStrictEqual({ type: 'http', http_port: 8080, https_port: 443, tls_settings: { cert_verification_mode: 'disabled' } });
    expect(given).toStrictEqual(copy);
    expect(withApiDefaults({ type: 'tcp', tls_settings: { certificate_authority: T } })).toStrictEqual({ type: 'tcp', tls_settings: { certificate_authority: T, cert_verification_mode: 'verify_full' } });
  });

  it('empty resolver_ips are none; given ones, and a host without them, stay as they are', () => {
    const named = (rn: Record<string, unknown>) => ({ type: 'tcp', tls_settings: vf, host: { hostname: 'a.b', resolver_network: { tunnel_id: T, ...rn } } });
    const host = named({ resolver_ips: [] }).host;
    expect(withApiDefaults(named({ resolver_ips: [] }))).toStrictEqual(named({}));
    expect(withApiDefaults(named({ resolver_ips: ['10.0.0.53'] }))).toStrictEqual(named({ resolver_ips: ['10.0.0.53'] }));
    expect(withApiDefaults(named({}))).toStrictEqual(named({}));
    expect(withApiDefaults(named({ resolver_ips: 'x' }))).toStrictEqual(named({ resolver_ips: 'x' }));
    const address = { type: 'tcp', tls_settings: vf, host: { ipv4: '10.0.0.1', network: { tunnel_id: T } } };
    expect(withApiDefaults(address)).toStrictEqual(address);
    expect(host).toStrictEqual({ hostname: 'a.b', resolver_network: { tunnel_id: T, resolver_ips: [] } });
  });
});

describe('sameDefinition', () => {
  const def = { name: 'w', type: 'http', host: { ipv4: '10.0.0.1', network: { tunnel_id: T } } } as unknown as ServiceDefinition;
  it('a live service equals a definition once read-only fields, nulls and defaults are accounted for', () => {
    expect(sameDefinition({ ...def, service_id: 'x', http_port: 80, https_port: null, tls_settings: { cert_verification_mode: 'verify_full' } }, def)).toBe(true);
    expect(sameDefinition({ ...def, http_port: 81 }, def)).toBe(false);
    expect(sameDefinition(def as unknown as Record<string, unknown>, { ...def, name: 'v' })).toBe(false);
  });
});
