import { describe, expect, it } from 'vitest';
import { escapeControl, escapeJson } from '../../../src/output/escape';
import { Output } from '../../../src/output/stdout';
import { Messages } from '../../../src/output/messages';
import { ApiError } from '../../../src/errors';
import { makeTheme } from '../../../src/output/theme';
import { colorLevel } from '../../../src/output/theme';
import { apiBaseUrl } from '../../../src/api/base-url';
import { maskSecret } from '../../../src/api/http';

describe('escaping API text for the terminal', () => {
  it.each([
    ['plain', 'plain'],
    ['red\u001b[31mname', 'red\\x1b[31mname'],
    ['a\nb\tc\rd', 'a\\nb\\tc\\rd'],
    ['bell\u0007', 'bell\\x07'],
    ['c1\u009b31m', 'c1\\x9b31m'],
    ['rtl\u202egnp.exe', 'rtl\\u202egnp.exe'],
    ['ünïcödé ok', 'ünïcödé ok'],
    ['osc8 \u001b]8;;https://x.test\u001b\\link\u001b]8;;\u001b\\', 'osc8 \\x1b]8;;https://x.test\\x1b\\link\\x1b]8;;\\x1b\\'],
    ['title \u001b]0;pwned\u0007', 'title \\x1b]0;pwned\\x07'],
    ['over\rwrite', 'over\\rwrite'],
    ['del\u007f', 'del\\x7f'],
    ['zw\u200bsp \u200c\u200d\u2060\ufeff', 'zw\\u200bsp \\u200c\\u200d\\u2060\\ufeff'],
    ['bidi \u202a\u202b\u202c\u202d \u2066\u2067\u2068\u2069 \u200e\u200f\u061c', 'bidi \\u202a\\u202b\\u202c\\u202d \\u2066\\u2067\\u2068\\u2069 \\u200e\\u200f\\u061c'],
    ['line\u2028para\u2029', 'line\\u2028para\\u2029'],
    ['c1 range \u0080\u009f', 'c1 range \\x80\\x9f'],
    ['emoji 🙂 and é and 中文', 'emoji 🙂 and é and 中文'],
  ])('%j', (input, out) => {
    expect(escapeControl(input)).toBe(out);
  });
});

describe('escaping JSON text', () => {
  it.each([
    ['plain', 'plain'],
    ['c1\u009b31m', 'c1\\u009b31m'],
    ['c1 first \u0080', 'c1 first \\u0080'],
    ['del\u007f', 'del\\u007f'],
    ['rlo\u202e lri\u2066 pdi\u2069 lrm\u200e rlm\u200f alm\u061c', 'rlo\\u202e lri\\u2066 pdi\\u2069 lrm\\u200e rlm\\u200f alm\\u061c'],
    ['zw\u200b\u200c\u200d\u2060\ufeff', 'zw\\u200b\\u200c\\u200d\\u2060\\ufeff'],
    ['ls\u2028ps\u2029', 'ls\\u2028ps\\u2029'],
    ['é 中文 🙂', 'é 中文 🙂'],
  ])('%j', (value, escaped) => {
    const text = escapeJson(JSON.stringify({ name: value }));
    expect(text).toBe(`{"name":"${escaped}"}`);
    expect(JSON.parse(text)).toEqual({ name: value });
  });
});

describe('every stdout writer escapes API text', () => {
  const hostile = 'a\u001b[31m\u009b\u202e\u200b\ufeffz';
  const capture = () => {
    let text = '';
    const stream = { isTTY: false, columns: 80, write: (s: string) => ((text += s), true), once: () => undefined } as never;
    return { out: new Output(stream, makeTheme(0)), text: () => text };
  };
  const raw = /[\u001b\u0080-\u009f\u202a-\u202e\u2066-\u2069\u200b-\u200f\u2060\ufeff\u061c]/;
  const service = { service_id: 'id-1', name: hostile, type: 'tcp', host: { hostname: hostile, resolver_network: { tunnel_id: 't' } }, tcp_port: 1 } as never;

  it.each([
    ['json', (o: Output) => o.json({ name: hostile })],
    ['ndjson', (o: Output) => o.ndjson({ name: hostile })],
    ['ndjsonLines', (o: Output) => o.ndjsonLines([{ name: hostile }, { name: hostile }])],
    ['jsonArray', async (o: Output) => { const a = o.jsonArray(); await a.items([{ name: hostile }]); await a.end(); }],
    ['line', (o: Output) => o.line(hostile)],
    ['lines', (o: Output) => o.lines([hostile, hostile])],
    ['service table', (o: Output) => o.service(service)],
    ['list table', (o: Output) => o.serviceList([service])],
    ['list stream', (o: Output) => o.listStream().page([service])],
  ])('%s', async (_name, write) => {
    const c = capture();
    await write(c.out);
    expect(c.text()).not.toMatch(raw);
    expect(c.text()).toMatch(/\\u202e/);
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

describe('the --json error object on stderr', () => {
  it('carries API text only as \\u escapes', () => {
    let text = '';
    const stream = { isTTY: false, write: (s: string) => ((text += s), true) } as never;
    new Messages(stream, makeTheme(0), { json: () => true, debug: () => false }).error(new ApiError('name x\u009b\u202e\u200b is taken'));
    expect(text).not.toMatch(/[\u0080-\u009f\u202e\u200b]/);
    expect(JSON.parse(text).error.message).toBe('name x\u009b\u202e\u200b is taken');
  });
});
