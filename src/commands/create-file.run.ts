import type { Context } from '../context';
import { ApiError, Cancelled, CliError, PartialFailure, UsageError, errorJson } from '../errors';
import type { Service } from '../api/client';
import { runBounded } from '../batch';
import { flagsToPartial } from '../service/flags';
import { readDefinitions } from '../service/json';
import { validateItems } from '../service/validate-items';
import { dryRunUrl, invalidInput, parseConcurrency, printDryRun } from './shared';
import type { CreateOptions } from './create';
import { bindingFor, printCreated, wireBinding } from './create.run';
import { bindingNameProblem } from '../service/binding';

type ItemResult = Service | { item: number; name: string; error: { code: string | number; message: string; status: number | null } };

/** `create --file`: one or many definitions, all validated first, created with bounded concurrency. */
export async function runCreateFromFile(ctx: Context, nameArg: string | undefined, opts: CreateOptions): Promise<void> {
  const concurrency = parseConcurrency(opts.concurrency);
  const { partial, problems } = flagsToPartial(opts, nameArg);
  if (problems.length) throw invalidInput(problems, { kind: 'flags' });
  const input = await readDefinitions(ctx, opts.file as string);
  if (input.items.length > 1 && partial.name !== undefined) {
    throw new UsageError('--name (or the [name] argument) cannot apply to a file of several definitions');
  }
  const defs = validateItems(input, '--file', partial);

  // The binding flags wire one service; with several they would silently apply to none.
  if (input.batch && (opts.wranglerConfig !== undefined || opts.binding !== undefined)) {
    throw new UsageError(`${opts.wranglerConfig !== undefined ? '--wrangler-config' : '--binding'}: wires one service; not with a file of several definitions`);
  }
  const bindingProblem = opts.binding !== undefined ? bindingNameProblem(opts.binding.trim()) : undefined;
  if (bindingProblem) throw new UsageError(bindingProblem);
  const editing = opts.wranglerConfig !== undefined && !opts.dryRun;
  const binding = input.batch ? undefined : await bindingFor(ctx, opts, defs[0]!.name, editing);
  if (opts.dryRun) {
    const url = await dryRunUrl(ctx);
    printDryRun(ctx, defs.map((body) => ({ method: 'POST', url, body })));
    return;
  }
  const api = await ctx.api();
  if (!input.batch) {
    const service = await api.create(defs[0]!);
    await printCreated(ctx, service);
    if (editing) await wireBinding(ctx, service, binding as string, opts.wranglerConfig);
    return;
  }

  const results: ItemResult[] = new Array(defs.length);
  let failed = 0;
  await cancellable(defs, results, () => runBounded(defs, concurrency, ctx.signal, async (def, i) => {
    try {
      const s = await api.create(def);
      results[i] = s;
      if (opts.ndjson) ctx.out.ndjson(s);
      if (!opts.json && !opts.ndjson && !opts.quiet) ctx.msg.success(`created ${s.name} (${s.service_id})`);
      if (opts.quiet) ctx.out.line(s.service_id);
    } catch (e) {
      if (!(e instanceof CliError) || e.exitCode === 130) throw e;
      failed++;
      results[i] = { item: i, name: def.name, error: errorJson(e) };
      if (opts.ndjson) ctx.out.ndjson(results[i]);
      ctx.msg.info(`error: [${i}] ${def.name}: ${e.message}`);
    }
  }));
  if (opts.json) ctx.out.json(results);
  else if (!opts.ndjson && !opts.quiet) {
    const created = results.filter((r): r is Service => 'service_id' in r);
    if (created.length) await ctx.out.serviceList(created);
  }
  if (failed === defs.length) throw new ApiError(`all ${failed} creates failed`);
  if (failed > 0) throw new PartialFailure(`${failed} of ${defs.length} creates failed; ${defs.length - failed} created`);
}

/** On Ctrl-C, says which items were created and which were not. */
async function cancellable(defs: { name: string }[], results: ItemResult[], run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (e) {
    if (!(e instanceof Cancelled)) throw e;
    const created = defs.filter((_, i) => results[i] && 'service_id' in (results[i] as object)).map((d) => d.name);
    const notCreated = defs.filter((_, i) => !results[i]).map((d) => d.name);
    throw new Cancelled(`cancelled: created ${created.length}${created.length ? ` (${created.join(', ')})` : ''}; not created: ${notCreated.join(', ') || 'none'}`);
  }
}
