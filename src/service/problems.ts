import { flagFor, KNOWN_KEYS } from './fields';

/** One validation problem, at a path in the API-shaped definition. */
export interface Problem {
  path: (string | number)[];
  message: string;
  /** The key at the end of `path` is not a known field. */
  unknownKey?: boolean;
  /** A rule of this client only, not of the API (a tcp service without a port). */
  clientOnly?: boolean;
}

const fieldKey = (path: (string | number)[]): string => path.filter((p) => typeof p === 'string').join('.');

/** `host.resolver_network.resolver_ips[1]`, with `[i].` in front for an item of a batch. */
export function jsonPath(path: (string | number)[], item?: number): string {
  let out = item === undefined ? '' : `[${item}]`;
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? p : `.${p}`;
  return out || '(top level)';
}

/**
 * How fields are named: by flag, or by JSON path. A file with flags over it names by flag the
 * fields the flags set (`flagPaths`, as `leafPaths` gives them) and by JSON path the rest.
 */
export type LabelStyle = { kind: 'flags' } | { kind: 'json'; item?: number; flagPaths?: ReadonlySet<string> };

/** The problem is about a field a flag set (over a file). */
export const fromFlag = (path: (string | number)[], style: LabelStyle): boolean =>
  style.kind === 'flags' || style.flagPaths?.has(fieldKey(path)) === true;

export function labelFor(path: (string | number)[], style: LabelStyle): string {
  if (style.kind === 'flags') return flagFor(fieldKey(path)) ?? fieldKey(path);
  if (fromFlag(path, style)) {
    const flag = flagFor(fieldKey(path)) ?? fieldKey(path);
    return style.item === undefined ? flag : `${flag} (over --file item [${style.item}])`;
  }
  return jsonPath(path, style.item);
}

/** Every leaf of a partial definition, as `host.network.tunnel_id`; lists count as leaves. */
export function leafPaths(value: unknown, prefix = '', out = new Set<string>()): Set<string> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) leafPaths(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (value !== undefined && prefix !== '') out.add(prefix);
  return out;
}

/** One line per problem: `--tcp-port: must be ...` or `[2].host.ipv4: must be ...`. */
export function renderProblem(p: Problem, style: LabelStyle): string {
  const label = labelFor(p.path, style);
  if (p.unknownKey) {
    const key = String(p.path[p.path.length - 1]);
    const known = KNOWN_KEYS[fieldKey(p.path.slice(0, -1))] ?? [];
    const near = nearest(key, known);
    return `${label}: unknown field${near ? ` (did you mean ${near}?)` : known.length ? ` (known here: ${known.join(', ')})` : ''}`;
  }
  const message = p.message.replace(/\{([a-z0-9_.]+)\}/g, (_, ref: string) =>
    fromFlag(ref.split('.'), style) ? (flagFor(ref) ?? ref) : ref,
  );
  return `${label}: ${message}`;
}

/** The known key closest to `key` by edit distance, if it is plausibly a typo. */
export function nearest(key: string, known: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  const prefixed = known.find((k) => lower.length >= 4 && (k.startsWith(lower) || lower.startsWith(k)));
  if (prefixed) return prefixed;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    const d = editDistance(key.toLowerCase(), k);
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(key.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

/** Each problem once: a later check may say again what an earlier one said. */
export function withoutRepeats(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path.join('.')}\n${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
