import type { ServiceDefinition } from './schema';
import { READ_ONLY_FIELDS } from './schema';

/**
 * A service as the API returns it, reduced to the definition a user would write: read-only fields
 * and nulls dropped, keys in a stable order. Two services with the same definition compare equal.
 */
export function definitionOf(service: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(service)) {
    if ((READ_ONLY_FIELDS as readonly string[]).includes(k)) continue;
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

export function sameDefinition(service: Record<string, unknown>, def: ServiceDefinition): boolean {
  return sameValue(definitionOf(service), definitionOf(def as unknown as Record<string, unknown>));
}
