import type { NetworkFailureKind } from './transport';

/**
 * When to try a request again, and after how long (cli.md section 7). Pure, so the decisions are
 * table-tested without a network.
 */

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface AttemptOutcome {
  /** The HTTP status, when the server answered. */
  status?: number;
  /** Why there was no answer. */
  network?: NetworkFailureKind;
  /** The raw `Retry-After` header. */
  retryAfter?: string;
}

export type RetryDecision =
  | { action: 'retry'; delayMs: number }
  /** Create only: the request may have been applied; look the name up before sending it again. */
  | { action: 'check-then-retry'; delayMs: number }
  | { action: 'fail'; reason?: string };

export interface RetrySettings {
  maxRetries: number;
  /**
   * `--retries` was given: it then bounds every retry, 429s included. Without it, 429s have their
   * own budget (maxThrottled): the request was turned away unprocessed, and a batch running at
   * the rate limit would otherwise spend every item's retries on waiting.
   */
  retriesGiven: boolean;
  baseDelayMs: number;
  maxDelayMs: number;
  /** `Retry-After` longer than this fails at once with the time to wait. */
  maxRetryAfterMs: number;
  maxThrottled: number;
  /** The most one request waits, in total, on its own 429s (README, "Network behaviour"). */
  maxThrottledWaitMs: number;
}

export const DEFAULT_RETRY: RetrySettings = {
  maxRetries: 4,
  retriesGiven: false,
  baseDelayMs: 500,
  maxDelayMs: 8000,
  maxRetryAfterMs: 60_000,
  maxThrottled: 20,
  maxThrottledWaitMs: 120_000,
};

/** What one request has been through so far, the attempt being decided on included. */
export interface RetryState {
  /** Attempts made, whatever their outcome. */
  attempts: number;
  /** Attempts answered 429. */
  throttled: number;
  /** Time already spent waiting on this request's 429s. */
  throttledWaitMs: number;
}

/**
 * `Retry-After` in milliseconds: delta seconds or an HTTP date. Zero, negative, past or unparsable
 * values give undefined, so the caller backs off instead of sending again at once.
 */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) {
    const ms = Math.ceil(Number(v) * 1000);
    return ms > 0 ? ms : undefined;
  }
  const at = Date.parse(v);
  return Number.isNaN(at) || at <= now ? undefined : at - now;
}

/** Exponential backoff with full jitter: a random delay up to base * 2^(attempt-1), capped. */
export function backoffMs(attempt: number, s: RetrySettings, random: () => number): number {
  const ceiling = Math.min(s.maxDelayMs, s.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

const retryableStatus = (status: number) => status === 408 || status === 429 || status >= 500;

export function decideRetry(method: Method, outcome: AttemptOutcome, state: RetryState, s: RetrySettings, random: () => number, now: number): RetryDecision {
  // A certificate that is refused now is refused again; cancelling is the user's decision.
  if (outcome.network === 'aborted' || outcome.network === 'tls') return { action: 'fail' };
  const transient = outcome.network !== undefined || retryableStatus(outcome.status ?? 0);
  if (!transient) return { action: 'fail' };

  const throttled = outcome.status === 429;
  const retryAfterMs = throttled || outcome.status === 503 ? parseRetryAfter(outcome.retryAfter, now) : undefined;
  // Stryker disable next-line ConditionalExpression: `undefined > n` is false, so dropping the undefined check changes nothing; it is there for the type checker
  if (retryAfterMs !== undefined && retryAfterMs > s.maxRetryAfterMs) {
    // A wait beyond the last representable date gets no date: toISOString would throw.
    const at = new Date(now + retryAfterMs);
    const when = Number.isNaN(at.getTime()) ? '' : ` (after ${at.toISOString().replace(/\.\d+/, '')})`;
    return { action: 'fail', reason: `rate limited: try again in ${Math.ceil(retryAfterMs / 1000)} s${when}` };
  }
  if (s.retriesGiven || !throttled) {
    const used = s.retriesGiven ? state.attempts : state.attempts - state.throttled;
    if (used > s.maxRetries) return { action: 'fail' };
  } else if (state.throttled > s.maxThrottled) return { action: 'fail' };
  const delayMs = retryAfterMs ?? backoffMs(state.attempts, s, random);
  if (throttled && state.throttledWaitMs + delayMs > s.maxThrottledWaitMs) {
    return { action: 'fail', reason: `still rate limited after waiting ${Math.round(state.throttledWaitMs / 1000)} s; try again later` };
  }

  if (method !== 'POST') return { action: 'retry', delayMs };
  // A create that cannot have reached the server (refused, unresolved, or turned away by the rate
  // limiter) is safe to send again; after a timeout, a reset, a 5xx or an abandoned response it may
  // have been applied.
  if (outcome.network === 'refused' || outcome.network === 'unresolved' || throttled) return { action: 'retry', delayMs };
  return { action: 'check-then-retry', delayMs };
}
