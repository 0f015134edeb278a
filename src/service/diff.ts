import { sameValue } from './canonical';

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

const ORDER = ['name', 'type', 'host.ipv4', 'host.ipv6', 'host.hostname', 'host.network.tunnel_id', 'host.resolver_network.tunnel_id', 'host.resolver_network.resolver_ips', 'tcp_port', 'app_protocol', 'http_port', 'https_port', 'tls_settings.cert_verification_mode', 'tls_settings.certificate_authority', 'tls_settings.client_certificate'];
const rank = (p: string) => {
  const i = ORDER.indexOf(p);
  return i === -1 ? ORDER.length : i;
};

/** Field-by-field differences from `before` to `after`, in the order of the definition. */
export function diffDefinitions(before: Record<string, unknown>, after: Record<string, unknown>): Change[] {
  const a = new Map<string, unknown>();
  const b = new Map<string, unknown>();
  flatten(before, '', a);
  flatten(after, '', b);
  const changes: Change[] = [];
  for (const path of new Set([...a.keys(), ...b.keys()])) {
    const from = a.get(path);
    const to = b.get(path);
    if (!sameValue(from, to)) changes.push({ path, ...(from !== undefined && { from }), ...(to !== undefined && { to }) });
  }
  return changes.sort((x, y) => rank(x.path) - rank(y.path) || x.path.localeCompare(y.path));
}

/** `~ http_port: 80 -> 8080`, `+ app_protocol: "mysql"`, `- tcp_port: 5432 (dropped)`. */
export function formatChange(c: Change): string {
  const show = (v: unknown) => JSON.stringify(v);
  if (c.from === undefined) return `+ ${c.path}: ${show(c.to)}`;
  if (c.to === undefined) return `- ${c.path}: ${show(c.from)} (removed)`;
  return `~ ${c.path}: ${show(c.from)} -> ${show(c.to)}`;
}
