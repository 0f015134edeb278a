import { constants } from 'node:fs';
import { access, chmod, lstat, open, rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { applyEdits, format, modify, parseTree, findNodeAtLocation, getNodeValue, type EditResult, type FormattingOptions, type Node, type ParseError } from 'jsonc-parser';
import { UsageError } from '../errors';
import { readRegularFile } from './regular-file';
import { jsoncErrorAt } from './jsonc-error';
import { unreadable } from './unreadable';
import type { BindingEntry } from '../service/binding';
import { MAX_INPUT_BYTES, refuseDeepNesting } from './definitions-file';

/**
 * Adds a `vpc_services` entry to a wrangler.jsonc / wrangler.json file through jsonc-parser's edit
 * operations, so comments, trailing commas and formatting are kept. A binding name that the file
 * already gives to something else is refused (cli.md section 10), never replaced. The file is
 * written to a temporary file beside it and renamed over it, so a crash never leaves half a config.
 */
export type WranglerEdit = { kind: 'added' | 'updated' | 'unchanged'; path: string } | { kind: 'toml'; path: string };

/**
 * The file calls a real disk seldom fails in the ways that matter (a read-only file when running
 * as root, a link swapped in after the check, a short read, a failed rename), and the size limit:
 * tests replace them to reach those paths.
 */
export interface ConfigFileIo {
  lstat: typeof lstat;
  open: typeof open;
  access: typeof access;
  rename: typeof rename;
  limit: number;
}
export const CONFIG_FILE_IO: ConfigFileIo = { lstat, open, access, rename, limit: MAX_INPUT_BYTES };

export async function addBindingToWranglerConfig(path: string, entry: BindingEntry, io = CONFIG_FILE_IO): Promise<WranglerEdit> {
  if (/\.toml$/i.test(path)) return { kind: 'toml', path };
  const { text, mode } = await readJsonc(path, io);
  const updated = editText(text, entry, path);
  if (updated.text === text) return { kind: 'unchanged', path };
  await replaceFile(path, updated.text, mode, io);
  return { kind: updated.kind, path };
}

/**
 * The file, read only when it is a regular file (not a link: links are never followed, so a
 * link cannot make us rewrite some other file), at most 10 MiB (checked on the open descriptor,
 * before reading), and writable along with its folder (we write a temporary file there and
 * rename it), so an unwritable config is found out before the service is created.
 */
async function readJsonc(path: string, io: ConfigFileIo): Promise<{ text: string; mode: number }> {
  if (!/\.jsonc?$/i.test(path)) throw new UsageError(`--wrangler-config: must be a wrangler.jsonc, wrangler.json or wrangler.toml file (got ${JSON.stringify(path)})`);
  const label = `--wrangler-config ${path}`;
  const code = (e: unknown) => (e as NodeJS.ErrnoException).code ?? (e as Error).message;
  try {
    const l = await io.lstat(path);
    if (l.isSymbolicLink()) throw new UsageError(`${label}: is a symbolic link; give the file itself (links are not followed)`);
    if (!l.isFile()) throw new UsageError(`${label}: is not a regular file`);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw unreadable(label, e);
  }
  let text: string;
  let mode: number;
  try {
    // noFollow: a link swapped in after the lstat is refused too.
    ({ text, mode } = await readRegularFile(path, label, io.limit, { noFollow: true, open: io.open }));
  } catch (e) {
    if (e instanceof UsageError) throw e;
    if (code(e) === 'ELOOP') throw new UsageError(`${label}: is a symbolic link; give the file itself (links are not followed)`);
    throw unreadable(label, e);
  }
  for (const [what, target] of [['the file', path], ['its folder', dirname(path)]] as const) {
    try {
      await io.access(target, constants.W_OK);
    } catch (e) {
      throw new UsageError(`${label}: cannot be written (${what} is read-only: ${code(e)}); nothing was created`);
    }
  }
  // Nesting is checked by parseConfig, on the text without its byte order mark.
  return { text, mode };
}

async function replaceFile(path: string, text: string, mode: number, io: ConfigFileIo): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temp, text, { flag: 'wx', mode });
    // The create's mode passes through the umask (0o664 would come out 0o644); set it exactly.
    await chmod(temp, mode);
    await io.rename(temp, path);
  } catch (e) {
    await unlink(temp).catch(() => undefined);
    throw e;
  }
}

/**
 * Reads and checks the file without changing it, so a broken, unwritable or colliding config is
 * refused before a create. With a binding name, also refuses that name when the file uses it.
 */
export async function checkWranglerConfig(path: string, binding?: string, io = CONFIG_FILE_IO): Promise<void> {
  if (/\.toml$/i.test(path)) return checkToml(path, binding);
  const { text } = await readJsonc(path, io);
  const root = parseConfig(withoutBom(text).body, path);
  // No real service has the nil UUID, so any entry with this binding name counts as another service's.
  if (binding !== undefined) refuseTakenBinding(root, { binding, service_id: '00000000-0000-0000-0000-000000000000', remote: true }, path);
}

/**
 * A wrangler.toml is not edited (its snippet is printed), but it is read as doctor reads it, so a
 * typo in its path, a file that does not parse or a binding name it uses stops the create too.
 */
async function checkToml(path: string, binding: string | undefined): Promise<void> {
  const { readWranglerBindings } = await import('./wrangler-read');
  const r = await readWranglerBindings(path, '--wrangler-config');
  if ('error' in r) throw new UsageError(`--wrangler-config ${path}: ${r.error}`);
  if (binding === undefined) return;
  // readWranglerBindings always sets the top level.
  const list = (r.taken.get('top level') as Map<string, string>).get(binding);
  if (list !== undefined) throw bindingTaken(binding, path, { list });
  const entry = (Array.isArray(r.top) ? r.top : []).find((e: unknown) => (e as { binding?: unknown } | null)?.binding === binding) as { service_id?: unknown } | undefined;
  if (entry) throw bindingTaken(binding, path, { service: entry.service_id });
}

/** The refusal of a --binding the config already uses: in another binding list, or for another service. */
function bindingTaken(binding: string, label: string, by: { list: string } | { service: unknown }): UsageError {
  const where = 'list' in by ? `is already a binding in ${label} (${by.list})` : `is already bound to service ${String(by.service)} in ${label}`;
  return new UsageError(`--binding: ${binding} ${where}; choose another name with --binding (the file was not changed)`);
}

function parseConfig(text: string, label: string): Node {
  refuseDeepNesting(text, `--wrangler-config ${label}`, true);
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (!root || errors.length > 0 || root.type !== 'object') {
    const first = errors[0];
    const why = first ? jsoncErrorAt(text, first) : 'the top level is not an object';
    throw new UsageError(`--wrangler-config ${label}: not valid JSONC (${why}); it was not changed`);
  }
  const list = findNodeAtLocation(root, ['vpc_services']);
  if (list && list.type !== 'array') throw new UsageError(`--wrangler-config ${label}: "vpc_services" is not an array; it was not changed`);
  return root;
}

/** Wrangler skips a UTF-8 byte order mark; jsonc-parser does not, so it is set aside and put back on writing. */
function withoutBom(text: string): { bom: string; body: string } {
  return text.charCodeAt(0) === 0xfeff ? { bom: text.slice(0, 1), body: text.slice(1) } : { bom: '', body: text };
}

/** The edit itself, on text; exported for unit tests. */
export function editText(full: string, entry: BindingEntry, label = 'wrangler config'): { text: string; kind: 'added' | 'updated' } {
  const { bom, body } = withoutBom(full);
  const r = editBody(body, entry, label);
  return { text: bom + r.text, kind: r.kind };
}

function editBody(text: string, entry: BindingEntry, label: string): { text: string; kind: 'added' | 'updated' } {
  const root = parseConfig(text, label);
  const fo = detectFormatting(text);
  const list = findNodeAtLocation(root, ['vpc_services']);
  refuseTakenBinding(root, entry, label);
  const value = { binding: entry.binding, service_id: entry.service_id, remote: true };
  if (!list) return { text: editAndFormat(text, modify(text, ['vpc_services'], [value], {}), fo), kind: 'added' };
  const items = (list.children ?? []).map((n) => getNodeValue(n) as Record<string, unknown>);
  const index = items.findIndex((i) => i && (i.binding === entry.binding || i.service_id === entry.service_id));
  if (index === -1) {
    return { text: editAndFormat(text, modify(text, ['vpc_services', items.length], value, { isArrayInsertion: true }), fo), kind: 'added' };
  }
  // Field by field: what is right already is not touched (the same binding twice leaves the file
  // as it is), and fields vpcsvc does not write stay.
  let out = text;
  for (const [key, want] of Object.entries(value)) {
    if (items[index]![key] !== want) out = editAndFormat(out, modify(out, ['vpc_services', index, key], want, {}), fo);
  }
  return { text: out, kind: 'updated' };
}

/**
 * Every top-level binding list (vpc_services, kv_namespaces, d1_databases, ...) shares the
 * Worker's `env`, so a name used anywhere there belongs to something else, unless it is this
 * very service's vpc_services entry.
 */
function refuseTakenBinding(root: Node, entry: BindingEntry, label: string): void {
  for (const prop of root.children ?? []) {
    const [keyNode, valueNode] = prop.children ?? [];
    if (!keyNode || valueNode?.type !== 'array') continue;
    const section = String(keyNode.value);
    for (const item of valueNode.children ?? []) {
      const v = getNodeValue(item) as Record<string, unknown> | null;
      if (!v || typeof v !== 'object' || v.binding !== entry.binding) continue;
      if (section !== 'vpc_services') throw bindingTaken(entry.binding, label, { list: section });
      if (v.service_id !== entry.service_id) throw bindingTaken(entry.binding, label, { service: v.service_id });
    }
  }
}

/**
 * Applies a minimal edit, then formats only the text it inserted. (Passing formatting options to
 * modify() would reformat the neighbouring property too, losing the file's own layout.)
 */
function editAndFormat(text: string, edits: EditResult, fo: FormattingOptions): string {
  const edited = applyEdits(text, edits);
  const [first] = edits;
  if (!first) return edited;
  return applyEdits(edited, format(edited, { offset: first.offset, length: first.content.length }, fo));
}

function detectFormatting(text: string): FormattingOptions {
  const indent = /\n([ \t]+)\S/.exec(text)?.[1] ?? '  ';
  return { insertSpaces: !indent.includes('\t'), tabSize: indent.includes('\t') ? 1 : indent.length, eol: text.includes('\r\n') ? '\r\n' : '\n' };
}
