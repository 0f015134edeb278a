import type { Context } from '../context';
import { UsageError } from '../errors';
import { definitionOf } from '../service/canonical';
import { validateDefinition } from '../service/schema';
import type { Service } from '../api/client';

/** The definition `apply` would need to recreate a service: the canonical body when it validates. */
export function exportable(s: Service): Record<string, unknown> {
  const r = validateDefinition(definitionOf(s), 'json');
  return r.ok ? (r.value as unknown as Record<string, unknown>) : definitionOf(s);
}

export async function runExport(ctx: Context, opts: { type?: string; ndjson?: boolean }): Promise<void> {
  const type = opts.type?.trim();
  if (type !== undefined && type !== 'tcp' && type !== 'http') throw new UsageError(`--type: must be tcp or http (got ${JSON.stringify(opts.type)})`);
  const api = await ctx.api();
  const array = opts.ndjson ? undefined : ctx.out.jsonArray();
  for await (const page of api.servicePages({ type })) {
    const defs = page.map(exportable);
    if (array) await array.items(defs);
    else if (!ctx.out.ndjsonLines(defs)) await ctx.out.drain();
  }
  await array?.end();
}
