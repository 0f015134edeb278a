import { readFile, writeFile } from 'node:fs/promises';
import { applyEdits, format, modify, parseTree, findNodeAtLocation, getNodeValue, printParseErrorCode, type EditResult, type FormattingOptions, type ParseError } from 'jsonc-parser';
import { UsageError } from '../errors';
import type { BindingEntry } from './binding';

/**
 * Adds or updates a `vpc_services` entry in a wrangler.jsonc / wrangler.json file through
 * jsonc-parser's edit operations, so comments, trailing commas and formatting are kept. An entry
 * with the same binding name or the same service id is replaced; otherwise one is appended.
 */
export type WranglerEdit = { kind: 'added' | 'updated' | 'unchanged'; path: string } | { kind: 'toml'; path: string };

export async function addBindingToWranglerConfig(path: string, entry: BindingEntry): Promise<WranglerEdit> {
  if (/\.toml$/i.test(path)) return { kind: 'toml', path };
  const text = await readJsonc(path);
  const updated = editText(text, entry, path);
  if (updated.text === text) return { kind: 'unchanged', path };
  await writeFile(path, updated.text);
  return { kind: updated.kind, path };
}

async function readJsonc(path: string): Promise<string> {
  if (!/\.jsonc?$/i.test(path)) throw new UsageError(`--wrangler-config: must be a wrangler.jsonc, wrangler.json or wrangler.toml file (got ${JSON.stringify(path)})`);
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    throw new UsageError(`--wrangler-config ${path}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

/** Reads and parses the file without changing it, so a broken file is refused before a create. */
export async function checkWranglerConfig(path: string): Promise<void> {
  if (/\.toml$/i.test(path)) return;
  editText(await readJsonc(path), { binding: 'CHECK', service_id: '00000000-0000-4000-8000-000000000000', remote: true }, path);
}

/** The edit itself, on text; exported for unit tests. */
export function editText(text: string, entry: BindingEntry, label = 'wrangler config'): { text: string; kind: 'added' | 'updated' } {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (!root || errors.length > 0 || root.type !== 'object') {
    const first = errors[0];
    const why = first ? `${printParseErrorCode(first.error)} at offset ${first.offset}` : 'the top level is not an object';
    throw new UsageError(`--wrangler-config ${label}: not valid JSONC (${why}); it was not changed`);
  }
  const fo = detectFormatting(text);
  const list = findNodeAtLocation(root, ['vpc_services']);
  const value = { binding: entry.binding, service_id: entry.service_id, remote: true };
  if (!list) return { text: editAndFormat(text, modify(text, ['vpc_services'], [value], {}), fo), kind: 'added' };
  if (list.type !== 'array') throw new UsageError(`--wrangler-config ${label}: "vpc_services" is not an array; it was not changed`);
  const items = (list.children ?? []).map((n) => getNodeValue(n) as Record<string, unknown>);
  const index = items.findIndex((i) => i && (i.binding === entry.binding || i.service_id === entry.service_id));
  if (index === -1) {
    return { text: editAndFormat(text, modify(text, ['vpc_services', items.length], value, { isArrayInsertion: true }), fo), kind: 'added' };
  }
  return { text: editAndFormat(text, modify(text, ['vpc_services', index], value, {}), fo), kind: 'updated' };
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
