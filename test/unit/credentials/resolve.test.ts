import { describe, expect, it } from 'vitest';
import { resolveCredentials, type ResolveInput } from '../../../src/credentials/resolve';
import { AuthError, UsageError } from '../../../src/errors';
import { withoutUserInfo } from '../../../src/api/base-url';

const A1 = '023e105f4ecef8ad9ca31a8372d0c353';
const A2 = '9a7806061c88ada191ed06f989cc3dac';
const A3 = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const base = (o: Partial<ResolveInput>): ResolveInput => ({ env: {}, profileName: 'default', ...o });

describe('credential: environment > profile', () => {
  it.each<[string, Partial<ResolveInput>, unknown, string | undefined]>([
    ['nothing', {}, undefined, undefined],
    ['env token', { env: { CLOUDFLARE_API_TOKEN: 't' } }, { kind: 'token', token: 't' }, 'env:CLOUDFLARE_API_TOKEN'],
    ['env key pair', { env: { CLOUDFLARE_API_KEY: 'k', CLOUDFLARE_EMAIL: 'e' } }, { kind: 'key', email: 'e', key: 'k' }, 'env:CLOUDFLARE_API_KEY'],
    ['empty env is unset', { env: { CLOUDFLARE_API_TOKEN: '' }, profile: { token: 'p' } }, { kind: 'token', token: 'p' }, 'profile'],
    ['profile token', { profile: { token: 'p' } }, { kind: 'token', token: 'p' }, 'profile'],
    ['profile key', { profile: { email: 'e', key: 'k' } }, { kind: 'key', email: 'e', key: 'k' }, 'profile'],
    ['env beats profile', { env: { CLOUDFLARE_API_TOKEN: 't' }, profile: { token: 'p' } }, { kind: 'token', token: 't' }, 'env:CLOUDFLARE_API_TOKEN'],
    ['env key beats profile token', { env: { CLOUDFLARE_API_KEY: 'k', CLOUDFLARE_EMAIL: 'e' }, profile: { token: 'p' } }, { kind: 'key', email: 'e', key: 'k' }, 'env:CLOUDFLARE_API_KEY'],
    ['env wins over a half profile', { env: { CLOUDFLARE_API_TOKEN: 't' }, profile: { email: 'e' } }, { kind: 'token', token: 't' }, 'env:CLOUDFLARE_API_TOKEN'],
  ])('%s', (_name, input, credential, source) => {
    const r = resolveCredentials(base(input));
    expect(r.credential?.value).toEqual(credential);
    const s = r.credential?.source;
    expect(s ? (s.kind === 'env' ? `env:${s.name}` : s.kind) : undefined).toBe(source);
  });

  it('a token and a key pair at one level: the token, with one warning', () => {
    const r = resolveCredentials(base({ env: { CLOUDFLARE_API_TOKEN: 't', CLOUDFLARE_API_KEY: 'k', CLOUDFLARE_EMAIL: 'e' } }));
    expect(r.credential?.value).toEqual({ kind: 'token', token: 't' });
    expect(r.warnings).toHaveLength(1);
  });

  it('says when the environment hides a stored login', () => {
    expect(resolveCredentials(base({ env: { CLOUDFLARE_API_TOKEN: 't' }, profile: { token: 'p' } })).overridesProfile).toBe(true);
    expect(resolveCredentials(base({ env: { CLOUDFLARE_API_TOKEN: 't' } })).overridesProfile).toBe(false);
  });

  it.each([
    [{ CLOUDFLARE_EMAIL: 'e' }, 'CLOUDFLARE_API_KEY'],
    [{ CLOUDFLARE_API_KEY: 'k' }, 'CLOUDFLARE_EMAIL'],
  ])('half a key pair names the missing variable: %j', (env, missing) => {
    expect(() => resolveCredentials(base({ env }))).toThrow(AuthError);
    expect(() => resolveCredentials(base({ env }))).toThrow(new RegExp(`${missing} is missing`));
  });
});

describe('account: flag > environment > profile', () => {
  it.each<[string, Partial<ResolveInput>, string | undefined, string | undefined]>([
    ['none', {}, undefined, undefined],
    ['flag', { accountFlag: A1, env: { CLOUDFLARE_ACCOUNT_ID: A2 }, profile: { account_id: A3 } }, A1, 'flag'],
    ['env', { env: { CLOUDFLARE_ACCOUNT_ID: A2 }, profile: { account_id: A3 } }, A2, 'env'],
    ['profile', { profile: { account_id: A3 } }, A3, 'profile'],
  ])('%s', (_n, input, id, kind) => {
    const r = resolveCredentials(base(input));
    expect(r.account?.id).toBe(id);
    expect(r.account?.source.kind).toBe(kind);
  });

  it.each([
    [{ accountFlag: 'abc' }, '--account'],
    [{ env: { CLOUDFLARE_ACCOUNT_ID: `${A1}0` } }, 'CLOUDFLARE_ACCOUNT_ID'],
  ])('a malformed account id is a usage error naming its source', (input, label) => {
    expect(() => resolveCredentials(base(input))).toThrow(UsageError);
    expect(() => resolveCredentials(base(input))).toThrow(label);
  });
});

describe('account ids from every source are checked (they become URL path segments)', () => {
  it.each<[string, Partial<ResolveInput>, string]>([
    ['flag', { accountFlag: '..' }, '--account: must be 32 hexadecimal characters (got "..")'],
    ['env', { env: { CLOUDFLARE_ACCOUNT_ID: `${A1}/..` } }, `CLOUDFLARE_ACCOUNT_ID: must be 32 hexadecimal characters (got "${A1}/..")`],
    ['profile', { profileName: 'work', profile: { account_id: '..' } }, 'account_id of profile "work": must be 32 hexadecimal characters (got "..")'],
    ['profile with its file', { profileName: 'w', profileFile: '/c/config.json', profile: { token: 't', account_id: `${A1} ` + 'x' } }, `account_id of profile "w" in /c/config.json: must be 32 hexadecimal characters (got "${A1} x")`],
    ['before a half key pair', { accountFlag: 'x', env: { CLOUDFLARE_EMAIL: 'e' } }, '--account: must be 32 hexadecimal characters (got "x")'],
  ])('%s', (_n, input, message) => {
    let thrown: unknown;
    try {
      resolveCredentials(base(input));
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(UsageError);
    expect((thrown as Error).message).toBe(message);
  });

  it('a bad stored id behind a good flag or environment value is not used, so not an error', () => {
    expect(resolveCredentials(base({ accountFlag: A1, profile: { account_id: '..' } })).account?.id).toBe(A1);
    expect(resolveCredentials(base({ env: { CLOUDFLARE_ACCOUNT_ID: A2 }, profile: { account_id: '..' } })).account?.id).toBe(A2);
  });
});

describe('a token with a "Bearer " prefix', () => {
  it.each<[string, Partial<ResolveInput>, string, string]>([
    ['env', { env: { CLOUDFLARE_API_TOKEN: 'Bearer abc' } }, 'abc', 'CLOUDFLARE_API_TOKEN starts with "Bearer "; using the token without it'],
    ['env, lower case, several spaces', { env: { CLOUDFLARE_API_TOKEN: 'bearer   abc' } }, 'abc', 'CLOUDFLARE_API_TOKEN starts with "Bearer "; using the token without it'],
    ['profile', { profile: { token: 'Bearer abc' } }, 'abc', 'token of profile "default" starts with "Bearer "; using the token without it'],
  ])('%s: used without it, one warning', (_n, input, token, warning) => {
    const r = resolveCredentials(base(input));
    expect(r.credential?.value).toEqual({ kind: 'token', token });
    expect(r.warnings).toEqual([warning]);
  });

  it.each(['Bearerabc', 'abcBearer x', 'Bearer'])('%j is left as it is, without a warning', (token) => {
    const r = resolveCredentials(base({ env: { CLOUDFLARE_API_TOKEN: token } }));
    expect(r.credential?.value).toEqual({ kind: 'token', token });
    expect(r.warnings).toEqual([]);
  });
});

describe('base URLs as they may be printed', () => {
  it.each([
    ['https://user:pw@example.com/v4', 'https://***@example.com/v4'],
    ['https://pw@example.com', 'https://***@example.com'],
    ['http://u:p@a@b.example/x?y=z@w', 'http://***@b.example/x?y=z@w'],
    ['https://u:p w@exa mple.com/v4', 'https://***@exa mple.com/v4'],
    ['https://example.com/a@b', 'https://example.com/a@b'],
    ['not a url', 'not a url'],
  ])('%s', (raw, shown) => {
    expect(withoutUserInfo(raw)).toBe(shown);
  });
});
