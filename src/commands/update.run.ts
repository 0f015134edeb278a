import type { Context } from '../context';
import { UsageError } from '../errors';
import { definitionOf } from '../service/canonical';
import { diffDefinitions } from '../service/diff';
import { flagsOnTheirOwn, flagValues, hasPortShortcut, SERVICE_FLAG_KEYS } from '../service/flag-values';
import type { ServiceFlagValues } from '../service/fields';
import { mergeOverCurrent } from '../service/merge';
import { fetchRef, checkReferences } from '../api/refs';
import type { Service } from '../api/client';
import { readDefinitions } from '../io/definitions-file';
import { validateDefinition, type ServiceDefinition } from '../service/schema';
import { checkItems } from '../service/validate-items';
import { dryRunUrl } from './dry-run';
import { invalidInput } from './invalid-input';
import { withoutRepeats } from '../service/problems';

export interface UpdateOptions extends ServiceFlagValues {
  file?: string;
  dryRun?: boolean;
  /** Flags given twice with different values (service-flags.ts), one line each. */
  repeated?: string[];
}

export async function runUpdate(ctx: Context, ref: string, opts: UpdateOptions): Promise<void> {
  checkReferences([ref]);
  const anyFlag = SERVICE_FLAG_KEYS.some((k) => opts[k] !== undefined);
  if (!anyFlag && opts.file === undefined) {
    throw new UsageError('nothing to change: give at least one field flag (see `vpcsvc update --help`) or --file');
  }
  // Every value, and every rule the flags break among themselves, first: a bad value sends nothing,
  // not even the GET (cli.md section 10). Whether the flags fit the service needs the service, so
  // that comes after the GET.
  const given = flagsOnTheirOwn(opts, { type: hasPortShortcut(opts) ? 'tcp' : undefined });
  const repeated = opts.repeated ?? [];
  if (given.problems.length || repeated.length) throw invalidInput(given.problems, { kind: 'flags' }, [], repeated);

  // --file replaces the whole definition and flags override it: all of it is known before the GET.
  let fromFile: ServiceDefinition | undefined;
  // Problems of the file that are this client's own rules only: fine if the file changes nothing.
  let clientOnly: string[] | undefined;
  if (opts.file !== undefined) {
    const input = await readDefinitions(ctx.runtime, opts.file);
    if (input.items.length !== 1) throw new UsageError(`--file: update takes exactly one definition (got ${input.items.length})`);
    const { defs, relaxed } = checkItems({ items: input.items, batch: false }, '--file', anyFlag ? { values: opts } : undefined, { allowClientOnly: true });
    fromFile = defs[0];
    clientOnly = relaxed.get(fromFile as ServiceDefinition);
  }

  const api = await ctx.api(opts.dryRun ? 'update --dry-run reads the service to show the difference' : undefined);
  const current = await fetchRef(api, ref);
  const before = definitionOf(current);
  let def: ServiceDefinition;
  if (fromFile) {
    if (clientOnly) {
      if (diffDefinitions(before, definitionOf(fromFile as unknown as Record<string, unknown>)).length === 0) return leftAlone(ctx, current, opts);
      throw new UsageError(clientOnly[0] as string, clientOnly, ['nothing was sent']);
    }
    def = fromFile;
  } else {
    // The resulting type decides the host:port shortcut: --type, else the service's own.
    const { partial, problems } = flagValues(opts, undefined, { type: current.type });
    // A value can fail only now, for the service's type (host:port on an http service). It is
    // said with every other problem of the result: the flags' text, as given, laid over the service.
    const checked = validateDefinition(mergeOverCurrent(before, partial), problems.length ? 'text' : 'json');
    if (problems.length) throw invalidInput(withoutRepeats([...problems, ...(checked.ok ? [] : checked.problems)]), { kind: 'flags' });
    if (!checked.ok) {
      // A service the API accepted without a field only this client requires is left alone when
      // the flags change nothing (cli.md section 10).
      if (checked.relaxed && diffDefinitions(before, definitionOf(checked.relaxed as unknown as Record<string, unknown>)).length === 0) return leftAlone(ctx, current, opts);
      throw invalidInput(checked.problems, { kind: 'flags' });
    }
    def = checked.value;
  }
  const after = definitionOf(def as unknown as Record<string, unknown>);

  const changes = diffDefinitions(before, after);
  if (changes.length === 0) {
    ctx.msg.info(`no changes: ${current.name} (${current.service_id}) already matches; nothing was sent`);
    if (opts.dryRun) return;
    await ctx.results.service(current);
    return;
  }
  if (opts.dryRun) {
    ctx.results.updateDryRun({ method: 'PUT', url: await dryRunUrl(ctx, current.service_id), body: def }, changes);
    return;
  }
  const updated = await api.update(current.service_id, def, current.name);
  await ctx.results.updated(updated, changes);
}

/** A service that breaks only this client's rules (no tcp_port), unchanged by the update: left alone. */
async function leftAlone(ctx: Context, current: Service, opts: UpdateOptions): Promise<void> {
  ctx.msg.warn(`${current.name} (${current.service_id}) is a tcp service without tcp_port, which vpcsvc requires for any change; left as it is`);
  ctx.msg.info(`no changes: ${current.name} (${current.service_id}) already matches; nothing was sent`);
  if (!opts.dryRun) await ctx.results.service(current);
}
