// Sticky: matched at lastIndex in the whole text, so a long number is one token and no slice is copied per value.
const LITERAL = /true|false|null|-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
/** What may follow a backslash in a JSON string. */
const ESCAPE = /["\\/bfnrt]|u[0-9a-fA-F]{4}/y;

/**
 * Where a JSON text first goes wrong. JSON.parse on Node 20 often names no position ("Unexpected
 * token 'c', ... is not valid JSON"), so this small scanner walks the grammar to find the offset.
 * It only locates the problem; JSON.parse still does the parsing.
 */
export function jsonErrorAt(text: string): { offset: number; problem: string } | undefined {
  let i = 0;
  let found: { offset: number; problem: string } | undefined;
  const fail = (problem: string): never => {
    found = { offset: i, problem };
    throw found;
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++;
  };
  const expectChar = (c: string) => {
    if (i >= text.length) fail('the input ends too early (truncated?)');
    if (text[i] !== c) fail(`expected ${JSON.stringify(c)} but found ${JSON.stringify(text[i])}`);
    i++;
  };
  const str = () => {
    expectChar('"');
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') {
        ESCAPE.lastIndex = i + 1;
        if (i + 1 < text.length && !ESCAPE.test(text)) fail('an invalid escape in a string');
        i++;
      } else if (text.charCodeAt(i) < 0x20) fail('a control character inside a string');
      i++;
    }
    if (i >= text.length) {
      // A backslash as the last character steps past the end; the problem is at the end.
      i = text.length;
      fail('the input ends too early (an unterminated string)');
    }
    i++;
  };
  const value = (): void => {
    ws();
    if (i >= text.length) fail('the input ends too early (truncated?)');
    const c = text[i] as string;
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') fail(i >= text.length ? 'the input ends too early (truncated?)' : `expected a quoted key but found ${JSON.stringify(text[i])}`);
        str();
        ws();
        expectChar(':');
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') return void i++;
        fail(i >= text.length ? 'the input ends too early (truncated?)' : `expected "," or "}" but found ${JSON.stringify(text[i])}`);
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') return void i++;
        fail(i >= text.length ? 'the input ends too early (truncated?)' : `expected "," or "]" but found ${JSON.stringify(text[i])}`);
      }
    }
    if (c === '"') return str();
    LITERAL.lastIndex = i;
    const lit = LITERAL.exec(text);
    if (!lit) fail(`unexpected ${JSON.stringify(c)} (strings need double quotes)`);
    i += (lit as RegExpExecArray)[0].length;
  };
  try {
    value();
    ws();
    if (i < text.length) fail(`unexpected ${JSON.stringify(text[i])} after the end of the JSON value`);
    return undefined;
  } catch (e) {
    // Only our own report is an answer; anything else (a stack overflow) is not hidden.
    if (e === found) return found;
    throw e;
  }
}

/** 1-based line and column of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** The deepest nesting a definition or a wrangler config may have; real ones use under 10. */
export const MAX_NESTING = 64;

/**
 * The offset of the first `[` or `{` that opens level `max + 1`, or undefined. A linear scan
 * without recursion, run before any parser: JSON.parse, our error locator and jsonc-parser all
 * recurse, and 100k levels of `[` would otherwise overflow the stack. `comments` skips `//` and
 * `/* *\/` (JSONC).
 */
export function nestingTooDeep(text: string, max = MAX_NESTING, comments = false): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // A string: skip to its closing quote, over escapes.
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c) i++;
    } else if (comments && c === 0x2f && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (comments && c === 0x2f && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? text.length : end + 1;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return i;
    } else if (c === 0x5d || c === 0x7d) {
      depth = Math.max(0, depth - 1);
    }
  }
  return undefined;
}

/**
 * The literal text of the value at `path` in valid JSON (JSON.parse has accepted it), e.g. `1e400`
 * where JSON.parse gave Infinity. Nesting is already bounded, so recursion is safe. With duplicate
 * keys the last one wins, as in JSON.parse.
 */
export function literalAt(text: string, path: (string | number)[]): string | undefined {
  let i = 0;
  let found: string | undefined;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++;
  };
  const str = (): string => {
    const start = i;
    for (i++; text[i] !== '"'; i++) if (text[i] === '\\') i++;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (at: (string | number)[]): void => {
    ws();
    const here = at.length === path.length && at.every((p, k) => p === path[k]);
    const c = text[i];
    if (c === '{' || c === '[') {
      i++;
      for (let n = 0; ; n++) {
        ws();
        if (text[i] === '}' || text[i] === ']') return void i++;
        if (text[i] === ',') {
          i++;
          ws();
        }
        if (c === '{') {
          const key = str();
          ws();
          i++; // the colon
          value([...at, key]);
        } else value([...at, n]);
      }
    }
    const start = i;
    if (c === '"') str();
    else while (i < text.length && !',]} \t\n\r'.includes(text[i] as string)) i++;
    if (here) found = text.slice(start, i);
  };
  value([]);
  return found;
}
