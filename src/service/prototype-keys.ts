/**
 * Keys that name an object's prototype. JSON.parse keeps them as plain own keys, but any later
 * copy (`out[key] = value`) turns `__proto__` into the copy's prototype: fields the schema then
 * reads, but that no unknown-key check sees. Files refuse them (json.ts); API responses drop them.
 */
export const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * JSON.parse for text we do not control but do not report on (API responses): prototype keys are
 * dropped, so no later copy can turn them into inherited fields. The reviver only runs when such
 * a key could be there (spelled out or `\u`-escaped), so ordinary pages parse at full speed.
 */
export function parseWithoutPrototypeKeys(text: string): unknown {
  if (!/__proto__|constructor|prototype|\\u/.test(text)) return JSON.parse(text);
  return JSON.parse(text, (key, value: unknown) => (UNSAFE_KEYS.has(key) ? undefined : value));
}
