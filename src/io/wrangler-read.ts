import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { UsageError } from '../errors';
import { MAX_INPUT_BYTES } from './definitions-file';
import { lineColumn, MAX_NESTING, nestingTooDeep } from './json-position';
import { readRegularFile } from './regular-file';
import { jsoncErrorAt } from './jsonc-error';
import { unreadable } from './unreadable';
import type { WranglerBindings } from '../service/doctor-checks';

/**
 * Reads the `vpc_services` bindings of a wrangler config (wrangler.jsonc, wrangler.json or
 * wrangler.toml), at top level and per environment. Read only: this never writes the file.
 */


/** The names wrangler itself looks for, in its order (wrangler.json first). */
export const WRANGLER_FILES = ['wrangler.json', 'wrangler.jsonc', 'wrangler.toml'];

/** The config to read: the one given, else the first of WRANGLER_FILES in `cwd`, else none. */
export async function findWranglerConfig(cwd: string, given?: string): Promise<string | undefined> {
  return (await findWranglerConfigs(cwd, given)).path;
}

/** The config to read as findWranglerConfig finds it, and the names of the others in `cwd` that wrangler ignores too. */
export async function findWranglerConfigs(cwd: string, given?: string): Promise<{ path: string | undefined; ignored: string[] }> {
  if (given !== undefined) return { path: resolve(cwd, given), ignored: [] };
  const present: string[] = [];
  for (const name of WRANGLER_FILES) {
    if ((await stat(resolve(cwd, name)).catch(() => undefined))?.isFile()) present.push(name);
  }
  const [first, ...ignored] = present;
  return { path: first === undefined ? undefined : resolve(cwd, first), ignored };
}

/**
 * Reads and parses; a file that cannot be read is a usage error naming the flag, a file that does
 * not parse is returned as `{error}` so that doctor reports it as a failed check.
 */
export async function readWranglerBindings(
  path: string,
  flag = '--wrangler-config',
  limit = MAX_INPUT_BYTES,
): Promise<WranglerBindings | { error: string; label: string }> {
  const label = basename(path);
  let text: string;
  try {
    // Links are followed: this only reads. A FIFO, a device or a file over the limit is refused.
    ({ text } = await readRegularFile(path, `${flag} ${path}`, limit));
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw unreadable(`${flag} ${path}`, e);
  }
  // Wrangler skips a UTF-8 byte order mark, which some Windows editors write.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const format = /\.toml$/i.test(path) ? 'toml' : 'json';
  let doc: unknown;
  if (format === 'toml') {
    // A real TOML parser (smol-toml, spec-complete), loaded only when a TOML file is read.
    const { parse, TomlError } = await import('smol-toml');
    try {
      doc = parse(text);
    } catch (e) {
      const why = e instanceof TomlError ? `line ${e.line}, column ${e.column}: ${e.message.split('\n')[0]}` : (e as Error).message;
      return { error: `${label} is not valid TOML (${why})`, label };
    }
  } else {
    // jsonc-parser recurses: a deep enough text would overflow the stack (smol-toml has its own limit).
    const deep = nestingTooDeep(text, MAX_NESTING, true);
    if (deep !== undefined) {
      const { line, column } = lineColumn(text, deep);
      return { error: `${label}: nesting deeper than ${MAX_NESTING} levels at line ${line}, column ${column}`, label };
    }
    const { parse } = await import('jsonc-parser');
    const errors: { error: number; offset: number }[] = [];
    doc = parse(text, errors as never, { allowTrailingComma: true, disallowComments: false });
    const first = errors[0];
    if (first) return { error: `${label} is not valid JSONC (${jsoncErrorAt(text, first)})`, label };
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return { error: `${label}: the top level is not a table/object`, label };
  const root = doc as Record<string, unknown>;
  const envs = new Map<string, unknown>();
  const taken = new Map([['top level', otherBindings(root)]]);
  const env = root.env;
  if (env !== undefined) {
    if (!isTable(env)) return { error: `${label}: "env" is not a table/object`, label };
    for (const [name, block] of Object.entries(env)) {
      if (!isTable(block)) return { error: `${label}: ${JSON.stringify(`env.${name}`)} is not a table/object`, label };
      envs.set(name, block.vpc_services);
      taken.set(`env.${name}`, otherBindings(block));
    }
  }
  return { path, label, format, top: root.vpc_services, envs, taken };
}

const isTable = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The binding names of a block's lists other than vpc_services (any array of tables with a
 * `binding`, the rule create --wrangler-config applies), each with its list's key.
 */
function otherBindings(block: Record<string, unknown>): Map<string, string> {
  const names = new Map<string, string>();
  for (const [key, list] of Object.entries(block)) {
    if (key === 'vpc_services' || !Array.isArray(list)) continue;
    for (const item of list) {
      const b = isTable(item) ? item.binding : undefined;
      if (typeof b === 'string' && !names.has(b)) names.set(b, key);
    }
  }
  return names;
}
