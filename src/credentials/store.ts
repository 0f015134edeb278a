import { chmodSync, closeSync, constants, fchmodSync, fstatSync, fsyncSync, linkSync, lstatSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync, type Stats } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { UsageError } from '../errors';
import type { StoredProfile } from './resolve';
import { jsonErrorAt, lineColumn } from '../io/json-position';

/**
 * Profiles on disk: `<config dir>/config.json`, file 0600 and folder 0700 (cli.md sections 6 and 10).
 *
 * Our own few lines of fs rather than `conf`: conf follows a symlinked file and rewrites its target,
 * blocks forever opening a FIFO, has no lock (concurrent logins to different profiles lost each
 * other's writes) and quotes file contents in its parse errors. Here:
 * - a link, a FIFO or anything not a regular file (or folder) is refused, never followed or opened
 *   blocking; a file or folder of another user is refused; ours, when open to others, is repaired
 *   with one warning line, on every read;
 * - writes are read-modify-write under an exclusive lock file (O_EXCL) with stale-lock takeover,
 *   then a rename of a fresh 0600 file, so readers never see half a file and no login is lost;
 * - a file that does not parse or has the wrong shape is an error naming the file and where, never
 *   quoting it (it holds secrets), and is never overwritten.
 */

const PROFILE_FIELDS = new Set(['token', 'email', 'key', 'account_id', 'account_name']);
/** A lock older than this is left over from a crashed run; a write holds it for milliseconds. */
const STALE_LOCK_MS = 10_000;
const LOCK_WAIT_MS = 30_000;
const MAX_FILE_BYTES = 1024 * 1024;
// Not defined on Windows, where neither links nor FIFOs can be opened by accident this way.
const O_NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const O_NONBLOCK = constants.O_NONBLOCK ?? 0;

type Profiles = Record<string, StoredProfile>;
interface StoreData {
  /** Everything at the top level, kept as it was; only `profiles` is rewritten. */
  top: Record<string, unknown>;
  /** Null-prototype: a profile named like an Object.prototype member is just data. */
  profiles: Profiles;
}

/** What the store takes from the running process; tests pass their own, so no test waits for real. */
export interface StoreHost {
  platform: NodeJS.Platform;
  /** Undefined where there are no user ids (Windows). */
  uid: () => number | undefined;
  pid: number;
  now: () => number;
  sleep: (ms: number) => Promise<unknown>;
}
const HOST: StoreHost = { platform: process.platform, uid: () => process.getuid?.(), pid: process.pid, now: Date.now, sleep };

export function configDir(env: Record<string, string | undefined>, platform: NodeJS.Platform = process.platform): string {
  const override = env.VPCSVC_CONFIG_DIR?.trim();
  if (override) return override;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'vpcsvc');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Preferences', 'vpcsvc');
  // The XDG spec: a relative XDG_CONFIG_HOME is invalid and ignored (it would put the credentials
  // under whatever folder the command runs in).
  const xdg = env.XDG_CONFIG_HOME?.trim();
  return join(xdg && isAbsolute(xdg) ? xdg : join(homedir(), '.config'), 'vpcsvc');
}

export class ProfileStore {
  readonly dir: string;
  readonly file: string;
  private readonly lock: string;
  private readonly host: StoreHost;

  constructor(
    env: Record<string, string | undefined>,
    private readonly warn: (line: string) => void,
    host: Partial<StoreHost> = {},
  ) {
    this.host = { ...HOST, ...host };
    this.dir = configDir(env, this.host.platform);
    this.file = join(this.dir, 'config.json');
    this.lock = `${this.file}.lock`;
  }

  async read(name: string): Promise<StoredProfile | undefined> {
    const data = this.load();
    return data && Object.hasOwn(data.profiles, name) ? data.profiles[name] : undefined;
  }

  async write(name: string, profile: StoredProfile): Promise<void> {
    try {
      mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    } catch (e) {
      // A file or a dangling link in the way is named for what it is, as on a read.
      this.checkDir();
      throw this.fsError(e, this.dir);
    }
    // Before the lock file goes in: a linked folder is refused, not written through.
    this.checkDir();
    await this.locked(() => {
      const data = this.load() ?? { top: {}, profiles: Object.create(null) as Profiles };
      data.profiles[name] = profile;
      this.save(data);
    });
  }

  /** Removes the profile's secrets, keeping nothing of it; returns whether there was one. */
  async remove(name: string): Promise<boolean> {
    const before = this.load();
    if (!before || !Object.hasOwn(before.profiles, name)) return false;
    return this.locked(() => {
      const data = this.load();
      if (!data || !Object.hasOwn(data.profiles, name)) return false;
      delete data.profiles[name];
      this.save(data);
      return true;
    });
  }

  /** The file's content, or undefined when there is none; checks the folder and file first. */
  private load(): StoreData | undefined {
    if (!this.checkDir()) return undefined;
    let fd: number;
    try {
      const st = lstatSync(this.file);
      if (st.isSymbolicLink()) throw this.refuse(`the config file ${this.file} is a symbolic link; vpcsvc does not follow links`);
      if (!st.isFile()) throw this.refuse(`the config file ${this.file} is not a regular file`);
      // O_NOFOLLOW and O_NONBLOCK in case it was swapped since lstat: never follow, never hang.
      fd = openSync(this.file, constants.O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
    } catch (e) {
      if (errno(e) === 'ENOENT') return undefined;
      if (errno(e) === 'ELOOP') throw this.refuse(`the config file ${this.file} is a symbolic link; vpcsvc does not follow links`);
      throw this.fsError(e, this.file);
    }
    let text: string;
    try {
      const st = fstatSync(fd);
      if (!st.isFile()) throw this.refuse(`the config file ${this.file} is not a regular file`);
      this.checkOwnerAndMode(st, this.file, 0o600, (mode) => fchmodSync(fd, mode));
      if (st.size > MAX_FILE_BYTES) throw this.refuse(`the config file ${this.file} is larger than 1 MiB`);
      text = readFileSync(fd, 'utf8');
    } catch (e) {
      throw this.fsError(e, this.file);
    } finally {
      closeSync(fd);
    }
    return this.parse(text);
  }

  /** Whether the folder exists; refuses a link, a non-folder or another user's folder. */
  private checkDir(): boolean {
    let st: Stats;
    try {
      st = lstatSync(this.dir);
    } catch (e) {
      if (errno(e) === 'ENOENT') return false;
      throw this.fsError(e, this.dir);
    }
    if (st.isSymbolicLink()) throw this.refuse(`the config folder ${this.dir} is a symbolic link; vpcsvc does not follow links`);
    if (!st.isDirectory()) throw this.refuse(`the config folder ${this.dir} is not a folder`);
    this.checkOwnerAndMode(st, this.dir, 0o700, (mode) => chmodSync(this.dir, mode));
    return true;
  }

  private checkOwnerAndMode(st: Stats, path: string, wanted: number, chmod: (mode: number) => void) {
    const uid = this.host.uid();
    if (this.host.platform === 'win32' || uid === undefined) return;
    if (st.uid !== uid) throw this.refuse(`${path} belongs to another user (uid ${st.uid}); vpcsvc uses only its own config`);
    const current = st.mode & 0o777;
    if ((current & 0o077) === 0) return;
    chmod(wanted);
    this.warn(`${path} was ${current & 0o044 ? 'readable' : 'writable'} by others (mode ${current.toString(8)}); set it to ${wanted.toString(8)}`);
  }

  private parse(text: string): StoreData {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      // Never the parser's message, nor what the scanner found: either may quote the file, and the
      // file holds secrets. The position alone; Node 20's message often has none, so it is found.
      const at = jsonErrorAt(text);
      const where = at ? lineColumn(text, at.offset) : undefined;
      throw this.refuse(`the config file ${this.file} is not valid JSON${where ? ` (line ${where.line}, column ${where.column})` : ''}`);
    }
    if (!isObject(raw)) throw this.invalid('the top level must be an object');
    const profiles = Object.create(null) as Profiles;
    if (Object.hasOwn(raw, 'profiles')) {
      if (!isObject(raw.profiles)) throw this.invalid('profiles must be an object');
      for (const [name, value] of Object.entries(raw.profiles)) {
        const where = `profiles.${name}`;
        if (!isObject(value)) throw this.invalid(`${where} must be an object`);
        const profile = Object.create(null) as StoredProfile;
        for (const [field, v] of Object.entries(value)) {
          if (!PROFILE_FIELDS.has(field)) throw this.invalid(`${where}.${field} is not a known field`);
          if (typeof v !== 'string') throw this.invalid(`${where}.${field} must be a string`);
          profile[field as keyof StoredProfile] = v;
        }
        profiles[name] = profile;
      }
    }
    return { top: raw, profiles };
  }

  /** Writes a fresh 0600 file beside the config and renames it over; the caller holds the lock. */
  private save(data: StoreData) {
    const text = `${JSON.stringify({ ...data.top, profiles: { ...data.profiles } }, undefined, '\t')}\n`;
    const tmp = join(this.dir, `.config.json.${this.host.pid}.${Math.random().toString(36).slice(2)}.tmp`);
    try {
      const fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | O_NOFOLLOW, 0o600);
      try {
        writeSync(fd, text);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(tmp, this.file);
    } catch (e) {
      try {
        unlinkSync(tmp);
      } catch {
        // It was never created, or the rename moved it.
      }
      throw this.fsError(e, this.file);
    }
  }

  /** Runs `fn` holding `config.json.lock`, created with O_EXCL; takes over a stale one. */
  private async locked<T>(fn: () => T): Promise<T> {
    const giveUp = this.host.now() + LOCK_WAIT_MS;
    // Our pid, for others to judge staleness by, and a token that makes this lock ours alone:
    // inode numbers are reused as soon as a file is gone, so they cannot tell two locks apart.
    // node:crypto only here, when something is written: loading it costs every read a millisecond.
    const { randomBytes } = await import('node:crypto');
    const mine = `${this.host.pid}\n${randomBytes(16).toString('hex')}\n`;
    let held: number | undefined;
    while (held === undefined) {
      try {
        const fd = openSync(this.lock, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | O_NOFOLLOW, 0o600);
        try {
          writeSync(fd, mine);
          held = fstatSync(fd).ino;
        } finally {
          closeSync(fd);
        }
      } catch (e) {
        if (errno(e) !== 'EEXIST') throw this.fsError(e, this.lock);
        if (this.takeOverStaleLock()) continue;
        if (this.host.now() > giveUp) {
          throw new UsageError(`the config file ${this.file} stayed locked by another vpcsvc for ${LOCK_WAIT_MS / 1000} s; nothing was changed`, [], [
            `if no other vpcsvc is running, remove ${this.lock}`,
          ]);
        }
        await this.host.sleep(10 + Math.floor(Math.random() * 40));
      }
    }
    try {
      return fn();
    } finally {
      // Only our own lock: after a very long stall another run may have taken it over.
      try {
        if (isLock(this.lock, held, mine)) unlinkSync(this.lock);
      } catch {
        // Already gone.
      }
    }
  }

  /**
   * Removes the lock when its holder is gone (its pid is not running) or it is older than
   * STALE_LOCK_MS; returns whether the caller should try again at once. The lock is first renamed
   * aside and removed only when it is the very file judged stale, so two runs taking over the same
   * stale lock cannot remove a fresh one.
   */
  private takeOverStaleLock(): boolean {
    let st: Stats;
    let content: string;
    try {
      st = lstatSync(this.lock);
      // vpcsvc makes only files: anything else is not ours to move, whatever its age.
      if (!st.isFile()) return false;
      content = readFileSync(this.lock, 'utf8');
    } catch (e) {
      return errno(e) === 'ENOENT';
    }
    // `pid\n` (before tokens) or `pid\ntoken\n`; anything else is never judged by a pid.
    const pid = /^\d+\n(?:[0-9a-f]{32}\n)?$/.test(content) ? Number(content.split('\n')[0]) : undefined;
    const old = this.host.now() - st.mtimeMs > STALE_LOCK_MS;
    if (!old && (pid === undefined || pid === this.host.pid || processAlive(pid))) return false;
    const aside = `${this.lock}.${this.host.pid}.stale`;
    try {
      renameSync(this.lock, aside);
    } catch (e) {
      // Gone: another run took it over first, try again at once. Anything else: wait, as for a
      // live lock, so that a lock we can never move ends in the timeout, not a busy loop.
      return errno(e) === 'ENOENT';
    }
    try {
      if (!isLock(aside, st.ino, content)) linkSync(aside, this.lock);
    } catch {
      // Someone holds a newer lock already; theirs stays.
    }
    try {
      unlinkSync(aside);
    } catch {
      // Nothing left to clean.
    }
    return true;
  }

  private refuse(message: string): UsageError {
    return new UsageError(message, [], ['fix it by hand, or move it away and run `vpcsvc auth login` again; it was not changed']);
  }

  private invalid(what: string): UsageError {
    return this.refuse(`the config file ${this.file} cannot be used: ${what}`);
  }

  /** fs failures name the path and the reason, never the content. */
  private fsError(e: unknown, path: string): unknown {
    if (e instanceof UsageError) return e;
    const code = errno(e);
    return new UsageError(`${path} cannot be used${code ? ` (${code})` : ''}`, [], ['check its owner and permissions']);
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Whether `path` is still the lock seen as inode `ino` holding `content`. Both are compared: an
 * inode number alone may belong to a newer lock, since numbers are reused once a file is gone.
 */
function isLock(path: string, ino: number, content: string): boolean {
  const st = lstatSync(path);
  return st.isFile() && st.ino === ino && readFileSync(path, 'utf8') === content;
}

function errno(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' ? e.code : undefined;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it runs, as another user.
    return errno(e) === 'EPERM';
  }
}

