import type { Context } from '../context';
import { fetchRef, checkReferences } from '../api/refs';
import { printService } from './print';

export async function runGet(ctx: Context, ref: string, opts: { json?: boolean; quiet?: boolean }): Promise<void> {
  checkReferences([ref]);
  const api = await ctx.api();
  await printService(ctx, await fetchRef(api, ref), opts);
}
