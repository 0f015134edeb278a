import { describe, expect, it } from 'vitest';
import { fromFlag, labelFor, leafPaths, nearest, renderProblem, type LabelStyle } from '../../../src/service/problems';

const T = '0191dce4-9ab4-7fce-b660-8e5dec5172da';

describe('flags over a file', () => {
  const over: LabelStyle = { kind: 'json', item: 2, flagPaths: new Set(['tcp_port', 'host.network.tunnel_id']) };
  const overOne: LabelStyle = { kind: 'json', flagPaths: new Set(['tcp_port']) };

  it.each<[(string | number)[], LabelStyle, string, boolean]>([
    [['tcp_port'], over, '--tcp-port (over --file item [2])', true],
    [['host', 'network', 'tunnel_id'], over, '--tunnel (over --file item [2])', true],
    [['host', 'ipv4'], over, '[2].host.ipv4', false],
    [['tcp_port'], overOne, '--tcp-port', true],
    [['http_port'], overOne, 'http_port', false],
    [['http_port'], { kind: 'json' }, 'http_port', false],
    [['http_port'], { kind: 'flags' }, '--http-port', true],
    [['zz', 'y'], { kind: 'flags' }, 'zz.y', true],
  ])('%j in %j is %s', (path, style, label, flag) => {
    expect(labelFor(path, style)).toBe(label);
    expect(fromFlag(path, style)).toBe(flag);
  });

  it('a flag path without a flag of its own keeps its JSON name', () => {
    expect(labelFor(['service_id'], { kind: 'json', flagPaths: new Set(['service_id']) })).toBe('service_id');
    expect(labelFor(['service_id'], { kind: 'json', item: 0, flagPaths: new Set(['service_id']) })).toBe('service_id (over --file item [0])');
  });

  it('references name a flag only for what a flag set', () => {
    const p = { path: ['tcp_port'], message: 'only with {type} tcp (an http service uses {http_port} / {https_port})' };
    expect(renderProblem(p, { kind: 'json', flagPaths: new Set(['tcp_port', 'http_port']) })).toBe('--tcp-port: only with type tcp (an http service uses --http-port / https_port)');
    expect(renderProblem({ path: ['host'], message: 'see {host.Bad} and {nothing.known}' }, { kind: 'flags' })).toBe('--ipv4/--ipv6/--hostname: see {host.Bad} and nothing.known');
  });
});

describe('unknown keys', () => {
  it.each<[(string | number)[], string]>([
    [['host', 'ipv'], 'host.ipv: unknown field (did you mean ipv4?)'],
    [['host', 'network', 'x'], 'host.network.x: unknown field (known here: tunnel_id)'],
    [['host', 'network', 'tunnelid'], 'host.network.tunnelid: unknown field (did you mean tunnel_id?)'],
    [['tls_settings', 'zzzzzzzz'], 'tls_settings.zzzzzzzz: unknown field (known here: cert_verification_mode, certificate_authority, client_certificate)'],
    [['nope', 'x'], 'nope.x: unknown field'],
  ])('%j', (path, line) => {
    expect(renderProblem({ path, message: 'unknown field', unknownKey: true }, { kind: 'json' })).toBe(line);
  });

  it('under flags, the label is the flag and the suggestion a JSON key', () => {
    expect(renderProblem({ path: ['host', 'resolver_network', 'resolver_ip'], message: 'unknown field', unknownKey: true }, { kind: 'flags' }))
      .toBe('host.resolver_network.resolver_ip: unknown field (did you mean resolver_ips?)');
  });
});

describe('nearest', () => {
  it.each<[string, readonly string[], string | undefined]>([
    // A prefix counts from four characters, either way round.
    ['host', ['hostname'], 'hostname'],
    ['hos', ['hostname'], undefined],
    ['hostnames', ['hostname'], 'hostname'],
    ['HOSTNAMES', ['hostname'], 'hostname'],
    ['name', ['type', 'name'], 'name'],
    // Within the distance allowed: 2, or a third of the key.
    ['tpye', ['type', 'name'], 'type'],
    ['ab', ['xy'], 'xy'],
    ['abc', ['xyz'], undefined],
    ['abcdefghi', ['abcxyzghi'], 'abcxyzghi'],
    ['abcdefghi', ['abwxyzghi'], undefined],
    ['portt', ['port', 'pot'], 'port'],
    ['tcpport', ['tcp_port', 'http_port'], 'tcp_port'],
    ['x', [], undefined],
  ])('%s among %j is %s', (key, known, want) => {
    expect(nearest(key, known)).toBe(want);
  });

  it('the closest wins, the first of equals', () => {
    expect(nearest('cab', ['cbx', 'cat', 'cab'])).toBe('cab');
    expect(nearest('abxd', ['abyd', 'abzd'])).toBe('abyd');
    expect(nearest('kitten', ['sitten'])).toBe('sitten');
    expect(nearest('kitten', ['sitting'])).toBeUndefined();
    expect(nearest('flaw', ['lawn'])).toBe('lawn');
    expect(nearest('abcdef', ['abcdxy'])).toBe('abcdxy');
    expect(nearest('abcdef', ['abcxyz'])).toBeUndefined();
  });
});

describe('leafPaths', () => {
  it('every leaf, lists as leaves, nothing for undefined', () => {
    expect([...leafPaths({ name: 'a', host: { network: { tunnel_id: T }, ipv4: undefined, x: null }, ips: ['a'], tls_settings: {} })]).toEqual([
      'name', 'host.network.tunnel_id', 'host.x', 'ips',
    ]);
    expect([...leafPaths('x')]).toEqual([]);
    expect([...leafPaths(null)]).toEqual([]);
  });
});

describe('nearest: a key that starts with a known one', () => {
  it('is that key, however much longer', () => {
    expect(nearest('hostname_resolver', ['hostname'])).toBe('hostname');
  });
});
