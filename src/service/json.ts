import { stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { resolve } from 'node:path';
import type { Context } from '../context';
import { UsageError } from '../errors';
import { readAll, formatBytes, openInput } from '../read-stream';
import { jsonErrorAt, lineColumn } from './json-position';

/**
 * The one reader for `-f/--file <path|->`: a JSON object, a JSON array of objects, or NDJSON (one
 * object per line), in the API's own shape. It only parses; the schema validates each item.
 */

export const MAX_INPUT_BYTES = 10 * 1024 * 1024;

export interface DefinitionsInput {
  items: Record<string, unknown>[];
  /** An array or NDJSON: problems are reported with the item index. */
  batch: boolean;
}

export async function readDefinitionsFile(ctx: Context, path: string): Promise<Record<string, unknown>[]> {
  return (await readDefinitions(ctx, path)).items;
}

export async function readDefinitions(ctx: Context, path: string): Promise<DefinitionsInput> {
  const label = path === '-' ? '--file - (stdin)' : `--file ${path}`;
  let text: string;
  if (path === '-') {
    text = await readAll(ctx.runtime.stdin, MAX_INPUT_BYTES, label, ctx.runtime.signal);
  } else {
    const full = resolve(ctx.runtime.cwd, path);
    let size: number;
    let s: Stats;
    try {
      s = await stat(full);
      if (s.isDirectory()) throw new UsageError(`${label}: is a folder, not a file`);
      size = s.size;
    } catch (e) {
      if (e instanceof UsageError) throw e;
      throw new UsageError(`${label}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
    if (size > MAX_INPUT_BYTES) throw new UsageError(`${label}: is ${formatBytes(size)}, over the ${formatBytes(MAX_INPUT_BYTES)} limit; refused`);
    text = await readAll(openInput(full, s), MAX_INPUT_BYTES, label, ctx.runtime.signal);
  }
  return parseDefinitions(text, label);
}

/** Parses the text of a definitions file; exported for unit tests. */
export function parseDefinitions(text: string, label: string): DefinitionsInput {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') throw new UsageError(`${label}: is empty; expected a JSON object, an array of objects, or NDJSON`);
  let whole: unknown;
  try {
    whole = JSON.parse(body);
  } catch (e) {
    const ndjson = tryNdjson(body, label);
    if (ndjson) return ndjson;
    throw new UsageError(`${label}: invalid JSON at ${describeError(body, e as Error)}`);
  }
  if (Array.isArray(whole)) {
    const bad = whole.findIndex((x) => x === null || typeof x !== 'object' || Array.isArray(x));
    if (bad !== -1) throw new UsageError(`${label}: [${bad}]: must be a JSON object (a service definition)`);
    if (whole.length === 0) throw new UsageError(`${label}: the array is empty; expected at least one definition`);
    return { items: whole as Record<string, unknown>[], batch: true };
  }
  if (whole === null || typeof whole !== 'object') throw new UsageError(`${label}: must hold a JSON object, an array of objects, or NDJSON (got ${JSON.stringify(whole)})`);
  return { items: [whole as Record<string, unknown>], batch: false };
}

/** NDJSON: more than one non-empty line, each one object. Undefined when it is not NDJSON at all. */
function tryNdjson(body: string, label: string): DefinitionsInput | undefined {
  const lines = body.split(/\r?\n/);
  const filled = lines.map((l, i) => ({ l, i })).filter(({ l }) => l.trim() !== '');
  if (filled.length < 2) return undefined;
  try {
    JSON.parse(filled[0]!.l);
  } catch {
    return undefined;
  }
  const items: Record<string, unknown>[] = [];
  for (const { l, i } of filled) {
    let v: unknown;
    try {
      v = JSON.parse(l);
    } catch (e) {
      throw new UsageError(`${label}: invalid JSON at line ${i + 1}, ${describeError(l, e as Error).replace(/^line 1, /, '')}`);
    }
    if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new UsageError(`${label}: line ${i + 1}: must be a JSON object (a service definition)`);
    items.push(v as Record<string, unknown>);
  }
  return { items, batch: true };
}

/** `line L, column C: what is wrong`, found by our own scanner (Node 20's messages often lack a position). */
function describeError(text: string, e: Error): string {
  const at = jsonErrorAt(text);
  if (!at) return `line 1, column 1: ${e.message}`;
  const { line, column } = lineColumn(text, at.offset);
  return `line ${line}, column ${column}: ${at.problem}`;
}
