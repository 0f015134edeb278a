import type { Context } from '../context';
import { Cancelled, CliError, NotFoundError, PartialFailure, UsageError } from '../errors';
import type { Service } from '../api/client';
import { isUuid } from '../service/checks';
import { resolveRefs } from '../service/refs';
import { runBounded } from '../batch';
import { dryRunUrl, printDryRun } from './shared';
import type { DeleteOptions } from './delete';

/** cli.md section 4: `{"service_id", "deleted": true}`; `name` only for a name that matched nothing. */
interface Outcome {
  service_id: string | null;
  name?: string;
  deleted: boolean;
  error?: string;
}

export async function runDelete(ctx: Context, refs: string[], opts: DeleteOptions): Promise<void> {
  const unique = [...new Set(refs)];
  if (!opts.dryRun && !opts.yes && !ctx.canPrompt) {
    throw new UsageError('deleting needs confirmation: add --yes (there is no terminal to ask on); nothing was deleted');
  }
  if (opts.dryRun && unique.every((r) => isUuid(r.trim()))) {
    printDryRun(ctx, await Promise.all(unique.map(async (r) => ({ method: 'DELETE', url: await dryRunUrl(ctx, r.trim()) }))));
    return;
  }

  const api = await ctx.api(opts.dryRun ? 'delete --dry-run looks the name up' : undefined);
  const found = await resolveRefs(api, unique);
  const missing = unique.filter((r) => !found.get(r));
  if (missing.length && !opts.ifExists) {
    throw new NotFoundError(
      `${missing.length === 1 ? 'no such service' : 'no such services'}: ${missing.map((m) => JSON.stringify(m)).join(', ')}; nothing was deleted`,
      ['add --if-exists to delete the others and ignore these'],
    );
  }
  const targets = unique.map((r) => found.get(r)).filter((s): s is Service => s !== undefined);
  const outcomes = new Map<string, Outcome>();
  for (const m of missing) {
    outcomes.set(m, { service_id: isUuid(m.trim()) ? m.trim() : null, ...(!isUuid(m.trim()) && { name: m }), deleted: false });
    if (!opts.json && !opts.ndjson && !opts.quiet) ctx.msg.info(`not found, skipped: ${m}`);
  }

  if (opts.dryRun) {
    printDryRun(ctx, await Promise.all(targets.map(async (s) => ({ method: 'DELETE', url: await dryRunUrl(ctx, s.service_id) }))));
    return;
  }
  if (targets.length && !opts.yes) {
    ctx.msg.block(`About to delete ${targets.length} service${targets.length === 1 ? '' : 's'}:\n${targets.map((s) => `  ${s.name}  ${s.service_id}`).join('\n')}`);
    const yes = await (await ctx.prompter()).confirm({ message: `Delete ${targets.length === 1 ? 'it' : 'them'}?`, default: false });
    if (!yes) throw new Cancelled('nothing was deleted');
  }

  let failed = 0;
  const deleting = runBounded(targets, 4, ctx.signal, async (s) => {
    try {
      await api.remove(s.service_id);
      outcomes.set(s.service_id, { service_id: s.service_id, deleted: true });
      if (!opts.json && !opts.ndjson && !opts.quiet) ctx.msg.success(`deleted ${s.name} (${s.service_id})`);
    } catch (e) {
      if (e instanceof NotFoundError && opts.ifExists) {
        outcomes.set(s.service_id, { service_id: s.service_id, deleted: false });
        return;
      }
      if (e instanceof Cancelled) throw e;
      failed++;
      const message = e instanceof Error ? e.message : String(e);
      outcomes.set(s.service_id, { service_id: s.service_id, name: s.name, deleted: false, error: message });
      ctx.msg.info(`error: could not delete ${s.name} (${s.service_id}): ${message}`);
      if (targets.length === 1 && e instanceof CliError) throw e;
    }
  });
  try {
    await deleting;
  } catch (e) {
    if (!(e instanceof Cancelled)) throw e;
    const gone = targets.filter((s) => outcomes.get(s.service_id)?.deleted).map((s) => s.name);
    const left = targets.filter((s) => !outcomes.has(s.service_id)).map((s) => s.name);
    throw new Cancelled(`cancelled: deleted ${gone.length}${gone.length ? ` (${gone.join(', ')})` : ''}; not deleted: ${left.join(', ') || 'none'}`);
  }

  const ordered = [...missing.map((m) => outcomes.get(m)), ...targets.map((s) => outcomes.get(s.service_id))].filter((o): o is Outcome => o !== undefined);
  if (opts.json) ctx.out.json(unique.length === 1 ? ordered[0] : ordered);
  else if (opts.ndjson) for (const o of ordered) ctx.out.ndjson(o);
  else if (opts.quiet) for (const o of ordered) if (o.deleted && o.service_id) ctx.out.line(o.service_id);
  if (failed > 0) {
    const done = ordered.filter((o) => o.deleted).length;
    throw new PartialFailure(`${failed} of ${targets.length} deletes failed; ${done} deleted`);
  }
}
