import { describe, expect, it } from 'vitest';
import { apiBaseUrl, DEFAULT_API_BASE } from '../../../src/api/base-url';
import { UsageError } from '../../../src/errors';

describe('apiBaseUrl', () => {
  it('defaults to Cloudflare', () => {
    expect(apiBaseUrl({}).href).toBe(DEFAULT_API_BASE);
  });

  it('CLOUDFLARE_API_BASE_URL wins over CLOUDFLARE_BASE_URL', () => {
    expect(apiBaseUrl({ CLOUDFLARE_API_BASE_URL: 'https://a.example/v4', CLOUDFLARE_BASE_URL: 'https://b.example/v4' }).href).toBe('https://a.example/v4');
    expect(apiBaseUrl({ CLOUDFLARE_BASE_URL: 'https://b.example/v4' }).href).toBe('https://b.example/v4');
  });

  it.each(['http://127.0.0.1:8080/client/v4', 'http://127.1.2.3/x', 'http://localhost:1/x', 'http://LOCALHOST/x', 'http://[::1]:9/x'])('plain http to loopback %s is allowed', (u) => {
    expect(apiBaseUrl({ CLOUDFLARE_API_BASE_URL: u }).protocol).toBe('http:');
  });

  it.each([
    'http://localhost.example.com/x',
    'http://localhostx/x',
    'http://127.0.0.1.example.com/x',
    'http://10.0.0.1/x',
    'http://api.cloudflare.com/client/v4',
  ])('plain http to a host that only looks local (%s) is refused', (u) => {
    expect(() => apiBaseUrl({ CLOUDFLARE_API_BASE_URL: u })).toThrow(UsageError);
    expect(() => apiBaseUrl({ CLOUDFLARE_API_BASE_URL: u })).toThrow(/^CLOUDFLARE_API_BASE_URL: plain http:\/\/ is only allowed to a loopback address/);
  });

  it.each(['ftp://127.0.0.1/x', 'not a url'])('%s is refused', (u) => {
    expect(() => apiBaseUrl({ CLOUDFLARE_BASE_URL: u })).toThrow(/^CLOUDFLARE_BASE_URL: must be an http\(s\) URL/);
  });

  it('query and fragment are dropped', () => {
    expect(apiBaseUrl({ CLOUDFLARE_API_BASE_URL: ' https://a.example/v4?x=1#y ' }).href).toBe('https://a.example/v4');
  });
});
