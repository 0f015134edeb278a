import { describe, expect, it } from 'vitest';
import { parseWithoutPrototypeKeys, UNSAFE_KEYS } from '../../../src/service/prototype-keys';

describe('API responses lose their prototype keys', () => {
  it.each<[string, string, unknown]>([
    ['__proto__', '{"__proto__": {"polluted": 1}, "a": 1}', { a: 1 }],
    ['constructor', '{"constructor": {"x": 1}, "a": 1}', { a: 1 }],
    ['prototype', '{"b": {"prototype": 2, "c": 3}}', { b: { c: 3 } }],
    ['an escaped __proto__', '{"\\u005f_proto__": {"polluted": 1}, "a": 1}', { a: 1 }],
    ['an escaped constructor', '{"\\u0063onstructor": 1, "a": "\\u0041"}', { a: 'A' }],
    ['nested in a list', '[{"__proto__": 1, "id": "x"}]', [{ id: 'x' }]],
    ['none at all', '{"name": "db", "n": [1, 2]}', { name: 'db', n: [1, 2] }],
  ])('%s', (_n, text, value) => {
    const out = parseWithoutPrototypeKeys(text);
    expect(out).toStrictEqual(value);
    const first = Array.isArray(out) ? out[0] : out;
    expect(Object.getPrototypeOf(first)).toBe(Object.prototype);
    expect(Object.keys(first as object)).not.toContain('__proto__');
  });

  it('a key that merely contains one of them stays', () => {
    expect(parseWithoutPrototypeKeys('{"my_prototype": 1, "constructors": 2}')).toStrictEqual({ my_prototype: 1, constructors: 2 });
  });

  it('the unsafe keys are exactly the three', () => {
    expect([...UNSAFE_KEYS]).toEqual(['__proto__', 'constructor', 'prototype']);
  });
});
