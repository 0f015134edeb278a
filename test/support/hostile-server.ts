import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A server that misbehaves on purpose, on 127.0.0.1:0, for the transport, retry and paging guards.
 * It answers every request with the behaviour of its mode and records what it was sent; it knows
 * nothing of Cloudflare beyond the envelope.
 */

export type HostileMode =
  /** 200, chunked, never ends: a chunk every tick until the client goes away. */
  | { kind: 'endless' }
  /** 200 declaring a Content-Length of `bytes` and sending them (as fast as the client reads). */
  | { kind: 'huge'; bytes: number }
  /** Reads the request and never answers, not even the status line. */
  | { kind: 'silent' }
  /** 200 whose body arrives one byte every `everyMs`, forever. */
  | { kind: 'trickle'; everyMs: number }
  /** List pages whose ids cycle through `cycle` distinct pages after page 1, never repeating it. */
  | { kind: 'cycling-pages'; cycle: number }
  /** Full pages of new ids with result_info claiming `totalPages` pages. */
  | { kind: 'huge-total-pages'; totalPages: number }
  /** Full pages with result_info.per_page 0 and a large total_count. */
  | { kind: 'per-page-zero' }
  /** 400 whose error message repeats the credential headers it received. */
  | { kind: 'echo-headers' }
  /** 200 with success: false and Cloudflare's errors. */
  | { kind: 'success-false'; errors: { code: number; message: string }[] }
  /** `status` with Retry-After `retryAfter` (absent when undefined) on every request. */
  | { kind: 'status'; status: number; retryAfter?: string; errors?: { code: number; message: string }[] };

export interface HostileRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  at: number;
}

export class HostileServer {
  readonly requests: HostileRequest[] = [];
  /** TCP connections accepted, so attempts that never got as far as a request are counted too. */
  connections = 0;
  url = '';
  private sockets = new Set<Socket>();
  private timers = new Set<NodeJS.Timeout>();

  private constructor(
    private readonly server: Server,
    public mode: HostileMode,
  ) {}

  /** `tls` serves https with the given key and certificate instead of http. */
  static async start(mode: HostileMode, tls?: { key: string; cert: string }): Promise<HostileServer> {
    let self!: HostileServer;
    const handler = (req: IncomingMessage, res: ServerResponse) => self.handle(req, res);
    const server = tls ? createHttpsServer({ key: tls.key, cert: tls.cert }, handler) : createHttpServer(handler);
    self = new HostileServer(server, mode);
    server.on('connection', (s: Socket) => {
      self.connections++;
      self.sockets.add(s);
      s.on('close', () => self.sockets.delete(s));
    });
    // A TLS handshake the client refuses is not the server's error.
    server.on('tlsClientError', () => {});
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    self.url = `${tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}/client/v4`;
    return self;
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse) {
    this.requests.push({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, at: Date.now() });
    req.resume();
    const m = this.mode;
    const page = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('page') ?? 1);
    switch (m.kind) {
      case 'endless': {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"success":true,"errors":[],"messages":[],"result":[');
        const chunk = `${'{"service_id":"x","name":"x","type":"tcp","host":{}},'.repeat(1000)}`;
        const pump = () => {
          while (!res.destroyed && res.write(chunk));
          if (!res.destroyed) res.once('drain', pump);
        };
        pump();
        return;
      }
      case 'huge': {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(m.bytes) });
        let left = m.bytes;
        const block = Buffer.alloc(64 * 1024, 0x20);
        const pump = () => {
          while (left > 0 && !res.destroyed) {
            const n = Math.min(left, block.length);
            left -= n;
            if (!res.write(n === block.length ? block : block.subarray(0, n))) return void res.once('drain', pump);
          }
          if (left === 0) res.end();
        };
        pump();
        return;
      }
      case 'silent':
        return;
      case 'trickle': {
        res.writeHead(200, { 'content-type': 'application/json' });
        const t = setInterval(() => {
          if (res.destroyed) clearInterval(t);
          else res.write(' ');
        }, m.everyMs);
        this.timers.add(t);
        return;
      }
      case 'cycling-pages': {
        // Page 1 is seen once; pages 2, 3, ... walk round `cycle` other pages for ever.
        const which = page === 1 ? 0 : 1 + ((page - 2) % m.cycle);
        return json(res, 200, envelope(services(which, 1000), { page, per_page: 1000, count: 1000 }));
      }
      case 'huge-total-pages':
        return json(res, 200, envelope(services(page, 1000), { page, per_page: 1000, count: 1000, total_pages: m.totalPages }));
      case 'per-page-zero':
        return json(res, 200, envelope(services(page, 1000), { page, per_page: 0, count: 1000, total_count: 1e12 }));
      case 'echo-headers': {
        const seen = [req.headers.authorization, req.headers['x-auth-key'], req.headers['x-auth-email']].filter(Boolean).join(', ');
        return json(res, 400, { success: false, errors: [{ code: 6003, message: `Invalid request headers: ${seen}` }], messages: [], result: null });
      }
      case 'success-false':
        return json(res, 200, { success: false, errors: m.errors, messages: [], result: null });
      case 'status':
        return json(
          res,
          m.status,
          { success: false, errors: m.errors ?? [{ code: 971, message: 'Please wait and consider throttling your request speed' }], messages: [], result: null },
          m.retryAfter === undefined ? {} : { 'retry-after': m.retryAfter },
        );
    }
  }
}

/** `n` services of page `p`, with ids that say where they came from. */
function services(p: number, n: number) {
  return Array.from({ length: n }, (_, i) => ({
    service_id: `00000000-0000-4000-8000-${String(p).padStart(6, '0')}${String(i).padStart(6, '0')}`,
    name: `p${p}-s${i}`,
    type: 'tcp',
    host: { ipv4: '10.0.0.1', network: { tunnel_id: '0191dce4-9ab4-7fce-b660-8e5dec5172da' } },
    tcp_port: 5432,
  }));
}

const envelope = (result: unknown, result_info: Record<string, number>) => ({ success: true, errors: [], messages: [], result, result_info });

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
