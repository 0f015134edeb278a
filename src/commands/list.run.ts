import type { Context } from '../context';
import { UsageError } from '../errors';
import type { Service } from '../api/client';
import type { ListOptions } from './list';

/**
 * Streams every page: rows are written as pages arrive and nothing holds the whole list, except a
 * table on a terminal, which needs every row to size its columns.
 */
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
  const sink = makeSink(ctx, opts);
  let count = 0;
  for await (const page of api.servicePages({ type })) {
    let rows = needle === undefined ? page : page.filter((s) => s.name.toLowerCase().includes(needle));
    if (count + rows.length > limit) rows = rows.slice(0, limit - count);
    count += rows.length;
    if (rows.length) await sink.page(rows);
    if (count >= limit) break;
  }
  await sink.end(count);
}

interface Sink {
  page(rows: Service[]): Promise<void>;
  end(count: number): Promise<void>;
}

function makeSink(ctx: Context, opts: ListOptions): Sink {
  const out = ctx.out;
  if (opts.json) {
    const array = out.jsonArray();
    return { page: (rows) => array.items(rows), end: () => array.end() };
  }
  if (opts.ndjson) {
    return {
      page: async (rows) => {
        if (!out.ndjsonLines(rows)) await out.drain();
      },
      end: async () => {},
    };
  }
  if (opts.quiet) {
    return {
      page: async (rows) => {
        if (!out.lines(rows.map((s) => s.service_id))) await out.drain();
      },
      end: async () => {},
    };
  }
  if (out.isTTY) {
    const all: Service[] = [];
    return {
      page: async (rows) => void all.push(...rows),
      end: async (count) => {
        if (count === 0) ctx.msg.info('no services');
        else await out.serviceList(all);
      },
    };
  }
  const stream = out.listStream();
  return {
    page: (rows) => stream.page(rows),
    end: async (count) => {
      if (count === 0) ctx.msg.info('no services');
    },
  };
}
