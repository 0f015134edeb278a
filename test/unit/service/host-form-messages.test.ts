import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../../../src/service/schema';
import { flagsToPartial } from '../../../src/service/flag-values';
import { renderProblem } from '../../../src/service/problems';

/*
 * Every host-form conflict, from flags and from a file: the message names flags (for flags) or JSON
 * paths (for files), never an internal `{placeholder}`.
 */
const T = '0191dce4-9ab4-7fce-b660-8e5dec5172da';
const base = { name: 'x', type: 'tcp', tcp_port: 1 };

const fromFlags = (flags: Record<string, unknown>) => {
  const r = validateDefinition(flagsToPartial({ name: 'x', type: 'tcp', tcpPort: '1', tunnel: T, ...flags }).partial, 'text');
  return r.ok ? [] : r.problems.map((p) => renderProblem(p, { kind: 'flags' }));
};
const fromFile = (host: Record<string, unknown>) => {
  const r = validateDefinition({ ...base, host }, 'json');
  return r.ok ? [] : r.problems.map((p) => renderProblem(p, { kind: 'json' }));
};

describe('host-form conflicts from flags name the flags', () => {
  it.each<[string, Record<string, unknown>, string[]]>([
    ['--ipv4 with --hostname', { ipv4: '10.0.0.1', hostname: 'a.b' }, ['--hostname: cannot be combined with --ipv4 or --ipv6: a service has one host form']],
    ['--ipv6 with --hostname', { ipv6: 'fd00::1', hostname: 'a.b' }, ['--hostname: cannot be combined with --ipv4 or --ipv6: a service has one host form']],
    ['both addresses with --hostname', { ipv4: '10.0.0.1', ipv6: 'fd00::1', hostname: 'a.b' }, ['--hostname: cannot be combined with --ipv4 or --ipv6: a service has one host form']],
    ['an IP as --hostname', { hostname: '10.0.0.1' }, ['--hostname: must be a hostname, not an IP address (use --ipv4 or --ipv6) (got "10.0.0.1")']],
    ['an IPv6 as --hostname', { hostname: '[fd00::1]' }, ['--hostname: must be a hostname, not an IP address (use --ipv4 or --ipv6) (got "[fd00::1]")']],
    ['--resolver-ips with --ipv4', { ipv4: '10.0.0.1', resolverIps: ['10.0.0.53'] }, ['--resolver-ips: only with --hostname']],
    ['--resolver-ips with --ipv6', { ipv6: 'fd00::1', resolverIps: ['10.0.0.53'] }, ['--resolver-ips: only with --hostname']],
    [
      '--resolver-ips with --ipv4 and --hostname',
      { ipv4: '10.0.0.1', hostname: 'a.b', resolverIps: ['10.0.0.53'] },
      ['--hostname: cannot be combined with --ipv4 or --ipv6: a service has one host form', '--resolver-ips: only with --hostname'],
    ],
  ])('%s', (_n, flags, expected) => {
    const lines = fromFlags(flags);
    expect(lines).toEqual(expected);
    for (const l of lines) expect(l).not.toMatch(/[{}]/);
  });
});

describe('host-form conflicts from a file name JSON paths', () => {
  it.each<[string, Record<string, unknown>, string[]]>([
    ['ipv4 with hostname', { ipv4: '10.0.0.1', hostname: 'a.b', network: { tunnel_id: T } }, ['host.hostname: cannot be combined with host.ipv4 or host.ipv6: a service has one host form']],
    ['ipv6 with hostname', { ipv6: 'fd00::1', hostname: 'a.b', network: { tunnel_id: T } }, ['host.hostname: cannot be combined with host.ipv4 or host.ipv6: a service has one host form']],
    ['an IP as hostname', { hostname: '10.0.0.1', resolver_network: { tunnel_id: T } }, ['host.hostname: must be a hostname, not an IP address (use host.ipv4 or host.ipv6) (got "10.0.0.1")']],
    ['resolver_ips on an IP host', { ipv4: '10.0.0.1', network: { tunnel_id: T }, resolver_network: { tunnel_id: T, resolver_ips: ['10.0.0.53'] } }, ['host.resolver_network.resolver_ips: only with host.hostname']],
    ['resolver_network on an IP host', { ipv4: '10.0.0.1', network: { tunnel_id: T }, resolver_network: { tunnel_id: T } }, ['host.resolver_network: only with host.hostname; an IP address uses host.network']],
    ['network on a hostname host', { hostname: 'a.b', network: { tunnel_id: T }, resolver_network: { tunnel_id: T } }, ['host.network: only with an IP address; a hostname uses host.resolver_network']],
  ])('%s', (_n, host, expected) => {
    const lines = fromFile(host);
    expect(lines).toEqual(expected);
    for (const l of lines) expect(l).not.toMatch(/[{}]/);
  });
});
