import type { Context } from '../context';
import { flagsToPartial } from '../service/flags';
import { validateDefinition, type ServiceDefinition } from '../service/schema';
import { dryRunUrl, invalidInput, printDryRun } from './shared';
import type { CreateOptions } from './create';
import type { Service } from '../api/client';
import { printService } from './print';

export async function runCreate(ctx: Context, nameArg: string | undefined, opts: CreateOptions): Promise<void> {
  const { partial, problems } = flagsToPartial(opts, nameArg);
  const checked = validateDefinition(partial, 'text');
  const all = [...problems, ...(checked.ok ? [] : checked.problems)];
  if (all.length > 0 || !checked.ok) {
    throw invalidInput(all, { kind: 'flags' }, ['see `vpcsvc create --help` for the flags and examples']);
  }
  const def: ServiceDefinition = checked.value;

  if (opts.dryRun) {
    printDryRun(ctx, [{ method: 'POST', url: await dryRunUrl(ctx), body: def }]);
    return;
  }
  const api = await ctx.api();
  const service = await api.create(def);
  await printCreated(ctx, service);
}

export async function printCreated(ctx: Context, service: Service) {
  await printService(ctx, service, ctx.opts);
  if (!ctx.opts.json && !ctx.opts.ndjson && !ctx.opts.quiet) ctx.msg.success(`created ${service.name} (${service.service_id})`);
}
