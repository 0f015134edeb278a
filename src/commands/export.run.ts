import type { Context } from '../context';
import { NotFoundError, UsageError } from '../errors';
import { definitionOf } from '../service/canonical';
import { validateDefinition } from '../service/schema';
import { resolveRefs, checkReferences } from '../api/refs';
import { TF_PROVIDER_SOURCE, TF_RESOURCE, terraformOf, variableNameProblem } from '../service/terraform';
import type { Api, Service } from '../api/client';

export const EXPORT_FORMATS = ['json', 'ndjson', 'terraform'] as const;
type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportOptions {
  type?: string;
  format?: string;
  json?: boolean;
  ndjson?: boolean;
  quiet?: boolean;
  accountVar?: string;
  strict?: boolean;
}

/** The output flags and the format each one means; -q (ids only) is none of --format's. */
const OUTPUT_FLAGS = [
  ['json', '--json', 'json'],
  ['ndjson', '--ndjson', 'ndjson'],
  ['quiet', '-q/--quiet', undefined],
] as const;

/** The definition `apply` would need to recreate a service: the canonical body when it validates. */
export function exportable(s: Service): Record<string, unknown> {
  const r = validateDefinition(definitionOf(s), 'json');
  // A service the API accepted without a field only this client requires is exported as it is.
  const def = r.ok ? r.value : r.relaxed;
  return def ? (def as unknown as Record<string, unknown>) : definitionOf(s);
}

/**
 * Every flag is checked before any request: a bad combination sends nothing. Two output flags are
 * refused centrally (output/format.ts); here, an output flag against a --format that means
 * something else. The format returned is --format's (undefined: the output flags decide).
 */
function parseOptions(opts: ExportOptions): { type?: 'tcp' | 'http'; format?: ExportFormat } {
  const problems: string[] = [];
  const type = opts.type?.trim();
  if (type !== undefined && type !== 'tcp' && type !== 'http') problems.push(`--type: must be tcp or http (got ${JSON.stringify(opts.type)})`);
  const given = opts.format?.trim();
  const flags = OUTPUT_FLAGS.filter(([key]) => opts[key]);
  let format: ExportFormat | undefined;
  if (given !== undefined) {
    const conflicts = flags.filter(([, , means]) => means !== given);
    if (!(EXPORT_FORMATS as readonly string[]).includes(given)) problems.push(`--format: must be json, ndjson or terraform (got ${JSON.stringify(opts.format)})`);
    else if (conflicts.length > 0) problems.push(...conflicts.map(([, flag]) => `${flag} and --format ${given} cannot be combined: choose one format`));
    else format = given as ExportFormat;
  }
  // Also when an output flag contradicts --format terraform: the terraform flags have no terraform.
  if (format !== 'terraform' && (given === undefined || (EXPORT_FORMATS as readonly string[]).includes(given))) {
    if (opts.accountVar !== undefined) problems.push('--account-var: only with --format terraform');
    if (opts.strict) problems.push('--strict: only with --format terraform');
  }
  if (opts.accountVar !== undefined) {
    const problem = variableNameProblem(opts.accountVar);
    if (problem) problems.push(`--account-var: ${problem}`);
  }
  if (problems.length > 0) throw new UsageError(problems[0] as string, problems);
  return { type: type as 'tcp' | 'http' | undefined, format };
}

export async function runExport(ctx: Context, refs: string[], opts: ExportOptions): Promise<void> {
  checkReferences(refs);
  const { type, format } = parseOptions(opts);
  const api = await ctx.api();
  const pages = refs.length > 0 ? referenced(ctx, api, refs, type) : api.servicePages({ type });

  if (format === 'terraform') {
    const services: Service[] = [];
    for await (const page of pages) services.push(...page);
    // Fewer than all: the labels need every name of the account (README: a label stays the same
    // whether one service or all are exported).
    const everyService = refs.length > 0 || type !== undefined ? await idsAndNames(api) : undefined;
    await printTerraform(ctx, api, services, opts, everyService);
    return;
  }
  const sink = ctx.results.exported(format, exportable);
  for await (const page of pages) await sink.page(page);
  await sink.end();
}

/**
 * The services named by references, once each, in the order given. A reference that matches
 * nothing is exit 1 before anything is printed; one of another type than --type is left out
 * with a warning, since the user named it.
 */
async function* referenced(ctx: Context, api: Api, refs: string[], type: string | undefined): AsyncGenerator<Service[]> {
  // Trimmed like names (cli.md section 10), as resolveRefs keys them.
  const unique = [...new Set(refs.map((r) => r.trim()))];
  const found = await resolveRefs(api, unique);
  const missing = unique.filter((r) => !found.get(r));
  if (missing.length > 0) throw new NotFoundError(`${missing.length === 1 ? 'no such service' : 'no such services'}: ${missing.map((m) => JSON.stringify(m)).join(', ')}; nothing was exported`);
  const seen = new Set<string>();
  const out: Service[] = [];
  for (const r of unique) {
    const s = found.get(r) as Service;
    if (seen.has(s.service_id)) continue;
    seen.add(s.service_id);
    if (type !== undefined && s.type !== type) {
      ctx.msg.warn(`${r}: left out, its type is ${s.type} (--type ${type})`);
      continue;
    }
    out.push(s);
  }
  yield out;
}

async function idsAndNames(api: Api): Promise<{ service_id: string; name: string }[]> {
  const all: { service_id: string; name: string }[] = [];
  for await (const page of api.servicePages()) all.push(...page.map((s) => ({ service_id: s.service_id, name: s.name })));
  return all;
}

async function printTerraform(ctx: Context, api: Api, services: Service[], opts: ExportOptions, everyService?: { service_id: string; name: string }[]): Promise<void> {
  const tf = terraformOf(services, { accountId: api.accountId, accountVar: opts.accountVar, everyService });
  const lossy = tf.services.filter((s) => s.unexpressible.length > 0);
  for (const s of lossy) {
    const fields = s.unexpressible.map((u) => u.path).join(', ');
    ctx.msg.warn(`${s.name} (${s.service_id}): ${fields} cannot be expressed with ${TF_PROVIDER_SOURCE}; ${opts.strict ? 'not exported' : `left as a comment on ${TF_RESOURCE}.${s.label}`}`);
  }
  if (opts.strict && lossy.length > 0) {
    throw new UsageError(`--strict: ${lossy.length} of ${tf.services.length} services have fields Terraform cannot express; nothing was printed`);
  }
  if (!ctx.out.raw(tf.text)) await ctx.out.drain();
}
