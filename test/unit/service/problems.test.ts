import { describe, expect, it } from 'vitest';
import { jsonPath, labelFor, nearest, renderProblem } from '../../../src/service/problems';

describe('labels', () => {
  it.each([
    [['tcp_port'], '--tcp-port', 'tcp_port'],
    [['host', 'resolver_network', 'resolver_ips', 2], '--resolver-ips', 'host.resolver_network.resolver_ips[2]'],
    [['host', 'network', 'tunnel_id'], '--tunnel', 'host.network.tunnel_id'],
    [['tls_settings', 'client_certificate'], '--client-certificate', 'tls_settings.client_certificate'],
    [[], '', '(top level)'],
  ])('%j', (path, flag, json) => {
    expect(labelFor(path, { kind: 'flags' })).toBe(flag);
    expect(labelFor(path, { kind: 'json' })).toBe(json);
  });

  it('puts the item index first in a batch', () => {
    expect(jsonPath(['host', 'ipv4'], 3)).toBe('[3].host.ipv4');
    expect(jsonPath([], 0)).toBe('[0]');
  });

  it('refers to other fields in the style of the source', () => {
    const p = { path: ['tcp_port'], message: 'only with {type} tcp' };
    expect(renderProblem(p, { kind: 'flags' })).toBe('--tcp-port: only with --type tcp');
    expect(renderProblem(p, { kind: 'json', item: 1 })).toBe('[1].tcp_port: only with type tcp');
  });
});

describe('nearest known key', () => {
  it.each([
    ['tcp_prot', 'tcp_port'],
    ['TCP_PORT', 'tcp_port'],
    ['hostnme', 'hostname'],
    ['app_protocl', 'app_protocol'],
    ['colour', undefined],
  ])('%s -> %s', (key, want) => {
    expect(nearest(key, ['tcp_port', 'hostname', 'app_protocol', 'name'])).toBe(want);
  });
});
