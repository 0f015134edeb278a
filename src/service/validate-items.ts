import { UsageError } from '../errors';
import type { PartialDefinition } from './flags';
import { mergeOverCurrent } from './merge';
import { renderProblem } from './problems';
import { validateDefinition, type ServiceDefinition } from './schema';
import type { DefinitionsInput } from './json';

/**
 * Validates every item of a definitions file before anything is sent, and reports every problem
 * of every item (`[2].host.ipv4: ...`). Flags, when given, override each item's fields.
 */
export function validateItems(input: DefinitionsInput, label: string, flags?: PartialDefinition): ServiceDefinition[] {
  const withFlags = flags !== undefined && Object.keys(flags).length > 0;
  const lines: string[] = [];
  const defs: ServiceDefinition[] = [];
  input.items.forEach((item, i) => {
    const merged = withFlags ? mergeOverCurrent(item, flags) : item;
    const r = validateDefinition(merged, withFlags ? 'text' : 'json');
    if (r.ok) defs.push(r.value);
    else for (const p of r.problems) lines.push(renderProblem(p, { kind: 'json', item: input.batch ? i : undefined }));
  });
  const seen = new Map<string, number>();
  defs.forEach((d, i) => {
    const first = seen.get(d.name);
    if (first !== undefined) lines.push(`[${i}].name: ${JSON.stringify(d.name)} is already the name of item [${first}]; names must be unique`);
    else seen.set(d.name, i);
  });
  if (lines.length) throw new UsageError(lines[0] as string, lines.map((l) => `${label}: ${l}`), ['nothing was sent']);
  return defs;
}
