import { sameValue, withApiDefaults } from './canonical';
import { fieldRank } from './fields';

/** One field that differs between two definitions; arrays compare as whole values. */
export interface Change {
  path: string;
  from?: unknown;
  to?: unknown;
}

function flatten(value: unknown, prefix: string, out: Map<string, unknown>) {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (value !== undefined && value !== null) {
    out.set(prefix, value);
  }
}


/**
 * Field-by-field differences from `before` to `after`, in the order of the definition. A field
 * counts only when it differs once the API's defaults are filled in on both sides (an omitted
 * `http_port` is 80, null is absent...), so no PUT is ever sent for a difference the API would not
 * keep; the change itself shows the values as written.
 */
export function diffDefinitions(before: Record<string, unknown>, after: Record<string, unknown>): Change[] {
  const a = new Map<string, unknown>();
  const b = new Map<string, unknown>();
  flatten(before, '', a);
  flatten(after, '', b);
  const da = new Map<string, unknown>();
  const db = new Map<string, unknown>();
  flatten(withApiDefaults(before), '', da);
  flatten(withApiDefaults(after), '', db);
  const changes: Change[] = [];
  for (const path of new Set([...a.keys(), ...b.keys()])) {
    const from = a.get(path);
    const to = b.get(path);
    if (sameValue(from, to) || sameValue(da.get(path), db.get(path))) continue;
    // An omitted field is its documented default (cli.md section 10), so `http_port` going from
    // omitted to 8080 reads `~ http_port: 80 -> 8080`.
    const was = from ?? da.get(path);
    const will = to ?? db.get(path);
    changes.push({ path, ...(was !== undefined && { from: was }), ...(will !== undefined && { to: will }) });
  }
  return changes.sort((x, y) => fieldRank(x.path) - fieldRank(y.path) || x.path.localeCompare(y.path));
}

/** `~ http_port: 80 -> 8080`, `+ app_protocol: "mysql"`, `- tcp_port: 5432 (dropped)`. */
export function formatChange(c: Change): string {
  const show = (v: unknown) => JSON.stringify(v);
  if (c.from === undefined) return `+ ${c.path}: ${show(c.to)}`;
  if (c.to === undefined) return `- ${c.path}: ${show(c.from)} (removed)`;
  return `~ ${c.path}: ${show(c.from)} -> ${show(c.to)}`;
}
