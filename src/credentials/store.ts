import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type Conf from 'conf';
import * as z from 'zod/mini';
import { UsageError } from '../errors';
import type { StoredProfile } from './resolve';

/**
 * Profiles on disk, through `conf`: `<config dir>/config.json`, file 0600 and folder 0700,
 * checked and repaired on every write. A file that does not parse or has the wrong shape is an
 * error naming it; it is never overwritten.
 */

const profileSchema = z.strictObject({
  token: z.optional(z.string()),
  email: z.optional(z.string()),
  key: z.optional(z.string()),
  account_id: z.optional(z.string()),
  account_name: z.optional(z.string()),
});
const fileSchema = z.looseObject({ profiles: z.optional(z.record(z.string(), profileSchema)) });
type StoreFile = z.infer<typeof fileSchema>;

export function configDir(env: Record<string, string | undefined>): string {
  const override = env.VPCSVC_CONFIG_DIR?.trim();
  if (override) return override;
  if (process.platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'vpcsvc');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Preferences', 'vpcsvc');
  return join(env.XDG_CONFIG_HOME?.trim() || join(homedir(), '.config'), 'vpcsvc');
}

export class ProfileStore {
  readonly dir: string;
  readonly file: string;
  private confCache?: Conf<StoreFile>;

  constructor(
    env: Record<string, string | undefined>,
    private readonly warn: (line: string) => void,
  ) {
    this.dir = configDir(env);
    this.file = join(this.dir, 'config.json');
  }

  /** conf (with its own dependencies, about 200 KB) loads only when a config file exists or is written. */
  private async conf(): Promise<Conf<StoreFile>> {
    if (!this.confCache) {
      type ConfClass = typeof Conf;
      const mod = (await import('conf')) as unknown as { default: ConfClass | { default: ConfClass } };
      // The bundled copy (dist/vendor/conf.cjs) arrives with its default export wrapped once more.
      const ConfCtor: ConfClass = 'default' in mod.default ? mod.default.default : mod.default;
      try {
        this.confCache = new ConfCtor<StoreFile>({
          cwd: this.dir,
          configName: 'config',
          configFileMode: 0o600,
          clearInvalidConfig: false,
          // Profiles are the only thing kept; no migrations, no watchers.
          projectVersion: '1',
        });
      } catch (e) {
        throw this.invalid(e);
      }
    }
    return this.confCache;
  }

  private invalid(e: unknown): UsageError {
    const why = e instanceof SyntaxError ? `it is not valid JSON (${e.message})` : e instanceof Error ? e.message : String(e);
    return new UsageError(`the config file ${this.file} cannot be read: ${why}`, [], [
      'fix it by hand, or move it away and run `vpcsvc auth login` again; it was not changed',
    ]);
  }

  private async data(): Promise<StoreFile> {
    const conf = await this.conf();
    let raw: unknown;
    try {
      raw = conf.store;
    } catch (e) {
      throw this.invalid(e);
    }
    const r = z.safeParse(fileSchema, raw);
    if (!r.success) {
      const issue = r.error.issues[0];
      throw this.invalid(new Error(`unexpected content at ${issue?.path.join('.') || 'top level'}: ${issue?.message ?? 'invalid'}`));
    }
    return r.data;
  }

  async read(name: string): Promise<StoredProfile | undefined> {
    if (!existsQuiet(this.file)) return undefined;
    return (await this.data()).profiles?.[name];
  }

  async write(name: string, profile: StoredProfile): Promise<void> {
    this.prepareDir();
    this.repairModes();
    const current = existsQuiet(this.file) ? await this.data() : {};
    const profiles = { ...(current.profiles ?? {}), [name]: profile };
    (await this.conf()).set('profiles', profiles);
    this.repairModes();
  }

  /** Removes the profile's secrets, keeping nothing of it; returns whether there was one. */
  async remove(name: string): Promise<boolean> {
    if (!existsQuiet(this.file)) return false;
    const current = await this.data();
    if (!current.profiles?.[name]) return false;
    const profiles = { ...current.profiles };
    delete profiles[name];
    this.prepareDir();
    this.repairModes();
    (await this.conf()).set('profiles', profiles);
    this.repairModes();
    return true;
  }

  private prepareDir() {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
  }

  private repairModes() {
    for (const [path, mode] of [
      [this.dir, 0o700],
      [this.file, 0o600],
    ] as const) {
      if (process.platform === 'win32' || !existsQuiet(path)) continue;
      const current = statSync(path).mode & 0o777;
      if (current !== mode) {
        chmodSync(path, mode);
        if ((current & 0o077) !== 0) this.warn(`${path} was readable by others (mode ${current.toString(8)}); set it to ${mode.toString(8)}`);
      }
    }
  }
}

function existsQuiet(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}
