import { describe, expect, it } from 'vitest';
import { verifyCredential } from '../../../src/api/verify';
import { ApiError } from '../../../src/errors';
import { answer, caught, scriptedHttp } from './scripted-http';

// Answers that say nothing of the credential are the error, at either step of the check: never
// "the token was not accepted", and no further account is tried.
const A1 = '023e105f4ecef8ad9ca31a8372d0c353';
const token = { kind: 'token', token: 't'.repeat(40) } as const;
const unauthorized = answer(401, null, [{ code: 1000, message: 'Invalid API Token' }]);

describe('verifyCredential: answers that do not judge the credential', () => {
  it.each([408, 429, 500])('a user verify answered %i is that error', async (status) => {
    const { http, sent } = scriptedHttp([answer(status, null, [{ code: 7, message: 'not now' }])], { retry: { maxRetries: 0, retriesGiven: true } });
    const e = await caught(verifyCredential(http, token, A1));
    expect([e.constructor, e.message, (e as ApiError).httpStatus]).toStrictEqual([ApiError, '[7] not now', status]);
    expect(sent).toStrictEqual(['GET /user/tokens/verify']);
  });

  it.each([408, 429, 500])('an account verify answered %i is that error, the next account not tried', async (status) => {
    const { http, sent } = scriptedHttp([unauthorized, answer(200, [{ id: A1 }, { id: '9a7806061c88ada191ed06f989cc3dac' }]), answer(status, null, [{ code: 7, message: 'not now' }])], {
      retry: { maxRetries: 0, retriesGiven: true },
    });
    const e = await caught(verifyCredential(http, token));
    expect([e.constructor, e.message]).toStrictEqual([ApiError, '[7] not now']);
    expect(sent).toStrictEqual(['GET /user/tokens/verify', 'GET /accounts?per_page=50', `GET /accounts/${A1}/tokens/verify`]);
  });

  it.each([400, 404])('a user verify answered %i is a refusal: the token is tried as an account token', async (status) => {
    const { http, sent } = scriptedHttp([answer(status, null, [{ code: 7, message: 'no' }]), answer(200, { status: 'active' })]);
    await expect(verifyCredential(http, token, A1)).resolves.toStrictEqual({ kind: 'account token', accountId: A1 });
    expect(sent).toHaveLength(2);
  });
});
