import type { Service } from '../api/client';

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

/** Field/value rows for one service. */
export function serviceRows(s: Service): [string, string][] {
  const h = o(s.host);
  const rows: [string, string | undefined][] = [
    ['id', s.service_id],
    ['name', s.name],
    ['type', s.type],
    ['ipv4', str(h.ipv4)],
    ['ipv6', str(h.ipv6)],
    ['hostname', str(h.hostname)],
    ['resolver ips', Array.isArray(o(h.resolver_network).resolver_ips) ? (o(h.resolver_network).resolver_ips as unknown[]).join(', ') : undefined],
    ['tunnel', tunnelText(s)],
  ];
  if (s.type === 'tcp') {
    rows.push(['tcp port', str(s.tcp_port)], ['app protocol', str(s.app_protocol)]);
  } else {
    rows.push(['http port', str(s.http_port)], ['https port', str(s.https_port)]);
  }
  const tls = o(s.tls_settings);
  rows.push(
    ['cert verification', str(tls.cert_verification_mode)],
    ['certificate authority', str(tls.certificate_authority)],
    ['client certificate', str(tls.client_certificate)],
    ['created', str(s.created_at)],
    ['updated', str(s.updated_at)],
  );
  return rows.filter((r): r is [string, string] => r[1] !== undefined && r[1] !== '');
}

export const LIST_HEADERS = ['NAME', 'ID', 'TYPE', 'HOST', 'TUNNEL', 'PORTS'];

export function listRow(s: Service): string[] {
  return [s.name, s.service_id, s.type, hostText(s), tunnelText(s), portsText(s)];
}
