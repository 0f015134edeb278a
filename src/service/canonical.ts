import type { ServiceDefinition } from './schema';
import { FIELDS, fitsType, getPath, READ_ONLY_FIELDS, setPath } from './fields';

/**
 * A service as the API returns it, reduced to the definition a user would write: read-only fields
 * and nulls dropped, keys in a stable order. Two services with the same definition compare equal.
 */
export function definitionOf(service: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(service)) {
    if (READ_ONLY_FIELDS.includes(k)) continue;
    const clean = stripNulls(v);
    if (clean !== undefined) out[k] = clean;
  }
  return out;
}

function stripNulls(v: unknown): unknown {
  if (v === null || v === undefined) return undefined;
  if (Array.isArray(v)) return v.map(stripNulls);
  if (typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      const clean = stripNulls(x);
      if (clean !== undefined) out[k] = clean;
    }
    return out;
  }
  return v;
}

/** Deep equality that ignores key order. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  const ak = Object.keys(a);
  const bk = Object.keys(b);
  return ak.length === bk.length && ak.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/**
 * A definition with the API's documented defaults filled in, for comparisons only (cli.md section
 * 10): an omitted `http_port` is 80 and `https_port` 443 on http, omitted `tls_settings` (or a mode)
 * is `verify_full`, and empty `resolver_ips` are none. Nulls are already gone (`definitionOf`).
 * Never sent: the tool sends what the user gave.
 */
export function withApiDefaults(definition: Record<string, unknown>): Record<string, unknown> {
  const out = definitionOf(definition);
  // `definitionOf` made a copy, so filling in changes nothing of the caller's.
  for (const f of FIELDS) {
    if ('apiDefault' in f && fitsType(f, out.type) && getPath(out, f.path) === undefined) setPath(out, f.path, f.apiDefault);
  }
  const host = out.host as Record<string, unknown> | undefined;
  const rn = host?.resolver_network as Record<string, unknown> | undefined;
  if (host && rn && Array.isArray(rn.resolver_ips) && rn.resolver_ips.length === 0) {
    const { resolver_ips: _none, ...rest } = rn;
    out.host = { ...host, resolver_network: rest };
  }
  return out;
}

/** The two would be the same service once the API has stored them. */
export function sameDefinition(service: Record<string, unknown>, def: ServiceDefinition): boolean {
  return sameValue(withApiDefaults(service), withApiDefaults(def as unknown as Record<string, unknown>));
}
