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
  baseDelayMs: number;
  maxDelayMs: number;
  /** `Retry-After` longer than this fails at once with the time to wait. */
  maxRetryAfterMs: number;
  /**
   * 429s are counted apart from the retries: the request was turned away unprocessed, and a
   * batch running at the rate limit would otherwise spend every item's retries on waiting.
   */
  maxThrottled: number;
}

export const DEFAULT_RETRY: RetrySettings = { maxRetries: 4, baseDelayMs: 500, maxDelayMs: 8000, maxRetryAfterMs: 60_000, maxThrottled: 20 };

/** `Retry-After` in milliseconds: delta seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.ceil(Number(v) * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Exponential backoff with full jitter: a random delay up to base * 2^(attempt-1), capped. */
export function backoffMs(attempt: number, s: RetrySettings, random: () => number): number {
  const ceiling = Math.min(s.maxDelayMs, s.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

const retryableStatus = (status: number) => status === 408 || status === 429 || status >= 500;

/**
 * @param attempt how many attempts have been made so far (1 after the first), not counting those
 *   answered 429.
 * @param throttled how many attempts were answered 429 so far, this one included when it was.
 */
export function decideRetry(
  method: Method,
  outcome: AttemptOutcome,
  attempt: number,
  s: RetrySettings,
  random: () => number,
  now: number,
  throttled = 0,
): RetryDecision {
  if (outcome.network === 'aborted') return { action: 'fail' };
  const transient = outcome.network !== undefined || (outcome.status !== undefined && retryableStatus(outcome.status));
  if (!transient) return { action: 'fail' };

  const retryAfterMs = outcome.status === 429 || outcome.status === 503 ? parseRetryAfter(outcome.retryAfter, now) : undefined;
  if (retryAfterMs !== undefined && retryAfterMs > s.maxRetryAfterMs) {
    const when = new Date(now + retryAfterMs).toISOString().replace(/\.\d+Z$/, 'Z');
    return { action: 'fail', reason: `rate limited: try again in ${Math.ceil(retryAfterMs / 1000)} s (after ${when})` };
  }
  if (outcome.status === 429 ? throttled > s.maxThrottled : attempt > s.maxRetries) return { action: 'fail' };
  const delayMs = retryAfterMs ?? backoffMs(attempt, s, random);

  if (method !== 'POST') return { action: 'retry', delayMs };
  // A create that cannot have reached the server (refused, or turned away by the rate limiter) is
  // safe to send again; after a timeout, a reset or a 5xx it may have been applied.
  if (outcome.network === 'refused' || outcome.status === 429) return { action: 'retry', delayMs };
  return { action: 'check-then-retry', delayMs };
}
