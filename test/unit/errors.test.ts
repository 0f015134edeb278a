import { describe, expect, it } from 'vitest';
import { ApiError, AuthError, Cancelled, ChecksFailed, errorJson, MaybeApplied, NotFoundError, PartialFailure, UsageError } from '../../src/errors';

describe('error classes', () => {
  it('each class has its exit code and machine-readable kind', () => {
    const rows = [new UsageError('u'), new AuthError('a'), new ApiError('x'), new NotFoundError('n'), new PartialFailure('p'), new Cancelled('c'), new MaybeApplied('m'), new ChecksFailed('f')].map((e) => [
      e.constructor.name,
      e.exitCode,
      e.code,
      e.status,
      e.hints,
      e.message,
    ]);
    expect(rows).toEqual([
      ['UsageError', 2, 'usage', undefined, [], 'u'],
      ['AuthError', 4, 'auth', undefined, [], 'a'],
      ['ApiError', 1, 'api', undefined, [], 'x'],
      ['NotFoundError', 1, 'not_found', 404, [], 'n'],
      ['PartialFailure', 3, 'partial_failure', undefined, [], 'p'],
      ['Cancelled', 130, 'cancelled', undefined, [], 'c'],
      ['MaybeApplied', 1, 'uncertain', undefined, [], 'm'],
      ['ChecksFailed', 1, 'checks_failed', undefined, [], 'f'],
    ]);
  });

  it('a usage error keeps its problems and hints', () => {
    const e = new UsageError('first', ['first', 'second'], ['hint']);
    expect([e.problems, e.hints]).toEqual([['first', 'second'], ['hint']]);
    expect(new UsageError('m').problems).toEqual([]);
  });

  it('an auth error keeps its hints and HTTP status', () => {
    const e = new AuthError('denied', ['h'], 403);
    expect([e.hints, e.status, e.httpStatus]).toEqual([['h'], 403, 403]);
  });

  it('an API error keeps status, Cloudflare errors, attempts and hints', () => {
    const e = new ApiError('bad', { status: 409, apiErrors: [{ code: 1001, message: 'dup' }, { code: 7, message: 'x' }], attempts: 3, hints: ['h'] });
    expect([e.status, e.apiCode, e.attempts, e.hints, e.apiErrors]).toEqual([409, 1001, 3, ['h'], [{ code: 1001, message: 'dup' }, { code: 7, message: 'x' }]]);
    const bare = new ApiError('bare');
    expect([bare.status, bare.apiCode, bare.attempts, bare.hints, bare.apiErrors]).toEqual([undefined, undefined, 1, [], []]);
  });

  it('Cancelled says whether a change was in flight', () => {
    expect(new Cancelled('c').inFlight).toBe(false);
    expect(new Cancelled('c', { inFlight: true }).inFlight).toBe(true);
    expect(new Cancelled('c', {}).inFlight).toBe(false);
  });

  it('errorJson: Cloudflare code when there is one, else the kind; status or null', () => {
    expect(errorJson(new ApiError('bad', { status: 409, apiErrors: [{ code: 1001, message: 'dup' }] }))).toEqual({ code: 1001, message: 'bad', status: 409 });
    expect(errorJson(new ApiError('net'))).toEqual({ code: 'api', message: 'net', status: null });
    expect(errorJson(new NotFoundError('gone'))).toEqual({ code: 'not_found', message: 'gone', status: 404 });
    expect(errorJson(new UsageError('u'))).toEqual({ code: 'usage', message: 'u', status: null });
  });
});
