import { closeSync, mkdirSync, mkdtempSync, openSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors';
import { parseDefinitions, readDefinitions } from '../../../src/io/definitions-file';
import { jsonErrorAt, literalAt } from '../../../src/io/json-position';

describe('reading definitions', () => {
  it.each([
    ['{"name":"a"}', [{ name: 'a' }], false],
    ['[{"name":"a"},{"name":"b"}]', [{ name: 'a' }, { name: 'b' }], true],
    ['{"name":"a"}\n{"name":"b"}\n', [{ name: 'a' }, { name: 'b' }], true],
    ['\uFEFF{"name":"a"}', [{ name: 'a' }], false],
    ['{"name":"a"}\r\n\r\n{"name":"b"}', [{ name: 'a' }, { name: 'b' }], true],
    // An empty list is valid (apply on an empty account); create refuses it itself.
    ['[]', [], true],
  ])('%j', (text, items, batch) => {
    expect(parseDefinitions(text, 'f')).toEqual({ items, batch });
  });

  it.each([
    ['', 'f: is empty'],
    ['"x"', 'must hold a JSON object'],
    ['[1]', '[0]: must be a JSON object'],
    ['{"a":1}\n[1]', 'line 2: must be a JSON object'],
    ['{"a":1}\n{"b":', 'invalid JSON at line 2, column 6: the input ends too early'],
    ['{\n  "a": 1,\n  "b": nope\n}', 'invalid JSON at line 3, column 8'],
    ['{"a": 1,}', 'line 1, column 9: expected a quoted key but found "}"'],
    ["{'a': 1}", 'line 1, column 2: expected a quoted key'],
    ['{"a": 1} x', 'line 1, column 10: unexpected "x" after the end'],
    ['{"name": "a', 'line 1, column 12: the input ends too early (an unterminated string)'],
  ])('%j -> %s', (text, message) => {
    expect(() => parseDefinitions(text, 'f')).toThrow(message);
  });
});

describe('locating JSON errors', () => {
  it.each([
    ['{"a":1}', undefined],
    ['[1, 2, [3, {"x": null}]]', undefined],
    ['{"a":}', 5],
    ['[1 2]', 3],
    ['{"a":1', 6],
    ['-', 0],
  ])('%j', (text, offset) => {
    expect(jsonErrorAt(text)?.offset).toBe(offset);
  });
});

describe('hostile definitions files', () => {
  it.each([
    ['{"__proto__":{"type":"tcp"}}', 'f: __proto__: this key is not allowed'],
    ['{"constructor":{}}', 'f: constructor: this key is not allowed'],
    ['{"prototype":1}', 'f: prototype: this key is not allowed'],
    ['{"\\u005f_proto__":{}}', 'f: __proto__: this key is not allowed'],
    ['{"tls_settings":{"__proto__":{"cert_verification_mode":"disabled"}}}', 'f: tls_settings.__proto__: this key is not allowed'],
    ['[{"name":"a"},{"host":{"network":{"constructor":{}}}}]', 'f: [1].host.network.constructor: this key is not allowed'],
    ['{"name":"a"}\n{"host":{"resolver_network":{"resolver_ips":[{"__proto__":1}]}}}', 'f: [1].host.resolver_network.resolver_ips[0].__proto__: this key is not allowed'],
  ])('%j is refused naming the JSON path', (text, message) => {
    expect(() => parseDefinitions(text, 'f')).toThrow(message);
  });

  it('reports every forbidden key, one line each', () => {
    try {
      parseDefinitions('{"__proto__":{},"tls_settings":{"constructor":1}}', 'f');
      expect.unreachable();
    } catch (e) {
      expect((e as { problems: string[] }).problems).toEqual([
        'f: __proto__: this key is not allowed (it could change how the definition is read)',
        'f: tls_settings.constructor: this key is not allowed (it could change how the definition is read)',
      ]);
    }
  });

  it('a key that merely contains the word is fine', () => {
    expect(parseDefinitions('{"name":"__proto__","x_constructor":1}', 'f').items).toEqual([{ name: '__proto__', x_constructor: 1 }]);
  });

  it.each([
    ['['.repeat(100_000), 'f: nesting deeper than 64 levels at line 1, column 65'],
    [`{"a":${'{"b":'.repeat(70)}`, 'f: nesting deeper than 64 levels at line 1, column 321'],
    ['{"name":"a"}\n' + '['.repeat(100), 'f: nesting deeper than 64 levels at line 2, column 65'],
  ])('deep nesting is refused without overflowing the stack', (text, message) => {
    expect(() => parseDefinitions(text, 'f')).toThrow(message);
  });

  it('brackets inside strings do not count as nesting', () => {
    expect(parseDefinitions(`{"name":"${'['.repeat(100)}\\"{"}`, 'f').items[0]!.name).toBe(`${'['.repeat(100)}"{`);
  });

  it.each([
    ['{"tcp_port":1e400}', 'f: tcp_port: the number 1e400 is too large to use (got 1e400)'],
    ['{"tcp_port":-1E+999}', 'f: tcp_port: the number -1E+999 is too large to use (got -1E+999)'],
    ['[{"name":"a"},{"http_port":1e400}]', 'f: [1].http_port: the number 1e400 is too large to use (got 1e400)'],
  ])('%j keeps the number as written', (text, message) => {
    expect(() => parseDefinitions(text, 'f')).toThrow(message);
  });
});

describe('the literal text at a JSON path', () => {
  it.each([
    ['{"tcp_port": 1e400}', ['tcp_port'], '1e400'],
    ['{"a": "x\\"]}", "b": [1, [2, -0E-0], {"c": 5432.0}]}', ['b', 1, 1], '-0E-0'],
    ['{"a": "x\\"]}", "b": [1, [2, 3], {"c": 5432.0}]}', ['b', 2, 'c'], '5432.0'],
    ['{"a": 1, "a": 2e999}', ['a'], '2e999'],
    ['[{}, [], {"x": {"y": true}}]', [2, 'x', 'y'], 'true'],
    ['{"\\u0061": 7}', ['a'], '7'],
    ['{"a": 1}', ['b'], undefined],
  ])('%s at %j', (text, path, literal) => {
    expect(literalAt(text, path as (string | number)[])).toBe(literal);
  });
});

describe('reading a definitions file from disk or stdin', () => {
  const dir = () => mkdtempSync(join(tmpdir(), 'definitions-file-'));
  const from = (cwd: string, stdin: NodeJS.ReadableStream = Readable.from([]), signal = new AbortController().signal) => ({ cwd, stdin, signal });
  const usage = (message: string) => new UsageError(message);

  it('a path is read relative to the working folder', async () => {
    const d = dir();
    mkdirSync(join(d, 'sub'));
    writeFileSync(join(d, 'sub', 'a.json'), '{"name":"a"}');
    expect(await readDefinitions(from(d), 'sub/a.json')).toEqual({ items: [{ name: 'a' }], batch: false });
    expect(await readDefinitions(from(tmpdir()), join(d, 'sub', 'a.json'))).toEqual({ items: [{ name: 'a' }], batch: false });
  });

  it('"-" reads stdin, and messages name it so', async () => {
    expect(await readDefinitions(from(dir(), Readable.from([Buffer.from('[{"name":"a"}]')])), '-')).toEqual({ items: [{ name: 'a' }], batch: true });
    await expect(readDefinitions(from(dir(), Readable.from([Buffer.from('{')])), '-')).rejects.toThrow(usage('--file - (stdin): invalid JSON at line 1, column 2: the input ends too early (truncated?)'));
  });

  it('a file that is not there, or a folder, is refused naming the flag and the path', async () => {
    const d = dir();
    mkdirSync(join(d, 'defs'));
    await expect(readDefinitions(from(d), 'nope.json')).rejects.toThrow(usage('--file nope.json: cannot be read: there is no such file (ENOENT)'));
    await expect(readDefinitions(from(d), 'defs')).rejects.toThrow(usage('--file defs: is a folder, not a file'));
    writeFileSync(join(d, 'file'), '');
    await expect(readDefinitions(from(d), 'file/x.json')).rejects.toThrow(usage('--file file/x.json: cannot be read: a part of the path is not a folder (ENOTDIR)'));
  });

  it('the size limit: exactly the limit is read; over it is refused from the size alone, before reading', async () => {
    const d = dir();
    const body = '{"name":"a"}';
    writeFileSync(join(d, 'edge.json'), body + ' '.repeat(2048 - body.length));
    expect(await readDefinitions(from(d), 'edge.json', 2048)).toEqual({ items: [{ name: 'a' }], batch: false });
    writeFileSync(join(d, 'over.json'), body + ' '.repeat(2049 - body.length));
    await expect(readDefinitions(from(d), 'over.json', 2048)).rejects.toThrow(usage('--file over.json: is 3 KiB, over the 2 KiB limit; refused'));
    // A sparse file: its size says 11 MiB, and no byte of it is read.
    const sparse = join(d, 'sparse.json');
    closeSync(openSync(sparse, 'w'));
    truncateSync(sparse, 11 * 1024 * 1024);
    await expect(readDefinitions(from(d), 'sparse.json')).rejects.toThrow(usage('--file sparse.json: is 11 MiB, over the 10 MiB limit; refused'));
  });

  it('stdin over the limit is refused while reading', async () => {
    await expect(readDefinitions(from(dir(), Readable.from([Buffer.from('{"name":'), Buffer.from('"a"}')])), '-', 10)).rejects.toThrow(usage('--file - (stdin): input is larger than 1 KiB; refused'));
    expect(await readDefinitions(from(dir(), Readable.from([Buffer.from('{"name":'), Buffer.from('"a"}')])), '-', 12)).toEqual({ items: [{ name: 'a' }], batch: false });
  });

  it('an abort (Ctrl-C) ends the read, from a file and from stdin', async () => {
    const d = dir();
    writeFileSync(join(d, 'a.json'), '{"name":"a"}');
    const ac = new AbortController();
    ac.abort();
    await expect(readDefinitions(from(d, Readable.from([]), ac.signal), 'a.json')).rejects.toMatchObject({ name: 'AbortError' });
    await expect(readDefinitions(from(d, Readable.from([Buffer.from('{"name":"a"}')]), ac.signal), '-')).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('the shape of a definitions text, exactly', () => {
  const refusal = (text: string) => {
    try {
      parseDefinitions(text, 'f');
    } catch (e) {
      const u = e as UsageError;
      return { message: u.message, problems: u.problems, hints: u.hints };
    }
    throw new Error('not refused');
  };

  it.each([
    ['{"$schema":"https://example.com/s.json","name":"a"}', [{ name: 'a' }], false],
    ['[{"$schema":"x","name":"a"}]', [{ $schema: 'x', name: 'a' }], true],
    ['{"name":"a"}\n{"$schema":"x"}', [{ name: 'a' }, { $schema: 'x' }], true],
    ['  \n{"name":"a"}\n\n', [{ name: 'a' }], false],
    ['[{"a":{"b":[1,{"c":null}]}}]', [{ a: { b: [1, { c: null }] } }], true],
    // Only a leading byte order mark is dropped.
    ['\uFEFF{"name":"\uFEFFa"}', [{ name: '\uFEFFa' }], false],
    // NDJSON: lines of blanks between definitions are skipped.
    ['{"a":1}\n \t\n{"b":2}', [{ a: 1 }, { b: 2 }], true],
  ])('%j', (text, items, batch) => {
    expect(parseDefinitions(text, 'f')).toEqual({ items, batch });
  });

  it.each([
    ['', 'f: is empty; expected a JSON object, an array of objects, or NDJSON'],
    [' \n\t\r\n', 'f: is empty; expected a JSON object, an array of objects, or NDJSON'],
    ['\uFEFF  ', 'f: is empty; expected a JSON object, an array of objects, or NDJSON'],
    ['null', 'f: must hold a JSON object, an array of objects, or NDJSON (got null)'],
    ['12', 'f: must hold a JSON object, an array of objects, or NDJSON (got 12)'],
    ['"x"', 'f: must hold a JSON object, an array of objects, or NDJSON (got "x")'],
    ['[{}, null]', 'f: [1]: must be a JSON object (a service definition)'],
    ['[{}, {}, []]', 'f: [2]: must be a JSON object (a service definition)'],
    ['[{}, "x"]', 'f: [1]: must be a JSON object (a service definition)'],
    ['{"$schema":1}', 'f: $schema: must be a string, the URL or path of the JSON Schema (got 1)'],
    ['{"$schema":null,"name":"a"}', 'f: $schema: must be a string, the URL or path of the JSON Schema (got null)'],
    // Not NDJSON (one line, or a first line that is not JSON): the whole text's first error.
    ['x\n{"a":1}', 'f: invalid JSON at line 1, column 1: unexpected "x" (strings need double quotes)'],
    ['1\n', 'f: must hold a JSON object, an array of objects, or NDJSON (got 1)'],
    ['{"a":\n1,}', 'f: invalid JSON at line 2, column 3: expected a quoted key but found "}"'],
    // NDJSON: the line counts blank lines; the column is within the line.
    ['{"a":1}\n\n{"b":}', 'f: invalid JSON at line 3, column 6: unexpected "}" (strings need double quotes)'],
    ['{"a":1}\r\n{"b":1}\r\n{"c":"\\q"}', 'f: invalid JSON at line 3, column 7: an invalid escape in a string'],
    ['{"a":1}\nnull', 'f: line 2: must be a JSON object (a service definition)'],
    ['{"a":1}\n\n"x"', 'f: line 3: must be a JSON object (a service definition)'],
    ['{"a":1}\n[{"b":1}]', 'f: line 2: must be a JSON object (a service definition)'],
    ['1\n{"a":1}', 'f: line 1: must be a JSON object (a service definition)'],
    // Comments are not JSON: their brackets count towards the nesting.
    [`/* ${'['.repeat(65)} */`, 'f: nesting deeper than 64 levels at line 1, column 68'],
    // Numbers too large, with their source text, in each shape.
    ['{"a":[1,1e999]}', 'f: a[1]: the number 1e999 is too large to use (got 1e999)'],
    ['[{"a":1},{"p":{"q":-2E999}}]', 'f: [1].p.q: the number -2E999 is too large to use (got -2E999)'],
    ['{"a":1}\r\n\r\n{"p":1e400}', 'f: [1].p: the number 1e400 is too large to use (got 1e400)'],
  ])('%j -> %s', (text, message) => {
    expect(refusal(text).message).toBe(message);
  });

  it('every problem is listed, and the refusal says nothing was sent', () => {
    expect(refusal('[{"a":1e999,"__proto__":{}},{"b":[2e999]}]')).toEqual({
      message: 'f: [0].a: the number 1e999 is too large to use (got 1e999)',
      problems: [
        'f: [0].a: the number 1e999 is too large to use (got 1e999)',
        'f: [0].__proto__: this key is not allowed (it could change how the definition is read)',
        'f: [1].b[0]: the number 2e999 is too large to use (got 2e999)',
      ],
      hints: ['nothing was sent'],
    });
  });
});
