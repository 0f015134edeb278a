import { readFile, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { UsageError } from '../errors';

/**
 * Reads the `vpc_services` bindings of a wrangler config (wrangler.jsonc, wrangler.json or
 * wrangler.toml), at top level and per environment. Read only: this never writes the file.
 */

export interface WranglerBindings {
  path: string;
  /** The file name, as checks name it. */
  label: string;
  format: 'toml' | 'json';
  /** `vpc_services` at top level, as written (undefined when absent). */
  top: unknown;
  /** `env.<name>.vpc_services` for every environment, as written. */
  envs: Map<string, unknown>;
}

/** The names wrangler itself looks for, in its order. */
export const WRANGLER_FILES = ['wrangler.jsonc', 'wrangler.json', 'wrangler.toml'];

/** The config to read: the one given, else the first of WRANGLER_FILES in `cwd`, else none. */
export async function findWranglerConfig(cwd: string, given?: string): Promise<string | undefined> {
  if (given !== undefined) return resolve(cwd, given);
  for (const name of WRANGLER_FILES) {
    const path = resolve(cwd, name);
    if ((await stat(path).catch(() => undefined))?.isFile()) return path;
  }
  return undefined;
}

/**
 * Reads and parses; a file that cannot be read is a usage error naming the flag, a file that does
 * not parse is returned as `{error}` so that doctor reports it as a failed check.
 */
export async function readWranglerBindings(path: string, flag = '--wrangler-config'): Promise<WranglerBindings | { error: string; label: string }> {
  const label = basename(path);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new UsageError(`${flag} ${path}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
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
    const { parse, printParseErrorCode } = await import('jsonc-parser');
    const errors: { error: number; offset: number }[] = [];
    doc = parse(text, errors as never, { allowTrailingComma: true, disallowComments: false });
    const first = errors[0];
    if (first) return { error: `${label} is not valid JSONC (${printParseErrorCode(first.error as never)} at offset ${first.offset})`, label };
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return { error: `${label}: the top level is not a table/object`, label };
  const root = doc as Record<string, unknown>;
  const envs = new Map<string, unknown>();
  const env = root.env;
  if (env !== null && typeof env === 'object' && !Array.isArray(env)) {
    for (const [name, block] of Object.entries(env as Record<string, unknown>)) {
      envs.set(name, block !== null && typeof block === 'object' ? (block as Record<string, unknown>).vpc_services : undefined);
    }
  }
  return { path, label, format, top: root.vpc_services, envs };
}
