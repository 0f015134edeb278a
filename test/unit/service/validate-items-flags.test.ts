import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors';
import { checkItems, validateItems, type DefinitionsInput, type FlagsOverFile } from '../../../src/service/validate-items';

/* validateItems and checkItems: every item's problems, the flag problems in place of the item's,
 * duplicate names against item [0], and the error thrown (message, problem lines, hint). */

const T = '0191dce4-9ab4-7fce-b660-8e5dec5172da';
const tcp = { name: 'db', type: 'tcp', host: { ipv4: '10.0.0.1', network: { tunnel_id: T } }, tcp_port: 5432 };
const legacy = { name: 'legacy', type: 'tcp', host: tcp.host };

function thrown(input: DefinitionsInput, flags?: FlagsOverFile, o?: { allowClientOnly?: boolean }): UsageError {
  try {
    checkItems(input, '--file', flags, o);
  } catch (e) {
    return e as UsageError;
  }
  throw new Error('no error');
}

describe('checkItems', () => {
  it('no flags: the items as they are', () => {
    expect(validateItems({ items: [tcp, { ...tcp, name: 'db2' }], batch: true }, '--file')).toStrictEqual([tcp, { ...tcp, name: 'db2' }]);
    expect(checkItems({ items: [tcp], batch: false }, '--file')).toStrictEqual({ defs: [tcp], relaxed: new Map() });
  });

  it('flags without a value change nothing; the positional name of create is a flag', () => {
    expect(validateItems({ items: [tcp], batch: false }, '--file', { values: {} })).toStrictEqual([tcp]);
    expect(validateItems({ items: [tcp], batch: false }, '--file', { values: {}, name: 'other' })).toStrictEqual([{ ...tcp, name: 'other' }]);
    expect(validateItems({ items: [tcp], batch: false }, '--file', { values: { tcpPort: '6000' } })).toStrictEqual([{ ...tcp, tcp_port: 6000 }]);
  });

  it('a bad flag value is said once, in place of the item\'s own problems', () => {
    const e = thrown({ items: [{ ...tcp, host: 'bad' }], batch: false }, { values: { tcpPort: 'abc' } });
    expect(e).toBeInstanceOf(UsageError);
    expect(e.problems).toEqual(['--tcp-port: must be an integer from 1 to 65535 (got "abc")']);
    expect(e.message).toBe('--tcp-port: must be an integer from 1 to 65535 (got "abc")');
  });

  it('a duplicate of item [0] is found; the error names the first line and says nothing was sent', () => {
    const e = thrown({ items: [tcp, tcp], batch: true });
    expect(e.problems).toEqual(['--file: [1].name: "db" is already the name of item [0]; names must be unique']);
    expect(e.message).toBe('--file: [1].name: "db" is already the name of item [0]; names must be unique');
    expect(e.hints).toEqual(['nothing was sent']);
  });

  it('a definition that breaks only the client rule is refused unless allowed; other problems always are', () => {
    expect(thrown({ items: [legacy], batch: false }).problems).toEqual(['--file: tcp_port: required with type tcp']);
    expect(thrown({ items: [legacy], batch: false }, undefined, { allowClientOnly: false }).problems).toEqual(['--file: tcp_port: required with type tcp']);
    expect(thrown({ items: [{ ...legacy, host: 'x' }], batch: false }, undefined, { allowClientOnly: true }).problems).toEqual([
      '--file: host: must be an object (got "x")',
      '--file: tcp_port: required with type tcp',
    ]);
    const r = checkItems({ items: [tcp, legacy], batch: true }, '--file', undefined, { allowClientOnly: true });
    expect(r.defs).toStrictEqual([tcp, legacy]);
    expect([...r.relaxed.entries()]).toStrictEqual([[r.defs[1], ['--file: [1].tcp_port: required with type tcp']]]);
  });

  it('a relaxed definition still counts for duplicate names', () => {
    const e = thrown({ items: [legacy, tcp, legacy], batch: true }, undefined, { allowClientOnly: true });
    expect(e.problems).toEqual(['--file: [2].name: "legacy" is already the name of item [0]; names must be unique']);
  });
});

describe('the port of --hostname host:port over a tcp item', () => {
  it('counts as a flag when another problem names tcp_port', () => {
    const e = thrown({ items: [{ ...tcp, http_port: 80 }], batch: false }, { values: { hostname: 'db.internal:6000' } });
    expect(e.problems).toEqual(['--file: http_port: only with type http (a tcp service has one port: --tcp-port)']);
  });
});
