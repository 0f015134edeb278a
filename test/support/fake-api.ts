import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { validateParams, validateServiceBody } from './openapi';
import { defaultTunnels, routeTunnels, type FakeTunnel } from './fake-tunnels';
import { classify, MAX_RESPONSE_BYTES, NetworkError, nodeTransport, timeoutError, tooLargeError, type Transport } from '../../src/api/transport';

/**
 * A stateful fake of the Cloudflare API on 127.0.0.1:0: the five connectivity-service operations
 * with Cloudflare's envelopes, per-account storage, unique names (5101), unknown ids (5104), auth
 * and permissions, accounts (list and details), users, token verification and tunnels. Every request
 * is recorded and every service request is validated against the OpenAPI document; violations are
 * collected so a test can assert there were none. Faults, latency and a rate limiter can be switched
 * on.
 */

export const ACCOUNT = '023e105f4ecef8ad9ca31a8372d0c353';
export const ACCOUNT_2 = '9a7806061c88ada191ed06f989cc3dac';
export const TOKEN = 'test-token-0123456789abcdefWXYZ';
export const EMAIL = 'user@example.com';
export const API_KEY = 'global-key-0123456789abcdef4567';
export const TUNNEL = '0191dce4-9ab4-7fce-b660-8e5dec5172da';
export const TUNNEL_2 = 'c6d5f1a2-3b4c-4d5e-8f90-a1b2c3d4e5f6';

export type Permission = 'admin' | 'read' | 'none';

export interface TokenInfo {
  kind: 'user' | 'account';
  /** Accounts the token can act on. */
  accounts: string[];
  permission: Permission;
  tunnelRead?: boolean;
  /** A token that is not active verifies with this status and is refused (401) everywhere else. */
  status?: 'active' | 'expired' | 'disabled';
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
  rawBody: string;
  /** When it arrived (ms since the epoch). */
  at: number;
}

export type FaultAction =
  | { status: number; retryAfter?: string; errors?: { code: number; message: string }[] }
  | { reset: 'before' | 'after' }
  | { delayMs: number };

export interface Fault {
  method?: string;
  /** Only requests whose path matches. */
  path?: RegExp;
  /** The nth matching request (1-based); with `count`, that many from the nth on. */
  nth?: number;
  count?: number;
  /** Or each matching request with this probability, from a seeded generator. */
  probability?: number;
  action: FaultAction;
}

export interface StoredService extends Record<string, unknown> {
  service_id: string;
  name: string;
  type: string;
  host: Record<string, unknown>;
}

export interface FakeOptions {
  accounts?: { id: string; name: string }[];
  tokens?: Record<string, TokenInfo>;
  keys?: Record<string, { email: string; accounts: string[] }>;
  deleteStyle?: 'envelope' | 'empty' | '204';
  latencyMs?: number;
  seed?: number;
  rateLimit?: { limit: number; windowMs: number; retryAfterSeconds?: number };
}

const SERVICES_RE = /^\/accounts\/([^/]+)\/connectivity\/directory\/services\/?$/;
const SERVICE_RE = /^\/accounts\/([^/]+)\/connectivity\/directory\/services\/([^/]+)$/;
const ACCOUNT_VERIFY_RE = /^\/accounts\/([^/]+)\/tokens\/verify$/;
const ACCOUNT_RE = /^\/accounts\/([^/]+)$/;

export class FakeCloudflare {
  readonly requests: RecordedRequest[] = [];
  readonly violations: string[] = [];
  readonly services = new Map<string, Map<string, StoredService>>();
  readonly tunnels = new Map<string, FakeTunnel[]>();
  accounts: { id: string; name: string }[];
  tokens: Record<string, TokenInfo>;
  keys: Record<string, { email: string; accounts: string[] }>;
  deleteStyle: 'envelope' | 'empty' | '204';
  latencyMs: number;
  faults: Fault[] = [];
  /** Answer every list request with all services and no result_info, as a naive server might. */
  listIgnoresPaging = false;
  rateLimit?: { limit: number; windowMs: number; retryAfterSeconds?: number };
  /** How many requests were turned away by the rate limiter. */
  rateLimited = 0;
  /** The rate limiter's clock: in-process tests give it the client's virtual clock, so no one waits for real. */
  now: () => number = Date.now;
  private windowStart = 0;
  private windowCount = 0;
  private faultCounts = new Map<Fault, number>();
  private random: () => number;
  private server!: Server;
  private sockets = new Set<Socket>();
  url = '';

  private constructor(o: FakeOptions) {
    this.accounts = o.accounts ?? [{ id: ACCOUNT, name: 'Example Account' }];
    this.tokens = o.tokens ?? { [TOKEN]: { kind: 'user', accounts: this.accounts.map((a) => a.id), permission: 'admin', tunnelRead: true } };
    this.keys = o.keys ?? { [API_KEY]: { email: EMAIL, accounts: this.accounts.map((a) => a.id) } };
    this.deleteStyle = o.deleteStyle ?? 'envelope';
    this.latencyMs = o.latencyMs ?? 0;
    this.rateLimit = o.rateLimit;
    this.random = mulberry32(o.seed ?? 42);
  }

  /** Every account starts with two tunnels (TUNNEL healthy, TUNNEL_2 down); see fake-tunnels.ts. */
  tunnelsOf(account: string): FakeTunnel[] {
    let t = this.tunnels.get(account);
    if (!t) this.tunnels.set(account, (t = defaultTunnels()));
    return t;
  }

  static async start(o: FakeOptions = {}): Promise<FakeCloudflare> {
    const fake = new FakeCloudflare(o);
    fake.server = createServer((req, res) => void fake.handle(req, res));
    fake.server.on('connection', (s) => {
      fake.sockets.add(s);
      s.on('close', () => fake.sockets.delete(s));
    });
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}/client/v4`;
    return fake;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Requests that reached a given method, optionally filtered by path. */
  sent(method: string, path?: RegExp): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && (!path || path.test(r.path)));
  }

  mutations(): RecordedRequest[] {
    return this.requests.filter((r) => r.method !== 'GET');
  }

  list(account = ACCOUNT): StoredService[] {
    return [...(this.services.get(account)?.values() ?? [])];
  }

  /** Adds services directly, without requests; returns them. */
  seed(defs: Record<string, unknown>[], account = ACCOUNT): StoredService[] {
    return defs.map((d) => this.store(account, d));
  }

  private store(account: string, def: Record<string, unknown>, id: string = randomUUID()): StoredService {
    const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    const { service_id: _i, created_at: _c, updated_at: _u, ...rest } = def;
    const s = { service_id: id, ...rest, created_at: now, updated_at: now } as unknown as StoredService;
    let m = this.services.get(account);
    if (!m) this.services.set(account, (m = new Map()));
    m.set(id, s);
    return s;
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const recorded = this.record(req.method ?? 'GET', new URL(req.url ?? '/', 'http://fake'), req.headers, Buffer.concat(chunks).toString('utf8'));
    const outcome = await this.respond(recorded, sleep);
    if ('reset' in outcome) req.socket.destroy();
    else send(res, outcome.status, outcome.body, outcome.headers);
  }

  /**
   * The fake as a transport, without a socket: in-process tests hand this to `main` so a request
   * costs no I/O, and delays run on the test's virtual clock (`clock`). A delay past the request's
   * timeout fails it at once with the transport's own timeout error and moves the clock by the
   * timeout; the delayed request still lands, when the clock reaches its time, as a late request does.
   * Requests for any other origin go out through the real transport.
   */
  readonly transport: Transport = async (req) => {
    if (!req.url.href.startsWith(this.url)) return nodeTransport(req);
    if (req.signal?.aborted) throw new NetworkError('aborted', 'cancelled');
    const clock = this.clock ?? { now: Date.now, advance: () => {} };
    await this.landDue();
    const headers: Record<string, string> = { host: req.url.host, ...Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), v])) };
    if (req.body !== undefined) headers['content-length'] = String(Buffer.byteLength(req.body));
    const recorded = this.record(req.method, req.url, headers, req.body ?? '');
    const start = clock.now();
    let spent = 0;
    let timedOut: (() => void) | undefined;
    const late = new Promise<never>((_, reject) => {
      timedOut = () => reject(timeoutError(req.url, req.timeoutMs, false));
    });
    const wait = async (ms: number) => {
      if (spent + ms < req.timeoutMs) {
        spent += ms;
        clock.advance(ms);
        await this.landDue();
        return;
      }
      // Past the timeout: the client gives up now; this request finishes when the clock gets there.
      const landsAt = start + spent + ms;
      clock.advance(req.timeoutMs - spent);
      spent = req.timeoutMs;
      timedOut?.();
      await new Promise<void>((resolve) => this.due.push({ at: landsAt, land: resolve }));
    };
    late.catch(() => {});
    const outcome = await Promise.race([this.respond(recorded, wait), late]);
    if ('reset' in outcome) throw classify(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), req.url);
    const text = outcome.body === '' ? '' : JSON.stringify(outcome.body);
    if (Buffer.byteLength(text) > (req.maxBodyBytes ?? MAX_RESPONSE_BYTES)) throw tooLargeError(req.url, req.maxBodyBytes ?? MAX_RESPONSE_BYTES);
    return { status: outcome.status, headers: { ...(text && { 'content-type': 'application/json' }), ...outcome.headers }, body: text };
  };

  /** The virtual clock of the in-process run using `transport`; `advance` is time the client spends waiting. */
  clock?: { now(): number; advance(ms: number): void };
  /** Late requests, held until the virtual clock reaches `at`. */
  private due: { at: number; land: () => void }[] = [];

  /** Lets every late request whose time has come land (in time order) before the next one is seen. */
  private async landDue(): Promise<void> {
    const now = (this.clock ?? { now: Date.now }).now();
    for (;;) {
      this.due.sort((a, b) => a.at - b.at);
      const next = this.due[0];
      if (!next || next.at > now) return;
      this.due.shift();
      next.land();
      // Let the held request run to its answer.
      await new Promise<void>((r) => setImmediate(r));
    }
  }

  private record(method: string, url: URL, headers: Record<string, string | string[] | undefined>, rawBody: string): RecordedRequest {
    const path = url.pathname.replace(/^\/client\/v4/, '');
    let body: unknown;
    if (rawBody) {
      try {
        body = JSON.parse(rawBody);
      } catch {
        this.violations.push(`${method} ${path}: body is not JSON`);
      }
    }
    const recorded: RecordedRequest = { method, path, query: Object.fromEntries(url.searchParams), headers, body, rawBody, at: Date.now() };
    this.requests.push(recorded);
    return recorded;
  }

  /** What the fake does with one request, socket or not: an answer, or a dropped connection. */
  private async respond(recorded: RecordedRequest, wait: (ms: number) => Promise<void>): Promise<Answer | { reset: true }> {
    if (this.latencyMs > 0) await wait(this.latencyMs);

    if (this.rateLimit && this.limited()) {
      this.rateLimited++;
      return {
        status: 429,
        body: failure(971, 'Please wait and consider throttling your request speed'),
        headers: { 'retry-after': String(this.rateLimit.retryAfterSeconds ?? this.secondsToReset()) },
      };
    }

    const fault = this.pickFault(recorded);
    if (fault) {
      if ('delayMs' in fault) await wait(fault.delayMs);
      else if ('reset' in fault && fault.reset === 'before') return { reset: true };
      else if ('status' in fault) {
        return {
          status: fault.status,
          body: failure(fault.errors?.[0]?.code ?? 10001, fault.errors?.[0]?.message ?? `injected ${fault.status}`),
          headers: { ...(fault.retryAfter !== undefined && { 'retry-after': fault.retryAfter }) },
        };
      }
    }

    const answer = this.route(recorded, new URLSearchParams(recorded.query));
    // The request was applied; the client never learns it.
    if (fault && 'reset' in fault && fault.reset === 'after') return { reset: true };
    return answer;
  }

  /**
   * A fixed-window limiter, like Cloudflare's ("1,200 requests per five minutes", then blocked until
   * the window ends): at most `limit` requests per window; past it, 429 with Retry-After.
   */
  private limited(): boolean {
    const { limit, windowMs } = this.rateLimit!;
    const now = this.now();
    if (now - this.windowStart >= windowMs) {
      this.windowStart = now;
      this.windowCount = 0;
    }
    if (this.windowCount >= limit) return true;
    this.windowCount++;
    return false;
  }

  /** Seconds until the current window ends, rounded up as Cloudflare does. */
  private secondsToReset(): number {
    return Math.max(1, Math.ceil((this.windowStart + this.rateLimit!.windowMs - this.now()) / 1000));
  }

  private pickFault(r: RecordedRequest): FaultAction | undefined {
    for (const f of this.faults) {
      if (f.method && f.method !== r.method) continue;
      if (f.path && !f.path.test(r.path)) continue;
      const n = (this.faultCounts.get(f) ?? 0) + 1;
      this.faultCounts.set(f, n);
      if (f.nth !== undefined && n >= f.nth && n < f.nth + (f.count ?? 1)) return f.action;
      if (f.probability !== undefined && this.random() < f.probability) return f.action;
    }
    return undefined;
  }

  private auth(r: RecordedRequest): { ok: true; accounts: string[]; permission: Permission; info?: TokenInfo; token?: string } | { ok: false } {
    const authz = r.headers.authorization;
    if (typeof authz === 'string' && authz.startsWith('Bearer ')) {
      const token = authz.slice(7);
      const info = this.tokens[token];
      return info ? { ok: true, accounts: info.accounts, permission: info.permission, info, token } : { ok: false };
    }
    const key = r.headers['x-auth-key'];
    const email = r.headers['x-auth-email'];
    if (typeof key === 'string' && typeof email === 'string') {
      const k = this.keys[key];
      return k && k.email === email ? { ok: true, accounts: k.accounts, permission: 'admin' } : { ok: false };
    }
    return { ok: false };
  }

  private route(r: RecordedRequest, query: URLSearchParams): Answer {
    if (r.headers['user-agent'] === undefined || !String(r.headers['user-agent']).startsWith('vpcsvc/')) {
      this.violations.push(`${r.method} ${r.path}: User-Agent is ${String(r.headers['user-agent'])}`);
    }
    const auth = this.auth(r);
    if (!auth.ok) return { status: 401, body: failure(10000, 'Authentication error') };

    let m: RegExpExecArray | null;
    if (r.path === '/accounts' && r.method === 'GET') {
      const visible = this.accounts.filter((a) => auth.accounts.includes(a.id));
      return ok(visible.map((a) => ({ id: a.id, name: a.name, type: 'standard' })), { page: 1, per_page: 50, count: visible.length, total_count: visible.length });
    }
    if (r.path === '/user' && r.method === 'GET') {
      if (auth.info?.kind === 'account') return { status: 403, body: failure(9109, 'Unauthorized to access requested resource') };
      return ok({ id: '7c5dae5552338874e5053f2534d2767a', email: EMAIL });
    }
    if (r.path === '/user/tokens/verify' && r.method === 'GET') {
      if (!auth.token) return { status: 400, body: failure(6003, 'Invalid request headers') };
      if (auth.info?.kind !== 'user') return { status: 401, body: failure(1000, 'Invalid API Token') };
      return ok({ id: 'ed17574386854bf78a67040be0a770b0', status: auth.info.status ?? 'active' });
    }
    if ((m = ACCOUNT_RE.exec(r.path)) && r.method === 'GET') {
      // Account Details: only for an account the credential can act on.
      const account = this.accounts.find((a) => a.id === m![1] && auth.accounts.includes(a.id));
      if (!account) return { status: 403, body: failure(9109, 'Unauthorized to access requested resource') };
      return ok({ id: account.id, name: account.name, type: 'standard', settings: { enforce_twofactor: false }, created_on: '2024-01-01T00:00:00Z' });
    }
    if ((m = ACCOUNT_VERIFY_RE.exec(r.path)) && r.method === 'GET') {
      if (!auth.token || auth.info?.kind !== 'account' || !auth.accounts.includes(m[1]!)) {
        return { status: 401, body: failure(1000, 'Invalid API Token') };
      }
      return ok({ id: 'ad17574386854bf78a67040be0a770b1', status: auth.info.status ?? 'active' });
    }
    if ((auth.info?.status ?? 'active') !== 'active') return { status: 401, body: failure(1000, 'Invalid API Token') };
    if ((m = /^\/accounts\/([^/]+)\/cfd_tunnel(\/|$)/.exec(r.path))) {
      if (!auth.accounts.includes(m[1]!) || auth.info?.tunnelRead === false) return { status: 403, body: failure(10000, 'Authentication error') };
      const t = routeTunnels(r.path, r.method, query, (a) => this.tunnelsOf(a));
      if (t) return t.error ? { status: t.status, body: failure(t.error.code, t.error.message) } : ok(t.result, t.resultInfo);
    }
    if ((m = SERVICES_RE.exec(r.path))) return this.collection(r, query, decodeURIComponent(m[1]!), auth);
    if ((m = SERVICE_RE.exec(r.path))) return this.single(r, query, decodeURIComponent(m[1]!), decodeURIComponent(m[2]!), auth);
    this.violations.push(`${r.method} ${r.path}: no such route`);
    return { status: 404, body: failure(7003, 'No route for the URI') };
  }

  private check(template: string, r: RecordedRequest, params: Record<string, string>, query: URLSearchParams, withBody: boolean): string[] {
    const problems = validateParams(template as never, r.method, params, query);
    if (withBody) problems.push(...validateServiceBody(r.body));
    if (problems.length) this.violations.push(...problems.map((p) => `${r.method} ${r.path}: ${p}`));
    return problems;
  }

  private permitted(account: string, method: string, auth: { accounts: string[]; permission: Permission }): Answer | undefined {
    if (!auth.accounts.includes(account)) return { status: 403, body: failure(9109, 'Unauthorized to access requested resource') };
    if (auth.permission === 'none' || (method !== 'GET' && auth.permission !== 'admin')) {
      return { status: 403, body: failure(10000, 'Authentication error') };
    }
    return undefined;
  }

  private collection(r: RecordedRequest, query: URLSearchParams, account: string, auth: { accounts: string[]; permission: Permission }): Answer {
    const problems = this.check('/accounts/{account_id}/connectivity/directory/services', r, { account_id: account }, query, r.method === 'POST');
    if (problems.length) return { status: 400, body: failure(1001, problems.join('; ')) };
    const denied = this.permitted(account, r.method, auth);
    if (denied) return denied;
    const services = this.list(account);
    if (r.method === 'GET') {
      const type = query.get('type');
      const page = Number(query.get('page') ?? 1);
      const perPage = Number(query.get('per_page') ?? 1000);
      const filtered = type ? services.filter((s) => s.type === type) : services;
      if (this.listIgnoresPaging) return { status: 200, body: { success: true, errors: [], messages: [], result: filtered } };
      const slice = filtered.slice((page - 1) * perPage, page * perPage);
      return ok(slice, { page, per_page: perPage, count: slice.length, total_count: filtered.length, total_pages: Math.ceil(filtered.length / perPage) });
    }
    if (r.method === 'POST') {
      const def = r.body as Record<string, unknown>;
      if (services.some((s) => s.name === def.name)) return { status: 409, body: failure(5101, 'service already exists') };
      return ok(this.store(account, def));
    }
    return { status: 405, body: failure(7001, 'Method not allowed') };
  }

  private single(r: RecordedRequest, query: URLSearchParams, account: string, id: string, auth: { accounts: string[]; permission: Permission }): Answer {
    const problems = this.check('/accounts/{account_id}/connectivity/directory/services/{service_id}', r, { account_id: account, service_id: id }, query, r.method === 'PUT');
    if (problems.length) return { status: 400, body: failure(1001, problems.join('; ')) };
    const denied = this.permitted(account, r.method, auth);
    if (denied) return denied;
    const existing = this.services.get(account)?.get(id);
    if (!existing) return { status: 404, body: failure(5104, 'service not found') };
    if (r.method === 'GET') return ok(existing);
    if (r.method === 'PUT') {
      const def = r.body as Record<string, unknown>;
      if (this.list(account).some((s) => s.name === def.name && s.service_id !== id)) return { status: 409, body: failure(5101, 'service already exists') };
      const updated = this.store(account, def, id);
      updated.created_at = existing.created_at;
      return ok(updated);
    }
    if (r.method === 'DELETE') {
      this.services.get(account)!.delete(id);
      if (this.deleteStyle === '204') return { status: 204, body: '' };
      if (this.deleteStyle === 'empty') return { status: 200, body: '' };
      return ok(null);
    }
    return { status: 405, body: failure(7001, 'Method not allowed') };
  }
}

interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

const ok = (result: unknown, result_info?: Record<string, number>) => ({
  status: 200,
  body: { success: true, errors: [], messages: [], result, ...(result_info && { result_info }) },
});

const failure = (code: number, message: string) => ({ success: false, errors: [{ code, message }], messages: [], result: null });

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = body === '' ? '' : JSON.stringify(body);
  res.writeHead(status, { ...(text && { 'content-type': 'application/json' }), ...headers });
  res.end(text);
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A small seeded generator, so probabilistic faults repeat run to run. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
