import { describe, expect, it } from 'vitest';
import { describeSource, resolveCredentials, type ResolveInput, type Source } from '../../../src/credentials/resolve';
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

describe('the whole result, exactly', () => {
  it.each<[string, Partial<ResolveInput>, unknown]>([
    ['blank values are unset; values are trimmed', { accountFlag: ` ${A1}\n`, env: { CLOUDFLARE_API_TOKEN: '   ' }, profile: { token: ' p\t' } }, {
      credential: { value: { kind: 'token', token: 'p' }, source: { kind: 'profile', profile: 'default' } },
      account: { id: A1, source: { kind: 'flag', name: '--account' } },
      overridesProfile: false,
      warnings: [],
    }],
    ['env account, env key pair over a stored login', { env: { CLOUDFLARE_ACCOUNT_ID: A2, CLOUDFLARE_EMAIL: ' e ', CLOUDFLARE_API_KEY: ' k ' }, profile: { key: 'pk', email: 'pe' } }, {
      credential: { value: { kind: 'key', email: 'e', key: 'k' }, source: { kind: 'env', name: 'CLOUDFLARE_API_KEY' } },
      account: { id: A2, source: { kind: 'env', name: 'CLOUDFLARE_ACCOUNT_ID' } },
      overridesProfile: true,
      warnings: [],
    }],
    ['a stored login alone overrides nothing', { profileName: 'w', profile: { token: 'p', account_id: A3 } }, {
      credential: { value: { kind: 'token', token: 'p' }, source: { kind: 'profile', profile: 'w' } },
      account: { id: A3, source: { kind: 'profile', profile: 'w' } },
      overridesProfile: false,
      warnings: [],
    }],
    ['a stored email alone is no stored login to override', { env: { CLOUDFLARE_API_TOKEN: 't' }, profile: { email: 'pe' } }, {
      credential: { value: { kind: 'token', token: 't' }, source: { kind: 'env', name: 'CLOUDFLARE_API_TOKEN' } },
      account: undefined,
      overridesProfile: false,
      warnings: [],
    }],
    ['a token beside an email alone', { env: { CLOUDFLARE_API_TOKEN: 't', CLOUDFLARE_EMAIL: 'e' } }, {
      credential: { value: { kind: 'token', token: 't' }, source: { kind: 'env', name: 'CLOUDFLARE_API_TOKEN' } },
      account: undefined,
      overridesProfile: false,
      warnings: ['both CLOUDFLARE_API_TOKEN and a global API key are set; using CLOUDFLARE_API_TOKEN'],
    }],
    ['a stored token beside a stored key alone', { profile: { token: 'p', key: 'k' } }, {
      credential: { value: { kind: 'token', token: 'p' }, source: { kind: 'profile', profile: 'default' } },
      account: undefined,
      overridesProfile: false,
      warnings: ['both token of profile "default" and a global API key are set; using token of profile "default"'],
    }],
  ])('%s', (_n, input, expected) => {
    expect(resolveCredentials(base(input))).toStrictEqual(expected);
  });
});

describe('errors carry their hints', () => {
  const thrown = (input: Partial<ResolveInput>): unknown => {
    try {
      resolveCredentials(base(input));
    } catch (e) {
      return e;
    }
    return undefined;
  };
  it.each<[string, Partial<ResolveInput>, string, string[]]>([
    ['env email alone', { env: { CLOUDFLARE_EMAIL: 'e' } }, 'CLOUDFLARE_EMAIL is set but CLOUDFLARE_API_KEY is missing', ['set CLOUDFLARE_API_KEY too, or use an API token']],
    ['env key alone', { env: { CLOUDFLARE_API_KEY: 'k' } }, 'CLOUDFLARE_API_KEY is set but CLOUDFLARE_EMAIL is missing', ['set CLOUDFLARE_EMAIL too, or use an API token']],
    ['stored email alone', { profileName: 'w', profile: { email: 'e' } }, 'email of profile "w" is set but API key of profile "w" is missing', ['set API key of profile "w" too, or use an API token']],
    ['stored key alone', { profile: { key: 'k' } }, 'API key of profile "default" is set but email of profile "default" is missing', ['set email of profile "default" too, or use an API token']],
  ])('%s: an auth error', (_n, input, message, hints) => {
    const e = thrown(input);
    expect(e).toBeInstanceOf(AuthError);
    expect({ message: (e as AuthError).message, hints: (e as AuthError).hints }).toEqual({ message, hints });
  });

  it.each<[string, Partial<ResolveInput>, string[]]>([
    ['flag', { accountFlag: 'x' }, []],
    ['env', { env: { CLOUDFLARE_ACCOUNT_ID: 'x' } }, []],
    ['profile', { profileName: 'w', profile: { account_id: 'x' } }, ['run `vpcsvc auth login --profile w` again, or fix the file']],
  ])('a bad account id from the %s: a usage error with no problem lines', (_n, input, hints) => {
    const e = thrown(input);
    expect(e).toBeInstanceOf(UsageError);
    expect({ problems: (e as UsageError).problems, hints: (e as UsageError).hints }).toEqual({ problems: [], hints });
  });
});

describe('where a value came from, in words', () => {
  it.each<[Source, string]>([
    [{ kind: 'flag', name: '--account' }, 'flag --account'],
    [{ kind: 'env', name: 'CLOUDFLARE_API_TOKEN' }, 'environment CLOUDFLARE_API_TOKEN'],
    [{ kind: 'profile', profile: 'work' }, 'profile "work"'],
  ])('%j -> %s', (source, words) => {
    expect(describeSource(source)).toBe(words);
  });
});
