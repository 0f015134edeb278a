import { createHash } from 'node:crypto';
import { definitionOf } from './canonical';

/**
 * Services as Terraform configuration for the Cloudflare provider's
 * `cloudflare_connectivity_directory_service` resource, with an `import` block per service so
 * that `terraform plan` adopts what exists instead of creating it again. Pure: text in, text out.
 *
 * Every field of a service is written when the provider has an attribute for it; anything else is
 * reported (a comment on the resource and a warning), never dropped silently.
 */

export const TF_RESOURCE = 'cloudflare_connectivity_directory_service';
export const TF_PROVIDER_SOURCE = 'cloudflare/cloudflare';

/** Import blocks exist from Terraform 1.5 (and in every OpenTofu release that reads this file). */
export const TF_REQUIRED_VERSION = '>= 1.5.0';

/** The first provider release with the resource; attributes added later carry their own `since`. */
const RESOURCE_SINCE = '5.13.0';

export interface TfAttribute {
  type: 'string' | 'number' | 'list(string)' | 'object';
  required?: boolean;
  computed?: boolean;
  since?: string;
  attributes?: Record<string, TfAttribute>;
}

/**
 * The resource's attribute tree in provider v5.22.0 (schema.go), in the provider's order. Tests
 * compare it with the tree recorded from the provider, so it cannot drift unnoticed.
 */
export const TF_ATTRIBUTES: Record<string, TfAttribute> = {
  id: { type: 'string', computed: true },
  service_id: { type: 'string', computed: true },
  account_id: { type: 'string', required: true },
  name: { type: 'string', required: true },
  type: { type: 'string', required: true },
  host: {
    type: 'object',
    required: true,
    attributes: {
      ipv4: { type: 'string' },
      ipv6: { type: 'string' },
      hostname: { type: 'string' },
      network: { type: 'object', attributes: { tunnel_id: { type: 'string', required: true } } },
      resolver_network: {
        type: 'object',
        attributes: { tunnel_id: { type: 'string', required: true }, resolver_ips: { type: 'list(string)' } },
      },
    },
  },
  app_protocol: { type: 'string', since: '5.19.0' },
  http_port: { type: 'number' },
  https_port: { type: 'number' },
  tcp_port: { type: 'number', since: '5.19.0' },
  tls_settings: { type: 'object', since: '5.19.0', attributes: { cert_verification_mode: { type: 'string', required: true } } },
  created_at: { type: 'string', computed: true },
  updated_at: { type: 'string', computed: true },
};

/** Terraform's own words for the variable names it refuses (Input Variables, "Declaring"). */
const RESERVED_VARIABLE_NAMES = ['source', 'version', 'providers', 'count', 'for_each', 'lifecycle', 'depends_on', 'locals'];

export const isHclIdentifier = (s: string): boolean => /^[A-Za-z_][A-Za-z0-9_-]*$/.test(s);

/** Why a name cannot be a Terraform variable, or undefined when it can. */
export function variableNameProblem(name: string): string | undefined {
  if (!isHclIdentifier(name)) return `must be an HCL identifier: a letter or "_", then letters, digits, "_" or "-" (got ${JSON.stringify(name)})`;
  if (RESERVED_VARIABLE_NAMES.includes(name)) return `${JSON.stringify(name)} is reserved by Terraform; choose another name`;
  return undefined;
}

/**
 * C0 and C1 controls, DEL and the Unicode line separators would be invisible or break lines;
 * bidi marks and overrides, zero-width characters and the BOM make the file read differently
 * from what it holds (the set src/output/escape.ts escapes on a terminal).
 */
const isHidden = (c: number): boolean =>
  c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x061c || (c >= 0x200b && c <= 0x200f) || (c >= 0x2028 && c <= 0x202e) || (c >= 0x2060 && c <= 0x2069) || c === 0xfeff;

/** `\u007F`: the escape both HCL and JSON read. */
const unicodeEscape = (c: number): string => `\\u${c.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * A quoted HCL string whose value is exactly `s`: quotes and backslashes escaped, control
 * characters as escapes (a raw newline would end the string), and the template introducers `${`
 * and `%{` doubled so that they stay literal text.
 */
export function hclString(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (isHidden(c)) out += unicodeEscape(c);
    // A lone surrogate has no UTF-8 form; HCL refuses its escape too.
    else if (c >= 0xd800 && c <= 0xdfff) out += '\\uFFFD';
    else out += ch;
  }
  // A function as replacement: in a replacement string `$$` would itself mean one `$`.
  return `"${out.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{')}"`;
}

type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A label from a name: ASCII letters (accents dropped), digits, `_` and `-`, lower case. */
export function labelBase(name: string): string {
  const s = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '_')
    .replace(/^[_-]+|[_-]+$/g, '');
  if (s === '') return 'service';
  return /^[a-z_]/.test(s) ? s : `service_${s}`;
}

/** Hex digits of the name's hash in a label; more only when a label would otherwise be taken. */
const HASH_LENGTHS = [8, 12, 16, 64];

/**
 * One resource label per service id, from the service's name alone (names are unique in an
 * account), so that a label does not change with the order of the list, with which services are
 * exported, or when another service is created: the name itself when it is an HCL identifier
 * (case kept), else the cleaned name, `-` and the start of the SHA-256 of the name. Only if a label
 * is still taken within this output (a service named exactly like another's hashed label) does
 * the hash of the hashed ones grow, and past the whole hash a number is added (numberRepeats).
 */
export function terraformLabels(services: { service_id: string; name: string }[]): Map<string, string> {
  const parts = services.map((s) => ({
    id: s.service_id,
    bare: isHclIdentifier(s.name) ? s.name : undefined,
    base: labelBase(s.name),
    hash: createHash('sha256').update(s.name).digest('hex'),
    step: 0,
  }));
  const labelOf = (p: (typeof parts)[number]) => p.bare ?? `${p.base}-${p.hash.slice(0, HASH_LENGTHS[p.step])}`;
  for (;;) {
    const labels = new Map(parts.map((p) => [p.id, labelOf(p)]));
    const counts = countValues(labels);
    const growing = parts.filter((p) => p.bare === undefined && p.step < HASH_LENGTHS.length - 1 && (counts.get(labelOf(p)) ?? 0) > 1);
    if (growing.length === 0) return numberRepeats(labels, parts);
    for (const p of growing) p.step++;
  }
}

/**
 * The last resort, for what the hash cannot part: a name crafted to equal another's whole hashed
 * label, or one name given to two services by a server that breaks the rule that names are unique.
 * A label's first holder keeps it (a plain name before a hashed label, then the smaller id); the
 * others get `-2`, `-3`, ..., the first number not taken, so Terraform never sees a label twice.
 */
function numberRepeats(labels: Map<string, string>, parts: { id: string; bare: string | undefined }[]): Map<string, string> {
  const taken = new Set(labels.values());
  const held = new Set<string>();
  const order = [...parts].sort((a, b) => Number(a.bare === undefined) - Number(b.bare === undefined) || a.id.localeCompare(b.id, 'en'));
  for (const p of order) {
    const label = labels.get(p.id) as string;
    if (!held.has(label)) {
      held.add(label);
      continue;
    }
    let n = 2;
    while (taken.has(`${label}-${n}`)) n++;
    labels.set(p.id, `${label}-${n}`);
    // A number is never anyone's first label: no hashed label ends in a short number, and every
    // name is in `taken` already.
    taken.add(`${label}-${n}`);
  }
  return labels;
}

function countValues(m: Map<string, string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of m.values()) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

/** A field of a service that the provider has no attribute for. */
export interface Unexpressible {
  path: string;
  value: unknown;
}

export interface TerraformService {
  service_id: string;
  name: string;
  label: string;
  unexpressible: Unexpressible[];
}

export interface TerraformExport {
  text: string;
  services: TerraformService[];
}

export interface TerraformOptions {
  accountId: string;
  /**
   * Every service of the account (id and name), when fewer are exported: labels are worked out
   * over all of them, so a service's label does not depend on which others are exported.
   */
  everyService?: { service_id: string; name: string }[];
  /** Write `account_id = var.<name>` and declare the variable, instead of the id itself. */
  accountVar?: string;
}

/** One attribute line or a nested object, before alignment. */
type Line = { key: string; value: string[] };

/**
 * The configuration for these services: a `terraform` block pinning the provider release the
 * attributes need, then per service (sorted by label, so the file is stable) the resource and its
 * import block.
 */
export function terraformOf(services: Loose[], o: TerraformOptions): TerraformExport {
  const exported = services.map((s) => ({ service_id: String(s.service_id), name: String(s.name) }));
  // The exported ones too, in case one was created after the walk of the list.
  const ids = new Set(exported.map((s) => s.service_id));
  const labels = terraformLabels([...exported, ...(o.everyService ?? []).filter((s) => !ids.has(s.service_id))]);
  const rendered = services.map((s) => {
    const id = String(s.service_id);
    const label = labels.get(id) as string;
    const unexpressible: Unexpressible[] = [];
    const since = new Set<string>();
    const body: Line[] = [{ key: 'account_id', value: [o.accountVar ? `var.${o.accountVar}` : hclString(o.accountId)] }];
    body.push(...attributeLines(definitionOf(s), TF_ATTRIBUTES, '', unexpressible, since));
    return { id, name: String(s.name), label, unexpressible, since, body };
  });
  rendered.sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));

  const needed = [RESOURCE_SINCE, ...rendered.flatMap((r) => [...r.since])].sort(compareVersions).pop() as string;
  const blocks: string[] = [
    [
      'terraform {',
      `  required_version = ${hclString(TF_REQUIRED_VERSION)}`,
      '  required_providers {',
      '    cloudflare = {',
      `      source  = ${hclString(TF_PROVIDER_SOURCE)}`,
      `      version = ${hclString(`>= ${needed}`)}`,
      '    }',
      '  }',
      '}',
    ].join('\n'),
  ];
  if (o.accountVar) {
    blocks.push(
      [`variable "${o.accountVar}" {`, `  description = "Cloudflare account id that owns the Workers VPC services"`, '  type        = string', '}'].join('\n'),
    );
  }
  for (const r of rendered) {
    const lines = [`resource "${TF_RESOURCE}" "${r.label}" {`];
    if (r.unexpressible.length > 0) {
      lines.push(`  # Not expressible with ${TF_PROVIDER_SOURCE} (set through wrangler or the API; a change applied by Terraform may drop it):`);
      for (const u of r.unexpressible) lines.push(`  #   ${commentPath(u.path)} = ${commentValue(u.value)}`);
    }
    lines.push(...renderBody(r.body, '  '), '}');
    blocks.push(lines.join('\n'));
    // The import id is always literal: Terraform 1.5 takes only a literal string there.
    blocks.push(['import {', `  to = ${TF_RESOURCE}.${r.label}`, `  id = ${hclString(`${o.accountId}/${r.id}`)}`, '}'].join('\n'));
  }
  return {
    text: `${blocks.join('\n\n')}\n`,
    services: rendered.map((r) => ({ service_id: r.id, name: r.name, label: r.label, unexpressible: r.unexpressible })),
  };
}

/** The attributes of `value` the tree knows, in the tree's order; the rest go to `unexpressible`. */
function attributeLines(value: Loose, tree: Record<string, TfAttribute>, prefix: string, unexpressible: Unexpressible[], since: Set<string>): Line[] {
  const lines: Line[] = [];
  for (const [key, attr] of Object.entries(tree)) {
    const v = value[key];
    if (v === undefined || attr.computed || key === 'account_id') continue;
    if (attr.since) since.add(attr.since);
    if (attr.attributes && isObject(v)) {
      lines.push({ key, value: objectValue(attributeLines(v, attr.attributes, `${prefix}${key}.`, unexpressible, since)) });
    } else {
      lines.push({ key, value: [scalarValue(v)] });
    }
  }
  for (const [key, v] of Object.entries(value)) {
    const attr = tree[key];
    // Computed attributes (`id`, dates) are the API's to set; not writing them loses nothing.
    if (!attr) unexpressible.push({ path: `${prefix}${key}`, value: v });
  }
  return lines;
}

function objectValue(lines: Line[]): string[] {
  return ['{', ...renderBody(lines, '  '), '}'];
}

function scalarValue(v: unknown): string {
  if (typeof v === 'string') return hclString(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(scalarValue).join(', ')}]`;
  if (isObject(v)) return `{ ${Object.entries(v).map(([k, x]) => `${isHclIdentifier(k) ? k : hclString(k)} = ${scalarValue(x)}`).join(', ')} }`;
  return 'null';
}

/**
 * A field's path in a comment: as it is when plainly a path, else quoted, since a key from the API
 * may hold a line break that would end the comment and let the rest be read as configuration.
 */
function commentPath(path: string): string {
  return /^[A-Za-z0-9_.-]+$/.test(path) ? path : hclString(path);
}

/**
 * Values in comments stay on one line: strings as HCL strings, anything else as compact JSON, with
 * the characters JSON leaves as they are but that would hide or reorder text escaped.
 */
function commentValue(v: unknown): string {
  if (typeof v === 'string') return hclString(v);
  let out = '';
  // Never undefined: the values come from a parsed JSON response.
  for (const ch of JSON.stringify(v)) {
    const c = ch.codePointAt(0) as number;
    out += isHidden(c) ? unicodeEscape(c) : ch;
  }
  return out;
}

/**
 * Lines of a block, with the `=` of neighbouring one-line attributes aligned the way
 * `terraform fmt` aligns them; a multi-line value ends a group.
 */
function renderBody(lines: Line[], indent: string): string[] {
  const out: string[] = [];
  let group: Line[] = [];
  const flush = () => {
    const width = Math.max(0, ...group.map((l) => l.key.length));
    for (const l of group) out.push(`${indent}${l.key.padEnd(width)} = ${l.value[0]}`);
    group = [];
  };
  for (const l of lines) {
    if (l.value.length === 1) {
      group.push(l);
      continue;
    }
    flush();
    out.push(`${indent}${l.key} = ${l.value[0]}`, ...l.value.slice(1, -1).map((x) => `${indent}${x}`), `${indent}${l.value[l.value.length - 1]}`);
  }
  flush();
  return out;
}

/** Dotted release numbers compared as numbers (`5.9.0` < `5.13.0`); a missing part counts as 0. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
