import { AuthError, UsageError } from '../errors';
import type { Credential } from '../api/http';
import { accountIdProblem, isAccountId } from '../service/account-id';

/**
 * Where the credential and the account come from (cli.md section 6): flags, then the environment,
 * then the stored profile, each decided separately. Pure: the caller passes everything in.
 */

export interface StoredProfile {
  token?: string;
  email?: string;
  key?: string;
  account_id?: string;
  account_name?: string;
}

export type Source = { kind: 'flag'; name: string } | { kind: 'env'; name: string } | { kind: 'profile'; profile: string };

export interface ResolveInput {
  accountFlag?: string;
  env: Record<string, string | undefined>;
  profileName: string;
  profile?: StoredProfile;
  /** The config file the profile was read from, named when its account id is bad. */
  profileFile?: string;
}

export interface Resolved {
  credential?: { value: Credential; source: Source };
  account?: { id: string; source: Source };
  /** Set when an environment credential hides a stored login. */
  overridesProfile?: boolean;
  warnings: string[];
}

const val = (v: string | undefined): string | undefined => (v === undefined || v.trim() === '' ? undefined : v.trim());

export function describeSource(s: Source): string {
  if (s.kind === 'flag') return `flag ${s.name}`;
  if (s.kind === 'env') return `environment ${s.name}`;
  return `profile ${JSON.stringify(s.profile)}`;
}

export function resolveCredentials(input: ResolveInput): Resolved {
  const warnings: string[] = [];
  const { env, profile, profileName } = input;

  // The account first: a malformed one is refused even when the credential is missing or half
  // (a --dry-run needs no credential, but never puts a bad id in a URL).
  let account = givenAccount(input.accountFlag, env);
  const storedAccount = val(profile?.account_id);
  if (account === undefined && storedAccount !== undefined) {
    account = { id: checkedAccountId(storedAccount, storedAccountLabel(profileName, input.profileFile), [`run \`vpcsvc auth login --profile ${profileName}\` again, or fix the file`]), source: { kind: 'profile', profile: profileName } };
  }

  const fromLevel = (
    token: string | undefined,
    email: string | undefined,
    key: string | undefined,
    names: { token: string; email: string; key: string },
    source: (name: string) => Source,
  ): Resolved['credential'] => {
    if (token !== undefined) {
      if (email !== undefined || key !== undefined) {
        warnings.push(`both ${names.token} and a global API key are set; using ${names.token}`);
      }
      const bare = withoutBearer(token);
      if (bare !== token) warnings.push(bearerWarning(names.token));
      return { value: { kind: 'token', token: bare }, source: source(names.token) };
    }
    if (email === undefined && key === undefined) return undefined;
    if (key === undefined) throw new AuthError(`${names.email} is set but ${names.key} is missing`, [`set ${names.key} too, or use an API token`]);
    if (email === undefined) throw new AuthError(`${names.key} is set but ${names.email} is missing`, [`set ${names.email} too, or use an API token`]);
    return { value: { kind: 'key', email, key }, source: source(names.key) };
  };

  const envCredential = fromLevel(
    val(env.CLOUDFLARE_API_TOKEN),
    val(env.CLOUDFLARE_EMAIL),
    val(env.CLOUDFLARE_API_KEY),
    { token: 'CLOUDFLARE_API_TOKEN', email: 'CLOUDFLARE_EMAIL', key: 'CLOUDFLARE_API_KEY' },
    (name) => ({ kind: 'env', name }),
  );
  const profileNames = { token: `token of profile ${JSON.stringify(profileName)}`, email: `email of profile ${JSON.stringify(profileName)}`, key: `API key of profile ${JSON.stringify(profileName)}` };
  const storedCredential = profile && envCredential === undefined
    ? fromLevel(val(profile.token), val(profile.email), val(profile.key), profileNames, () => ({ kind: 'profile', profile: profileName }))
    : undefined;

  return {
    credential: envCredential ?? storedCredential,
    account,
    overridesProfile: envCredential !== undefined && [profile?.token, profile?.key].some((v) => val(v) !== undefined),
    warnings,
  };
}

/**
 * The account given for this run, before any profile: `--account`, else CLOUDFLARE_ACCOUNT_ID.
 * Shared by every command and by `auth login`, so the order and the checks are the same
 * everywhere; a malformed one is a usage error naming its source (a hidden one is not looked at).
 */
export function givenAccount(accountFlag: string | undefined, env: Record<string, string | undefined>): { id: string; source: Source } | undefined {
  const flag = val(accountFlag);
  if (flag !== undefined) return { id: checkedAccountId(flag, '--account'), source: { kind: 'flag', name: '--account' } };
  const fromEnv = val(env.CLOUDFLARE_ACCOUNT_ID);
  if (fromEnv !== undefined) return { id: checkedAccountId(fromEnv, 'CLOUDFLARE_ACCOUNT_ID'), source: { kind: 'env', name: 'CLOUDFLARE_ACCOUNT_ID' } };
  return undefined;
}

/** Where an account id came from, as the hint of a credential that does not verify against it words it. */
export const accountFrom = (s: Source): string => (s.kind === 'profile' ? `stored in profile ${JSON.stringify(s.profile)}` : `given with ${s.name}`);

/** How a profile's account_id is named in messages: with the file, so it can be found. */
export const storedAccountLabel = (profileName: string, file?: string): string => `account_id of profile ${JSON.stringify(profileName)}${file ? ` in ${file}` : ''}`;

/** An account id goes into URL paths: anything but 32 hex characters (`..`, `/`) is refused. */
export function checkedAccountId(id: string, label: string, hints: string[] = []): string {
  if (!isAccountId(id)) {
    throw new UsageError(accountIdProblem(label, id), [], hints);
  }
  return id;
}

const BEARER = /^bearer\s+/i;

/** A token pasted with its `Bearer ` header prefix, without it. */
export function withoutBearer(token: string): string {
  return BEARER.test(token) ? token.replace(BEARER, '') : token;
}

export const bearerWarning = (name: string): string => `${name} starts with "Bearer "; using the token without it`;
