import type { Context } from '../context';
import { apiBaseUrl } from '../api/base-url';
import { servicesPath } from '../api/client';

/** The URL a request would go to; `{account_id}` stays a placeholder when no account is known. */
export async function dryRunUrl(ctx: Context, serviceId?: string): Promise<string> {
  const account = await ctx.knownAccount();
  return apiBaseUrl(ctx.env).href.replace(/\/+$/, '') + servicesPath(account ? encodeURIComponent(account) : '{account_id}', serviceId);
}
