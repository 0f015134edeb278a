import { stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { resolve } from 'node:path';
import type { Runtime } from '../runtime';
import type { DefinitionsInput } from '../service/validate-items';
import { refuseAll, UsageError } from '../errors';
import { readAll, formatBytes, openInput } from './read-stream';
import { unreadable } from './unreadable';
import { jsonErrorAt, lineColumn, literalAt, MAX_NESTING, nestingTooDeep } from './json-position';
import { UNSAFE_KEYS } from '../service/prototype-keys';

/**
 * The one reader for `-f/--file <path|->`: a JSON object, a JSON array of objects, or NDJSON (one
 * object per line), in the API's own shape. It only parses; the schema validates each item.
 */

export const MAX_INPUT_BYTES = 10 * 1024 * 1024;

/**
 * Names of standard input, read as `-` is: when stdin is a socket (a parent process's pipe is
 * often one), Linux cannot open it again by these names (ENXIO).
 */
const STDIN_PATHS = new Set(['/dev/stdin', '/dev/fd/0', '/proc/self/fd/0']);


/** `limit` is MAX_INPUT_BYTES but for tests, which check the edge without reading 10 MiB. */
export async function readDefinitions(from: Pick<Runtime, 'stdin' | 'cwd' | 'signal'>, path: string, limit = MAX_INPUT_BYTES): Promise<DefinitionsInput> {
  const label = path === '-' ? '--file - (stdin)' : `--file ${path}`;
  let text: string;
  if (path === '-' || STDIN_PATHS.has(path)) {
    text = await readAll(from.stdin, limit, label, from.signal);
  } else {
    const full = resolve(from.cwd, path);
    let size: number;
    let s: Stats;
    try {
      s = await stat(full);
      if (s.isDirectory()) throw new UsageError(`${label}: is a folder, not a file`);
      if (s.isSocket()) throw new UsageError(`${label}: is a socket, not a file`);
      size = s.size;
    } catch (e) {
      if (e instanceof UsageError) throw e;
      throw unreadable(label, e);
    }
    if (size > limit) throw new UsageError(`${label}: is ${formatBytes(size)}, over the ${formatBytes(limit)} limit; refused`);
    try {
      text = await readAll(openInput(full, s), limit, label, from.signal);
    } catch (e) {
      // stat() passing does not mean open() will (no read permission, a file gone meanwhile).
      // Only the system's refusals (they name a syscall) are worded here; an abort (Ctrl-C) and
      // our own refusals go on as they are.
      if ((e as NodeJS.ErrnoException).syscall === undefined) throw e;
      throw unreadable(label, e);
    }
  }
  return parseDefinitions(text, label);
}

/** Parses the text of a definitions file; exported for unit tests. */
export function parseDefinitions(text: string, label: string): DefinitionsInput {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') throw new UsageError(`${label}: is empty; expected a JSON object, an array of objects, or NDJSON`);
  refuseDeepNesting(body, label);
  let whole: unknown;
  try {
    whole = JSON.parse(body);
  } catch (e) {
    const ndjson = tryNdjson(body, label);
    if (ndjson) return checked(ndjson, label, (i) => ({ text: ndjsonLine(body, i), skip: 1 }));
    throw new UsageError(`${label}: invalid JSON at ${describeError(body, e as Error)}`);
  }
  return checked(shapeOf(whole, label), label, () => ({ text: body, skip: 0 }));
}

const isItem = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);

function shapeOf(whole: unknown, label: string): DefinitionsInput {
  if (Array.isArray(whole)) {
    refuseAll(whole.flatMap((x, i) => (isItem(x) ? [] : [`${label}: [${i}]: must be a JSON object (a service definition)`])));
    // `[]` is a valid list (apply on an empty account); create refuses it itself.
    return { items: whole as Record<string, unknown>[], batch: true };
  }
  if (whole === null || typeof whole !== 'object') throw new UsageError(`${label}: must hold a JSON object, an array of objects, or NDJSON (got ${JSON.stringify(whole)})`);
  return { items: [withoutSchemaKey(whole as Record<string, unknown>, label)], batch: false };
}

/** A one-definition file may name its JSON Schema for editors (`vpcsvc schema`); the tool ignores it. */
function withoutSchemaKey(item: Record<string, unknown>, label: string): Record<string, unknown> {
  if (!('$schema' in item)) return item;
  const { $schema, ...rest } = item;
  if (typeof $schema !== 'string') throw new UsageError(`${label}: $schema: must be a string, the URL or path of the JSON Schema (got ${JSON.stringify($schema)})`);
  return rest;
}

/**
 * The checks every definitions file gets, whatever command reads it (create, update, apply):
 * keys that name an object's prototype are refused, since a later copy (`out[key] = value`) would
 * turn `{"tls_settings":{"__proto__":{...}}}` into inherited fields that the schema reads but its
 * unknown-key check never sees. JSON.parse itself only makes them own keys, so refusing them here
 * keeps every later step plain. Numbers too large for a double are refused with their source text.
 */
function checked(input: DefinitionsInput, label: string, sourceOf: (item: number) => { text: string; skip: number }): DefinitionsInput {
  const lines: string[] = [];
  input.items.forEach((item, i) => {
    const prefix: (string | number)[] = input.batch ? [i] : [];
    walk(item, prefix, (path, key, value) => {
      if (key !== undefined && UNSAFE_KEYS.has(key)) lines.push(`${label}: ${pathText(path)}: this key is not allowed (it could change how the definition is read)`);
      if (typeof value === 'number' && !Number.isFinite(value)) {
        const source = sourceOf(i);
        const text = literalAt(source.text, path.slice(source.skip)) ?? String(value);
        lines.push(`${label}: ${pathText(path)}: the number ${text} is too large to use (got ${text})`);
      }
    });
  });
  if (lines.length) throw new UsageError(lines[0] as string, lines, ['nothing was sent']);
  return input;
}

/** Visits every value (depth is bounded by refuseDeepNesting, so recursion is safe). */
function walk(value: unknown, path: (string | number)[], visit: (path: (string | number)[], key: string | undefined, value: unknown) => void): void {
  const last = path[path.length - 1];
  visit(path, typeof last === 'string' ? last : undefined, value);
  if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i], visit));
  else if (value !== null && typeof value === 'object') for (const k of Object.keys(value)) walk((value as Record<string, unknown>)[k], [...path, k], visit);
}

/** `[1].host.resolver_network.resolver_ips[0]`, the form every other message uses. */
function pathText(path: (string | number)[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? p : `.${p}`;
  return out || '(top level)';
}

function ndjsonLine(body: string, item: number): string {
  return body.split(/\r?\n/).filter((l) => l.trim() !== '')[item] ?? '';
}

/** `--file x: nesting deeper than 64 levels at line 1, column 65`, before any recursive parser runs. */
export function refuseDeepNesting(text: string, label: string, comments = false): void {
  const at = nestingTooDeep(text, MAX_NESTING, comments);
  if (at === undefined) return;
  const { line, column } = lineColumn(text, at);
  throw new UsageError(`${label}: nesting deeper than ${MAX_NESTING} levels at line ${line}, column ${column}`);
}

/**
 * NDJSON: more than one non-empty line, each one object. Undefined when it is not NDJSON at all:
 * when the first line is not JSON (a text of one line that JSON.parse refused is such a case).
 */
function tryNdjson(body: string, label: string): DefinitionsInput | undefined {
  const lines = body.split(/\r?\n/);
  const filled = lines.map((l, i) => ({ l, i })).filter(({ l }) => l.trim() !== '');
  try {
    JSON.parse(filled[0]!.l);
  } catch {
    return undefined;
  }
  const items: Record<string, unknown>[] = [];
  const notItems: string[] = [];
  for (const { l, i } of filled) {
    let v: unknown;
    try {
      v = JSON.parse(l);
    } catch (e) {
      throw new UsageError(`${label}: invalid JSON at ${describeError(l, e as Error, i)}`);
    }
    if (isItem(v)) items.push(v);
    else notItems.push(`${label}: line ${i + 1}: must be a JSON object (a service definition)`);
  }
  refuseAll(notItems);
  return { items, batch: true };
}

/**
 * `line L, column C: what is wrong`, found by our own scanner (Node 20's messages often lack a
 * position). `before` is the number of lines before `text` (an NDJSON line's index).
 */
function describeError(text: string, e: Error, before = 0): string {
  const at = jsonErrorAt(text);
  if (!at) return `line ${before + 1}, column 1: ${e.message}`;
  const { line, column } = lineColumn(text, at.offset);
  return `line ${before + line}, column ${column}: ${at.problem}`;
}
