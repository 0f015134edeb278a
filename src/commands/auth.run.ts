import type { Context } from '../context';
import { AuthError, UsageError } from '../errors';
import type { Credential } from '../api/http';
import { maskSecret } from '../api/http';
import { listAccounts } from '../api/client';
import { assertReachesAccount, verifyCredential, type CredentialKind } from '../api/verify';
import { accountFrom, bearerWarning, checkedAccountId, describeSource, givenAccount, storedAccountLabel, withoutBearer, type StoredProfile } from '../credentials/resolve';
import { isAccountId } from '../service/checks';
import { readAll } from '../io/read-stream';
import { pickAccount } from '../credentials/account';

export interface LoginOptions {
  tokenStdin?: boolean;
  keyStdin?: boolean;
  email?: string;
  verify?: boolean;
}

export interface StatusOptions {
  verify?: boolean;
}

const SECRET_LIMIT = 64 * 1024;

export async function runLogin(ctx: Context, opts: LoginOptions): Promise<void> {
  // The account as every command takes it (--account, else CLOUDFLARE_ACCOUNT_ID): a malformed one
  // is refused naming its source before the secret is read or anything is sent.
  const given = givenAccount(ctx.options.account, ctx.env);
  const profileName = ctx.profileName;
  const credential = await obtainCredential(ctx, opts);
  const store = await ctx.store();
  // Read before any request: the login replaces this profile, and its account may be kept.
  const before = await store.read(profileName);
  const http = await ctx.http(credential);
  let accountId = given?.id;
  let accountName: string | undefined;
  let kind: CredentialKind | undefined;
  let kept = false;

  if (opts.verify !== false) {
    const verified = await verifyCredential(http, credential, accountId, given && accountFrom(given.source));
    kind = verified.kind;
    // An account token verified against the account has shown it reaches it already.
    if (given !== undefined && kind !== 'account token') {
      accountName = (await assertReachesAccount(http, given.id)).name;
    }
    accountId ??= verified.accountId;
    if (!accountId) {
      const chosen = await pickAccount(await listAccounts(http), {
        canPrompt: ctx.canPrompt,
        prompter: () => ctx.prompter(),
        words: {
          question: 'Which account should this profile use?',
          none: new AuthError('the credential works but can see no account'),
          several: (n) => `the credential can see ${n} accounts; choose one with --account`,
        },
      });
      accountId = chosen.id;
      accountName = chosen.name;
    }
  } else if (given === undefined) {
    // Nothing can be asked, so nothing replaces the profile's account: dropping it would let the
    // next command pick whichever account the new secret sees first (a new secret, same profile).
    const stored = before?.account_id?.trim();
    if (stored && isAccountId(stored)) {
      [accountId, accountName, kept] = [stored, before?.account_name, true];
    } else if (stored) {
      ctx.msg.warn(`${storedAccountLabel(profileName, store.file)}: must be 32 hexadecimal characters (got ${JSON.stringify(stored)}); not kept`);
    }
  }
  // Whatever its source (the picker included), it goes into URLs later.
  if (accountId !== undefined) checkedAccountId(accountId, 'the account id');

  const profile: StoredProfile =
    credential.kind === 'token' ? { token: credential.token } : { email: credential.email, key: credential.key };
  if (accountId) profile.account_id = accountId;
  if (accountName) profile.account_name = accountName;
  await store.write(profileName, profile);

  const secret = credential.kind === 'token' ? credential.token : credential.key;
  const what = credential.kind === 'token' ? 'API token' : `global API key of ${credential.email}`;
  // --account is on the command line; an account from elsewhere says where it came from.
  const from = given?.source.kind === 'env' ? ` (from ${given.source.name})` : kept ? ' (kept from the profile)' : '';
  ctx.msg.success(
    `stored the ${what} ${maskSecret(secret)} in profile ${JSON.stringify(profileName)}` +
      `${kind ? ` (verified: ${kind})` : ' (not verified)'}${accountId ? `, account ${accountName ? `${accountName} ` : ''}${accountId}${from}` : ''}`,
  );
  ctx.msg.info(`  file: ${store.file}`);
  // An account chosen for the user (the only one visible, the token's own, the picker) that is
  // not the one the profile had: said, since later commands will act on another account.
  const previous = before?.account_id?.trim();
  if (given === undefined && previous && isAccountId(previous) && accountId !== undefined && previous.toLowerCase() !== accountId.toLowerCase()) {
    ctx.msg.warn(`profile ${JSON.stringify(profileName)} used account ${previous} before; give --account ${previous} to keep it`);
  }
  if (ctx.env.CLOUDFLARE_API_TOKEN || ctx.env.CLOUDFLARE_API_KEY) {
    ctx.msg.warn('credentials in the environment still take precedence over this profile');
  }
}

async function obtainCredential(ctx: Context, opts: LoginOptions): Promise<Credential> {
  if (opts.tokenStdin && opts.keyStdin) throw new UsageError('--token-stdin and --key-stdin: give one of them');
  if (opts.email !== undefined && !/^[^\s@]+@[^\s@]+$/.test(opts.email.trim())) {
    throw new UsageError(`--email: must be an email address such as you@example.com (got ${JSON.stringify(opts.email.trim())})`);
  }
  if (opts.keyStdin && !opts.email) throw new UsageError('--key-stdin needs --email <email>');
  if (opts.email && !opts.keyStdin && !ctx.canPrompt) throw new UsageError('--email needs --key-stdin (the key is read from stdin)');
  if (opts.tokenStdin) return { kind: 'token', token: await readSecret(ctx, '--token-stdin', true) };
  if (opts.keyStdin) return { kind: 'key', email: (opts.email as string).trim(), key: await readSecret(ctx, '--key-stdin') };
  if (!ctx.canPrompt) {
    throw new UsageError(`nothing can be asked (${ctx.noPromptReason}): give the secret on stdin`, [], [
      'printf %s "$TOKEN" | vpcsvc auth login --token-stdin',
      'vpcsvc auth login --email <email> --key-stdin < key-file',
    ]);
  }
  const p = await ctx.prompter();
  const nonEmpty = (v: string) => (v.trim() === '' ? 'required' : true);
  const method = opts.email
    ? 'key'
    : await p.select<'token' | 'key'>({
        message: 'How do you want to authenticate?',
        choices: [
          { name: 'API token (recommended)', value: 'token', description: 'needs "Connectivity Directory Admin" (or Read)' },
          { name: 'Global API key and email', value: 'key' },
        ],
      });
  if (method === 'token') return { kind: 'token', token: bareToken(ctx, (await p.password({ message: 'API token:', validate: nonEmpty })).trim(), 'the API token') };
  const email = opts.email?.trim() || (await p.input({ message: 'Email of the Cloudflare account:', validate: nonEmpty })).trim();
  return { kind: 'key', email, key: (await p.password({ message: 'Global API key:', validate: nonEmpty })).trim() };
}

/** A token pasted with its `Bearer ` prefix is used without it, with one warning line. */
function bareToken(ctx: Context, token: string, name: string): string {
  const bare = withoutBearer(token);
  if (bare !== token) ctx.msg.warn(bearerWarning(name));
  return bare;
}

async function readSecret(ctx: Context, flag: string, token = false): Promise<string> {
  const raw = (await readAll(ctx.runtime.stdin, SECRET_LIMIT, flag)).trim();
  const secret = token ? bareToken(ctx, raw, flag) : raw;
  if (secret === '') throw new UsageError(`${flag}: stdin was empty`);
  if (/\s/.test(secret)) throw new UsageError(`${flag}: the secret must be one line without spaces`);
  return secret;
}

export async function runStatus(ctx: Context, opts: StatusOptions): Promise<void> {
  const r = await ctx.resolved(true);
  const profileName = ctx.profileName;
  if (!r.credential) {
    throw new AuthError(`no credentials (profile ${JSON.stringify(profileName)} has none stored, and none are in the environment)`, [
      'run `vpcsvc auth login`, or set CLOUDFLARE_API_TOKEN',
    ]);
  }
  const c = r.credential.value;
  const secret = c.kind === 'token' ? c.token : c.key;
  let verified: boolean | null = null;
  let kind: string = c.kind === 'token' ? 'API token' : 'global API key';
  let problem: string | undefined;
  // Whether the credential reaches the account that is set (null: not checked, or none is set).
  let reachable: boolean | null = null;
  // The error the command ends with, hints and HTTP status included.
  let failure: AuthError | undefined;
  if (opts.verify !== false) {
    const http = await ctx.http(c);
    try {
      const v = await verifyCredential(http, c, r.account?.id, r.account && accountFrom(r.account.source));
      verified = true;
      kind = v.kind;
    } catch (e) {
      if (!(e instanceof AuthError)) throw e;
      [verified, failure, problem] = [false, e, e.message];
    }
    // As `auth login --account` does, and as any command would find out: one request, only when an
    // account is set. An account token verified against the account has reached it already.
    if (verified && r.account) {
      try {
        if (kind !== 'account token') await assertReachesAccount(http, r.account.id);
        reachable = true;
      } catch (e) {
        if (!(e instanceof AuthError)) throw e;
        [reachable, failure, problem] = [false, e, e.message];
      }
    }
  }
  const overrideNote = r.overridesProfile
    ? `${describeSource(r.credential.source).replace(/^environment /, '')} in the environment overrides the login stored in profile ${JSON.stringify(profileName)}`
    : undefined;

  await ctx.results.record(
    {
      profile: profileName,
      credential: {
        kind,
        source: r.credential.source,
        last4: secret.slice(-4).length === 4 && secret.length >= 16 ? secret.slice(-4) : null,
        ...(c.kind === 'key' && { email: c.email }),
      },
      account: r.account ? { id: r.account.id, source: r.account.source, reachable } : null,
      verified,
      ...(problem && { problem }),
      overrides_profile: r.overridesProfile === true,
    },
    [
      ['profile', profileName],
      ['credential', `${kind} ${maskSecret(secret)}${c.kind === 'key' ? ` (${c.email})` : ''}`],
      ['from', describeSource(r.credential.source)],
      ['account', r.account ? `${r.account.id} (from ${describeSource(r.account.source)})` : 'not set: chosen from the accounts the credential can see'],
      ['verified', verified === null ? 'not checked' : verified ? 'yes' : `no: ${problem ?? ''}`],
      ...(r.account ? [['reachable', reachable === null ? 'not checked' : reachable ? 'yes' : `no: ${problem ?? ''}`] as [string, string]] : []),
    ],
  );
  if (overrideNote) ctx.msg.warn(overrideNote);
  if (failure) throw failure;
}

export async function runLogout(ctx: Context): Promise<void> {
  const store = await ctx.store();
  const name = ctx.profileName;
  const removed = await store.remove(name);
  if (removed) ctx.msg.success(`removed the stored credentials of profile ${JSON.stringify(name)}`);
  else ctx.msg.info(`profile ${JSON.stringify(name)} has no stored credentials; nothing to remove`);
  if (ctx.env.CLOUDFLARE_API_TOKEN || ctx.env.CLOUDFLARE_API_KEY) {
    ctx.msg.warn('credentials in the environment (CLOUDFLARE_API_TOKEN / CLOUDFLARE_API_KEY) are still in effect');
  }
}
