import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY, backoffMs, decideRetry, parseRetryAfter, type AttemptOutcome, type Method, type RetryState } from '../../../src/api/retry-policy';

const NOW = Date.parse('2026-11-25T12:00:00Z');
const half = () => 0.5;
/** After the first attempt, none of them answered 429. */
const first: RetryState = { attempts: 1, throttled: 0, throttledWaitMs: 0 };
const after = (attempts: number, throttled = 0, throttledWaitMs = 0): RetryState => ({ attempts, throttled, throttledWaitMs });

describe('which outcomes are retried, for which method', () => {
  it.each<[Method, AttemptOutcome, string]>([
    ['GET', { status: 500 }, 'retry'],
    ['GET', { status: 502 }, 'retry'],
    ['GET', { status: 503 }, 'retry'],
    ['GET', { status: 408 }, 'retry'],
    ['GET', { status: 429 }, 'retry'],
    ['GET', { status: 400 }, 'fail'],
    ['GET', { status: 401 }, 'fail'],
    ['GET', { status: 403 }, 'fail'],
    ['GET', { status: 404 }, 'fail'],
    ['GET', { status: 409 }, 'fail'],
    ['GET', { network: 'refused' }, 'retry'],
    ['GET', { network: 'reset' }, 'retry'],
    ['GET', { network: 'timeout' }, 'retry'],
    ['GET', { network: 'aborted' }, 'fail'],
    ['PUT', { status: 503 }, 'retry'],
    ['PUT', { network: 'reset' }, 'retry'],
    ['DELETE', { status: 500 }, 'retry'],
    ['DELETE', { network: 'timeout' }, 'retry'],
    ['POST', { network: 'refused' }, 'retry'],
    ['POST', { status: 429 }, 'retry'],
    ['POST', { network: 'timeout' }, 'check-then-retry'],
    ['POST', { network: 'reset' }, 'check-then-retry'],
    ['POST', { status: 500 }, 'check-then-retry'],
    ['POST', { status: 503 }, 'check-then-retry'],
    ['POST', { status: 408 }, 'check-then-retry'],
    ['POST', { status: 400 }, 'fail'],
    ['POST', { status: 409 }, 'fail'],
    ['POST', { network: 'aborted' }, 'fail'],
    ['GET', { network: 'tls' }, 'fail'],
    ['POST', { network: 'tls' }, 'fail'],
    ['GET', { network: 'unresolved' }, 'retry'],
    ['POST', { network: 'unresolved' }, 'retry'],
    ['GET', { network: 'too-large' }, 'retry'],
    ['POST', { network: 'too-large' }, 'check-then-retry'],
  ])('%s %j -> %s', (method, outcome, action) => {
    expect(decideRetry(method, outcome, first, DEFAULT_RETRY, half, NOW).action).toBe(action);
  });
});

describe('how many times', () => {
  it.each([
    [1, 'retry'],
    [4, 'retry'],
    [5, 'fail'],
  ])('after attempt %i -> %s (4 retries = 5 attempts)', (attempt, action) => {
    expect(decideRetry('GET', { status: 500 }, after(attempt), DEFAULT_RETRY, half, NOW).action).toBe(action);
  });

  it('--retries 0 never retries', () => {
    expect(decideRetry('GET', { status: 500 }, first, { ...DEFAULT_RETRY, maxRetries: 0 }, half, NOW).action).toBe('fail');
  });
});

describe('which delay', () => {
  it.each([
    [{ status: 429, retryAfter: '1' }, 1000],
    [{ status: 429, retryAfter: '0' }, 250],
    [{ status: 429, retryAfter: '-5' }, 250],
    [{ status: 429, retryAfter: '0.0' }, 250],
    [{ status: 429, retryAfter: '' }, 250],
    [{ status: 429, retryAfter: 'Wed, 25 Nov 2026 11:59:00 GMT' }, 250],
    [{ status: 429, retryAfter: '2.5' }, 2500],
    [{ status: 429, retryAfter: '60' }, 60_000],
    [{ status: 503, retryAfter: '3' }, 3000],
    [{ status: 429, retryAfter: 'Wed, 25 Nov 2026 12:00:07 GMT' }, 7000],
    [{ status: 429, retryAfter: 'soon' }, 250],
    [{ status: 500, retryAfter: '9' }, 250],
    [{ status: 500 }, 250],
  ])('%j -> %i ms', (outcome, delay) => {
    const d = decideRetry('GET', outcome as AttemptOutcome, first, DEFAULT_RETRY, half, NOW);
    expect(d).toEqual({ action: 'retry', delayMs: delay });
  });

  it('a Retry-After over 60 s fails at once, saying when to try again', () => {
    const d = decideRetry('GET', { status: 429, retryAfter: '300' }, first, DEFAULT_RETRY, half, NOW);
    expect(d.action).toBe('fail');
    expect(d.action === 'fail' && d.reason).toBe('rate limited: try again in 300 s (after 2026-11-25T12:05:00Z)');
  });

  it('backoff is exponential with full jitter and a cap', () => {
    expect(backoffMs(1, DEFAULT_RETRY, () => 1)).toBe(500);
    expect(backoffMs(2, DEFAULT_RETRY, () => 1)).toBe(1000);
    expect(backoffMs(4, DEFAULT_RETRY, () => 1)).toBe(4000);
    expect(backoffMs(10, DEFAULT_RETRY, () => 1)).toBe(8000);
    expect(backoffMs(3, DEFAULT_RETRY, () => 0)).toBe(0);
    expect(backoffMs(3, DEFAULT_RETRY, () => 0.25)).toBe(500);
  });

  it('parses Retry-After forms', () => {
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
    expect(parseRetryAfter(' 5 ', NOW)).toBe(5000);
    expect(parseRetryAfter('Wed, 25 Nov 2026 11:59:00 GMT', NOW)).toBeUndefined();
    expect(parseRetryAfter('0', NOW)).toBeUndefined();
    expect(parseRetryAfter('-5', NOW)).toBeUndefined();
    expect(parseRetryAfter('2027', NOW)).toBe(2_027_000);
    expect(parseRetryAfter('tomorrow', NOW)).toBeUndefined();
  });

  // Each row tells the delta-seconds form from the HTTP-date form at its edges.
  it.each<[string, number | undefined]>([
    ['2.55', 2550],
    ['0.001', 1],
    ['25 Nov 2026 12:00:07 GMT', 7000],
    ['Wed, 25 Nov 2026 12:00:07 +0000', 7000],
    ['Wed, 25 Nov 2026 12:00:00 GMT', undefined],
    ['Wed, 25 Nov 2026 12:00:01 GMT', 1000],
    ['5 s', undefined],
    ['s 5', undefined],
  ])('parseRetryAfter(%j) -> %s', (value, ms) => {
    expect(parseRetryAfter(value, NOW)).toBe(ms);
  });

  it('a Retry-After too far away for a date still fails with the time to wait', () => {
    const d = decideRetry('GET', { status: 503, retryAfter: '9000000000000' }, first, DEFAULT_RETRY, half, NOW);
    expect(d).toEqual({ action: 'fail', reason: 'rate limited: try again in 9000000000000 s' });
  });
});

describe('429s have their own budget only when --retries is not given', () => {
  it('a 429 after four failed attempts is still retried', () => {
    expect(decideRetry('GET', { status: 429, retryAfter: '1' }, after(5, 1), DEFAULT_RETRY, half, NOW).action).toBe('retry');
  });
  it.each([
    [20, 'retry'],
    [21, 'fail'],
  ])('the %ith 429 in a row -> %s', (throttled, action) => {
    expect(decideRetry('POST', { status: 429, retryAfter: '1' }, after(throttled, throttled), DEFAULT_RETRY, half, NOW).action).toBe(action);
  });
  it('other failures do not use the 429 budget', () => {
    expect(decideRetry('GET', { status: 503 }, after(5), DEFAULT_RETRY, half, NOW, ).action).toBe('fail');
    expect(decideRetry('GET', { status: 503 }, after(8, 4), DEFAULT_RETRY, half, NOW).action).toBe('retry');
  });

  const given = (maxRetries: number) => ({ ...DEFAULT_RETRY, maxRetries, retriesGiven: true });
  it.each<[number, RetryState, string]>([
    [0, after(1, 1), 'fail'],
    [2, after(2, 2), 'retry'],
    [2, after(3, 3), 'fail'],
    [2, after(3, 1), 'fail'],
  ])('--retries %i bounds 429s too: %j -> %s', (n, state, action) => {
    expect(decideRetry('GET', { status: 429, retryAfter: '1' }, state, given(n), half, NOW).action).toBe(action);
    expect(decideRetry('POST', { status: 429, retryAfter: '0' }, state, given(n), half, NOW).action).toBe(action);
  });
  it('--retries counts 429s among the other retries', () => {
    expect(decideRetry('GET', { status: 503 }, after(3, 2), given(2), half, NOW).action).toBe('fail');
    expect(decideRetry('GET', { status: 503 }, after(3, 2), DEFAULT_RETRY, half, NOW).action).toBe('retry');
  });

  it.each<[RetryState, string, string]>([
    [after(2, 2, 60_000), '60', 'retry'],
    [after(3, 3, 120_000), '1', 'fail'],
    [after(3, 3, 119_000), '1', 'retry'],
    [after(3, 3, 119_000), '2', 'fail'],
  ])('one request waits at most 2 minutes on 429s: %j, Retry-After %s -> %s', (state, retryAfter, action) => {
    const d = decideRetry('GET', { status: 429, retryAfter }, state, DEFAULT_RETRY, half, NOW);
    expect(d.action).toBe(action);
    if (d.action === 'fail') expect(d.reason).toBe(`still rate limited after waiting ${Math.round(state.throttledWaitMs / 1000)} s; try again later`);
  });
  it('the 2-minute bound holds with --retries too', () => {
    expect(decideRetry('GET', { status: 429, retryAfter: '60' }, after(3, 3, 120_000), given(10), half, NOW).action).toBe('fail');
  });
});
