import { isIPv4, isIPv6 } from 'node:net';

/** Pure checks shared by the schema, the wizard and the API layer. */

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LABEL_RE = /^[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?$/;

export const isUuid = (s: string): boolean => UUID_RE.test(s);
export const isIp = (s: string): boolean => isIPv4(s) || isIPv6(s);
export { isIPv4, isIPv6 };
export { isAccountId } from './account-id';

/** How a value is quoted in "(got ...)": strings as JSON strings, the rest as JSON. */
export function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined) return 'nothing';
  // JSON.stringify(-0) is "0", which would make "(got 0)" look like a different mistake.
  if (Object.is(value, -0)) return '-0';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** `a, b or c`: the values a message offers. */
export function listWords(values: readonly string[]): string {
  return values.length <= 1 ? (values[0] ?? '') : `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
}

/**
 * Why a hostname is refused, or undefined when it is acceptable: the rules wrangler applies on
 * the client (no scheme, path, port, spaces or bare IP; at most 253 characters), plus DNS label
 * syntax so that typos such as "db..internal" are caught before the API sees them.
 */
export function hostnameProblem(host: string): string | undefined {
  if (host.length === 0) return 'must not be empty';
  if (host.length > 253) return `must be at most 253 characters (got ${host.length})`;
  if (/\s/.test(host)) return `must not contain spaces (got ${show(host)})`;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(host)) return `must be a bare hostname without a scheme such as https:// (got ${show(host)})`;
  if (host.includes('/')) return `must be a bare hostname without a path (got ${show(host)})`;
  if (isIp(host) || isIp(host.replace(/^\[(.*)\]$/, '$1'))) {
    return `must be a hostname, not an IP address (use {host.ipv4} or {host.ipv6}) (got ${show(host)})`;
  }
  if (host.includes(':')) return `must be a bare hostname without a port (got ${show(host)})`;
  const labels = host.endsWith('.') ? host.slice(0, -1).split('.') : host.split('.');
  if (labels.some((l) => !LABEL_RE.test(l))) {
    return `must be a valid hostname: labels of letters, digits, "-" or "_", 1 to 63 characters, separated by dots (got ${show(host)})`;
  }
  return undefined;
}
