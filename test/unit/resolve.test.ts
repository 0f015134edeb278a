import { describe, expect, it } from 'vitest';
import { resolveCredentials, type ResolveInput } from '../../src/credentials/resolve';
import { AuthError, UsageError } from '../../src/errors';

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
