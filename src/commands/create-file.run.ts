import type { Context } from '../context';
import { alongWith, CliError, errorJson, refuseAll, UsageError } from '../errors';
import type { Service } from '../api/client';
import { batchError, runBatch } from '../batch';
import { flagValues, hasPortShortcut } from '../service/flag-values';
import type { ServiceFlagValues } from '../service/fields';
import { readDefinitions } from '../io/definitions-file';
import { validateItems, type DefinitionsInput } from '../service/validate-items';
import { dryRunUrl } from './dry-run';
import { invalidInput } from './invalid-input';
import { otherFlagProblems } from './create-flags';
import { parseConcurrency } from './options';
import type { ServiceDefinition } from '../service/schema';
import { bindingFor, wireBinding } from './worker-binding';

/** What `create --file` reads of create's options. */
export interface CreateFileOptions extends ServiceFlagValues {
  file?: string;
  concurrency?: string;
  dryRun?: boolean;
  binding?: string;
  wranglerConfig?: string;
  /** Flags given twice with different values (service-flags.ts), one line each. */
  repeated?: string[];
}

type ItemResult = Service | { item: number; name: string; error: { code: string | number; message: string; status: number | null } };

/** `create --file`: one or many definitions, all validated first, created with bounded concurrency. */
export async function runCreateFromFile(ctx: Context, nameArg: string | undefined, opts: CreateFileOptions): Promise<void> {
  // Each flag value is checked before the file is read; whether the flags fit each item, after.
  // The other flags' problems are said with the first of those.
  const others = otherFlagProblems(opts);
  const { partial, problems } = flagValues(opts, nameArg, { type: hasPortShortcut(opts) ? 'tcp' : undefined });
  if (problems.length) throw invalidInput(problems, { kind: 'flags' }, [], others);
  let input: DefinitionsInput;
  let defs: ServiceDefinition[];
  try {
    input = await readDefinitions(ctx.runtime, opts.file as string);
    if (input.items.length === 0) throw new UsageError(`--file: the list is empty: nothing to create`);
    if (input.items.length > 1 && partial.name !== undefined) {
      throw new UsageError('--name (or the [name] argument) cannot apply to a file of several definitions');
    }
    defs = validateItems(input, '--file', { values: opts, name: nameArg });
  } catch (e) {
    throw alongWith(e, others);
  }
  // The binding flags wire one service; with several they would silently apply to none.
  if (input.batch && (opts.wranglerConfig !== undefined || opts.binding !== undefined)) {
    others.unshift(`${opts.wranglerConfig !== undefined ? '--wrangler-config' : '--binding'}: wires one service; not with a file of several definitions`);
  }
  refuseAll(others);
  const concurrency = parseConcurrency(opts.concurrency);
  // The config is read (never written) in a dry run too: it refuses what the real run would.
  const editing = opts.wranglerConfig !== undefined;
  const binding = input.batch ? undefined : await bindingFor(ctx, opts, defs[0]!.name, editing);
  if (opts.dryRun) {
    const url = await dryRunUrl(ctx);
    ctx.results.dryRun(defs.map((body) => ({ method: 'POST', url, body })));
    return;
  }
  const api = await ctx.api();
  if (!input.batch) {
    const service = await api.create(defs[0]!);
    await ctx.results.created(service);
    if (editing) await wireBinding(ctx, service, binding as string, opts.wranglerConfig);
    return;
  }

  const failure = (i: number, e: CliError): ItemResult => ({ item: i, name: defs[i]!.name, error: errorJson(e) });
  const run = await runBatch(
    defs,
    {
      concurrency,
      signal: ctx.signal,
      name: (d) => d.name,
      onSettled: (o, i) => {
        if (o.state === 'done') return ctx.results.createdItem(o.value);
        ctx.results.failedItem(failure(i, o.error));
        if (o.state === 'failed') ctx.msg.itemFailed(`[${i}] ${defs[i]!.name}: ${o.error.message}`);
      },
    },
    (def: ServiceDefinition) => api.create(def),
  );
  // What finished is printed even after Ctrl-C; items never sent are left out of --json.
  const results = run.outcomes.flatMap((o, i): ItemResult[] => (!o ? [] : o.state === 'done' ? [o.value] : [failure(i, o.error)]));
  await ctx.results.createdBatch(results);
  const error = batchError(defs, run, { noun: 'create', past: 'created', label: (d) => d.name, name: (d) => d.name });
  if (error) throw error;
}
