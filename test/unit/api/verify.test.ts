import { describe, expect, it } from 'vitest';
import { NetworkError } from '../../../src/api/transport';
import { assertReachesAccount, verifyCredential } from '../../../src/api/verify';
import { ApiError, AuthError, Cancelled } from '../../../src/errors';
import { answer, caught, scriptedHttp } from './scripted-http';

/** verifyCredential and assertReachesAccount against a scripted API: which requests, which answers. */

const A1 = '023e105f4ecef8ad9ca31a8372d0c353';
const A2 = '9a7806061c88ada191ed06f989cc3dac';
const token = { kind: 'token', token: 't'.repeat(40) } as const;
const unauthorized = answer(401, null, [{ code: 1000, message: 'Invalid API Token' }]);
const active = answer(200, { id: 'x', status: 'active' });

describe('verifyCredential', () => {
  it('a key pair is checked with GET /user', async () => {
    const { http, sent } = scriptedHttp([answer(200, { id: 'u' })]);
    await expect(verifyCredential(http, { kind: 'key', email: 'e@x.io', key: 'k'.repeat(37) })).resolves.toStrictEqual({ kind: 'global API key' });
    expect(sent).toStrictEqual(['GET /user']);
  });

  it('a key pair refused: the permission named is User Details Read', async () => {
    const { http } = scriptedHttp([answer(403, null, [{ code: 9109, message: 'no' }])]);
    const e = (await caught(verifyCredential(http, { kind: 'key', email: 'e@x.io', key: 'k' }))) as AuthError;
    expect(e.hints).toStrictEqual(['the credentials lack a permission: this needs "User Details Read" on the account']);
  });

  it('a user token: one GET /user/tokens/verify', async () => {
    const { http, sent } = scriptedHttp([active, answer(200, { id: 'x' })]);
    await expect(verifyCredential(http, token)).resolves.toStrictEqual({ kind: 'user token' });
    await expect(verifyCredential(http, token)).resolves.toStrictEqual({ kind: 'user token' });
    expect(sent).toStrictEqual(['GET /user/tokens/verify', 'GET /user/tokens/verify']);
  });

  it('a user token that is not active is said so, and not tried as an account token', async () => {
    const { http, sent } = scriptedHttp([answer(200, { id: 'x', status: 'expired' })]);
    const e = await caught(verifyCredential(http, token, A1));
    expect([e.constructor, e.message]).toStrictEqual([AuthError, 'the API token is expired']);
    expect(sent).toStrictEqual(['GET /user/tokens/verify']);
  });

  it('an account token: verified against the account given', async () => {
    const { http, sent } = scriptedHttp([unauthorized, active]);
    await expect(verifyCredential(http, token, A1)).resolves.toStrictEqual({ kind: 'account token', accountId: A1 });
    expect(sent).toStrictEqual(['GET /user/tokens/verify', `GET /accounts/${A1}/tokens/verify`]);
  });

  it('an account id is encoded in the path', async () => {
    const { http, sent } = scriptedHttp([unauthorized, active]);
    await verifyCredential(http, token, 'a/b');
    expect(sent[1]).toBe('GET /accounts/a%2Fb/tokens/verify');
  });

  it.each([400, 404, 499])('a user verify answered %i (not a user token) moves on to the accounts', async (status) => {
    const { http, sent } = scriptedHttp([answer(status, null, [{ code: 1, message: 'x' }]), active]);
    await expect(verifyCredential(http, token, A1)).resolves.toStrictEqual({ kind: 'account token', accountId: A1 });
    expect(sent).toHaveLength(2);
  });

  it.each([500, 503])('a user verify answered %i is that error', async (status) => {
    const { http, sent } = scriptedHttp([answer(status, null, [{ code: 1, message: 'down' }])]);
    const e = await caught(verifyCredential(http, token, A1));
    expect([e.constructor, e.message]).toStrictEqual([ApiError, '[1] down']);
    expect(sent).toHaveLength(1);
  });

  it('a user verify without an answer is that error', async () => {
    const { http, sent } = scriptedHttp([new NetworkError('refused', 'could not connect')]);
    expect((await caught(verifyCredential(http, token, A1))).message).toBe('could not connect');
    expect(sent).toHaveLength(1);
  });

  it('a user verify cancelled is cancelled', async () => {
    const { http } = scriptedHttp([new NetworkError('aborted', 'cancelled')]);
    expect(await caught(verifyCredential(http, token, A1))).toBeInstanceOf(Cancelled);
  });

  it('without an account: every listed account is tried in turn', async () => {
    const { http, sent } = scriptedHttp([unauthorized, answer(200, [{ id: A1 }, { id: A2 }]), answer(404, null), active]);
    await expect(verifyCredential(http, token)).resolves.toStrictEqual({ kind: 'account token', accountId: A2 });
    expect(sent).toStrictEqual(['GET /user/tokens/verify', 'GET /accounts?per_page=50', `GET /accounts/${A1}/tokens/verify`, `GET /accounts/${A2}/tokens/verify`]);
  });

  it('an account token that is not active is not accepted', async () => {
    const { http } = scriptedHttp([unauthorized, answer(200, { id: 'x', status: 'disabled' })]);
    const e = (await caught(verifyCredential(http, token, A1))) as AuthError;
    expect(e.message).toBe(`the API token was not accepted: not a user token, and not an account token of account ${A1}`);
    expect(e.hints).toStrictEqual(['check that the token is copied whole and still active', 'check the account id given with --account']);
  });

  it('no account accepts it', async () => {
    const { http } = scriptedHttp([unauthorized, answer(200, [{ id: A1 }]), unauthorized]);
    const e = (await caught(verifyCredential(http, token))) as AuthError;
    expect([e.constructor, e.message]).toStrictEqual([AuthError, 'the API token was not accepted (neither a user token nor an account token that verifies)']);
    expect(e.hints).toStrictEqual(['check that the token is copied whole and still active']);
    expect(e.httpStatus).toBeUndefined();
  });

  it('accounts that cannot be listed leave nothing to try', async () => {
    const { http, sent } = scriptedHttp([unauthorized, unauthorized]);
    expect((await caught(verifyCredential(http, token))).message).toBe('the API token was not accepted (neither a user token nor an account token that verifies)');
    expect(sent).toStrictEqual(['GET /user/tokens/verify', 'GET /accounts?per_page=50']);
  });

  it('a cancel while trying an account is a cancel', async () => {
    const { http, left } = scriptedHttp([unauthorized, new NetworkError('aborted', 'cancelled'), active]);
    expect(await caught(verifyCredential(http, token, A1))).toBeInstanceOf(Cancelled);
    expect(left).toHaveLength(1);
  });
});

describe('assertReachesAccount', () => {
  it('GET /accounts/{id}: its name', async () => {
    const { http, sent } = scriptedHttp([answer(200, { id: A1, name: 'Acme' }), answer(200, { id: A1 })]);
    await expect(assertReachesAccount(http, A1)).resolves.toStrictEqual({ name: 'Acme' });
    await expect(assertReachesAccount(http, A1)).resolves.toStrictEqual({ name: undefined });
    expect(sent).toStrictEqual([`GET /accounts/${A1}`, `GET /accounts/${A1}`]);
  });

  it.each<[number, string]>([
    [401, '[1000] Invalid API Token'],
    [403, '[9109] denied'],
    [404, '[7003] Could not route'],
  ])('%i: the credential cannot reach it', async (status, message) => {
    const [code, text] = message.slice(1).split('] ');
    const { http } = scriptedHttp([answer(status, null, [{ code: Number(code), message: text as string }])]);
    const e = (await caught(assertReachesAccount(http, A1))) as AuthError;
    expect(e).toBeInstanceOf(AuthError);
    expect(e.message).toBe(`the credential cannot reach account ${A1} (GET /accounts/${A1} answered ${status}: ${message})`);
    expect(e.hints).toStrictEqual(['check the account id, and that the token includes this account in its account resources']);
    expect(e.httpStatus).toBe(status);
  });

  it('other failures are themselves', async () => {
    const { http } = scriptedHttp([answer(400, null, [{ code: 1, message: 'bad' }]), new NetworkError('aborted', 'cancelled'), new NetworkError('reset', 'gone')]);
    const e = await caught(assertReachesAccount(http, A1));
    expect([e.constructor, e.message]).toStrictEqual([ApiError, '[1] bad']);
    expect(await caught(assertReachesAccount(http, A1))).toBeInstanceOf(Cancelled);
    expect((await caught(assertReachesAccount(http, A1))).message).toBe('gone');
  });
});

describe('answers of the wrong shape', () => {
  it('a token status that is not a string is not a verified user token', async () => {
    const { http, sent } = scriptedHttp([answer(200, { status: 1 }), unauthorized]);
    expect((await caught(verifyCredential(http, token, A1))).message).toBe(`the API token was not accepted: not a user token, and not an account token of account ${A1}`);
    expect(sent).toHaveLength(2);
  });

  it('an account name that is not a string is refused', async () => {
    const { http } = scriptedHttp([answer(200, { name: 5 })]);
    expect((await caught(assertReachesAccount(http, A1))).message).toMatch(/^the API answered with an unexpected result \(name: /);
  });
});
