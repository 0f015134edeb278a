import { describe, expect, it } from 'vitest';
import { escapeControl } from '../../src/output/escape';
import { colorLevel } from '../../src/output/theme';
import { apiBaseUrl } from '../../src/api/base-url';
import { maskSecret } from '../../src/api/http';

describe('escaping API text for the terminal', () => {
  it.each([
    ['plain', 'plain'],
    ['red\u001b[31mname', 'red\\x1b[31mname'],
    ['a\nb\tc\rd', 'a\\nb\\tc\\rd'],
    ['bell\u0007', 'bell\\x07'],
    ['c1\u009b31m', 'c1\\x9b31m'],
    ['rtl\u202egnp.exe', 'rtl\\u202egnp.exe'],
    ['ünïcödé ok', 'ünïcödé ok'],
  ])('%j', (input, out) => {
    expect(escapeControl(input)).toBe(out);
  });
});

describe('colour decision', () => {
  it.each([
    [{}, true, false, 1],
    [{}, false, false, 0],
    [{ NO_COLOR: '1' }, true, false, 0],
    [{ TERM: 'dumb' }, true, false, 0],
    [{}, true, true, 0],
    [{ FORCE_COLOR: '1' }, false, false, 1],
    [{ FORCE_COLOR: '0' }, true, false, 0],
    [{ FORCE_COLOR: '3' }, false, false, 3],
    [{ NO_COLOR: '1', FORCE_COLOR: '1' }, true, false, 0],
  ])('%j tty=%s --no-color=%s -> %i', (env, tty, flag, level) => {
    expect(colorLevel(env, tty, flag)).toBe(level);
  });
});

describe('API base URL', () => {
  it.each([
    [{}, 'https://api.cloudflare.com/client/v4'],
    [{ CLOUDFLARE_API_BASE_URL: 'http://127.0.0.1:8787/client/v4' }, 'http://127.0.0.1:8787/client/v4'],
    [{ CLOUDFLARE_BASE_URL: 'http://localhost:1/x' }, 'http://localhost:1/x'],
    [{ CLOUDFLARE_API_BASE_URL: 'http://[::1]:9/' }, 'http://[::1]:9/'],
    [{ CLOUDFLARE_API_BASE_URL: 'https://gateway.example.com/v4' }, 'https://gateway.example.com/v4'],
  ])('%j', (env, href) => {
    expect(apiBaseUrl(env).href).toBe(href);
  });

  it.each([
    [{ CLOUDFLARE_API_BASE_URL: 'http://10.0.0.1/v4' }, 'loopback'],
    [{ CLOUDFLARE_API_BASE_URL: 'http://api.example.com/v4' }, 'loopback'],
    [{ CLOUDFLARE_API_BASE_URL: 'ftp://127.0.0.1/' }, 'http(s)'],
    [{ CLOUDFLARE_API_BASE_URL: 'not a url' }, 'http(s)'],
    [{ CLOUDFLARE_API_BASE_URL: 'https://user:pw@api.example.com' }, 'password'],
  ])('refuses %j', (env, fragment) => {
    expect(() => apiBaseUrl(env)).toThrow(fragment);
  });
});

describe('masking secrets', () => {
  it.each([
    ['short', '****'],
    ['0123456789abcdefWXYZ', '****WXYZ'],
  ])('%s', (secret, masked) => {
    expect(maskSecret(secret)).toBe(masked);
  });
});
