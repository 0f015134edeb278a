import { EventEmitter } from 'node:events';
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { Output } from '../../../src/output/stdout';
import { makeTheme, type ChalkCtor, type Theme } from '../../../src/output/theme';

/** A stdout that keeps each write, says it is full when told to, and emits 'drain' on demand. */
class FakeStdout extends EventEmitter {
  writes: string[] = [];
  full = false;
  constructor(
    readonly isTTY?: boolean,
    readonly columns?: number,
  ) {
    super();
  }
  write(s: string) {
    this.writes.push(s);
    return !this.full;
  }
  get text() {
    return this.writes.join('');
  }
}

const tags = Object.fromEntries(['bold', 'dim', 'red', 'green', 'yellow'].map((s) => [s, (t: string) => `<${s}>${t}</${s}>`])) as unknown as Theme;
const bold = makeTheme(1, Chalk as unknown as ChalkCtor);
const B = (s: string) => `\u001b[1m${s}\u001b[22m`;
const out = (s: FakeStdout, theme: Theme = tags) => new Output(s as never, theme);
const T = '0191dce4-9ab4-7fce-b660-8e5dec5172da';

/** Runs `run`, and says whether it was still waiting before the stream emitted 'drain'. */
async function waitsForDrain(s: FakeStdout, run: () => Promise<unknown>): Promise<boolean> {
  let settled = false;
  const p = run().then(() => (settled = true));
  for (let i = 0; i < 5; i++) await Promise.resolve();
  const waited = !settled;
  s.emit('drain');
  await p;
  return waited;
}

describe('isTTY', () => {
  it.each<[boolean | undefined, boolean]>([
    [true, true],
    [false, false],
    [undefined, false],
  ])('%s -> %s', (tty, want) => {
    expect(out(new FakeStdout(tty)).isTTY).toBe(want);
  });
});

describe('JSON writers', () => {
  it('json: two spaces, one newline, escaped', () => {
    const s = new FakeStdout();
    out(s).json({ a: ['x\u202e'] });
    expect(s.writes).toEqual(['{\n  "a": [\n    "x\\u202e"\n  ]\n}\n']);
  });

  it('ndjson: compact, one line', () => {
    const s = new FakeStdout();
    out(s).ndjson({ a: [1, 2] });
    expect(s.writes).toEqual(['{"a":[1,2]}\n']);
  });

  it('ndjsonLines: every line in one write, and what the write said', () => {
    const s = new FakeStdout();
    expect(out(s).ndjsonLines([{ a: 1 }, { b: '\u2028' }])).toBe(true);
    expect(s.writes).toEqual(['{"a":1}\n{"b":"\\u2028"}\n']);
    s.full = true;
    expect(out(s).ndjsonLines([1])).toBe(false);
  });
});

describe('plain lines', () => {
  it('line: escaped, one newline', () => {
    const s = new FakeStdout();
    out(s).line('id\u001b');
    expect(s.writes).toEqual(['id\\x1b\n']);
  });

  it('lines: one write, each escaped, and what the write said', () => {
    const s = new FakeStdout();
    expect(out(s).lines(['a', 'b\r'])).toBe(true);
    expect(s.writes).toEqual(['a\nb\\r\n']);
    s.full = true;
    expect(out(s).lines(['c'])).toBe(false);
  });

  it('raw: the text as given, and what the write said', () => {
    const s = new FakeStdout();
    expect(out(s).raw('\u001b[1mx')).toBe(true);
    s.full = true;
    expect(out(s).raw('y')).toBe(false);
    expect(s.writes).toEqual(['\u001b[1mx', 'y']);
  });
});

describe('jsonArray: formatted as json() would format the whole array', () => {
  it('empty: []', async () => {
    const s = new FakeStdout();
    const a = out(s).jsonArray();
    await a.items([]);
    await a.end();
    expect(s.writes).toEqual(['[]\n']);
  });

  it('items over several pages equal json() of them all', async () => {
    const values = [{ a: 1, b: [true] }, 'two\u202e', { c: { d: null } }];
    const s = new FakeStdout();
    const a = out(s).jsonArray();
    await a.items(values.slice(0, 2));
    await a.items([]);
    await a.items(values.slice(2));
    await a.end();
    expect(s.writes).toHaveLength(3);
    const whole = new FakeStdout();
    out(whole).json(values);
    expect(s.text).toBe(whole.text);
  });

  it('waits for drain when stdout is full, and not otherwise', async () => {
    const s = new FakeStdout();
    const a = out(s).jsonArray();
    expect(await waitsForDrain(s, () => a.items([1]))).toBe(false);
    s.full = true;
    expect(await waitsForDrain(s, () => a.items([2]))).toBe(true);
    expect(await waitsForDrain(s, () => a.end())).toBe(true);
    expect(s.text).toBe('[\n  1,\n  2\n]\n');
  });
});

describe('drain', () => {
  it('resolves on the next drain event only', async () => {
    const s = new FakeStdout();
    expect(await waitsForDrain(s, () => out(s).drain())).toBe(true);
    expect(s.listenerCount('drain')).toBe(0);
  });
});

describe('keyValue: keys padded to one column, values after two spaces', () => {
  it('off a terminal nothing wraps; an empty value leaves no trailing space; one write', async () => {
    const s = new FakeStdout(false, 30);
    await out(s).keyValue([
      ['id', 'x'.repeat(100)],
      ['name', ''],
      ['type', 'tcp\u001b'],
    ]);
    expect(s.writes).toEqual([`<bold>id</bold>    ${'x'.repeat(100)}\n<bold>name</bold>\n<bold>type</bold>  tcp\\x1b\n`]);
  });

  it('on a terminal a long value wraps under itself at the screen width', async () => {
    const s = new FakeStdout(true, 30);
    await out(s, bold).keyValue([
      ['key', 'a'.repeat(25) + ' ' + 'b'.repeat(30)],
      ['k', 'short'],
    ]);
    // keys 3 + 2 = 5 wide; values 30 - 5 = 25 wide.
    expect(s.text).toBe(`${B('key')}  ${'a'.repeat(25)}\n      ${'b'.repeat(24)}\n     ${'b'.repeat(6)}\n${B('k')}    short\n`);
  });

  it('a wrapped piece ending in spaces leaves no trailing space', async () => {
    const s = new FakeStdout(true, 30);
    await out(s, bold).keyValue([['key', `${'a'.repeat(25)}b${' '.repeat(5)}`]]);
    expect(s.text).toBe(`${B('key')}  ${'a'.repeat(25)}\n     b\n`);
  });

  it('a value exactly as wide as the room does not wrap', async () => {
    const s = new FakeStdout(true, 30);
    await out(s, bold).keyValue([['key', 'a'.repeat(25)]]);
    expect(s.text).toBe(`${B('key')}  ${'a'.repeat(25)}\n`);
  });

  it('values keep at least 20 columns however narrow the screen', async () => {
    const s = new FakeStdout(true, 21);
    await out(s, bold).keyValue([['a-long-key', 'v'.repeat(41)]]);
    expect(s.text).toBe(`${B('a-long-key')}  ${'v'.repeat(20)}\n            ${'v'.repeat(20)}\n            v\n`);
  });

  it('a screen of 20 columns or less, or of unknown width, counts as 80', async () => {
    for (const columns of [20, 0, undefined]) {
      const s = new FakeStdout(true, columns);
      await out(s, bold).keyValue([['k', 'v'.repeat(78)]]);
      expect(s.text).toBe(`${B('k')}  ${'v'.repeat(77)}\n   v\n`);
    }
  });

  it('wraps by characters, not UTF-16 units', async () => {
    const s = new FakeStdout(true, 25);
    // keys 1 + 2 = 3 wide; values 22 characters wide; the newline is escaped to two characters.
    await out(s, bold).keyValue([['k', '🙂'.repeat(21) + '\nzzz']]);
    expect(s.text).toBe(`${B('k')}  ${'🙂'.repeat(21)}\\\n   nzzz\n`);
  });

  it('service: the field table of one service', async () => {
    const s = new FakeStdout(false);
    await out(s).service({ service_id: 'i', name: 'n', type: 'tcp', host: { ipv4: '10.0.0.1', network: { tunnel_id: T } }, tcp_port: 22 } as never);
    expect(s.text).toBe(
      ['<bold>id</bold>        i', '<bold>name</bold>      n', '<bold>type</bold>      tcp', '<bold>ipv4</bold>      10.0.0.1', `<bold>tunnel</bold>    ${T}`, '<bold>tcp port</bold>  22', ''].join('\n'),
    );
  });
});

const svc = (i: number, name: string, tunnel = T) =>
  ({
    service_id: `id-${i}-0123456789abcdef`,
    name,
    type: i % 2 ? 'tcp' : 'http',
    host: { hostname: `host-${name}.internal.example`, resolver_network: { tunnel_id: tunnel } },
    tcp_port: 5432,
    app_protocol: 'postgresql',
  }) as never;
const two = () => [svc(1, 'db', 'abcdefghi'), svc(2, 'a-much-longer-service-name')];

describe('serviceList on a terminal', () => {
  const list = async (columns: number | undefined, services = two()) => {
    const s = new FakeStdout(true, columns);
    await out(s, bold).serviceList(services);
    expect(s.writes).toHaveLength(1);
    return s.text;
  };
  // Natural widths (cell + 2): 28 23 6 50 38 19 = 164; with the tunnel cut to 9: 137.
  const whole =
    `${B('NAME')}                        ${B('ID')}                     ${B('TYPE')}  ${B('HOST')}                                              ${B('TUNNEL')}                                ${B('PORTS')}\n` +
    'db                          id-1-0123456789abcdef  tcp   host-db.internal.example                          abcdefghi                             5432 (postgresql)\n' +
    `a-much-longer-service-name  id-2-0123456789abcdef  http  host-a-much-longer-service-name.internal.example  ${T}  default (80, 443)\n`;
  const cut =
    `${B('NAME')}                        ${B('ID')}                     ${B('TYPE')}  ${B('HOST')}                                              ${B('TUNNEL')}     ${B('PORTS')}\n` +
    'db                          id-1-0123456789abcdef  tcp   host-db.internal.example                          abcdefghi  5432 (postgresql)\n' +
    'a-much-longer-service-name  id-2-0123456789abcdef  http  host-a-much-longer-service-name.internal.example  0191dce4…  default (80, 443)\n';

  it('fits: every column whole, headers bold (165 columns: one to spare for the cursor)', async () => {
    expect(await list(165)).toBe(whole);
    expect(await list(400)).toBe(whole);
  });

  it('one column short: the tunnel ids longer than 9 are cut to 8 and an ellipsis', async () => {
    expect(await list(164)).toBe(cut);
    expect(await list(138)).toBe(cut);
  });

  it('still too wide: name, host and ports wrap in proportion, headers plain', async () => {
    expect(await list(137)).toBe(
      'NAME                       ID                     TYPE  HOST                                             TUNNEL     PORTS\n' +
        'db                         id-1-0123456789abcdef  tcp   host-db.internal.example                         abcdefghi  5432 (postgresql\n' +
        '                                                                                                                    )\n' +
        'a-much-longer-service-nam  id-2-0123456789abcdef  http  host-a-much-longer-service-name.internal.exampl  0191dce4…  default (80, 443\n' +
        'e                                                       e                                                           )\n',
    );
  });

  it('very narrow: the wrapping columns keep 8 each at least, from a room of 24 at least', async () => {
    expect(await list(21)).toBe(
      'NAME    ID                     TYPE  HOST        TUNNEL     PORTS\n' +
        'db      id-1-0123456789abcdef  tcp   host-db.in  abcdefghi  5432 (\n' +
        '                                     ternal.exa             postgr\n' +
        '                                     mple                   esql)\n' +
        'a-much  id-2-0123456789abcdef  http  host-a-muc  0191dce4…  defaul\n' +
        '-longe                               h-longer-s             t (80,\n' +
        'r-serv                               ervice-nam              443)\n' +
        'ice-na                               e.internal\n' +
        'me                                   .example\n',
    );
  });

  it('unknown or tiny width: 80 columns', async () => {
    const at80 = await list(80);
    expect(await list(undefined)).toBe(at80);
    expect(await list(20)).toBe(at80);
    expect(at80.split('\n')[0]).toBe('NAME       ID                     TYPE  HOST                TUNNEL     PORTS');
  });

  it('escapes API text in cells', async () => {
    const text = await list(200, [svc(1, 'x\u001b[2J')]);
    expect(text).toContain('x\\x1b[2J');
    expect(text).not.toContain('\u001b[2J');
  });
});

describe('serviceList off a terminal, and listStream', () => {
  it('pipes get the streamed plain columns, every id whole, bold applied after padding', async () => {
    const s = new FakeStdout(false, 40);
    await out(s).serviceList(two());
    expect(s.text).toBe(
      '<bold>NAME</bold>                        <bold>ID</bold>                     <bold>TYPE</bold>  <bold>HOST</bold>                                              <bold>TUNNEL</bold>                                <bold>PORTS</bold>\n' +
        'db                          id-1-0123456789abcdef  tcp   host-db.internal.example                          abcdefghi                             5432 (postgresql)\n' +
        `a-much-longer-service-name  id-2-0123456789abcdef  http  host-a-much-longer-service-name.internal.example  ${T}  default (80, 443)\n`,
    );
  });

  it('widths come from the first page; later pages write rows only; short cells pad the headers', async () => {
    const s = new FakeStdout(false);
    const stream = out(s).listStream();
    await stream.page([{ service_id: 'i', name: 'n', type: 'tcp', host: {}, tcp_port: 1 } as never]);
    await stream.page([svc(1, 'longer')]);
    expect(s.writes).toEqual([
      '<bold>NAME</bold>  <bold>ID</bold>  <bold>TYPE</bold>  <bold>HOST</bold>  <bold>TUNNEL</bold>  <bold>PORTS</bold>\n',
      'n     i   tcp                 1\n',
      `longer  id-1-0123456789abcdef  tcp   host-longer.internal.example  ${T}  5432 (postgresql)\n`,
    ]);
  });

  it('the last column is never padded', async () => {
    const s = new FakeStdout(false);
    await out(s).listStream().page([
      { service_id: 'i', name: 'n', type: 'http', host: {}, http_port: 8080 } as never,
      { service_id: 'j', name: 'm', type: 'tcp', host: {}, tcp_port: 1 } as never,
    ]);
    expect(s.writes.slice(1)).toEqual(['n     i   http                http 8080\n', 'm     j   tcp                 1\n']);
  });

  it('trailing padding is trimmed; leading spaces of a row are kept', async () => {
    const s = new FakeStdout(false);
    await out(s).listStream().page([
      { service_id: 'i', name: '', type: 'tcp', host: { ipv4: '10.0.0.1' } } as never,
      { service_id: 'j', name: 'm', type: 'tcp', host: {}, tcp_port: 1 } as never,
    ]);
    expect(s.writes.slice(1)).toEqual(['      i   tcp   10.0.0.1\n', 'm     j   tcp                     1\n']);
  });

  it('an empty page (a full stdout or not) writes the header and does not wait', async () => {
    const s = new FakeStdout(false);
    s.full = true;
    expect(await waitsForDrain(s, () => out(s).listStream().page([]))).toBe(false);
    expect(s.writes).toEqual(['<bold>NAME</bold>  <bold>ID</bold>  <bold>TYPE</bold>  <bold>HOST</bold>  <bold>TUNNEL</bold>  <bold>PORTS</bold>\n']);
  });

  it('waits for drain only when the last write said stdout is full', async () => {
    const s = new FakeStdout(false);
    const stream = out(s).listStream();
    expect(await waitsForDrain(s, () => stream.page([svc(1, 'a')]))).toBe(false);
    s.full = true;
    expect(await waitsForDrain(s, () => stream.page([svc(1, 'b')]))).toBe(true);
  });
});
