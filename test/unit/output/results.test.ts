import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { OutputFormat } from '../../../src/output/format';
import { Messages } from '../../../src/output/messages';
import { Results } from '../../../src/output/results';
import { Output } from '../../../src/output/stdout';
import type { Theme } from '../../../src/output/theme';

class FakeStream extends EventEmitter {
  text = '';
  full = false;
  constructor(readonly isTTY = false) {
    super();
  }
  write(s: string) {
    this.text += s;
    return !this.full;
  }
}

const plain = Object.fromEntries(['bold', 'dim', 'red', 'green', 'yellow'].map((s) => [s, (t: string) => String(t)])) as unknown as Theme;

const make = (format: OutputFormat, o: { tty?: boolean } = {}) => {
  const stdout = new FakeStream(o.tty ?? false);
  const stderr = new FakeStream(false);
  const msg = new Messages(stderr as never, plain, { json: () => format === 'json' || format === 'ndjson', debug: () => false });
  const r = new Results(new Output(stdout as never, plain), msg, format);
  return { r, stdout, stderr, out: () => stdout.text, err: () => stderr.text };
};

const T = '0191dce4-9ab4-7fce-b660-8e5dec5172da';
const A = { service_id: 'id-a', name: 'a', type: 'tcp', host: { ipv4: '10.0.0.1', network: { tunnel_id: T } }, tcp_port: 22 } as never;
const B = { service_id: 'id-b', name: 'b', type: 'http', host: { ipv6: 'fd00::1', network: { tunnel_id: T } } } as never;
const pretty = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;
const line = (v: unknown) => `${JSON.stringify(v)}\n`;
const tableA = ['id        id-a', 'name      a', 'type      tcp', 'ipv4      10.0.0.1', `tunnel    ${T}`, 'tcp port  22', ''].join('\n');
const listHeader = 'NAME  ID    TYPE  HOST      TUNNEL                                PORTS\n';
const rowA = `a     id-a  tcp   10.0.0.1  ${T}  22\n`;
const rowB = `b     id-b  http  fd00::1   ${T}  default (80, 443)\n`;

describe('service / created / updated', () => {
  it.each<[OutputFormat, string]>([
    ['json', pretty(A)],
    ['ndjson', line(A)],
    ['ids', 'id-a\n'],
    ['table', tableA],
  ])('service as %s', async (format, stdout) => {
    const c = make(format);
    await c.r.service(A);
    expect(c.out()).toBe(stdout);
    expect(c.err()).toBe('');
  });

  it.each<[OutputFormat, string, string]>([
    ['json', pretty(A), ''],
    ['ndjson', line(A), ''],
    ['ids', 'id-a\n', ''],
    ['table', tableA, '✓ created a (id-a)\n'],
  ])('created as %s', async (format, stdout, stderr) => {
    const c = make(format);
    await c.r.created(A);
    expect([c.out(), c.err()]).toEqual([stdout, stderr]);
  });

  it.each<[OutputFormat, string, string]>([
    ['json', pretty(A), ''],
    ['ids', 'id-a\n', ''],
    ['table', tableA, '~ tcp_port: 21 -> 22\n+ app_protocol: "mysql"\n✓ updated a (id-a)\n'],
  ])('updated as %s', async (format, stdout, stderr) => {
    const c = make(format);
    await c.r.updated(A, [{ path: 'tcp_port', from: 21, to: 22 }, { path: 'app_protocol', to: 'mysql' }]);
    expect([c.out(), c.err()]).toEqual([stdout, stderr]);
  });
});

describe('list', () => {
  const run = async (format: OutputFormat, pages: unknown[][], tty = false, full = false) => {
    const c = make(format, { tty });
    c.stdout.full = full;
    const sink = c.r.list();
    let count = 0;
    for (const p of pages) {
      const done = sink.page(p as never);
      if (full) c.stdout.emit('drain');
      await done;
      count += p.length;
    }
    await sink.end(count);
    return [c.out(), c.err()];
  };

  it.each<[OutputFormat, boolean, string, string]>([
    ['json', false, pretty([A, B]), ''],
    ['ndjson', false, line(A) + line(B), ''],
    ['ids', false, 'id-a\nid-b\n', ''],
    ['table', false, listHeader + rowA + rowB, ''],
    ['table', true, 'NAME  ID    TYPE  HOST      TUNNEL     PORTS\na     id-a  tcp   10.0.0.1  0191dce4…  22\nb     id-b  http  fd00::1   0191dce4…  default (80, 443)\n', ''],
  ])('%s (terminal: %s), two pages', async (format, tty, stdout, stderr) => {
    expect(await run(format, [[A], [B]], tty)).toEqual([stdout, stderr]);
  });

  it.each<[OutputFormat, boolean, string, string]>([
    ['json', false, '[]\n', ''],
    ['ndjson', false, '', ''],
    ['ids', false, '', ''],
    ['table', false, '', 'no services\n'],
    ['table', true, '', 'no services\n'],
  ])('%s (terminal: %s), empty', async (format, tty, stdout, stderr) => {
    expect(await run(format, [], tty)).toEqual([stdout, stderr]);
  });

  it.each<OutputFormat>(['json', 'ndjson', 'ids', 'table'])('%s waits for drain when stdout is full', async (format) => {
    const c = make(format);
    c.stdout.full = true;
    const sink = c.r.list();
    let settled = false;
    const p = sink.page([A]).then(() => (settled = true));
    for (let i = 0; i < 5; i++) await Promise.resolve();
    expect(settled).toBe(false);
    c.stdout.emit('drain');
    await p;
    expect(settled).toBe(true);
  });

  it('a terminal table waits for the end to size its columns', async () => {
    const c = make('table', { tty: true });
    const sink = c.r.list();
    await sink.page([A]);
    expect(c.out()).toBe('');
    await sink.end(1);
    expect(c.out()).not.toBe('');
  });
});

describe('dry runs', () => {
  const post = { method: 'POST', url: 'https://x.test/services', body: { name: 'a' } };
  const del = { method: 'DELETE', url: 'https://x.test/services/id-a' };

  it.each<[OutputFormat, unknown[], string]>([
    ['json', [post], pretty(post)],
    ['json', [post, del], pretty([post, del])],
    ['ndjson', [post, del], line(post) + line(del)],
    ['table', [post, del], `POST https://x.test/services\n${pretty({ name: 'a' })}DELETE https://x.test/services/id-a\n`],
    ['ids', [del], 'DELETE https://x.test/services/id-a\n'],
  ])('dryRun as %s', (format, requests, stdout) => {
    const c = make(format);
    c.r.dryRun(requests as never);
    expect([c.out(), c.err()]).toEqual([stdout, 'dry run: nothing was sent\n']);
  });

  it('dryRun with quietNote: no note', () => {
    const c = make('table');
    c.r.dryRun([del], { quietNote: true });
    expect([c.out(), c.err()]).toEqual(['DELETE https://x.test/services/id-a\n', '']);
  });

  it.each<[OutputFormat, string]>([
    ['json', pretty({ ...post, changes: [{ path: 'name', from: 'b', to: 'a' }] })],
    ['ndjson', line(post)],
    ['table', `POST https://x.test/services\n${pretty({ name: 'a' })}`],
  ])('updateDryRun as %s: the changes on stderr first', (format, stdout) => {
    const c = make(format);
    c.r.updateDryRun(post, [{ path: 'name', from: 'b', to: 'a' }]);
    expect([c.out(), c.err()]).toEqual([stdout, '~ name: "b" -> "a"\ndry run: nothing was sent\n']);
  });

  it('updateDryRun: several changes, one per line', () => {
    const c = make('table');
    c.r.updateDryRun(post, [{ path: 'name', from: 'b', to: 'a' }, { path: 'http_port', to: 8080 }]);
    expect(c.err()).toBe('~ name: "b" -> "a"\n+ http_port: 8080\ndry run: nothing was sent\n');
  });

  it.each<[OutputFormat, string, string]>([
    ['json', pretty({ plan: [{ action: 'create' }], requests: [post] }), 'dry run: nothing was sent\n'],
    ['ndjson', line(post), 'dry run: nothing was sent\n'],
    ['table', `\nPOST https://x.test/services\n${pretty({ name: 'a' })}`, 'dry run: nothing was sent\n'],
    ['ids', '', 'dry run: nothing was sent\n'],
  ])('planDryRun as %s', (format, stdout, stderr) => {
    const c = make(format);
    c.r.planDryRun([{ action: 'create' }], [post]);
    expect([c.out(), c.err()]).toEqual([stdout, stderr]);
  });

  it('planDryRun in text with nothing to send: the note only', () => {
    const c = make('table');
    c.r.planDryRun([], []);
    expect([c.out(), c.err()]).toEqual(['', 'dry run: nothing was sent\n']);
  });
});

describe('batches', () => {
  it.each<[OutputFormat, string, string]>([
    ['json', '', ''],
    ['ndjson', line(A), ''],
    ['ids', 'id-a\n', ''],
    ['table', '', '✓ created a (id-a)\n'],
  ])('createdItem as %s', (format, stdout, stderr) => {
    const c = make(format);
    c.r.createdItem(A);
    expect([c.out(), c.err()]).toEqual([stdout, stderr]);
  });

  it.each<[OutputFormat, string]>([
    ['json', ''],
    ['ndjson', line({ index: 1, error: 'x' })],
    ['ids', ''],
    ['table', ''],
  ])('failedItem as %s', (format, stdout) => {
    const c = make(format);
    c.r.failedItem({ index: 1, error: 'x' });
    expect([c.out(), c.err()]).toEqual([stdout, '']);
  });

  it.each<[OutputFormat, string]>([
    ['json', pretty([A, { index: 1, error: 'x' }])],
    ['ndjson', ''],
    ['ids', ''],
    ['table', listHeader + rowA],
  ])('createdBatch as %s', async (format, stdout) => {
    const c = make(format);
    await c.r.createdBatch([A, { index: 1, error: 'x' }]);
    expect([c.out(), c.err()]).toEqual([stdout, '']);
  });

  it('createdBatch in text with nothing created: nothing', async () => {
    const c = make('table');
    await c.r.createdBatch([{ index: 0, error: 'x' }]);
    expect([c.out(), c.err()]).toEqual(['', '']);
  });
});

describe('deletes', () => {
  it.each<[OutputFormat, string]>([
    ['json', ''],
    ['ndjson', ''],
    ['ids', ''],
    ['table', 'not found, skipped: x\u001b\n'.replace('\u001b', '\\x1b')],
  ])('deleteSkipped as %s', (format, stderr) => {
    const c = make(format);
    c.r.deleteSkipped('x\u001b');
    expect([c.out(), c.err()]).toEqual(['', stderr]);
  });

  it.each<[OutputFormat, string]>([
    ['json', ''],
    ['ndjson', ''],
    ['ids', ''],
    ['table', '✓ deleted a (id-a)\nnot found, skipped: a (id-a)\n'],
  ])('deletedItem as %s', (format, stderr) => {
    const c = make(format);
    c.r.deletedItem(A, true);
    c.r.deletedItem(A, false);
    expect([c.out(), c.err()]).toEqual(['', stderr]);
  });

  const rows = [
    { service_id: 'id-a', deleted: true },
    { service_id: 'id-b', deleted: false },
  ];
  it.each<[OutputFormat, typeof rows, boolean, string]>([
    ['json', rows, false, pretty(rows)],
    ['json', rows.slice(0, 1), true, pretty(rows[0])],
    ['json', rows.slice(0, 1), false, pretty(rows.slice(0, 1))],
    ['json', rows, true, pretty(rows)],
    ['ndjson', rows, false, line(rows[0]) + line(rows[1])],
    ['ids', rows, false, 'id-a\n'],
    ['table', rows, true, ''],
  ])('deleteRows as %s (single: %s)', (format, given, single, stdout) => {
    const c = make(format);
    c.r.deleteRows(given, single);
    expect([c.out(), c.err()]).toEqual([stdout, '']);
  });
});

describe('apply', () => {
  it.each<[OutputFormat, string]>([
    ['json', ''],
    ['ndjson', ''],
    ['ids', ''],
    ['table', '+ create a\n~ update b\n'],
  ])('plan as %s', (format, stdout) => {
    const c = make(format);
    c.r.plan(['+ create a', '~ update b']);
    expect([c.out(), c.err()]).toEqual([stdout, '']);
  });

  it.each<[OutputFormat, string, string]>([
    ['json', '', ''],
    ['ndjson', line({ action: 'create', service_id: 'id-a' }), ''],
    ['ids', 'id-a\n', ''],
    ['table', '', '✓ created a\n'],
  ])('appliedItem as %s', (format, stdout, stderr) => {
    const c = make(format);
    c.r.appliedItem({ action: 'create', service_id: 'id-a' }, 'created a');
    expect([c.out(), c.err()]).toEqual([stdout, stderr]);
  });

  it.each<[OutputFormat, string]>([
    ['json', pretty({ plan: [{ action: 'create' }], outcome: [{ ok: true }] })],
    ['ndjson', ''],
    ['ids', ''],
    ['table', ''],
  ])('applied as %s', (format, stdout) => {
    const c = make(format);
    c.r.applied([{ action: 'create' }], [{ ok: true }]);
    expect([c.out(), c.err()]).toEqual([stdout, '']);
  });
});

describe('export definitions', () => {
  const name = (s: { name: string }) => ({ name: s.name });
  it.each<[OutputFormat, 'json' | 'ndjson' | undefined, string]>([
    ['table', 'json', pretty([{ name: 'a' }, { name: 'b' }])],
    ['table', undefined, pretty([{ name: 'a' }, { name: 'b' }])],
    ['table', 'ndjson', line({ name: 'a' }) + line({ name: 'b' })],
    ['json', undefined, pretty([{ name: 'a' }, { name: 'b' }])],
    ['ndjson', undefined, line({ name: 'a' }) + line({ name: 'b' })],
    ['ids', undefined, 'id-a\nid-b\n'],
  ])('output %s, --format %s', async (format, given, stdout) => {
    const c = make(format);
    const sink = c.r.exported(given, name);
    await sink.page([A]);
    await sink.page([B]);
    await sink.end();
    expect([c.out(), c.err()]).toEqual([stdout, '']);
  });

  it.each<[OutputFormat, 'json' | 'ndjson' | undefined]>([
    ['table', 'ndjson'],
    ['ids', undefined],
  ])('%s waits for drain when stdout is full', async (format, given) => {
    const c = make(format);
    c.stdout.full = true;
    let settled = false;
    const p = c.r.exported(given, name).page([A]).then(() => (settled = true));
    for (let i = 0; i < 5; i++) await Promise.resolve();
    expect(settled).toBe(false);
    c.stdout.emit('drain');
    await p;
  });

  it('json empty: []', async () => {
    const c = make('table');
    await c.r.exported('json', name).end();
    expect(c.out()).toBe('[]\n');
  });
});

describe('doctor report', () => {
  const ok = { subject: 'db', check: 'x', status: 'ok', message: 'reachable', hint: null };
  const fail = { subject: 'db', check: 'y', status: 'fail', message: 'no tunnel', hint: 'run x' };
  it.each<[OutputFormat, string]>([
    ['json', pretty([ok, fail])],
    ['ndjson', line(ok) + line(fail)],
    ['table', 'db\n  ✓ reachable\n  ✗ no tunnel\n      → run x\n\n1 ok, 0 warnings, 1 failed, 0 skipped\n'],
  ])('%s', async (format, stdout) => {
    const c = make(format);
    const sink = c.r.doctorReport();
    await sink.add(ok as never);
    await sink.add(fail as never);
    await sink.end({ ok: 1, warn: 0, fail: 1, skipped: 0 } as never);
    expect([c.out(), c.err()]).toEqual([stdout, '']);
  });

  it('ndjson waits for drain when stdout is full', async () => {
    const c = make('ndjson');
    c.stdout.full = true;
    let settled = false;
    const p = c.r.doctorReport().add(ok as never).then(() => (settled = true));
    for (let i = 0; i < 5; i++) await Promise.resolve();
    expect(settled).toBe(false);
    c.stdout.emit('drain');
    await p;
    expect(c.out()).toBe(line(ok));
  });

  it('ndjson end writes nothing', async () => {
    const c = make('ndjson');
    await c.r.doctorReport().end({ ok: 0, warn: 0, fail: 0, skipped: 0 } as never);
    expect(c.out()).toBe('');
  });
});

describe('record', () => {
  it.each<[OutputFormat, string]>([
    ['json', pretty({ account: 'x' })],
    ['table', 'account  x\nsource   env\n'],
    ['ids', 'account  x\nsource   env\n'],
  ])('%s', async (format, stdout) => {
    const c = make(format);
    await c.r.record({ account: 'x' }, [
      ['account', 'x'],
      ['source', 'env'],
    ]);
    expect([c.out(), c.err()]).toEqual([stdout, '']);
  });
});
