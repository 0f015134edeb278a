import type { Context } from '../context';
import { Cancelled, NotFoundError, UsageError } from '../errors';
import type { Service } from '../api/client';
import { isUuid } from '../service/checks';
import { resolveRefs, checkReferences } from '../api/refs';
import { batchError, runBatch } from '../batch';
import { dryRunUrl } from './dry-run';
import { parseConcurrency } from './options';

export interface DeleteOptions {
  yes?: boolean;
  ifExists?: boolean;
  dryRun?: boolean;
  concurrency?: string;
}

/**
 * cli.md section 4: `{"service_id", "deleted"}`; a failure adds `name` and `error`. A reference
 * that matched nothing (skipped with --if-exists) has the reference itself as service_id.
 */
interface Row {
  service_id: string;
  name?: string;
  deleted: boolean;
  error?: string;
}

export async function runDelete(ctx: Context, refs: string[], opts: DeleteOptions): Promise<void> {
  checkReferences(refs);
  const concurrency = parseConcurrency(opts.concurrency);
  const keys = [...new Set(refs.map((r) => r.trim()))];
  if (!opts.dryRun && !opts.yes && !ctx.canPrompt) {
    throw new UsageError(`deleting needs confirmation: add --yes (${ctx.noPromptReason}); nothing was deleted`);
  }
  if (opts.dryRun && keys.every(isUuid)) {
    ctx.results.dryRun(await Promise.all(keys.map(async (r) => ({ method: 'DELETE', url: await dryRunUrl(ctx, r) }))));
    return;
  }

  const api = await ctx.api(opts.dryRun ? 'delete --dry-run looks the name up' : undefined);
  const found = await resolveRefs(api, keys);
  const missing = keys.filter((r) => !found.get(r));
  if (missing.length && !opts.ifExists) {
    throw new NotFoundError(
      `${missing.length === 1 ? 'no such service' : 'no such services'}: ${missing.map((m) => JSON.stringify(m)).join(', ')}; nothing was deleted`,
      ['add --if-exists to delete the others and ignore these'],
    );
  }
  // One service named twice (by id and by name, or twice) is deleted once.
  const index = new Map<string, number>();
  const targets: Service[] = [];
  for (const r of keys) {
    const s = found.get(r);
    if (s && !index.has(s.service_id)) index.set(s.service_id, targets.push(s) - 1);
  }
  for (const m of missing) ctx.results.deleteSkipped(m);

  if (opts.dryRun) {
    ctx.results.dryRun(await Promise.all(targets.map(async (s) => ({ method: 'DELETE', url: await dryRunUrl(ctx, s.service_id) }))));
    return;
  }
  if (targets.length && !opts.yes) {
    ctx.msg.block(`About to delete ${targets.length} service${targets.length === 1 ? '' : 's'}:\n${targets.map((s) => `  ${s.name}  ${s.service_id}`).join('\n')}`);
    const yes = await (await ctx.prompter()).confirm({ message: `Delete ${targets.length === 1 ? 'it' : 'them'}?`, default: false });
    if (!yes) throw new Cancelled('nothing was deleted');
  }

  const run = await runBatch(
    targets,
    {
      concurrency,
      signal: ctx.signal,
      name: (s) => s.name,
      onSettled: (o, i) => {
        const s = targets[i] as Service;
        if (o.state === 'failed') ctx.msg.itemFailed(`could not delete ${s.name} (${s.service_id}): ${o.error.message}`);
        else if (o.state === 'done') ctx.results.deletedItem(s, o.value);
      },
    },
    async (s: Service) => {
      try {
        await api.remove(s.service_id, s.name);
        return true;
      } catch (e) {
        // Gone between the lookup and the delete: with --if-exists, that is what was asked.
        if (e instanceof NotFoundError && opts.ifExists) return false;
        throw e;
      }
    },
  );

  // One row per reference, in the order given; a service named twice has one row; items never
  // sent (Ctrl-C) have none, so what is printed after a stop is what finished.
  const rows: Row[] = [];
  const shown = new Set<string>();
  for (const r of keys) {
    const s = found.get(r);
    if (!s) {
      rows.push({ service_id: r, deleted: false });
      continue;
    }
    if (shown.has(s.service_id)) continue;
    shown.add(s.service_id);
    const o = run.outcomes[index.get(s.service_id) as number];
    if (!o) continue;
    rows.push(o.state === 'done' ? { service_id: s.service_id, deleted: o.value } : { service_id: s.service_id, name: s.name, deleted: false, error: o.error.message });
  }
  ctx.results.deleteRows(rows, refs.length === 1);

  const error = batchError(targets, run, { noun: 'delete', past: 'deleted', label: (s) => s.name, name: (s) => s.name });
  if (error) throw error;
}
