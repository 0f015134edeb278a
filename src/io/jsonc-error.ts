import { lineColumn } from './json-position';

/**
 * jsonc-parser's first error in words, with its line and column (`line 2, column 5: expected a
 * value`), instead of its enum name and a byte offset. The codes are jsonc-parser's ParseErrorCode
 * (a const enum, so its numbers); this module does not load the parser.
 */
export function jsoncErrorAt(text: string, error: { error: number; offset: number }): string {
  const { line, column } = lineColumn(text, error.offset);
  return `line ${line}, column ${column}: ${words(text, error)}`;
}

function words(text: string, { error, offset }: { error: number; offset: number }): string {
  const atEnd = offset >= text.trimEnd().length;
  switch (error) {
    case 1:
      return `an unexpected character ${JSON.stringify(text[offset] ?? '')}`;
    case 2:
      return 'a malformed number';
    case 3:
      return atEnd ? 'the text ends too early (truncated?)' : 'expected a property name in double quotes';
    case 4:
      return atEnd ? 'the text ends too early (truncated?)' : 'expected a value';
    case 5:
      return 'expected ":" after the property name';
    case 6:
      return 'expected "," between the items';
    case 7:
      return atEnd ? 'the text ends too early: "}" expected (truncated?)' : 'expected "}" to close the object';
    case 8:
      return atEnd ? 'the text ends too early: "]" expected (truncated?)' : 'expected "]" to close the array';
    case 9:
      return 'more text after the end of the value';
    case 10:
      return 'a malformed comment';
    case 11:
      return 'a comment that is never closed';
    case 12:
      return 'a string that is never closed';
    case 13:
      return 'a number cut short';
    case 14:
      return 'an invalid \\u escape in a string';
    case 15:
      return 'an invalid escape in a string';
    case 16:
      return 'a control character in a string (write it escaped)';
    default:
      return `error ${error}`;
  }
}
