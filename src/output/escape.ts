/**
 * API-provided text (names, hostnames) may hold control characters or escape sequences; shown
 * raw, `ESC[31m` would recolour the user's terminal, `ESC]0;...BEL` retitle it, `ESC]8;;` plant a
 * link, `\r` overwrite the line. Bidirectional overrides and zero-width characters make text read
 * differently from what it is (`gnp.exe` for `exe.png`, two names that look equal). Every writer
 * of API text goes through this module: tables and plain lines get a visible escape, JSON gets
 * the `\u` escape JSON itself defines, so a parser still reads the exact value.
 */

// C0 and C1 controls, DEL, the Arabic letter mark, zero-width characters (U+200B-U+200D, U+2060,
// U+FEFF), bidi marks, embeddings, overrides and isolates (U+200E/F, U+202A-U+202E, U+2066-U+2069),
// line and paragraph separators (U+2028/9) and the invisible operators between U+2060 and U+2066.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

export function escapeControl(text: string): string {
  return text.replace(CONTROL, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    const code = c.charCodeAt(0);
    // C0, DEL and C1 (up to U+009F) as \xNN; the rest are above U+00FF, as \uNNNN.
    return code <= 0x9f ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

// What JSON.stringify leaves raw: it escapes C0 itself, and outside strings JSON is plain ASCII,
// so every match is inside a string, where `\uXXXX` means the same character.
const JSON_RAW = /[\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/** JSON text (from JSON.stringify) with the characters above written as `\u` escapes. */
export function escapeJson(json: string): string {
  return json.replace(JSON_RAW, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** JSON.stringify, escaped for a terminal; the same value for any JSON parser. */
export function stringifyJson(value: unknown, indent?: number): string {
  return escapeJson(JSON.stringify(value, null, indent));
}
