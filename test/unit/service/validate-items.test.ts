import { describe, expect, it } from 'vitest';
import { checkItems, validateItems } from '../../../src/service/validate-items';
import type { ServiceFlagValues } from '../../../src/service/flag-values';

const T = '0191dce4-9ab4-7fce-b660-8e5dec5172da';
const tcp = { name: 'db', type: 'tcp', host: { ipv4: '10.0.0.1', network: { tunnel_id: T } }, tcp_port: 5432 };
const http = { name: 'web', type: 'http', host: { hostname: 'w.internal', resolver_network: { tunnel_id: T } } };

const problems = (items: Record<string, unknown>[], values: ServiceFlagValues = {}, batch = items.length > 1) => {
  try {
    validateItems({ items, batch }, '--file', { values });
    return [];
  } catch (e) {
    return (e as { problems: string[] }).problems;
  }
};

describe('flags over a file must fit every item', () => {
  it.each<[string, Record<string, unknown>[], ServiceFlagValues, string[]]>([
    ['a fitting flag', [tcp], { tcpPort: '1' }, []],
    ['a tcp flag over an http item', [http], { tcpPort: '1' }, ['--tcp-port: only with type tcp (an http service uses http_port / https_port)']],
    ['an http flag over the tcp item of a batch', [http, tcp], { httpsPort: '443' }, ['--https-port (over --file item [1]): only with type http (a tcp service has one port: tcp_port)']],
    ['--type over the other type', [tcp], { type: 'http' }, ['--file: tcp_port: only with --type tcp (an http service uses http_port / https_port)']],
    ['--resolver-ips over an address item', [tcp], { resolverIps: ['10.0.0.53'] }, ['--resolver-ips: only with host.hostname']],
    ['host:port over an http item', [http], { hostname: 'x.internal:80' }, ['--hostname: must be a bare hostname without a port (got "x.internal:80")']],
    ['file ports stay JSON numbers', [{ ...tcp, tcp_port: '5432' }], { appProtocol: 'mysql' }, ['--file: tcp_port: must be an integer from 1 to 65535 (got "5432")']],
  ])('%s', (_n, items, values, lines) => {
    expect(problems(items, values)).toEqual(lines);
  });

  it('host:port over a tcp item sets the port', () => {
    expect(validateItems({ items: [tcp], batch: false }, '--file', { values: { hostname: 'db.internal:6000' } })).toEqual([
      { name: 'db', type: 'tcp', host: { hostname: 'db.internal', resolver_network: { tunnel_id: T } }, tcp_port: 6000 },
    ]);
  });

  it('duplicate names point at the item indexes of the file, invalid items included', () => {
    expect(problems([{ ...tcp, tcp_port: 0 }, tcp, tcp])).toEqual([
      '--file: [0].tcp_port: must be an integer from 1 to 65535 (got 0)',
      '--file: [2].name: "db" is already the name of item [1]; names must be unique',
    ]);
  });

  it('apply keeps a definition that breaks only the client rule, with the lines', () => {
    const legacy = { name: 'legacy', type: 'tcp', host: tcp.host };
    const r = checkItems({ items: [legacy], batch: true }, '--file', undefined, { allowClientOnly: true });
    expect(r.defs).toEqual([legacy]);
    expect([...r.relaxed.values()]).toEqual([['--file: [0].tcp_port: required with type tcp']]);
  });
});
