import type { Context } from '../context';
import { UsageError } from '../errors';
import { apiBaseUrl } from '../api/base-url';
import { servicesPath } from '../api/client';
import { renderProblem, type LabelStyle, type Problem } from '../service/problems';

/** Helpers several commands use: usage errors from problems, dry-run printing. */

export function invalidInput(problems: Problem[], style: LabelStyle, hints: string[] = []): UsageError {
  const lines = problems.map((p) => renderProblem(p, style));
  return new UsageError(lines[0] ?? 'invalid input', lines, hints);
}

/** The URL a request would go to; `{account_id}` stays a placeholder when no account is known. */
export async function dryRunUrl(ctx: Context, serviceId?: string): Promise<string> {
  const account = await ctx.knownAccount();
  return apiBaseUrl(ctx.env).href.replace(/\/+$/, '') + servicesPath(account ? encodeURIComponent(account) : '{account_id}', serviceId);
}

/** Prints what would be sent: `METHOD URL` and the body, or one JSON object with --json. */
export function printDryRun(ctx: Context, requests: { method: string; url: string; body?: unknown; changes?: unknown }[], o: { quietNote?: boolean } = {}) {
  if (ctx.opts.json) {
    ctx.out.json(requests.length === 1 ? requests[0] : requests);
  } else if (ctx.opts.ndjson) {
    for (const r of requests) ctx.out.ndjson(r);
  } else {
    for (const r of requests) {
      ctx.out.line(`${r.method} ${r.url}`);
      if (r.body !== undefined) ctx.out.json(r.body);
    }
  }
  if (!o.quietNote) ctx.msg.info('dry run: nothing was sent');
}

/** --concurrency: how many requests a batch keeps in flight (default 4). */
export function parseConcurrency(raw: string | undefined): number {
  if (raw === undefined) return 4;
  if (!/^\s*\d+\s*$/.test(raw) || Number(raw) < 1 || Number(raw) > 32) {
    throw new UsageError(`--concurrency: must be an integer from 1 to 32 (got ${JSON.stringify(raw)})`);
  }
  return Number(raw);
}
