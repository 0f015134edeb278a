/**
 * Cloudflare Tunnel, as the fake API serves it: tunnels with every status (healthy, degraded, down,
 * inactive), deleted tunnels (`deleted_at`), several connectors per tunnel with their cloudflared
 * versions, and the three read-only endpoints vpcsvc uses: the paged list, one tunnel, and its
 * `/connections`. Kept apart from fake-api.ts, which only routes to it.
 */

export type TunnelStatus = 'healthy' | 'degraded' | 'down' | 'inactive';

export interface FakeConnector {
  /** The connector (cloudflared instance) id. */
  id: string;
  /** The cloudflared version, e.g. 2025.10.0. */
  version: string;
  arch?: string;
  /** How many connections it holds; one per Cloudflare data centre. */
  conns?: number;
}

export interface FakeTunnel {
  id: string;
  name: string;
  status: TunnelStatus;
  deleted_at?: string | null;
  connectors?: FakeConnector[];
}

export const TUNNELS_RE = /^\/accounts\/([^/]+)\/cfd_tunnel\/?$/;
export const TUNNEL_RE = /^\/accounts\/([^/]+)\/cfd_tunnel\/([^/]+)$/;
export const CONNECTIONS_RE = /^\/accounts\/([^/]+)\/cfd_tunnel\/([^/]+)\/connections$/;

const CREATED = '2025-01-10T09:00:00Z';
const RUN_AT = '2026-11-01T08:00:00Z';
const COLOS = ['ams', 'fra', 'lhr', 'cdg'];

/** Every account starts with two tunnels: one healthy with a current connector, one down. */
export function defaultTunnels(): FakeTunnel[] {
  return [
    { id: '0191dce4-9ab4-7fce-b660-8e5dec5172da', name: 'office-tunnel', status: 'healthy', connectors: [{ id: 'a1f0c2d3-0000-4000-8000-00000000c001', version: '2025.10.0', conns: 4 }] },
    { id: 'c6d5f1a2-3b4c-4d5e-8f90-a1b2c3d4e5f6', name: 'lab-tunnel', status: 'down', connectors: [] },
  ];
}

/** The tunnel object the API returns, with the deprecated `connections` list derived from the connectors. */
export function tunnelBody(t: FakeTunnel): Record<string, unknown> {
  const connectors = t.deleted_at ? [] : (t.connectors ?? []);
  return {
    id: t.id,
    account_tag: 'redacted',
    name: t.name,
    status: t.status,
    tun_type: 'cfd_tunnel',
    created_at: CREATED,
    deleted_at: t.deleted_at ?? null,
    conns_active_at: t.status === 'inactive' ? null : RUN_AT,
    conns_inactive_at: t.status === 'down' || t.status === 'inactive' ? RUN_AT : null,
    remote_config: true,
    connections: connectors.flatMap((c) => connsOf(c).map((conn) => ({ ...conn, is_pending_reconnect: false }))),
  };
}

function connsOf(c: FakeConnector) {
  return Array.from({ length: c.conns ?? 2 }, (_, i) => ({
    id: `${c.id.slice(0, 24)}${String(i).padStart(12, '0')}`,
    uuid: `${c.id.slice(0, 24)}${String(i).padStart(12, '0')}`,
    client_id: c.id,
    client_version: c.version,
    colo_name: COLOS[i % COLOS.length],
    opened_at: RUN_AT,
    origin_ip: '198.51.100.7',
  }));
}

/** One entry of `/connections`. */
export function connectorBody(c: FakeConnector): Record<string, unknown> {
  return {
    id: c.id,
    arch: c.arch ?? 'linux_amd64',
    version: c.version,
    run_at: RUN_AT,
    config_version: 3,
    features: ['ha-origin', 'management_logs'],
    conns: connsOf(c),
  };
}

export type TunnelAnswer = { status: number; result?: unknown; resultInfo?: Record<string, number>; error?: { code: number; message: string } };

/** Answers a tunnel request, or undefined when the path is not a tunnel path. */
export function routeTunnels(path: string, method: string, query: URLSearchParams, tunnelsOf: (account: string) => FakeTunnel[]): TunnelAnswer | undefined {
  let m: RegExpExecArray | null;
  if ((m = TUNNELS_RE.exec(path))) {
    if (method !== 'GET') return { status: 405, error: { code: 7001, message: 'Method not allowed' } };
    let list = tunnelsOf(m[1]!);
    if (query.get('is_deleted') === 'false') list = list.filter((t) => !t.deleted_at);
    if (query.get('is_deleted') === 'true') list = list.filter((t) => t.deleted_at);
    const name = query.get('name');
    if (name !== null) list = list.filter((t) => t.name === name);
    const status = query.get('status');
    if (status !== null) list = list.filter((t) => t.status === status);
    const page = Number(query.get('page') ?? 1);
    const perPage = Number(query.get('per_page') ?? 20);
    const slice = list.slice((page - 1) * perPage, page * perPage);
    return { status: 200, result: slice.map(tunnelBody), resultInfo: { page, per_page: perPage, count: slice.length, total_count: list.length } };
  }
  const one = TUNNEL_RE.exec(path) ?? CONNECTIONS_RE.exec(path);
  if (!one) return undefined;
  if (method !== 'GET') return { status: 405, error: { code: 7001, message: 'Method not allowed' } };
  // Deleted tunnels stay readable by id, with deleted_at set, as on Cloudflare.
  const t = tunnelsOf(one[1]!).find((x) => x.id.toLowerCase() === decodeURIComponent(one[2]!).toLowerCase());
  if (!t) return { status: 404, error: { code: 1003, message: 'Tunnel not found' } };
  if (path.endsWith('/connections')) return { status: 200, result: t.deleted_at ? [] : (t.connectors ?? []).map(connectorBody) };
  return { status: 200, result: tunnelBody(t) };
}
