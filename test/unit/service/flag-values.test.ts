import { describe, expect, it } from 'vitest';
import { flagsToPartial } from '../../../src/service/flag-values';

const T = '0191dce4-9ab4-7fce-b660-8e5dec5172da';

describe('flags to a partial definition', () => {
  it.each([
    [{}, undefined, {}],
    [{ type: 'tcp', ipv4: '10.0.0.1', tunnel: T }, 'db', { name: 'db', type: 'tcp', host: { ipv4: '10.0.0.1', network: { tunnel_id: T } } }],
    [{ hostname: 'a.b', tunnelId: T, resolverIps: ['1.1.1.1'] }, undefined, { host: { hostname: 'a.b', resolver_network: { tunnel_id: T, resolver_ips: ['1.1.1.1'] } } }],
    [{ type: 'tcp', hostname: 'db.internal:5432' }, undefined, { type: 'tcp', host: { hostname: 'db.internal' }, tcp_port: '5432' }],
    [{ type: 'http', hostname: 'db.internal:5432' }, undefined, { type: 'http', host: { hostname: 'db.internal:5432' } }],
    [{ ipv4: '10.0.0.1', resolverIps: ['1.1.1.1'], tunnel: T }, undefined, { host: { ipv4: '10.0.0.1', network: { tunnel_id: T }, resolver_network: { resolver_ips: ['1.1.1.1'] } } }],
    [{ certificateAuthority: T }, undefined, { tls_settings: { certificate_authority: T } }],
    [{ name: 'x' }, 'x', { name: 'x' }],
  ])('%j %s', (flags, positional, partial) => {
    const r = flagsToPartial(flags, positional);
    expect(r.problems).toEqual([]);
    expect(r.partial).toEqual(partial);
  });

  it.each([
    [{ name: 'a' }, 'b', 'the name is given twice'],
    [{ tunnel: T, tunnelId: '11111111-2222-4333-8444-555555555555' }, undefined, '--tunnel and --tunnel-id'],
    [{ type: 'tcp', hostname: 'db:5432', tcpPort: '1' }, undefined, 'differs from --tcp-port'],
  ])('%j %s is a problem', (flags, positional, fragment) => {
    expect(flagsToPartial(flags, positional).problems[0]?.message).toContain(fragment);
  });
});
