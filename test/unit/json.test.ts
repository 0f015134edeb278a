import { describe, expect, it } from 'vitest';
import { parseDefinitions } from '../../src/service/json';
import { jsonErrorAt } from '../../src/service/json-position';

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
