import { UsageError } from '../errors';
import { flagsToPartial, flagValues, type ServiceFlagValues } from './flag-values';
import { mergeOverCurrent } from './merge';
import { fromFlag, leafPaths, renderProblem, type LabelStyle } from './problems';
import { validateDefinition, type ServiceDefinition } from './schema';

/** What a definitions file holds, as read. */
export interface DefinitionsInput {
  items: Record<string, unknown>[];
  /** An array or NDJSON: problems are reported with the item index. */
  batch: boolean;
}

/** Service flags given with `--file`, and the positional name of `create`. */
export interface FlagsOverFile {
  values: ServiceFlagValues;
  name?: string;
}

export interface CheckedItems {
  defs: ServiceDefinition[];
  /**
   * Definitions that break only this client's own rules (a tcp service without a port), with the
   * lines that say so: `apply` leaves them alone when the live service is the same.
   */
  relaxed: Map<ServiceDefinition, string[]>;
}

/**
 * Validates every item of a definitions file before anything is sent, and reports every problem
 * of every item (`[2].host.ipv4: ...`). Flags, when given, override each item's fields and must
 * fit each item: a problem with a flag names the flag (and the item, in a batch).
 */
export function validateItems(input: DefinitionsInput, label: string, flags?: FlagsOverFile): ServiceDefinition[] {
  return checkItems(input, label, flags).defs;
}

export function checkItems(input: DefinitionsInput, label: string, flags?: FlagsOverFile, o: { allowClientOnly?: boolean } = {}): CheckedItems {
  const lines: string[] = [];
  const defs: ServiceDefinition[] = [];
  const index: number[] = [];
  const relaxed = new Map<ServiceDefinition, string[]>();
  input.items.forEach((item, i) => {
    const style: LabelStyle = { kind: 'json', item: input.batch ? i : undefined };
    const line = (p: Parameters<typeof renderProblem>[0]) => (fromFlag(p.path, style) ? '' : `${label}: `) + renderProblem(p, style);
    let merged: Record<string, unknown> = item;
    if (flags) {
      // The item's own type decides the host:port shortcut when --type is not given.
      const raw = flagsToPartial(flags.values, flags.name, { type: item.type }).partial;
      if (Object.keys(raw).length > 0) {
        style.flagPaths = leafPaths(raw);
        const given = flagValues(flags.values, flags.name, { type: item.type });
        if (given.problems.length) {
          lines.push(...given.problems.map(line));
          return;
        }
        merged = mergeOverCurrent(item, given.partial, { base: 'file' });
      }
    }
    const r = validateDefinition(merged, 'json');
    if (r.ok) {
      defs.push(r.value);
      index.push(i);
    } else if (o.allowClientOnly && r.relaxed) {
      defs.push(r.relaxed);
      index.push(i);
      relaxed.set(r.relaxed, r.problems.map(line));
    } else lines.push(...r.problems.map(line));
  });
  const seen = new Map<string, number>();
  defs.forEach((d, n) => {
    const i = index[n] as number;
    const first = seen.get(d.name);
    if (first !== undefined) lines.push(`${label}: [${i}].name: ${JSON.stringify(d.name)} is already the name of item [${first}]; names must be unique`);
    else seen.set(d.name, i);
  });
  if (lines.length) throw new UsageError(lines[0] as string, lines, ['nothing was sent']);
  return { defs, relaxed };
}
