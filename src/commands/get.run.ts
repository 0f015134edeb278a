import type { Context } from '../context';
import { fetchRef, checkReferences } from '../api/refs';

export async function runGet(ctx: Context, ref: string): Promise<void> {
  checkReferences([ref]);
  const api = await ctx.api();
  await ctx.results.service(await fetchRef(api, ref));
}
