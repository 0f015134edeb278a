import type { Context } from '../context';
import { alongWith, Cancelled, refuseAll, UsageError } from '../errors';
import { bindingFor, wireBinding } from './worker-binding';
import { flagsToPartial, type PartialDefinition } from '../service/flag-values';
import { runCreateFromFile, type CreateFileOptions } from './create-file.run';
import { validateDefinition, type ServiceDefinition } from '../service/schema';
import { withoutRepeats, type Problem } from '../service/problems';
import { serviceRows } from '../output/service-fields';
import { dryRunUrl } from './dry-run';
import { invalidInput } from './invalid-input';
import { otherFlagProblems } from './create-flags';
import type { Api, Service } from '../api/client';
import { readTunnelState } from '../api/tunnels';
import { tunnelChecks, tunnelIdOf } from '../service/doctor-checks';

/** `vpcsvc create`: the service flags, and how the definition is read, wired and checked. */
export interface CreateOptions extends CreateFileOptions {
  interactive?: boolean;
  check?: boolean;
}

const isMissing = (p: Problem) => p.message.startsWith('required');

export async function runCreate(ctx: Context, nameArg: string | undefined, opts: CreateOptions): Promise<void> {
  if (opts.file !== undefined) {
    return runCreateFromFile(ctx, nameArg, opts);
  }
  // The flags that are not the service's; said with the service's problems, in one run.
  const others = otherFlagProblems(opts);
  const { partial, problems } = flagsToPartial(opts, nameArg);
  const checked = validateDefinition(partial, 'text');
  if (problems.length) {
    // What reading the flags found, with the definition's other problems; not "required" for a
    // value that was given but refused (a port in a bad host:port).
    const more = checked.ok ? [] : checked.problems.filter((p) => !isMissing(p));
    throw invalidInput(withoutRepeats([...problems, ...more]), { kind: 'flags' }, ['see `vpcsvc create --help` for the flags and examples'], others);
  }
  const onlyMissing = !checked.ok && checked.problems.every(isMissing);

  if (opts.interactive && !ctx.canPrompt) {
    throw alongWith(new UsageError('--interactive needs a terminal (stdin and stderr a TTY, CI unset, no --no-input)'), others);
  }
  const asking = opts.interactive === true || (onlyMissing && ctx.canPrompt);
  if (!asking && !checked.ok) throw invalidInput(checked.problems, { kind: 'flags' }, ['see `vpcsvc create --help` for the flags and examples'], others);
  // The other flags, and the config (read only, in a dry run too: it refuses what the real run
  // would), are checked before the wizard, so that it never runs only to fail on them.
  refuseAll(others);
  const wrangler = opts.wranglerConfig !== undefined ? await import('../io/wrangler-config') : undefined;
  if (wrangler) await wrangler.checkWranglerConfig(opts.wranglerConfig as string, opts.binding?.trim() || undefined);

  let def: ServiceDefinition;
  let api: Api | undefined;
  if (asking) {
    ({ def, api } = await interactive(ctx, partial, opts));
  } else {
    def = (checked as { value: ServiceDefinition }).value;
  }

  const binding = await bindingFor(ctx, opts, def.name, wrangler !== undefined);
  if (opts.dryRun) {
    ctx.results.dryRun([{ method: 'POST', url: await dryRunUrl(ctx), body: def }]);
    return;
  }
  api ??= await ctx.api();
  if (ctx.msg.isTTY && opts.check !== false) await tunnelPreflight(ctx, api, def);
  const service = await api.create(def);
  await ctx.results.created(service);
  // Only a pasted snippet can lack a name; it shows a placeholder the user replaces.
  await wireBinding(ctx, service, binding ?? 'VPC_SERVICE', opts.wranglerConfig);
}

/**
 * Doctor's tunnel checks (one source of truth): a warning for each that is not ok, never a block;
 * silent when the token cannot read tunnels or the read fails.
 */
async function tunnelPreflight(ctx: Context, api: Api, def: ServiceDefinition) {
  const id = tunnelIdOf(def);
  if (!id) return;
  const state = await readTunnelState(api, id);
  if (state.kind === 'denied' || state.kind === 'error') return;
  for (const c of tunnelChecks(state)) if (c.status === 'warn' || c.status === 'fail') ctx.msg.warn(state.kind === 'not_found' ? `${c.message}; check --tunnel` : c.message);
}

async function interactive(ctx: Context, partial: PartialDefinition, opts: CreateOptions): Promise<{ def: ServiceDefinition; api?: Api }> {
  // The account (and its picker) comes first, so the tunnels can be listed. A dry run works
  // without credentials: the tunnel is then typed.
  const api = opts.dryRun ? await ctx.api().catch(() => undefined) : await ctx.api();
  const [{ runWizard, equivalentCommand }, prompter] = await Promise.all([import('../prompts/wizard'), ctx.prompter()]);
  const answers = await runWizard(prompter, partial, { askAll: opts.interactive === true, tunnels: api ? () => api.tunnels() : undefined });
  const checked = validateDefinition(answers, 'text');
  if (!checked.ok) throw invalidInput(checked.problems, { kind: 'flags' });
  const def = checked.value;

  const rows = serviceRows({ ...(def as unknown as Service), service_id: '' });
  const width = Math.max(...rows.map(([k]) => k.length));
  ctx.msg.block(`\nSummary:\n${rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`).join('\n')}`);
  ctx.msg.block(`\nThe same without questions:\n  ${equivalentCommand(def as unknown as Record<string, unknown>)}\n`);
  const go = await prompter.confirm({ message: opts.dryRun ? 'Show the request?' : 'Create this service?', default: true });
  if (!go) throw new Cancelled('cancelled: nothing was created');
  return { def, api };
}

