import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addBindingToWranglerConfig, editText } from '../../../src/io/wrangler-config';

// An entry already there is changed field by field: what is already right is not touched (so
// the same binding twice is "already in", whatever the file looked like), and fields of the
// entry that vpcsvc does not write are kept.
const ID = '550e8400-e29b-41d4-a716-446655440000';
const entry = { binding: 'ORDERS_DB', service_id: ID, remote: true as const };
const config = (text: string) => {
  const path = join(mkdtempSync(join(tmpdir(), 'wrangler-entry-')), 'wrangler.jsonc');
  writeFileSync(path, text);
  return path;
};

describe('an entry already in the file', () => {
  it.each([
    ['an empty object', '{}'],
    ['an empty object on its own lines', '{\n}\n'],
    ['a tab-indented file', '{\n\t"name": "w"\n}\n'],
    ['an empty list on one line', '{ "vpc_services": [] }'],
    ['a byte order mark', '\ufeff{}'],
  ])('the same binding a second time, into %s: already there, the file not rewritten', async (_, text) => {
    const path = config(text);
    expect(await addBindingToWranglerConfig(path, entry)).toEqual({ kind: 'added', path });
    const written = readFileSync(path, 'utf8');
    const ino = statSync(path).ino;
    expect(await addBindingToWranglerConfig(path, entry)).toEqual({ kind: 'unchanged', path });
    expect([readFileSync(path, 'utf8'), statSync(path).ino]).toEqual([written, ino]);
  });

  it('a right entry laid out by hand, with fields in another order, is left alone', () => {
    const text = `{\n  "vpc_services": [ { "remote": true, "service_id": "${ID}", "binding": "ORDERS_DB" } ]\n}\n`;
    expect(editText(text, entry).text).toBe(text);
  });

  it('a right value written another way (an escape) is right: left alone', () => {
    const text = `{"vpc_services":[{"binding":"ORDERS\\u005fDB","service_id":"${ID}","remote":true}]}`;
    expect(editText(text, entry).text).toBe(text);
  });

  it('this service under another name: only the name changes, other fields and comments stay', () => {
    const text = `{\n  "vpc_services": [\n    { "binding": "OLD", /* db */ "service_id": "${ID}", "remote": true, "note": 1 }\n  ]\n}\n`;
    expect(editText(text, entry)).toEqual({ text: text.replace('"OLD"', '"ORDERS_DB"'), kind: 'updated' });
  });

  it('remote false becomes true, in place', () => {
    const text = `{"vpc_services":[{"binding":"ORDERS_DB","service_id":"${ID}","remote":false,"x":[1]}]}`;
    expect(editText(text, entry)).toEqual({ text: text.replace('false', 'true'), kind: 'updated' });
  });

  it('remote missing is added to the entry, the rest kept', () => {
    const text = `{"vpc_services":[{"binding":"ORDERS_DB","service_id":"${ID}","x":1}]}`;
    const out = editText(text, entry);
    expect(out.kind).toBe('updated');
    expect(JSON.parse(out.text)).toEqual({ vpc_services: [{ binding: 'ORDERS_DB', service_id: ID, x: 1, remote: true }] });
    expect(out.text.startsWith(`{"vpc_services":[{"binding":"ORDERS_DB","service_id":"${ID}","x":1,`)).toBe(true);
  });

  it('remote as the string "true" is not true: it is set', () => {
    const text = `{"vpc_services":[{"binding":"ORDERS_DB","service_id":"${ID}","remote":"true"}]}`;
    expect(editText(text, entry)).toEqual({ text: text.replace('"true"', 'true'), kind: 'updated' });
  });
});
