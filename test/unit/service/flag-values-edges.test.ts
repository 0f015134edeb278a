import { describe, expect, it } from 'vitest';
import { flagsToPartial, flagValues, hasPortShortcut, SERVICE_FLAG_KEYS } from '../../../src/service/flag-values';
import { renderProblem } from '../../../src/service/problems';

const T = '0191dce4-9ab4-7fce-b660-8e5dec5172da';
const T2 = '11111111-2222-4333-8444-555555555555';

describe('the service flags\' option keys', () => {
  it('every flag, with the hidden alias after its flag', () => {
    expect(SERVICE_FLAG_KEYS).toEqual([
      'name', 'type', 'ipv4', 'ipv6', 'hostname', 'resolverIps', 'tunnel', 'tunnelId', 'tcpPort', 'appProtocol', 'httpPort', 'httpsPort',
      'certVerificationMode', 'certificateAuthority', 'clientCertificate',
    ]);
  });
});

describe('--hostname host:port', () => {
  it.each<[string | undefined, boolean]>([
    ['db:5432', true],
    [' db.internal:1 ', true],
    ['db', false],
    ['db:', false],
    [':5432', false],
    ['db:54x', false],
    ['d b:1', false],
    ['a:b:1', false],
    [undefined, false],
  ])('%j is a port shortcut: %s', (hostname, yes) => {
    expect(hasPortShortcut(hostname === undefined ? {} : { hostname })).toBe(yes);
  });

  it.each<[string, Record<string, unknown>, { type?: unknown }, Record<string, unknown>, string[]]>([
    ['the type of the service it applies to', { hostname: 'db:5432' }, { type: 'tcp' }, { host: { hostname: 'db' }, tcp_port: '5432' }, []],
    ['a type with spaces', { type: ' tcp ', hostname: ' db:5432 ' }, {}, { type: ' tcp ', host: { hostname: 'db' }, tcp_port: '5432' }, []],
    ['--type over the service\'s type', { type: 'http', hostname: 'db:5432' }, { type: 'tcp' }, { type: 'http', host: { hostname: 'db:5432' } }, []],
    ['a type that is not text', { hostname: 'db:5432' }, { type: 5 }, { host: { hostname: 'db:5432' } }, []],
    ['the same port in both, with spaces', { type: 'tcp', hostname: 'db:5432', tcpPort: ' 5432 ' }, {}, { type: 'tcp', host: { hostname: 'db' }, tcp_port: ' 5432 ' }, []],
    ['port 65535', { type: 'tcp', hostname: 'db:65535' }, {}, { type: 'tcp', host: { hostname: 'db' }, tcp_port: '65535' }, []],
    ['port 1', { type: 'tcp', hostname: 'db:1' }, {}, { type: 'tcp', host: { hostname: 'db' }, tcp_port: '1' }, []],
    // A refused port is not passed on as tcp_port: the definition's check would name --tcp-port.
    ['port 0', { type: 'tcp', hostname: 'db:0' }, {}, { type: 'tcp', host: { hostname: 'db' } }, ['--hostname: the port in "db:0" must be an integer from 1 to 65535']],
    ['port 65536', { type: 'tcp', hostname: 'db:65536' }, {}, { type: 'tcp', host: { hostname: 'db' } }, ['--hostname: the port in "db:65536" must be an integer from 1 to 65535']],
    ['another --tcp-port', { type: 'tcp', hostname: 'db:5432', tcpPort: '5433' }, {}, { type: 'tcp', host: { hostname: 'db' }, tcp_port: '5433' }, ['--hostname: the port in "db:5432" differs from --tcp-port 5433']],
  ])('%s', (_n, flags, o, partial, problems) => {
    const r = flagsToPartial(flags, undefined, o);
    expect(r.partial).toStrictEqual(partial);
    expect(r.problems.map((p) => renderProblem(p, { kind: 'flags' }))).toEqual(problems);
  });
});

describe('names and tunnels given twice', () => {
  it.each<[Record<string, unknown>, string | undefined, Record<string, unknown>, string[]]>([
    [{ name: ' db ' }, 'db', { name: ' db ' }, []],
    [{}, 'db', { name: 'db' }, []],
    [{ name: 'a' }, 'b', { name: 'a' }, ['--name: the name is given twice and differently ("b" and "a")']],
    [{ tunnel: T, tunnelId: ` ${T} ` }, undefined, { host: { network: { tunnel_id: T } } }, []],
    [{ tunnelId: T }, undefined, { host: { network: { tunnel_id: T } } }, []],
    [{ tunnel: T, tunnelId: T2 }, undefined, { host: { network: { tunnel_id: T } } }, ['--tunnel: --tunnel and --tunnel-id are the same flag and were given different values']],
  ])('%j with %j', (flags, positional, partial, problems) => {
    const r = flagsToPartial(flags, positional);
    expect(r.partial).toStrictEqual(partial);
    expect(r.problems.map((p) => renderProblem(p, { kind: 'flags' }))).toEqual(problems);
  });

  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ['a hostname alone', { hostname: 'db', tunnel: T }, { host: { hostname: 'db', resolver_network: { tunnel_id: T } } }],
    ['a hostname with --ipv4', { hostname: 'db', ipv4: '10.0.0.1', tunnel: T }, { host: { ipv4: '10.0.0.1', hostname: 'db', network: { tunnel_id: T } } }],
    ['a hostname with --ipv6', { hostname: 'db', ipv6: 'fd00::1', tunnel: T }, { host: { ipv6: 'fd00::1', hostname: 'db', network: { tunnel_id: T } } }],
    ['no host at all', { tunnel: T }, { host: { network: { tunnel_id: T } } }],
  ])('the tunnel goes where the host form needs it: %s', (_n, flags, partial) => {
    expect(flagsToPartial(flags).partial).toStrictEqual(partial);
  });
});

describe('flag values checked on their own', () => {
  it.each<[string, Record<string, unknown>, { type?: unknown }, Record<string, unknown>, string[]]>([
    ['a bad port in --hostname is said once, there', { type: 'tcp', hostname: 'db:0' }, {}, { type: 'tcp', host: { hostname: 'db' } }, [
      '--hostname: the port in "db:0" must be an integer from 1 to 65535',
    ]],
    ['a bad --tcp-port next to it is said too', { type: 'tcp', hostname: 'db:0', tcpPort: '0' }, {}, { type: 'tcp', host: { hostname: 'db' }, tcp_port: '0' }, [
      '--hostname: the port in "db:0" must be an integer from 1 to 65535',
      '--tcp-port: must be an integer from 1 to 65535 (got "0")',
    ]],
    ['another problem at --hostname keeps the port problem', { type: 'tcp', hostname: 'db:5432', tcpPort: 'x' }, {}, { type: 'tcp', host: { hostname: 'db' }, tcp_port: 'x' }, [
      '--hostname: the port in "db:5432" differs from --tcp-port x',
      '--tcp-port: must be an integer from 1 to 65535 (got "x")',
    ]],
    ['good values are cleaned', { type: ' tcp ', hostname: 'db:5432', name: ' n ' }, {}, { name: 'n', type: 'tcp', host: { hostname: 'db' }, tcp_port: 5432 }, []],
    ['the name given twice, then checked', { name: 'a' }, {}, { name: 'a' }, ['--name: the name is given twice and differently ("b" and "a")']],
  ])('%s', (n, flags, o, partial, problems) => {
    const r = flagValues(flags, n.startsWith('the name') ? 'b' : undefined, o);
    expect(r.partial).toStrictEqual(partial);
    expect(r.problems.map((p) => renderProblem(p, { kind: 'flags' }))).toEqual(problems);
  });
});

describe('more edges of names, tunnels and the shortcut', () => {
  it.each<[Record<string, unknown>, string | undefined, Record<string, unknown>, string[]]>([
    [{ name: 'db' }, ' db ', { name: 'db' }, []],
    [{ tunnel: ` ${T} `, tunnelId: T }, undefined, { host: { network: { tunnel_id: ` ${T} ` } } }, []],
    [{ type: 'tcp', hostname: 'a:b:1' }, undefined, { type: 'tcp', host: { hostname: 'a:b:1' } }, []],
    [{ type: 'tcp', hostname: 'db:54x' }, undefined, { type: 'tcp', host: { hostname: 'db:54x' } }, []],
  ])('%j with %j', (flags, positional, partial, problems) => {
    const r = flagsToPartial(flags, positional);
    expect(r.partial).toStrictEqual(partial);
    expect(r.problems.map((p) => renderProblem(p, { kind: 'flags' }))).toEqual(problems);
  });

  it.each<[string, Record<string, unknown>, string | undefined, string[]]>([
    ['a bad port in --hostname next to a name given twice', { name: 'a', type: 'tcp', hostname: 'db:0' }, 'b', [
      '--name: the name is given twice and differently ("b" and "a")',
      '--hostname: the port in "db:0" must be an integer from 1 to 65535',
    ]],
    ['a bad port in --hostname keeps the other flags\' problems', { type: 'tcp', hostname: 'db:0', certVerificationMode: 'x' }, undefined, [
      '--hostname: the port in "db:0" must be an integer from 1 to 65535',
      '--cert-verification-mode: must be verify_full, verify_ca or disabled (got "x")',
    ]],
  ])('%s', (_n, flags, positional, problems) => {
    expect(flagValues(flags, positional).problems.map((p) => renderProblem(p, { kind: 'flags' }))).toEqual(problems);
  });
});
