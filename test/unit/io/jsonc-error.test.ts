import { parse, type ParseError } from 'jsonc-parser';
import { describe, expect, it } from 'vitest';
import { jsoncErrorAt } from '../../../src/io/jsonc-error';

// Each of jsonc-parser's errors as the first error of a real text, in words with line and column.
const first = (text: string): string => {
  const errors: ParseError[] = [];
  parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  expect(errors.length).toBeGreaterThan(0);
  return jsoncErrorAt(text, errors[0]!);
};

describe('jsoncErrorAt', () => {
  it.each<[string, string, string]>([
    ['an unexpected character', '{ not json', 'line 1, column 3: an unexpected character "n"'],
    ['a property name expected', '{"a": 1, 2: 3}', 'line 1, column 10: expected a property name in double quotes'],
    ['a property name at the end', '{"a": 1, ', 'line 1, column 10: the text ends too early (truncated?)'],
    ['a value expected', '{"a": }', 'line 1, column 7: expected a value'],
    ['a value at the end', '{"name": ', 'line 1, column 10: the text ends too early (truncated?)'],
    ['nothing at all', '', 'line 1, column 1: the text ends too early (truncated?)'],
    ['a number cut short', '{"a": 1.}', 'line 1, column 7: a number cut short'],
    ['a colon expected', '{"a" 1}', 'line 1, column 6: expected ":" after the property name'],
    ['a comma expected', '{\n  "a": 1\n  "b": 2\n}', 'line 3, column 3: expected "," between the items'],
    ['a brace at the end', '{"a": 1', 'line 1, column 8: the text ends too early: "}" expected (truncated?)'],
    ['a bracket at the end', '{"a": [1', 'line 1, column 9: the text ends too early: "]" expected (truncated?)'],
    ['text after the value', '{} {}', 'line 1, column 4: more text after the end of the value'],
    ['a comment never closed', '{} /* x', 'line 1, column 4: a comment that is never closed'],
    ['a string never closed', '{"a": "x', 'line 1, column 7: a string that is never closed'],
    ['an invalid unicode escape', '{"a": "\\u12"}', 'line 1, column 7: an invalid \\u escape in a string'],
    ['an invalid escape', '{"a": "\\q"}', 'line 1, column 7: an invalid escape in a string'],
    ['a control character', '{"a": "x\ty"}', 'line 1, column 7: a control character in a string (write it escaped)'],
  ])('%s', (_, text, message) => {
    expect(first(text)).toBe(message);
  });

  it('the codes no text here makes come first, and codes it does not know, by number', () => {
    expect(jsoncErrorAt('{}', { error: 99, offset: 1 })).toBe('line 1, column 2: error 99');
    expect(jsoncErrorAt('{"a": 1', { error: 2, offset: 6 })).toBe('line 1, column 7: a malformed number');
    expect(jsoncErrorAt('{"a": 1 ]', { error: 7, offset: 8 })).toBe('line 1, column 9: expected "}" to close the object');
    expect(jsoncErrorAt('[1 }', { error: 8, offset: 3 })).toBe('line 1, column 4: expected "]" to close the array');
    expect(jsoncErrorAt('{}', { error: 10, offset: 1 })).toBe('line 1, column 2: a malformed comment');
    expect(jsoncErrorAt('x', { error: 1, offset: 5 })).toBe('line 1, column 6: an unexpected character ""');
  });
});

describe('jsoncErrorAt: "the end" is the end of the text, blanks after it aside', () => {
  it.each<[string, number, number, string]>([
    [' {"a": }', 4, 7, 'line 1, column 8: expected a value'],
    ['{"a": \n\n', 4, 6, 'line 1, column 7: the text ends too early (truncated?)'],
  ])('%j', (text, error, offset, message) => {
    expect(jsoncErrorAt(text, { error, offset })).toBe(message);
  });
});
