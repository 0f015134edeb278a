import type { Context } from '../context';
import { Cancelled, CliError, UsageError, errorJson } from '../errors';
import type { Service } from '../api/client';
import { batchError, runBatch } from '../batch';
import { definitionOf } from '../service/canonical';
import { diffDefinitions, formatChange, type Change } from '../service/diff';
import { readDefinitions } from '../io/definitions-file';
import type { ServiceDefinition } from '../service/schema';
import { checkItems } from '../service/validate-items';
import { dryRunUrl } from './dry-run';
import { parseConcurrency } from './options';

export interface ApplyOptions {
  file?: string;
  prune?: boolean;
  dryRun?: boolean;
  yes?: boolean;
  concurrency?: string;
}

export interface PlanStep {
  action: 'create' | 'update' | 'unchanged' | 'delete';
  name: string;
  service_id?: string;
  changes?: Change[];
  /** The definition to send (create, update). */
  definition?: ServiceDefinition;
}

interface Outcome {
  action: PlanStep['action'];
  name: string;
  service_id?: string;
  ok: boolean;
  error?: { code: string | number; message: string; status: number | null };
}

/** The plan: desired definitions against the account's services, by name. Pure. */
export function makePlan(desired: ServiceDefinition[], current: Service[], prune: boolean): PlanStep[] {
  const byName = new Map(current.map((s) => [s.name, s]));
  const steps: PlanStep[] = desired.map((def) => {
    const existing = byName.get(def.name);
    if (!existing) return { action: 'create', name: def.name, definition: def };
    const changes = diffDefinitions(definitionOf(existing), definitionOf(def as unknown as Record<string, unknown>));
    return changes.length === 0
      ? { action: 'unchanged', name: def.name, service_id: existing.service_id }
      : { action: 'update', name: def.name, service_id: existing.service_id, changes, definition: def };
  });
  if (prune) {
    const wanted = new Set(desired.map((d) => d.name));
    for (const s of current) if (!wanted.has(s.name)) steps.push({ action: 'delete', name: s.name, service_id: s.service_id });
  }
  return steps;
}

const SIGN = { create: '+', update: '~', unchanged: '=', delete: '-' } as const;

export async function runApply(ctx: Context, opts: ApplyOptions): Promise<void> {
  const concurrency = parseConcurrency(opts.concurrency);
  const input = await readDefinitions(ctx.runtime, opts.file as string);
  const { defs: desired, relaxed } = checkItems(input, '--file', undefined, { allowClientOnly: true });

  // A dry run needs no credentials (cli.md section 5): without them the account cannot be read, so
  // the plan shows every definition as a create and says so.
  const blind = opts.dryRun === true && !(await ctx.resolved()).credential;
  const api = blind ? undefined : await ctx.api();
  const current: Service[] = [];
  if (api) for await (const page of api.servicePages()) current.push(...page);
  else ctx.msg.warn('no credentials: the services in the account cannot be read, so this plan shows every definition as a create');
  const plan = makePlan(desired, current, opts.prune === true);
  // Definitions that break only this client's own rules (a tcp service without tcp_port, which the
  // API accepts) are fine while they match the live service: left alone, with a warning.
  const refused: string[] = [];
  for (const s of plan) {
    const lines = s.definition ? relaxed.get(s.definition) : undefined;
    if (lines) refused.push(...lines);
  }
  if (refused.length) throw new UsageError(refused[0] as string, refused, ['nothing was sent']);
  for (const def of relaxed.keys()) {
    ctx.msg.warn(`${def.name}: a tcp service without tcp_port (vpcsvc requires one for the services it creates or changes); it is unchanged, so it is left as it is`);
  }
  const changing = plan.filter((s) => s.action !== 'unchanged');
  const publicPlan = plan.map(({ definition: _d, ...rest }) => rest);

  const counts = (['create', 'update', 'unchanged', 'delete'] as const).map((a) => [a, plan.filter((s) => s.action === a).length] as const);
  const summary = `Plan: ${counts.filter(([a]) => a !== 'delete' || opts.prune).map(([a, n]) => `${n} to ${a === 'unchanged' ? 'leave unchanged' : a}`).join(', ')}`;
  const lines = [summary];
  for (const s of plan) {
    lines.push(`  ${SIGN[s.action]} ${s.action.padEnd(9)} ${s.name}${s.service_id ? `  (${s.service_id})` : ''}`);
    for (const c of s.changes ?? []) lines.push(`      ${formatChange(c)}`);
  }
  ctx.results.plan(lines);

  if (opts.dryRun) {
    // The requests the plan would send, as every --dry-run prints them.
    const requests = await Promise.all(
      changing.map(async (s) => ({
        method: s.action === 'create' ? 'POST' : s.action === 'update' ? 'PUT' : 'DELETE',
        url: await dryRunUrl(ctx, s.action === 'create' ? undefined : s.service_id),
        ...(s.definition && { body: s.definition }),
      })),
    );
    ctx.results.planDryRun(publicPlan, requests);
    return;
  }
  if (changing.length === 0 || !api) {
    ctx.results.applied(publicPlan, []);
    ctx.msg.info('nothing to change');
    return;
  }
  if (!opts.yes) {
    if (!ctx.canPrompt) throw new UsageError(`apply would change services: add --yes to confirm (${ctx.noPromptReason}); nothing was sent`);
    ctx.results.planBeforeAsking(lines);
    const go = await (await ctx.prompter()).confirm({ message: `Apply ${changing.length} change${changing.length === 1 ? '' : 's'}?`, default: false });
    if (!go) throw new Cancelled('cancelled: nothing was changed');
  }

  const failure = (step: PlanStep, e: CliError): Outcome => ({
    action: step.action,
    name: step.name,
    ...(step.service_id && { service_id: step.service_id }),
    ok: false,
    error: errorJson(e),
  });
  const run = await runBatch(
    changing,
    {
      concurrency,
      signal: ctx.signal,
      name: (s) => s.name,
      onSettled: (o, i) => {
        const step = changing[i] as PlanStep;
        if (o.state === 'done') return ctx.results.appliedItem(o.value, `${pastTense(step.action)} ${step.name}${o.value.service_id ? ` (${o.value.service_id})` : ''}`);
        ctx.results.failedItem(failure(step, o.error));
        if (o.state === 'failed') ctx.msg.itemFailed(`could not ${step.action} ${step.name}: ${o.error.message}`);
      },
    },
    async (step: PlanStep): Promise<Outcome> => {
      let id = step.service_id;
      if (step.action === 'create') id = (await api.create(step.definition!)).service_id;
      else if (step.action === 'update') await api.update(step.service_id!, step.definition!, step.name);
      else await api.remove(step.service_id!, step.name);
      return { action: step.action, name: step.name, service_id: id, ok: true };
    },
  );
  // After Ctrl-C too: the outcome of what finished (and what may have been applied).
  const outcome = run.outcomes.flatMap((o, i) => (!o ? [] : [o.state === 'done' ? o.value : failure(changing[i] as PlanStep, o.error)]));
  ctx.results.applied(publicPlan, outcome);
  const error = batchError(changing, run, { noun: 'change', past: 'done', label: (s) => `${s.action} ${s.name}`, name: (s) => s.name });
  if (error) throw error;
}

const pastTense = (a: PlanStep['action']) => ({ create: 'created', update: 'updated', delete: 'deleted', unchanged: 'kept' })[a];
