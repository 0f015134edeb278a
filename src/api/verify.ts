import * as z from 'zod/mini';
import { ApiError, AuthError } from '../errors';
import type { Credential, HttpClient } from './http';
import { listAccounts } from './client';

/**
 * Whether a credential works, and what kind it is: a user token (`/user/tokens/verify`), an
 * account-owned token (`/accounts/{id}/tokens/verify`), or a global key pair (`/user`).
 */
export type CredentialKind = 'user token' | 'account token' | 'global API key';

export interface Verified {
  kind: CredentialKind;
  /** For an account token: the account it belongs to. */
  accountId?: string;
}

const tokenStatus = z.looseObject({ status: z.optional(z.string()) });
const accountDetails = z.looseObject({ name: z.optional(z.string()) });

/** `accountFrom` words where `accountHint` came from, for the hint when it does not verify. */
export async function verifyCredential(http: HttpClient, credential: Credential, accountHint?: string, accountFrom = 'given with --account'): Promise<Verified> {
  if (credential.kind === 'key') {
    await http.request({ method: 'GET', path: '/user', result: z.looseObject({}), permission: 'User Details Read' });
    return { kind: 'global API key' };
  }
  try {
    const r = await http.request({ method: 'GET', path: '/user/tokens/verify', result: tokenStatus });
    assertActive(r.result.status);
    return { kind: 'user token' };
  } catch (e) {
    if (!judgesCredential(e)) throw e;
    // A user token that verified as expired or disabled is known: say so, do not try it as an account token.
    if (e instanceof AuthError && e.httpStatus === undefined) throw e;
  }
  // Not a user token: maybe an account-owned token, verified against its account.
  const candidates = accountHint ? [accountHint] : (await listAccounts(http).catch(() => [])).map((a) => a.id);
  for (const id of candidates) {
    try {
      const r = await http.request({ method: 'GET', path: `/accounts/${encodeURIComponent(id)}/tokens/verify`, result: tokenStatus });
      assertActive(r.result.status);
      return { kind: 'account token', accountId: id };
    } catch (e) {
      if (!judgesCredential(e)) throw e;
    }
  }
  throw new AuthError(
    accountHint
      ? `the API token was not accepted: not a user token, and not an account token of account ${accountHint}`
      : 'the API token was not accepted (neither a user token nor an account token that verifies)',
    ['check that the token is copied whole and still active', ...(accountHint ? [`check the account id ${accountFrom}`] : [])],
  );
}

/**
 * `auth login --account <id>`: that the credential reaches the account, by Cloudflare's account
 * details (`GET /accounts/{id}`), before anything is stored. The id is already checked.
 */
export async function assertReachesAccount(http: HttpClient, accountId: string): Promise<{ name?: string }> {
  try {
    const r = await http.request({ method: 'GET', path: `/accounts/${accountId}`, result: accountDetails });
    return { name: r.result.name };
  } catch (e) {
    const status = e instanceof AuthError || e instanceof ApiError ? e.httpStatus : undefined;
    if (status === 401 || status === 403 || status === 404) {
      throw new AuthError(`the credential cannot reach account ${accountId} (GET /accounts/${accountId} answered ${status}: ${(e as Error).message})`, [
        'check the account id, and that the token includes this account in its account resources',
      ], status);
    }
    throw e;
  }
}

/**
 * Whether a failed verify says something of the credential: a refusal (401, 403, another 4xx).
 * A rate limit (429), a timeout (408), a server fault or a network error says nothing of it: that
 * error is the answer, never "the token was not accepted".
 */
function judgesCredential(e: unknown): boolean {
  if (e instanceof AuthError) return true;
  const status = e instanceof ApiError ? e.httpStatus : undefined;
  // Stryker disable next-line ConditionalExpression: equivalent; `undefined < 500` is false, the check is for the type
  return status !== undefined && status < 500 && status !== 429 && status !== 408;
}

function assertActive(status: string | undefined) {
  if (status !== undefined && status !== 'active') throw new AuthError(`the API token is ${status}`);
}
