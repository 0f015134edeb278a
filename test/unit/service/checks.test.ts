import { describe, expect, it } from 'vitest';
import { hostnameProblem, isAccountId, isIPv4, isIPv6, isUuid, show } from '../../../src/service/checks';
import { validateDefinition } from '../../../src/service/schema';

const T = '0191dce4-9ab4-7fce-b660-8e5dec5172da';
const label = (n: number, c = 'a') => c.repeat(n);
/** A hostname of exactly `len` characters made of 63-character labels. */
const hostOf = (len: number) => {
  const parts: string[] = [];
  let left = len;
  while (left > 0) {
    const take = Math.min(63, left === 64 ? 62 : left);
    parts.push(label(take));
    left -= take + 1;
  }
  const h = parts.join('.');
  return h.length === len ? h : h.slice(0, len);
};

describe('edges of the pure checks', () => {
  it.each([
    ['10.0.0.255', true],
    ['10.0.0.256', false],
    ['255.255.255.255', true],
    ['256.0.0.1', false],
    ['10.0.0', false],
    ['10.0.0.1.', false],
  ])('isIPv4(%j) is %s', (s, ok) => expect(isIPv4(s)).toBe(ok));

  it.each([
    ['fd00::1', true],
    ['fd00:::1', false],
    ['10.0.0.1', false],
  ])('isIPv6(%j) is %s', (s, ok) => expect(isIPv6(s)).toBe(ok));

  it.each([
    [T, true],
    [T.toUpperCase(), true],
    [`${T}0`, false],
    [`0${T}`, false],
    [T.slice(1), false],
    [T.replace(/-/g, ''), false],
  ])('isUuid(%j) is %s', (s, ok) => expect(isUuid(s)).toBe(ok));

  it.each([
    ['023e105f4ecef8ad9ca31a8372d0c353', true],
    ['023e105f4ecef8ad9ca31a8372d0c35', false],
    ['023e105f4ecef8ad9ca31a8372d0c3533', false],
    ['023e105f4ecef8ad9ca31a8372d0c35g', false],
    ['../../user/tokens/verify/aaaaaaa', false],
  ])('isAccountId(%j) is %s', (s, ok) => expect(isAccountId(s)).toBe(ok));

  it('a hostname of 253 characters is accepted, 254 is refused with its length', () => {
    expect(hostOf(253)).toHaveLength(253);
    expect(hostnameProblem(hostOf(253))).toBeUndefined();
    expect(hostOf(254)).toHaveLength(254);
    expect(hostnameProblem(hostOf(254))).toBe('must be at most 253 characters (got 254)');
  });

  it('a label of 63 characters is accepted, 64 is refused', () => {
    expect(hostnameProblem(`${label(63)}.internal`)).toBeUndefined();
    expect(hostnameProblem(`${label(64)}.internal`)).toMatch(/^must be a valid hostname: /);
  });

  it.each([
    ['', 'must not be empty'],
    ['db internal', 'must not contain spaces (got "db internal")'],
    ['https://db.internal', 'must be a bare hostname without a scheme such as https:// (got "https://db.internal")'],
    ['db.internal/x', 'must be a bare hostname without a path (got "db.internal/x")'],
    ['db.internal:5432', 'must be a bare hostname without a port (got "db.internal:5432")'],
    ['db..internal', 'must be a valid hostname: labels of letters, digits, "-" or "_", 1 to 63 characters, separated by dots (got "db..internal")'],
    ['-db.internal', 'must be a valid hostname: labels of letters, digits, "-" or "_", 1 to 63 characters, separated by dots (got "-db.internal")'],
    ['db.internal.', undefined],
    ['_srv.db-1.internal', undefined],
  ])('hostnameProblem(%j)', (h, problem) => expect(hostnameProblem(h)).toBe(problem));

  it('a bare IP given as a hostname is refused', () => {
    expect(hostnameProblem('10.0.0.1')).toMatch(/^must be a hostname, not an IP address/);
    expect(hostnameProblem('[fd00::1]')).toMatch(/^must be a hostname, not an IP address/);
  });

  it.each([
    ['x', '"x"'],
    [7, '7'],
    [undefined, 'nothing'],
    [null, 'null'],
    ['a'.repeat(100), JSON.stringify('a'.repeat(100))],
    [{ a: 'b'.repeat(100) }, `${JSON.stringify({ a: 'b'.repeat(100) }).slice(0, 57)}...`],
  ])('show(%j)', (v, s) => expect(show(v)).toBe(s));
});

describe('edges through the schema', () => {
  const ok = (host: unknown) => validateDefinition({ name: 'a', type: 'tcp', host, tcp_port: 1 }, 'json').ok;
  it('octet 255 passes and 256 fails', () => {
    expect(ok({ ipv4: '10.0.0.255', network: { tunnel_id: T } })).toBe(true);
    expect(ok({ ipv4: '10.0.0.256', network: { tunnel_id: T } })).toBe(false);
  });
  it('a tunnel UUID with one extra character fails', () => {
    expect(ok({ ipv4: '10.0.0.1', network: { tunnel_id: T } })).toBe(true);
    expect(ok({ ipv4: '10.0.0.1', network: { tunnel_id: `${T}a` } })).toBe(false);
  });
  it('hostname 253 passes and 254 fails', () => {
    expect(ok({ hostname: hostOf(253), resolver_network: { tunnel_id: T } })).toBe(true);
    expect(ok({ hostname: hostOf(254), resolver_network: { tunnel_id: T } })).toBe(false);
  });
  it.each([
    [0, false],
    [1, true],
    [65535, true],
    [65536, false],
  ])('tcp_port %d', (port, good) => {
    expect(validateDefinition({ name: 'a', type: 'tcp', host: { ipv4: '10.0.0.1', network: { tunnel_id: T } }, tcp_port: port }, 'json').ok).toBe(good);
  });
});
