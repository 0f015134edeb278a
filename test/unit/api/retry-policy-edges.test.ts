import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY, backoffMs, decideRetry, type RetryState } from '../../../src/api/retry-policy';

/** Edges of the retry policy: the rounding of the times it states, and the statuses at its bounds. */

const NOW = Date.parse('2026-11-25T12:00:00Z');
const half = () => 0.5;
const first: RetryState = { attempts: 1, throttled: 0, throttledWaitMs: 0 };

describe('retry-policy edges', () => {
  it('a too-long Retry-After is stated in whole seconds, rounded up', () => {
    expect(decideRetry('GET', { status: 429, retryAfter: '60.2' }, first, DEFAULT_RETRY, half, NOW)).toStrictEqual({
      action: 'fail',
      reason: 'rate limited: try again in 61 s (after 2026-11-25T12:01:00Z)',
    });
  });

  it.each<[number, string]>([
    [119_400, '119'],
    [119_600, '120'],
  ])('time already waited on 429s (%i ms) is stated rounded: %s s', (waited, shown) => {
    expect(decideRetry('GET', { status: 429, retryAfter: '1' }, { attempts: 3, throttled: 3, throttledWaitMs: waited }, DEFAULT_RETRY, half, NOW)).toStrictEqual({
      action: 'fail',
      reason: `still rate limited after waiting ${shown} s; try again later`,
    });
  });

  it.each<[number, string]>([
    [407, 'fail'],
    [408, 'retry'],
    [409, 'fail'],
    [428, 'fail'],
    [430, 'fail'],
    [499, 'fail'],
    [500, 'retry'],
    [599, 'retry'],
  ])('GET answered %i -> %s', (status, action) => {
    expect(decideRetry('GET', { status }, first, DEFAULT_RETRY, half, NOW).action).toBe(action);
  });

  it('no status and no network failure is not retried', () => {
    expect(decideRetry('GET', {}, first, DEFAULT_RETRY, half, NOW)).toStrictEqual({ action: 'fail' });
  });

  it('failures carry no reason unless a wait is to be stated', () => {
    expect(decideRetry('GET', { network: 'tls' }, first, DEFAULT_RETRY, half, NOW)).toStrictEqual({ action: 'fail' });
    expect(decideRetry('GET', { status: 500 }, { attempts: 5, throttled: 0, throttledWaitMs: 0 }, DEFAULT_RETRY, half, NOW)).toStrictEqual({ action: 'fail' });
    expect(decideRetry('GET', { status: 429 }, { attempts: 21, throttled: 21, throttledWaitMs: 0 }, DEFAULT_RETRY, half, NOW)).toStrictEqual({ action: 'fail' });
  });

  it('a first attempt numbered 0 backs off as attempt 1', () => {
    expect(backoffMs(0, DEFAULT_RETRY, () => 1)).toBe(500);
    expect(backoffMs(3, DEFAULT_RETRY, () => 1)).toBe(2000);
  });

  it('the backoff of a create that may have been applied is the usual one', () => {
    expect(decideRetry('POST', { status: 502 }, { attempts: 2, throttled: 0, throttledWaitMs: 0 }, DEFAULT_RETRY, half, NOW)).toStrictEqual({ action: 'check-then-retry', delayMs: 500 });
    expect(decideRetry('POST', { network: 'refused' }, { attempts: 2, throttled: 0, throttledWaitMs: 0 }, DEFAULT_RETRY, half, NOW)).toStrictEqual({ action: 'retry', delayMs: 500 });
    expect(decideRetry('POST', { status: 429, retryAfter: '2' }, first, DEFAULT_RETRY, half, NOW)).toStrictEqual({ action: 'retry', delayMs: 2000 });
  });

  it('the defaults', () => {
    expect(DEFAULT_RETRY).toStrictEqual({
      maxRetries: 4,
      retriesGiven: false,
      baseDelayMs: 500,
      maxDelayMs: 8000,
      maxRetryAfterMs: 60_000,
      maxThrottled: 20,
      maxThrottledWaitMs: 120_000,
    });
  });
});
