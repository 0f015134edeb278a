import type { Service } from '../api/client';
import { fitsType, getPath, shownOrder } from '../service/fields';

/** How a service reads in a table: the same wording for `get`, `create` and `list`. */

type Loose = Record<string, unknown>;
const o = (v: unknown): Loose => (v !== null && typeof v === 'object' ? (v as Loose) : {});
const str = (v: unknown): string | undefined => (v === null || v === undefined ? undefined : String(v));

export function hostText(s: Service): string {
  const h = o(s.host);
  const parts = [str(h.ipv4), str(h.ipv6), str(h.hostname)].filter((x): x is string => x !== undefined);
  return parts.join(', ');
}

export function tunnelText(s: Service): string {
  const h = o(s.host);
  return str(o(h.network).tunnel_id) ?? str(o(h.resolver_network).tunnel_id) ?? '';
}

export function portsText(s: Loose): string {
  if (s.type === 'tcp') {
    const port = str(s.tcp_port) ?? '';
    const proto = str(s.app_protocol);
    return proto ? `${port} (${proto})` : port;
  }
  const parts: string[] = [];
  if (str(s.http_port)) parts.push(`http ${s.http_port}`);
  if (str(s.https_port)) parts.push(`https ${s.https_port}`);
  return parts.length ? parts.join(', ') : 'default (80, 443)';
}

/** Field/value rows for one service, as the field table labels and orders them. */
export function serviceRows(s: Service): [string, string][] {
  // Unknown types read as http, the type without a required port.
  const type = s.type === 'tcp' ? 'tcp' : 'http';
  const rows: [string, string][] = [];
  for (const f of shownOrder()) {
    if (f.label === undefined || !fitsType(f, type)) continue;
    const v = getPath(s, f.path);
    const text = Array.isArray(v) ? v.join(', ') : str(v);
    if (text === undefined || text === '' || rows.some(([label]) => label === f.label)) continue;
    rows.push([f.label, text]);
  }
  return rows;
}

export const LIST_HEADERS = ['NAME', 'ID', 'TYPE', 'HOST', 'TUNNEL', 'PORTS'];

export function listRow(s: Service): string[] {
  return [s.name, s.service_id, s.type, hostText(s), tunnelText(s), portsText(s)];
}
