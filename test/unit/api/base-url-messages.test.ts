import { describe, expect, it } from 'vitest';
import { apiBaseUrl, DEFAULT_API_BASE, withoutUserInfo } from '../../../src/api/base-url';
import { UsageError } from '../../../src/errors';

/** apiBaseUrl's exact messages, which variable it names, and what it keeps of the URL. */

function refusal(env: Record<string, string | undefined>): string {
  try {
    apiBaseUrl(env);
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  throw new Error('not refused');
}

describe('apiBaseUrl', () => {
  it('the default is Cloudflare v4', () => {
    expect(DEFAULT_API_BASE).toBe('https://api.cloudflare.com/client/v4');
    expect(apiBaseUrl({ CLOUDFLARE_API_BASE_URL: '', CLOUDFLARE_BASE_URL: '' }).href).toBe('https://api.cloudflare.com/client/v4');
  });

  it('an empty CLOUDFLARE_API_BASE_URL gives way to CLOUDFLARE_BASE_URL, trimmed', () => {
    expect(apiBaseUrl({ CLOUDFLARE_API_BASE_URL: '', CLOUDFLARE_BASE_URL: '  https://b.example/v4\n' }).href).toBe('https://b.example/v4');
  });

  it('not a URL', () => {
    expect(refusal({ CLOUDFLARE_API_BASE_URL: 'api.example.com' })).toBe(
      'CLOUDFLARE_API_BASE_URL: must be an http(s) URL such as https://api.cloudflare.com/client/v4 (got "api.example.com")',
    );
  });

  it('another scheme', () => {
    expect(refusal({ CLOUDFLARE_BASE_URL: 'ftp://example.com/x' })).toBe('CLOUDFLARE_BASE_URL: must be an http(s) URL (got "ftp://example.com/x")');
  });

  it('plain http off loopback', () => {
    expect(refusal({ CLOUDFLARE_API_BASE_URL: 'http://10.1.2.3/v4' })).toBe(
      'CLOUDFLARE_API_BASE_URL: plain http:// is only allowed to a loopback address; use https:// (got "http://10.1.2.3/v4")',
    );
  });

  it.each(['http://127.255.255.254/x', 'http://127.0.0.1/x', 'http://127.10.20.30:8/x'])('loopback %s', (u) => {
    expect(apiBaseUrl({ CLOUDFLARE_API_BASE_URL: u }).href).toBe(u);
  });

  it.each(['http://128.0.0.1/x', 'http://127.0.0.1x/x', 'http://[::2]/x', 'http://a.localhost/x'])('not loopback %s', (u) => {
    expect(refusal({ CLOUDFLARE_API_BASE_URL: u })).toMatch(/plain http:\/\/ is only allowed to a loopback address/);
  });

  it('user info is refused, and not shown', () => {
    expect(refusal({ CLOUDFLARE_API_BASE_URL: 'https://me:secret@api.example.com/v4' })).toBe(
      'CLOUDFLARE_API_BASE_URL: must not contain a user name or password (got "https://***@api.example.com/v4")',
    );
    expect(refusal({ CLOUDFLARE_API_BASE_URL: 'https://me@api.example.com/v4' })).toBe(
      'CLOUDFLARE_API_BASE_URL: must not contain a user name or password (got "https://***@api.example.com/v4")',
    );
    expect(refusal({ CLOUDFLARE_API_BASE_URL: 'https://:pw@api.example.com/v4' })).toMatch(/must not contain a user name or password/);
  });

  it('keeps the path, drops query and fragment', () => {
    const u = apiBaseUrl({ CLOUDFLARE_API_BASE_URL: 'https://api.example.com:8443/a/b/?q=1#f' });
    expect([u.href, u.search, u.hash]).toStrictEqual(['https://api.example.com:8443/a/b/', '', '']);
  });
});

describe('withoutUserInfo', () => {
  it.each([
    ['https://u:p@h/x', 'https://***@h/x'],
    ['https://u:p@h', 'https://***@h'],
    ['http://a@b@h/x@y', 'http://***@h/x@y'],
    ['https://h/x@y', 'https://h/x@y'],
    ['https://h?x@y', 'https://h?x@y'],
    ['https://h#x@y', 'https://h#x@y'],
    ['not a url u:p@h', 'not a url u:p@h'],
    ['ht/tp://u@h', 'ht/tp://u@h'],
    ['x https://u@h', 'x https://***@h'],
  ])('%s -> %s', (text, shown) => {
    expect(withoutUserInfo(text)).toBe(shown);
  });
});

describe('apiBaseUrl trims what it quotes', () => {
  it('a refused value is quoted without its surrounding spaces', () => {
    expect(refusal({ CLOUDFLARE_API_BASE_URL: '  ftp://example.com/x \n' })).toBe('CLOUDFLARE_API_BASE_URL: must be an http(s) URL (got "ftp://example.com/x")');
  });
});
