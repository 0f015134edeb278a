import { UsageError } from '../errors';

export const DEFAULT_API_BASE = 'https://api.cloudflare.com/client/v4';

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\]|localhost)$/i;

/**
 * The API base from CLOUDFLARE_API_BASE_URL or CLOUDFLARE_BASE_URL. Plain http is refused except
 * to a loopback address, so a typo cannot send credentials in clear text over a network.
 */
export function apiBaseUrl(env: Record<string, string | undefined>): URL {
  const name = env.CLOUDFLARE_API_BASE_URL ? 'CLOUDFLARE_API_BASE_URL' : env.CLOUDFLARE_BASE_URL ? 'CLOUDFLARE_BASE_URL' : undefined;
  const raw = name ? (env[name] as string).trim() : DEFAULT_API_BASE;
  const shown = JSON.stringify(withoutUserInfo(raw));
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`${name}: must be an http(s) URL such as ${DEFAULT_API_BASE} (got ${shown})`);
  }
  if (url.protocol === 'http:' && !LOOPBACK.test(url.hostname)) {
    throw new UsageError(`${name}: plain http:// is only allowed to a loopback address; use https:// (got ${shown})`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`${name}: must be an http(s) URL (got ${shown})`);
  }
  // Refused rather than used, so a password never reaches --debug traces or --dry-run URLs.
  if (url.username || url.password) throw new UsageError(`${name}: must not contain a user name or password (got ${shown})`);
  url.search = '';
  url.hash = '';
  return url;
}

/**
 * A URL as it may be printed: `user:password@` becomes `***@`. Works on text that is not a valid
 * URL too, taking everything up to the last `@` before the path as user info.
 */
export function withoutUserInfo(text: string): string {
  return text.replace(/^([^:/?#]*:\/\/)([^/?#]*)@/, '$1***@');
}
