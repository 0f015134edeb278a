import { describe, expect, it } from 'vitest';
import { jsonErrorAt, lineColumn, literalAt, MAX_NESTING, nestingTooDeep } from '../../../src/io/json-position';

const END = 'the input ends too early (truncated?)';
const UNTERMINATED = 'the input ends too early (an unterminated string)';
const CONTROL = 'a control character inside a string';
const after = (c: string) => `unexpected ${JSON.stringify(c)} after the end of the JSON value`;
const unexpected = (c: string) => `unexpected ${JSON.stringify(c)} (strings need double quotes)`;

describe('where a JSON text first goes wrong', () => {
  it.each([
    // Nothing, or only white space.
    ['', 0, END],
    ['   ', 3, END],
    [' \t\r\n', 4, END],
    // Objects.
    ['{', 1, END],
    ['{ ', 2, END],
    ['{"a"', 4, END],
    ['{"a":', 5, END],
    ['{"a":1', 6, END],
    ['{"a":1 ', 7, END],
    ['{"a":1,', 7, END],
    ['{"a":1, ', 8, END],
    ['{"a" 1}', 5, 'expected ":" but found "1"'],
    ['{"a"\n:1 "b":2}', 8, 'expected "," or "}" but found "\\""'],
    ['{"a":1]', 6, 'expected "," or "}" but found "]"'],
    ['{"a":1,}', 7, 'expected a quoted key but found "}"'],
    ['{ "a":1, }', 9, 'expected a quoted key but found "}"'],
    ['{,}', 1, 'expected a quoted key but found ","'],
    ["{'a':1}", 1, `expected a quoted key but found "'"`],
    ['{"k\\"":1,}', 9, 'expected a quoted key but found "}"'],
    ['{"a":tru}', 5, unexpected('t')],
    // Arrays.
    ['[', 1, END],
    ['[ ', 2, END],
    ['[1', 2, END],
    ['[1 ', 3, END],
    ['[1,', 3, END],
    ['[1 2]', 3, 'expected "," or "]" but found "2"'],
    ['[1}', 2, 'expected "," or "]" but found "}"'],
    ['[1,]', 3, unexpected(']')],
    ['[-]', 1, unexpected('-')],
    // Strings.
    ['"abc', 4, UNTERMINATED],
    ['"a\\"', 4, UNTERMINATED],
    // A backslash as the last character: the position is the end of the text, not past it.
    ['"\\', 2, UNTERMINATED],
    ['["a', 3, UNTERMINATED],
    ['"a\u0001"', 2, CONTROL],
    ['"a\u001fb"', 2, CONTROL],
    ['"\u0000"', 1, CONTROL],
    // Escapes: only those JSON knows.
    ['{"a":"\\q"}', 6, 'an invalid escape in a string'],
    ['"ab\\u12x"', 3, 'an invalid escape in a string'],
    ['"\\u00e9\\U0041"', 7, 'an invalid escape in a string'],
    ['"\\u00G0"', 1, 'an invalid escape in a string'],
    ['"\\\u0001"', 1, 'an invalid escape in a string'],
    ['"\\ "', 1, 'an invalid escape in a string'],
    // Literals and numbers.
    ['tru', 0, unexpected('t')],
    ['nul', 0, unexpected('n')],
    ['True', 0, unexpected('T')],
    ['-', 0, unexpected('-')],
    ['+1', 0, unexpected('+')],
    ['.5', 0, unexpected('.')],
    ["'a'", 0, unexpected("'")],
    ['01', 1, after('1')],
    ['-01', 2, after('1')],
    ['1.', 1, after('.')],
    ['1.e5', 1, after('.')],
    ['1e', 1, after('e')],
    ['1e+', 1, after('e')],
    // After the value.
    ['{"a":1}x', 7, after('x')],
    ['{"a":1} x', 8, after('x')],
    ['[1,2]]', 5, after(']')],
    ['"a" "b"', 4, after('"')],
    ['{"a":1}\n\n}', 9, after('}')],
    ['{"a" : [ 1 , "x" ] , "b" : { } } ,', 33, after(',')],
    ['[1e5, -0.5E-3, 2e+1, 0, true, false, null] x', 43, after('x')],
    ['\n\n  {"a":\n   x}', 13, unexpected('x')],
    // A number of any length is one token: the problem is after it, not inside it.
    [`[${'1'.repeat(500)} x]`, 502, 'expected "," or "]" but found "x"'],
    [`${'9'.repeat(1000)}.5e3 !`, 1005, after('!')],
  ])('%j: offset %d, %s', (text, offset, problem) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(jsonErrorAt(text)).toEqual({ offset, problem });
  });

  it.each([
    '{}',
    '[]',
    '{ }',
    '[ ]',
    ' \t\n\r1 \t\n\r',
    '"a b\u007f\u00e9"',
    '"a\\"b"',
    '"\\\\"',
    '"a\\u0041\\n"',
    '"\\"\\\\\\/\\b\\f\\n\\r\\t\\u00aF\\uABcd"',
    'true',
    'false',
    'null',
    '0',
    '-0',
    '-0.5E-3',
    '1e+5',
    '12.25e-10',
    '[1e5, -0.5E-3, 2e+1, 0, true, false, null]',
    '{"a":[1,{"b":"c\\"d"}],"e":true,"f":{}}',
    '{ "a" : [ 1 , "x" ] , "b" : { } }',
    '[[[]], {}, [{}]]',
    `[${'1'.repeat(500)}]`,
  ])('%j is valid', (text) => {
    expect(() => JSON.parse(text)).not.toThrow();
    expect(jsonErrorAt(text)).toBeUndefined();
  });

  it('lets other errors through: too deep a text overflows the stack, which callers prevent with nestingTooDeep', () => {
    expect(() => jsonErrorAt('['.repeat(1_000_000))).toThrow(RangeError);
  });
});

describe('line and column of an offset', () => {
  it.each([
    ['abc', 0, 1, 1],
    ['abc', 2, 1, 3],
    ['abc', 3, 1, 4],
    ['a\nbc', 1, 1, 2],
    ['a\nbc', 2, 2, 1],
    ['a\nbc', 3, 2, 2],
    ['a\n', 2, 2, 1],
    ['\n\n\nxyz', 5, 4, 3],
    ['ab\ncd\nef', 7, 3, 2],
  ])('%j at %d is line %d, column %d', (text, offset, line, column) => {
    expect(lineColumn(text, offset)).toEqual({ line, column });
  });
});

describe('how deep the nesting goes', () => {
  it('64 levels by default', () => {
    expect(MAX_NESTING).toBe(64);
    expect(nestingTooDeep('['.repeat(64) + ']'.repeat(64))).toBeUndefined();
    expect(nestingTooDeep('['.repeat(65))).toBe(64);
    expect(nestingTooDeep(' {'.repeat(65))).toBe(129);
  });

  it.each([
    ['', 1, undefined],
    ['[', 1, undefined],
    ['{', 1, undefined],
    ['[[', 1, 1],
    ['{{', 1, 1],
    ['[{', 1, 1],
    ['[]{}[', 1, undefined],
    ['[][[', 1, 3],
    ['{}{{', 1, 3],
    ['[[]', 1, 1],
    ['[[][[', 2, 4],
    ['{{}{{', 2, 4],
    // A stray closer never makes room for more openers.
    [']]]][[', 1, 5],
    ['}}}}{{', 1, 5],
    ['[[[', 0, 0],
    // Brackets inside strings, escapes included, do not count.
    ['"[["[', 1, undefined],
    ['"\\"[["[', 1, undefined],
    ['"\\\\"[[', 1, 5],
    ['["]]"[', 1, 5],
    ['"[[', 1, undefined],
    ['"a\\', 1, undefined],
    // Without comment support, a comment's brackets count.
    ['// [[\n[', 1, 4],
    ['/* [[ */[', 1, 4],
  ])('%j with at most %d levels: %s', (text, max, at) => {
    expect(nestingTooDeep(text, max)).toBe(at);
  });

  it.each([
    ['// [[\n[', undefined],
    ['// [[\n[[', 7],
    ['[// ]]\n[', 7],
    ['/* [[ */[', undefined],
    ['/* [[ */[[', 9],
    ['/* [[ [[', undefined],
    ['/*/ [[', undefined],
    ['/**/[[', 5],
    ['/* */* [[ */', 8],
    ['/[[', 2],
    // A comment's end followed by a slash is not a line comment; a star after any other character opens nothing.
    ['/**//[[', 6],
    ['[*[', 2],
    ['[/[', 2],
    ['"// [["[', undefined],
    ['"/* "[[', 6],
  ])('JSONC %j with at most 1 level: %s', (text, at) => {
    expect(nestingTooDeep(text, 1, true)).toBe(at);
  });
});

describe('the literal text at a JSON path', () => {
  it.each([
    ['1e400', [], '1e400'],
    [' -1E+999 ', [], '-1E+999'],
    ['"a\\"b"', [], '"a\\"b"'],
    ['[1,2,3]', [2], '3'],
    ['[ 1 , 2 , 3 ]', [1], '2'],
    ['[\t1\n,\r2]', [1], '2'],
    ['[1,2,3]', [3], undefined],
    ['[1,2,3]', [0, 0], undefined],
    ['[[1,2],[3,4]]', [1, 0], '3'],
    ['[[1,2],[3,4]]', [1], undefined],
    ['{"a":{"b":1},"c":2}', ['c'], '2'],
    ['{ "a" : { "b" : 1 } , "c" : 2 }', ['a', 'b'], '1'],
    ['{"a":"x,]} y","b":true}', ['a'], '"x,]} y"'],
    ['{"a":"x,]} y","b":true}', ['b'], 'true'],
    ['{"a\\\\":1,"b":2}', ['b'], '2'],
    ['{"a\\\\":1,"b":2}', ['a\\'], '1'],
    ['{"a":null}', ['a'], 'null'],
    ['{"a":1,"b":{"a":9}}', ['a'], '1'],
    ['[{"a":1},{"a":2}]', [1, 'a'], '2'],
    ['{"0":5}', [0], undefined],
    ['[5]', ['0'], undefined],
  ])('%j at %j: %s', (text, path, literal) => {
    expect(literalAt(text, path as (string | number)[])).toBe(literal);
  });
});
