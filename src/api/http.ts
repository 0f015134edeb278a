import * as z from 'zod/mini';
import { ApiError, AuthError, Cancelled, type ApiMessage } from '../errors';
import { parseWithoutPrototypeKeys } from '../service/prototype-keys';
import { DEFAULT_RETRY, decideRetry, type AttemptOutcome, type Method, type RetrySettings } from './retry-policy';
import { NetworkError, type NetworkFailureKind, type Transport, type TransportResponse } from './transport';

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
  /** Told how each attempt ended, so a caller can say whether a change may have been applied. */
  onAttempt?: (outcome: AttemptOutcome) => void;
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
  /**
   * One controller per request in flight, all aborted by a single listener on the caller's signal:
   * a listener per request would pass Node's limit of ten at --concurrency 11 and print a warning.
   */
  private readonly inflight = new Set<AbortController>();

  constructor(private readonly o: HttpOptions) {
    this.retry = { ...DEFAULT_RETRY, ...o.retry };
    this.gate = new PauseGate(o.now);
    this.random = o.random ?? Math.random;
    o.signal?.addEventListener('abort', () => {
      for (const c of this.inflight) c.abort();
    }, { once: true });
  }

  url(path: string, query?: ApiRequest<unknown>['query']): URL {
    const base = this.o.baseUrl.href.replace(/\/+$/, '');
    const u = new URL(base + path);
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) u.searchParams.set(k, String(v));
    return u;
  }

  async request<T>(req: ApiRequest<T>): Promise<ApiResponse<T>> {
    const controller = new AbortController();
    if (this.o.signal?.aborted) controller.abort();
    this.inflight.add(controller);
    try {
      return await this.attempt(req, controller.signal);
    } finally {
      this.inflight.delete(controller);
    }
  }

  private async attempt<T>(req: ApiRequest<T>, signal: AbortSignal): Promise<ApiResponse<T>> {
    const url = this.url(req.path, req.query);
    // Stryker disable next-line ConditionalExpression: JSON.stringify(undefined) is undefined too; the test says what is meant
    const body = req.body === undefined ? undefined : JSON.stringify(req.body);
    const headers: Record<string, string> = {
      accept: 'application/json',
      'user-agent': this.o.userAgent,
      ...authHeaders(this.o.credential),
    };
    if (body !== undefined) headers['content-type'] = 'application/json';

    let throttled = 0;
    let throttledWaitMs = 0;
    for (let attempt = 1; ; attempt++) {
      await this.waitForGate(signal);
      let outcome: AttemptOutcome;
      let response: TransportResponse | undefined;
      let failure: NetworkError | undefined;
      const started = this.o.now();
      this.trace(`> ${req.method} ${url.href}${attempt > 1 ? ` (attempt ${attempt})` : ''}`);
      // Stryker disable next-line ConditionalExpression: without o.trace, this.trace() drops the lines; the test only saves masking them
      if (this.o.trace) for (const [k, v] of Object.entries(maskHeaders(headers))) this.trace(`>   ${k}: ${v}`);
      if (body !== undefined) this.trace(`>   ${body}`);
      try {
        response = await this.o.transport({ method: req.method, url, headers, body, timeoutMs: this.o.timeoutMs, signal });
        this.trace(`< ${response.status} in ${this.o.now() - started} ms`);
        if (response.body) this.trace(`<   ${this.redact(response.body.length > 2000 ? `${response.body.slice(0, 2000)}...` : response.body)}`);
        outcome = { status: response.status, retryAfter: header(response, 'retry-after') };
        req.onAttempt?.(outcome);
      } catch (e) {
        if (!(e instanceof NetworkError)) throw e;
        req.onAttempt?.({ network: e.kind });
        if (e.kind === 'aborted' || this.o.signal?.aborted) throw new Cancelled('cancelled');
        failure = e;
        this.trace(`< no answer: ${e.message}`);
        outcome = { network: e.kind };
      }

      if (response && response.status >= 200 && response.status < 300) {
        return { ...this.parseSuccess(req, response, attempt), attempts: attempt };
      }

      if (outcome.status === 429) throttled++;
      const decision = decideRetry(req.method, outcome, { attempts: attempt, throttled, throttledWaitMs }, this.retry, this.random, this.o.now());
      if (decision.action === 'fail') {
        throw this.failure(req, response, failure, attempt, decision.reason);
      }
      if (outcome.status === 429) {
        this.gate.pause(decision.delayMs);
        throttledWaitMs += decision.delayMs;
      }
      if (decision.action === 'check-then-retry' && req.recover) {
        await this.sleep(decision.delayMs, signal);
        const found = await req.recover();
        if (found !== undefined) return { result: found, attempts: attempt };
        continue;
      }
      await this.sleep(decision.delayMs, signal);
    }
  }

  private async waitForGate(signal: AbortSignal) {
    for (let ms = this.gate.remaining(); ms > 0; ms = this.gate.remaining()) await this.sleep(ms, signal);
  }

  private async sleep(ms: number, signal: AbortSignal) {
    if (ms <= 0) return;
    try {
      await this.o.sleep(ms, signal);
    } catch {
      throw new Cancelled('cancelled');
    }
  }

  private trace(line: string) {
    this.o.trace?.(line);
  }

  /**
   * The credential in use, wherever a server repeats it (some echo request headers in their errors),
   * becomes [REDACTED] before the text enters an error or a trace.
   */
  private redact(text: string): string {
    const c = this.o.credential;
    const secret = c?.kind === 'token' ? c.token : c?.key;
    // Too short a value would blank ordinary words; real tokens and keys are 37 to 40 characters.
    return secret && secret.length >= 8 ? text.split(secret).join('[REDACTED]') : text;
  }

  private parseSuccess<T>(req: ApiRequest<T>, res: TransportResponse, attempts: number): { result: T; resultInfo?: ResultInfo } {
    if (res.body.trim() === '' && (req.allowEmpty || res.status === 204)) return { result: undefined as T };
    const envelope = parseEnvelope(res);
    // A 200 that says it failed is a failure, with Cloudflare's own errors.
    if (envelope && !envelope.success && (envelope.errors?.length || !req.allowEmpty)) throw this.failure(req, res, undefined, attempts, undefined);
    if (!envelope) {
      throw new ApiError(`the API answered ${res.status} with a body that is not Cloudflare's envelope`, { status: res.status });
    }
    const parsed = z.safeParse(req.result, envelope.result);
    if (!parsed.success) {
      if (req.allowEmpty) return { result: undefined as T };
      // A failed parse always has at least one issue.
      const where = parsed.error.issues[0] as z.core.$ZodIssue;
      throw new ApiError(
        `the API answered with an unexpected result (${where.path.join('.') || 'result'}: ${where.message})`,
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
      // No answer: attempt() always passes the network failure that ended the attempt.
      const n = network as NetworkError;
      return new ApiError(`${n.message}${after}`, { attempts, hints: networkHints(n.kind) });
    }
    const envelope = parseEnvelope(res);
    const apiErrors: ApiMessage[] = (envelope?.errors ?? []).map((e) => ({ code: e.code, message: this.redact(e.message) }));
    const described = apiErrors.length
      ? apiErrors.map((e) => `[${e.code}] ${e.message}`).join('; ')
      : envelope && !envelope.success && res.status < 300
        ? `the API answered ${res.status} with success: false and no error`
        : `HTTP ${res.status}${res.body.trim() ? '' : ' with no body'}`;
    if (unrecognisedCredential(res.status, apiErrors)) {
      return new AuthError(described, ['the credentials were not accepted: the API token (or the email and global API key) is wrong, malformed or no longer active'], res.status);
    }
    if (res.status === 403) {
      return new AuthError(described, [`the credentials lack a permission: this needs "${req.permission ?? 'Connectivity Directory Admin'}" on the account`], res.status);
    }
    const hints = reason ? [reason] : [];
    return new ApiError(`${described}${after}`, { status: res.status, apiErrors, attempts, hints });
  }
}

/**
 * Cloudflare's answers for a key or token it does not know, or cannot read (cli.md section 10):
 * these say nothing about permissions, so naming one would send the user the wrong way. 61xx are
 * the "Invalid format for ... header" family.
 */
const CREDENTIAL_CODES = new Set([1000, 6003, 9103, 9106, 9107]);
const CREDENTIAL_WORDS = /invalid (api |access )?token|unknown x-auth|expired token|token (is )?expired/i;

function unrecognisedCredential(status: number, errors: ApiMessage[]): boolean {
  if (status === 401) return true;
  if (status !== 400 && status !== 403) return false;
  return errors.some((e) => CREDENTIAL_CODES.has(e.code) || (e.code >= 6100 && e.code < 6200) || CREDENTIAL_WORDS.test(e.message));
}

function networkHints(kind: NetworkFailureKind): string[] {
  if (kind === 'tls') return ["the server's certificate was not accepted; check CLOUDFLARE_API_BASE_URL and any proxy that intercepts TLS"];
  if (kind === 'timeout') return ['a slow network may need a longer --timeout'];
  if (kind === 'refused' || kind === 'unresolved') return ['check the network, or CLOUDFLARE_API_BASE_URL if it is set'];
  return [];
}

function parseEnvelope(res: TransportResponse): z.infer<typeof envelopeSchema> | undefined {
  try {
    const r = z.safeParse(envelopeSchema, parseWithoutPrototypeKeys(res.body));
    return r.success ? r.data : undefined;
    // Stryker disable next-line BlockStatement: an empty catch returns undefined as well
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
