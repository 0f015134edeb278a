import { describe, expect, it } from 'vitest';
import { escapeControl, escapeJson, stringifyJson } from '../../../src/output/escape';

/** Every edge of the escaped ranges, and the character just outside each. */
const escaped: [string, string][] = [
  ['\u0000', '\\x00'],
  ['\u0001', '\\x01'],
  ['\u000b', '\\x0b'],
  ['\u001f', '\\x1f'],
  ['\u007f', '\\x7f'],
  ['\u0080', '\\x80'],
  ['\u009f', '\\x9f'],
  ['\u061c', '\\u061c'],
  ['\u200b', '\\u200b'],
  ['\u200f', '\\u200f'],
  ['\u2028', '\\u2028'],
  ['\u202e', '\\u202e'],
  ['\u2060', '\\u2060'],
  ['\u2069', '\\u2069'],
  ['\ufeff', '\\ufeff'],
];
const kept = ['\u0020', '~', '\u007e', '\u00a0', '\u00ff', '\u061b', '\u061d', '\u200a', '\u2010', '\u2027', '\u202f', '\u205f', '\u206a', '\ufefe', '\uff00'];

describe('escapeControl at the edges of every range', () => {
  it.each(escaped)('%j is escaped as %s, in the middle of text too', (c, out) => {
    expect(escapeControl(c)).toBe(out);
    expect(escapeControl(`a${c}b${c}`)).toBe(`a${out}b${out}`);
  });

  it.each(kept)('%j is kept', (c) => {
    expect(escapeControl(`a${c}b`)).toBe(`a${c}b`);
  });

  it('newline, carriage return and tab get their short escapes, every occurrence', () => {
    expect(escapeControl('\n\r\t\n\r\t')).toBe('\\n\\r\\t\\n\\r\\t');
  });
});

describe('escapeJson at the edges of its ranges', () => {
  it.each(escaped.filter(([c]) => c.charCodeAt(0) >= 0x7f))('%j becomes a \\u escape', (c) => {
    const hex = c.charCodeAt(0).toString(16).padStart(4, '0');
    expect(escapeJson(`"a${c}b${c}"`)).toBe(`"a\\u${hex}b\\u${hex}"`);
  });

  it.each(kept.concat(['\u001f', '\u0000']))('%j is left as JSON.stringify wrote it', (c) => {
    const json = JSON.stringify(`a${c}b`);
    expect(escapeJson(json)).toBe(json);
  });
});

describe('stringifyJson', () => {
  it('compact without an indent, indented with one, and escaped either way', () => {
    expect(stringifyJson({ a: [1, 'x\u202e'] })).toBe('{"a":[1,"x\\u202e"]}');
    expect(stringifyJson({ a: [1] }, 2)).toBe('{\n  "a": [\n    1\n  ]\n}');
  });
});
