import { request as httpRequest } from 'node:http';

/**
 * The one place bytes leave the process. node:http rather than the global fetch: fetch's client
 * costs about 175 ms of start-up on Node 20 (architecture.md, rule 6).
 */

export interface TransportRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface TransportResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * Why a request failed without an HTTP answer. `refused` means it cannot have reached the server,
 * which is what makes a create safe to send again.
 */
export type NetworkFailureKind = 'refused' | 'reset' | 'timeout' | 'aborted' | 'other';

export class NetworkError extends Error {
  constructor(
    readonly kind: NetworkFailureKind,
    message: string,
  ) {
    super(message);
  }
}

export type Transport = (req: TransportRequest) => Promise<TransportResponse>;

const REFUSED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

// node:https brings tls and crypto; loopback http (tests, local gateways) never needs them.
let httpsRequest: typeof httpRequest | undefined;

export const nodeTransport: Transport = async (req) => {
  if (req.url.protocol === 'https:') httpsRequest ??= (await import('node:https')).request;
  return send(req.url.protocol === 'https:' ? (httpsRequest as typeof httpRequest) : httpRequest, req);
};

const send = (request: typeof httpRequest, req: TransportRequest): Promise<TransportResponse> =>
  new Promise((resolve, reject) => {
    if (req.signal?.aborted) {
      reject(new NetworkError('aborted', 'cancelled'));
      return;
    }
    const headers: Record<string, string> = { ...req.headers };
    if (req.body !== undefined) headers['content-length'] = String(Buffer.byteLength(req.body));
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const r = request(req.url, { method: req.method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        finish(() => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') })),
      );
      res.on('error', (e: NodeJS.ErrnoException) => finish(() => reject(classify(e))));
      res.on('aborted', () => finish(() => reject(new NetworkError('reset', 'the connection was closed mid-response'))));
    });
    const timer = setTimeout(() => {
      finish(() => reject(new NetworkError('timeout', `no answer within ${req.timeoutMs / 1000} s`)));
      r.destroy();
    }, req.timeoutMs);
    const onAbort = () => {
      finish(() => reject(new NetworkError('aborted', 'cancelled')));
      r.destroy();
    };
    req.signal?.addEventListener('abort', onAbort, { once: true });
    r.on('error', (e: NodeJS.ErrnoException) => finish(() => reject(classify(e))));
    r.end(req.body);
  });

function classify(e: NodeJS.ErrnoException): NetworkError {
  const code = e.code ?? '';
  if (REFUSED.has(code)) return new NetworkError('refused', `${code}: ${e.message}`);
  if (code === 'ECONNRESET' || code === 'EPIPE' || e.message === 'socket hang up') {
    return new NetworkError('reset', `the connection was reset (${code || e.message})`);
  }
  return new NetworkError('other', e.message);
}
