import * as z from 'zod/mini';
import { ApiError, AuthError } from '../errors';
import type { Api } from './client';

/**
 * Read-only calls on Cloudflare Tunnel (cfd_tunnel): one tunnel and its connectors. Both are
 * requested together, so a tunnel costs two requests whatever it turns out to be.
 */

export const TUNNEL_READ_PERMISSION = 'Cloudflare Tunnel Read';

const tunnelDetailSchema = z.looseObject({
  id: z.string(),
  name: z._default(z.string(), ''),
  status: z.nullish(z.string()),
  deleted_at: z.nullish(z.string()),
});
export type TunnelDetail = z.infer<typeof tunnelDetailSchema>;

const connectorSchema = z.looseObject({
  id: z.string(),
  version: z.nullish(z.string()),
  arch: z.nullish(z.string()),
  conns: z.nullish(z.array(z.looseObject({ colo_name: z.nullish(z.string()) }))),
});
export type Connector = z.infer<typeof connectorSchema>;

/** What reading a tunnel gave: it, or why it could not be read. Cancellation is thrown, not returned. */
export type TunnelState =
  | { kind: 'found'; tunnel: TunnelDetail; connectors: Connector[] }
  | { kind: 'not_found'; id: string }
  | { kind: 'denied'; id: string; message: string }
  | { kind: 'error'; id: string; message: string };

function tunnelPath(api: Api, id: string, sub = ''): string {
  return `/accounts/${encodeURIComponent(api.accountId)}/cfd_tunnel/${encodeURIComponent(id)}${sub}`;
}

export async function readTunnelState(api: Api, id: string): Promise<TunnelState> {
  const [tunnel, connections] = await Promise.allSettled([
    api.http.request({ method: 'GET', path: tunnelPath(api, id), result: tunnelDetailSchema, permission: TUNNEL_READ_PERMISSION }),
    api.http.request({ method: 'GET', path: tunnelPath(api, id, '/connections'), result: z.array(connectorSchema), permission: TUNNEL_READ_PERMISSION }),
  ]);
  if (tunnel.status === 'rejected') return failed(id, tunnel.reason);
  if (connections.status === 'rejected') return failed(id, connections.reason);
  return { kind: 'found', tunnel: tunnel.value.result, connectors: connections.value.result };
}

function failed(id: string, e: unknown): TunnelState {
  if (e instanceof ApiError && e.httpStatus === 404) return { kind: 'not_found', id };
  if (e instanceof AuthError) return { kind: 'denied', id, message: e.message };
  if (e instanceof ApiError) return { kind: 'error', id, message: e.message };
  throw e;
}
