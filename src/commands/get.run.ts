import type { Context } from '../context';
import { fetchRef } from '../api/refs';

export async function runGet(ctx: Context, ref: string): Promise<void> {
  const api = await ctx.api();
  await ctx.results.service(await fetchRef(api, ref));
}
