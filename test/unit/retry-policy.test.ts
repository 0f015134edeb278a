import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY, backoffMs, decideRetry, parseRetryAfter, type AttemptOutcome, type Method } from '../../src/api/retry-policy';

const NOW = Date.parse('2026-11-25T12:00:00Z');
const half = () => 0.5;

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
  ])('%s %j -> %s', (method, outcome, action) => {
    expect(decideRetry(method, outcome, 1, DEFAULT_RETRY, half, NOW).action).toBe(action);
  });
});

describe('how many times', () => {
  it.each([
    [1, 'retry'],
    [4, 'retry'],
    [5, 'fail'],
  ])('after attempt %i -> %s (4 retries = 5 attempts)', (attempt, action) => {
    expect(decideRetry('GET', { status: 500 }, attempt, DEFAULT_RETRY, half, NOW).action).toBe(action);
  });

  it('--retries 0 never retries', () => {
    expect(decideRetry('GET', { status: 500 }, 1, { ...DEFAULT_RETRY, maxRetries: 0 }, half, NOW).action).toBe('fail');
  });
});

describe('which delay', () => {
  it.each([
    [{ status: 429, retryAfter: '1' }, 1000],
    [{ status: 429, retryAfter: '0' }, 0],
    [{ status: 429, retryAfter: '2.5' }, 2500],
    [{ status: 429, retryAfter: '60' }, 60_000],
    [{ status: 503, retryAfter: '3' }, 3000],
    [{ status: 429, retryAfter: 'Wed, 25 Nov 2026 12:00:07 GMT' }, 7000],
    [{ status: 429, retryAfter: 'soon' }, 250],
    [{ status: 500, retryAfter: '9' }, 250],
    [{ status: 500 }, 250],
  ])('%j -> %i ms', (outcome, delay) => {
    const d = decideRetry('GET', outcome as AttemptOutcome, 1, DEFAULT_RETRY, half, NOW);
    expect(d).toEqual({ action: 'retry', delayMs: delay });
  });

  it('a Retry-After over 60 s fails at once, saying when to try again', () => {
    const d = decideRetry('GET', { status: 429, retryAfter: '300' }, 1, DEFAULT_RETRY, half, NOW);
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
    expect(parseRetryAfter('Wed, 25 Nov 2026 11:59:00 GMT', NOW)).toBe(0);
  });
});

describe('429s have their own budget', () => {
  it('a 429 after four failed attempts is still retried', () => {
    expect(decideRetry('GET', { status: 429, retryAfter: '1' }, 4, DEFAULT_RETRY, half, NOW, 1).action).toBe('retry');
  });
  it.each([
    [20, 'retry'],
    [21, 'fail'],
  ])('the %ith 429 in a row -> %s', (throttled, action) => {
    expect(decideRetry('POST', { status: 429, retryAfter: '1' }, 0, DEFAULT_RETRY, half, NOW, throttled).action).toBe(action);
  });
  it('other failures do not use the 429 budget', () => {
    expect(decideRetry('GET', { status: 503 }, 5, DEFAULT_RETRY, half, NOW, 0).action).toBe('fail');
  });
});
