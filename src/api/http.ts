import * as z from 'zod/mini';
import { ApiError, AuthError, Cancelled, type ApiMessage } from '../errors';
import { parseWithoutPrototypeKeys } from '../service/prototype-keys';
import { DEFAULT_RETRY, decideRetry, type AttemptOutcome, type Method, type RetrySettings } from './retry-policy';
import { NetworkError, type Transport, type TransportResponse } from './transport';

/**
 * The only place that knows URLs, auth headers, Cloudflare's envelope, retries and timeouts.
 * It neither prints nor reads configuration: everything comes in through HttpOptions.
 */

export type Credential = { kind: 'token'; token: string } | { kind: 'key'; email: string; key: string };

export interface HttpOptions {
  baseUrl: URL;
  credential?: Credential;
  transport: Transport;
  timeoutMs: number;
  userAgent: string;
  retry?: Partial<RetrySettings>;
  signal?: AbortSignal;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  now: () => number;
  random?: () => number;
  /** Receives one line per traced event when --debug is on; secrets are already masked. */
  trace?: (line: string) => void;
}

export interface ApiRequest<T> {
  method: Method;
  /** Path below the base URL, already encoded. */
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /** Validates `result`; the response is refused when it does not match. */
  result: z.core.$ZodType<T>;
  /** The permission to name when the API answers 401/403. */
  permission?: string;
  /** DELETE may answer with no body at all. */
  allowEmpty?: boolean;
  /**
   * Create only: called when the outcome of an attempt is unknown (timeout, reset, 5xx). Returns
   * the result if the request turns out to have been applied, undefined to send it again.
   */
  recover?: () => Promise<T | undefined>;
}

export interface ApiResponse<T> {
  result: T;
  resultInfo?: ResultInfo;
  attempts: number;
}

export interface ResultInfo {
  page?: number;
  per_page?: number;
  count?: number;
  total_count?: number;
  total_pages?: number;
}

const messageSchema = z.looseObject({ code: z.number(), message: z.string() });
const envelopeSchema = z.looseObject({
  success: z.boolean(),
  errors: z.nullish(z.array(messageSchema)),
  messages: z.nullish(z.array(z.unknown())),
  result: z.unknown(),
  result_info: z.nullish(z.looseObject({})),
});

/** Rate-limit pauses shared by every request of this client, so batches slow down together. */
class PauseGate {
  private until = 0;
  constructor(private readonly now: () => number) {}
  pause(ms: number) {
    this.until = Math.max(this.until, this.now() + ms);
  }
  remaining(): number {
    return Math.max(0, this.until - this.now());
  }
}

export class HttpClient {
  private readonly retry: RetrySettings;
  private readonly gate: PauseGate;
  private readonly random: () => number;

  constructor(private readonly o: HttpOptions) {
    this.retry = { ...DEFAULT_RETRY, ...o.retry };
    this.gate = new PauseGate(o.now);
    this.random = o.random ?? Math.random;
  }

  url(path: string, query?: ApiRequest<unknown>['query']): URL {
    const base = this.o.baseUrl.href.replace(/\/+$/, '');
    const u = new URL(base + path);
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) u.searchParams.set(k, String(v));
    return u;
  }

  async request<T>(req: ApiRequest<T>): Promise<ApiResponse<T>> {
    const url = this.url(req.path, req.query);
    const body = req.body === undefined ? undefined : JSON.stringify(req.body);
    const headers: Record<string, string> = {
      accept: 'application/json',
      'user-agent': this.o.userAgent,
      ...authHeaders(this.o.credential),
    };
    if (body !== undefined) headers['content-type'] = 'application/json';

    let throttled = 0;
    let counted = 0;
    for (let attempt = 1; ; attempt++) {
      await this.waitForGate();
      let outcome: AttemptOutcome;
      let response: TransportResponse | undefined;
      let failure: NetworkError | undefined;
      const started = this.o.now();
      this.trace(`> ${req.method} ${url.href}${attempt > 1 ? ` (attempt ${attempt})` : ''}`);
      if (this.o.trace) for (const [k, v] of Object.entries(maskHeaders(headers))) this.trace(`>   ${k}: ${v}`);
      if (body !== undefined) this.trace(`>   ${body}`);
      try {
        response = await this.o.transport({ method: req.method, url, headers, body, timeoutMs: this.o.timeoutMs, signal: this.o.signal });
        this.trace(`< ${response.status} in ${this.o.now() - started} ms`);
        if (response.body) this.trace(`<   ${response.body.length > 2000 ? `${response.body.slice(0, 2000)}...` : response.body}`);
        outcome = { status: response.status, retryAfter: header(response, 'retry-after') };
      } catch (e) {
        if (!(e instanceof NetworkError)) throw e;
        if (e.kind === 'aborted' || this.o.signal?.aborted) throw new Cancelled('cancelled');
        failure = e;
        this.trace(`< no answer: ${e.message}`);
        outcome = { network: e.kind };
      }

      if (response && response.status >= 200 && response.status < 300) {
        return { ...this.parseSuccess(req, response), attempts: attempt };
      }

      if (outcome.status === 429) throttled++;
      else counted++;
      const decision = decideRetry(req.method, outcome, counted, this.retry, this.random, this.o.now(), throttled);
      if (outcome.status === 429 && decision.action !== 'fail') this.gate.pause(decision.delayMs);
      if (decision.action === 'fail') {
        throw this.failure(req, response, failure, attempt, decision.reason);
      }
      if (decision.action === 'check-then-retry' && req.recover) {
        await this.sleep(decision.delayMs);
        const found = await req.recover();
        if (found !== undefined) return { result: found, attempts: attempt };
        continue;
      }
      await this.sleep(decision.delayMs);
    }
  }

  private async waitForGate() {
    for (let ms = this.gate.remaining(); ms > 0; ms = this.gate.remaining()) await this.sleep(ms);
  }

  private async sleep(ms: number) {
    if (ms <= 0) return;
    try {
      await this.o.sleep(ms, this.o.signal);
    } catch {
      throw new Cancelled('cancelled');
    }
  }

  private trace(line: string) {
    this.o.trace?.(line);
  }

  private parseSuccess<T>(req: ApiRequest<T>, res: TransportResponse): { result: T; resultInfo?: ResultInfo } {
    if (res.body.trim() === '' && (req.allowEmpty || res.status === 204)) return { result: undefined as T };
    const envelope = parseEnvelope(res);
    if (!envelope || (!envelope.success && !req.allowEmpty)) {
      throw new ApiError(`the API answered ${res.status} with a body that is not Cloudflare's envelope`, { status: res.status });
    }
    const parsed = z.safeParse(req.result, envelope.result);
    if (!parsed.success) {
      if (req.allowEmpty) return { result: undefined as T };
      const where = parsed.error.issues[0];
      throw new ApiError(
        `the API answered with an unexpected result${where ? ` (${where.path.join('.') || 'result'}: ${where.message})` : ''}`,
        { status: res.status },
      );
    }
    return { result: parsed.data, resultInfo: (envelope.result_info ?? undefined) as ResultInfo | undefined };
  }

  private failure(
    req: ApiRequest<unknown>,
    res: TransportResponse | undefined,
    network: NetworkError | undefined,
    attempts: number,
    reason: string | undefined,
  ): Error {
    const after = attempts > 1 ? ` (after ${attempts} attempts)` : '';
    if (!res) {
      return new ApiError(`${network?.message ?? 'the request failed'}: ${this.o.baseUrl.host} did not answer${after}`, {
        attempts,
        hints: ['check the network, or CLOUDFLARE_API_BASE_URL if it is set'],
      });
    }
    const apiErrors: ApiMessage[] = (parseEnvelope(res)?.errors ?? []).map((e) => ({ code: e.code, message: e.message }));
    const described = apiErrors.length
      ? apiErrors.map((e) => `[${e.code}] ${e.message}`).join('; ')
      : `HTTP ${res.status}${res.body.trim() ? '' : ' with no body'}`;
    if (res.status === 401 || res.status === 403) {
      const hint =
        res.status === 401
          ? 'the credentials were not accepted: check the API token (or the email and global API key) and that it is still active'
          : `the credentials lack a permission: this needs "${req.permission ?? 'Connectivity Directory Admin'}" on the account`;
      return new AuthError(described, [hint], res.status);
    }
    const hints = reason ? [reason] : [];
    return new ApiError(`${described}${after}`, { status: res.status, apiErrors, attempts, hints });
  }
}

function parseEnvelope(res: TransportResponse): z.infer<typeof envelopeSchema> | undefined {
  try {
    const r = z.safeParse(envelopeSchema, parseWithoutPrototypeKeys(res.body));
    return r.success ? r.data : undefined;
  } catch {
    return undefined;
  }
}

function header(res: TransportResponse, name: string): string | undefined {
  const v = res.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export function authHeaders(c: Credential | undefined): Record<string, string> {
  if (!c) return {};
  return c.kind === 'token' ? { authorization: `Bearer ${c.token}` } : { 'x-auth-email': c.email, 'x-auth-key': c.key };
}

/** Headers as they may be shown: secrets replaced by their length and last four characters. */
export function maskHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (k === 'authorization') out[k] = `Bearer ${maskSecret(v.replace(/^Bearer /, ''))}`;
    else if (k === 'x-auth-key') out[k] = maskSecret(v);
    else out[k] = v;
  }
  return out;
}

/** Never more than the last four characters, and those only for secrets long enough to hide the rest. */
export function maskSecret(secret: string): string {
  return secret.length >= 16 ? `****${secret.slice(-4)}` : '****';
}
