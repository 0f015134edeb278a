import type { Context } from '../context';
import { UsageError } from '../errors';
import { definitionOf, sameValue } from '../service/canonical';
import { diffDefinitions, formatChange } from '../service/diff';
import { flagsToPartial, SERVICE_FLAG_KEYS } from '../service/flags';
import { mergeOverCurrent } from '../service/merge';
import { fetchRef } from '../service/refs';
import { readDefinitionsFile } from '../service/json';
import { validateDefinition } from '../service/schema';
import { printService } from './print';
import { dryRunUrl, invalidInput, printDryRun } from './shared';
import type { UpdateOptions } from './update';

export async function runUpdate(ctx: Context, ref: string, opts: UpdateOptions): Promise<void> {
  const anyFlag = SERVICE_FLAG_KEYS.some((k) => opts[k] !== undefined);
  if (!anyFlag && opts.file === undefined) {
    throw new UsageError('nothing to change: give at least one field flag (see `vpcsvc update --help`) or --file');
  }
  const { partial, problems } = flagsToPartial(opts);
  if (problems.length) throw invalidInput(problems, { kind: 'flags' });

  let fileDefinition: Record<string, unknown> | undefined;
  if (opts.file !== undefined) {
    const items = await readDefinitionsFile(ctx, opts.file);
    if (items.length !== 1) throw new UsageError(`--file: update takes exactly one definition (got ${items.length})`);
    fileDefinition = items[0];
  }

  const api = await ctx.api(opts.dryRun ? 'update --dry-run reads the service to show the difference' : undefined);
  const current = await fetchRef(api, ref);
  const before = definitionOf(current);
  // --file replaces the whole definition; flags then merge over it like over the current one.
  const base = fileDefinition ? definitionOf(fileDefinition) : before;
  const merged = anyFlag ? mergeOverCurrent(base, partial) : base;
  const checked = validateDefinition(merged, fileDefinition && !anyFlag ? 'json' : 'text');
  if (!checked.ok) throw invalidInput(checked.problems, fileDefinition && !anyFlag ? { kind: 'json' } : { kind: 'flags' });
  const after = definitionOf(checked.value as unknown as Record<string, unknown>);

  const changes = diffDefinitions(before, after);
  if (changes.length === 0 || sameValue(before, after)) {
    ctx.msg.info(`no changes: ${current.name} (${current.service_id}) already matches; nothing was sent`);
    if (opts.dryRun) return;
    await printService(ctx, current, opts);
    return;
  }
  if (opts.dryRun) {
    ctx.msg.block(changes.map(formatChange).join('\n'));
    const request = { method: 'PUT', url: await dryRunUrl(ctx, current.service_id), body: checked.value };
    printDryRun(ctx, [opts.json ? { ...request, changes } : request]);
    return;
  }
  const updated = await api.update(current.service_id, checked.value);
  await printService(ctx, updated, opts);
  if (!opts.json && !opts.quiet) {
    ctx.msg.block(changes.map(formatChange).join('\n'));
    ctx.msg.success(`updated ${updated.name} (${updated.service_id})`);
  }
}
