import type { Context } from '../context';
import { UsageError } from '../errors';

export interface ListOptions {
  type?: string;
  nameContains?: string;
  limit?: string;
}

/** Every page, filtered as asked and streamed to the output as it arrives. */
export async function runList(ctx: Context, opts: ListOptions): Promise<void> {
  const problems: string[] = [];
  const type = opts.type?.trim();
  if (type !== undefined && type !== 'tcp' && type !== 'http') problems.push(`--type: must be tcp or http (got ${JSON.stringify(opts.type)})`);
  let limit = Infinity;
  if (opts.limit !== undefined) {
    if (!/^\s*\d+\s*$/.test(opts.limit) || Number(opts.limit) < 1) problems.push(`--limit: must be a whole number of at least 1 (got ${JSON.stringify(opts.limit)})`);
    else limit = Number(opts.limit);
  }
  if (problems.length) throw new UsageError(problems[0] as string, problems);

  const api = await ctx.api();
  const needle = opts.nameContains?.toLowerCase();
  const sink = ctx.results.list();
  let count = 0;
  for await (const page of api.servicePages({ type })) {
    let rows = needle === undefined ? page : page.filter((s) => s.name.toLowerCase().includes(needle));
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent; slicing rows that fit keeps them all
    if (count + rows.length > limit) rows = rows.slice(0, limit - count);
    count += rows.length;
    if (rows.length) await sink.page(rows);
    if (count >= limit) break;
  }
  await sink.end(count);
}
