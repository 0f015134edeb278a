import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  closeSync,
  constants,
  existsSync,
  fstatSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { configDir, ProfileStore, type StoreHost } from '../../../src/credentials/store';
import type { StoredProfile } from '../../../src/credentials/resolve';
import { UsageError } from '../../../src/errors';

/**
 * The profile store against real temporary folders (cli.md sections 6 and 10). Races the store
 * guards against (a file swapped between two calls, a rename that fails) are staged through `fs`
 * itself: each call the store makes passes through `fsHook` first, which a test may set.
 */

type FsCall = { fn: string; args: unknown[] };
const fsHook = vi.hoisted(() => ({ before: undefined as ((call: FsCall) => void) | undefined, busy: false }));

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  const wrapped: Record<string, unknown> = { ...real };
  for (const fn of ['openSync', 'renameSync', 'lstatSync', 'linkSync', 'unlinkSync', 'fstatSync', 'readFileSync', 'writeSync', 'mkdirSync'] as const) {
    const original = real[fn] as (...args: unknown[]) => unknown;
    wrapped[fn] = (...args: unknown[]) => {
      // The hook's own fs calls go straight through.
      if (fsHook.before && !fsHook.busy) {
        fsHook.busy = true;
        try {
          fsHook.before({ fn, args });
        } finally {
          fsHook.busy = false;
        }
      }
      return original(...args);
    };
  }
  return { ...wrapped, default: wrapped };
});

const HINT = 'fix it by hand, or move it away and run `vpcsvc auth login` again; it was not changed';
const FS_HINT = 'check its owner and permissions';
const SECRET = 'secret-token-0123456789abcdef';

let root: string;
let dir: string;
let file: string;
let lock: string;
let warnings: string[];

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'vpcsvc-store-'));
  dir = join(root, 'vpcsvc');
  file = join(dir, 'config.json');
  lock = `${file}.lock`;
  warnings = [];
});

afterEach(() => {
  fsHook.before = undefined;
  vi.restoreAllMocks();
  rmSync(root, { recursive: true, force: true });
});

const store = (host: Partial<StoreHost> = {}) => new ProfileStore({ VPCSVC_CONFIG_DIR: dir }, (line) => warnings.push(line), host);

/** The config folder and file as a user would leave them. */
function seed(content: string, mode = 0o600) {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  writeFileSync(file, content, { mode });
  chmodSync(file, mode);
}

const json = (data: unknown) => `${JSON.stringify(data, undefined, '\t')}\n`;
const mode = (path: string) => statSync(path).mode & 0o777;

/** What a rejected promise was, in the fields a user sees. */
async function failure(p: Promise<unknown>) {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(UsageError);
  const u = e as UsageError;
  return { message: u.message, problems: u.problems, hints: u.hints };
}

const refused = (message: string) => ({ message, problems: [], hints: [HINT] });
const fsFailed = (message: string) => ({ message, problems: [], hints: [FS_HINT] });
const plain = (p: StoredProfile | undefined) => (p === undefined ? undefined : { ...p });
const openFds = () => readdirSync('/proc/self/fd').length;
const fault = (code: unknown) => (code === undefined ? new Error('no code') : Object.assign(new Error(`failed: ${String(code)}`), { code }));

/** Another file at `path`, made before the old one goes, so it cannot reuse the old one's inode. */
function replace(path: string, content: string) {
  writeFileSync(`${path}.new`, content);
  renameSync(`${path}.new`, path);
}

/** A pid that ran and is gone. */
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid as number;

describe('configDir: where the config lives', () => {
  it.each<[string, NodeJS.Platform, Record<string, string>, string]>([
    ['the override, trimmed', 'linux', { VPCSVC_CONFIG_DIR: ' /x/y ', XDG_CONFIG_HOME: '/xdg' }, '/x/y'],
    ['the override on Windows', 'win32', { VPCSVC_CONFIG_DIR: '/x', APPDATA: '/appdata' }, '/x'],
    ['the override on macOS', 'darwin', { VPCSVC_CONFIG_DIR: '/x' }, '/x'],
    ['a blank override is none', 'linux', { VPCSVC_CONFIG_DIR: '  ', XDG_CONFIG_HOME: ' /xdg ' }, '/xdg/vpcsvc'],
    ['XDG_CONFIG_HOME', 'linux', { XDG_CONFIG_HOME: '/xdg' }, '/xdg/vpcsvc'],
    ['no XDG_CONFIG_HOME', 'linux', {}, join(homedir(), '.config', 'vpcsvc')],
    ['a blank XDG_CONFIG_HOME', 'linux', { XDG_CONFIG_HOME: ' ' }, join(homedir(), '.config', 'vpcsvc')],
    ['Windows: APPDATA', 'win32', { APPDATA: '/appdata', XDG_CONFIG_HOME: '/xdg' }, '/appdata/vpcsvc'],
    ['Windows without APPDATA', 'win32', { XDG_CONFIG_HOME: '/xdg' }, join(homedir(), 'AppData', 'Roaming', 'vpcsvc')],
    ['macOS', 'darwin', { XDG_CONFIG_HOME: '/xdg', APPDATA: '/appdata' }, join(homedir(), 'Library', 'Preferences', 'vpcsvc')],
  ])('%s', (_name, platform, env, expected) => {
    expect(configDir(env, platform)).toBe(expected);
  });

  it('defaults to this platform', () => {
    expect(configDir({ XDG_CONFIG_HOME: '/xdg' })).toBe(configDir({ XDG_CONFIG_HOME: '/xdg' }, process.platform));
  });

  it('the store uses its host platform, and names its file', () => {
    const s = new ProfileStore({ XDG_CONFIG_HOME: '/xdg' }, () => {}, { platform: 'darwin' });
    expect([s.dir, s.file]).toEqual([join(homedir(), 'Library', 'Preferences', 'vpcsvc'), join(homedir(), 'Library', 'Preferences', 'vpcsvc', 'config.json')]);
  });
});

describe('reading', () => {
  it('no folder: nothing, no look for a file in it, and no folder made', async () => {
    const looked: unknown[] = [];
    fsHook.before = (c) => {
      if (c.fn === 'lstatSync') looked.push(c.args[0]);
    };
    expect(await store().read('default')).toBeUndefined();
    expect(looked).toEqual([dir]);
    expect(await store().remove('default')).toBe(false);
    expect(existsSync(dir)).toBe(false);
  });

  it('a folder without a file: nothing', async () => {
    mkdirSync(dir, { mode: 0o700 });
    expect(await store().read('default')).toBeUndefined();
    expect(await store().remove('default')).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('every stored field, in a null-prototype profile, and the file left as it was', async () => {
    const content = JSON.stringify({ profiles: { w: { token: 't', email: 'e', key: 'k', account_id: 'a', account_name: 'n' }, x: {} } });
    seed(content);
    const ino = statSync(file).ino;
    const p = await store().read('w');
    expect(plain(p)).toStrictEqual({ token: 't', email: 'e', key: 'k', account_id: 'a', account_name: 'n' });
    expect(Object.getPrototypeOf(p)).toBeNull();
    expect(plain(await store().read('x'))).toStrictEqual({});
    expect(await store().read('y')).toBeUndefined();
    expect([readFileSync(file, 'utf8'), statSync(file).ino, warnings]).toEqual([content, ino, []]);
  });

  it('a file without profiles, or with none: nothing', async () => {
    for (const content of ['{}', '{"other": 1}', '{"profiles": {}}']) {
      seed(content);
      expect(await store().read('default')).toBeUndefined();
    }
  });

  it('names of Object.prototype members are only data', async () => {
    seed('{"profiles": {"__proto__": {"token": "x"}}}');
    expect(plain(await store().read('__proto__'))).toStrictEqual({ token: 'x' });
    for (const name of ['toString', 'constructor', 'prototype', 'hasOwnProperty']) expect(await store().read(name)).toBeUndefined();
    expect(await store().remove('toString')).toBe(false);
  });

  it('a file of exactly 1 MiB is read; one byte more is refused', async () => {
    const body = '{"profiles": {}}';
    seed(body + ' '.repeat(1024 * 1024 - body.length));
    expect(await store().read('default')).toBeUndefined();
    seed(body + ' '.repeat(1024 * 1024 + 1 - body.length));
    expect(await failure(store().read('default'))).toEqual(refused(`the config file ${file} is larger than 1 MiB`));
  });

  it('opens the file without following a link and without blocking', async () => {
    seed('{}');
    const opened: unknown[][] = [];
    fsHook.before = (c) => {
      if (c.fn === 'openSync') opened.push(c.args);
    };
    await store().read('default');
    expect(opened).toEqual([[file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK]]);
  });

  it('closes every file it opens, also when it refuses one', async () => {
    seed(json({ profiles: { a: { token: 't' } } }), 0o644);
    const before = openFds();
    await store().read('a');
    await store().write('b', { token: 'u' });
    await store().remove('a');
    writeFileSync(file, 'null');
    await failure(store().read('a'));
    await failure(store().write('a', { token: 't' }));
    expect(openFds()).toBe(before);
  });
});

describe('contents that are not a config are refused naming the file and where, and left untouched', () => {
  it.each<[string, string]>([
    ['null', 'the top level must be an object'],
    ['[]', 'the top level must be an object'],
    ['[{"profiles": {}}]', 'the top level must be an object'],
    ['"text"', 'the top level must be an object'],
    ['3', 'the top level must be an object'],
    ['{"profiles": null}', 'profiles must be an object'],
    ['{"profiles": []}', 'profiles must be an object'],
    ['{"profiles": "x"}', 'profiles must be an object'],
    ['{"profiles": {"default": null}}', 'profiles.default must be an object'],
    ['{"profiles": {"default": []}}', 'profiles.default must be an object'],
    ['{"profiles": {"a": {}, "w": "x"}}', 'profiles.w must be an object'],
    [`{"profiles": {"default": {"tokn": "${SECRET}"}}}`, 'profiles.default.tokn is not a known field'],
    ['{"profiles": {"default": {"token": 1}}}', 'profiles.default.token must be a string'],
    ['{"profiles": {"default": {"token": "t", "account_id": null}}}', 'profiles.default.account_id must be a string'],
  ])('%s', async (content, what) => {
    seed(content);
    const expected = refused(`the config file ${file} cannot be used: ${what}`);
    expect(await failure(store().read('default'))).toEqual(expected);
    expect(await failure(store().write('default', { token: 't' }))).toEqual(expected);
    expect(await failure(store().remove('default'))).toEqual(expected);
    expect(readFileSync(file, 'utf8')).toBe(content);
    expect(readdirSync(dir)).toEqual(['config.json']);
  });
});

describe('JSON that does not parse: the line and column, never the text', () => {
  it.each<[string, string, string]>([
    ['a bare word', `{\n  "profiles": ${SECRET}\n}`, ' (line 2, column 15)'],
    ['a trailing comma', `{"profiles": {"d": {"token": "${SECRET}",}}}`, ` (line 1, column ${`{"profiles": {"d": {"token": "${SECRET}",`.length + 1})`],
    ['an empty file', '', ' (line 1, column 1)'],
    // The position is the backslash of the escape that is none.
    ['a bad escape', `{"profiles": {"d": {"token": "\\q${SECRET}"}}}`, ` (line 1, column ${'{"profiles": {"d": {"token": "'.length + 1})`],
  ])('%s', async (_name, content, where) => {
    seed(content);
    const expected = refused(`the config file ${file} is not valid JSON${where}`);
    expect(await failure(store().read('d'))).toEqual(expected);
    expect(await failure(store().write('d', { token: 't' }))).toEqual(expected);
    expect(readFileSync(file, 'utf8')).toBe(content);
    expect(readdirSync(dir)).toEqual(['config.json']);
  });
});

describe('what is not a regular file or folder is refused, never followed', () => {
  it('a linked file, and its target untouched', async () => {
    mkdirSync(dir, { mode: 0o700 });
    const target = join(root, 'elsewhere.json');
    const content = json({ profiles: { other: { token: SECRET } } });
    writeFileSync(target, content, { mode: 0o600 });
    symlinkSync(target, file);
    const expected = refused(`the config file ${file} is a symbolic link; vpcsvc does not follow links`);
    expect(await failure(store().read('other'))).toEqual(expected);
    expect(await failure(store().write('x', { token: 't' }))).toEqual(expected);
    expect(await failure(store().remove('other'))).toEqual(expected);
    expect(readFileSync(target, 'utf8')).toBe(content);
    expect(lstatSync(file).isSymbolicLink()).toBe(true);
    expect(readdirSync(dir)).toEqual(['config.json']);
  });

  it('a folder, or a FIFO, as the file', async () => {
    mkdirSync(file, { recursive: true, mode: 0o700 });
    const expected = refused(`the config file ${file} is not a regular file`);
    expect(await failure(store().read('default'))).toEqual(expected);
    expect(await failure(store().write('default', { token: 't' }))).toEqual(expected);
    rmSync(file, { recursive: true });
    expect(spawnSync('mkfifo', ['-m', '600', file]).status).toBe(0);
    expect(await failure(store().read('default'))).toEqual(expected);
    expect(await failure(store().remove('default'))).toEqual(expected);
    expect(lstatSync(file).isFIFO()).toBe(true);
  });

  it('a socket as the file: refused for what it is, not for failing to open', async () => {
    mkdirSync(dir, { mode: 0o700 });
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(file, resolve));
    try {
      expect(await failure(store().read('default'))).toEqual(refused(`the config file ${file} is not a regular file`));
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('a linked folder, before any lock file goes in', async () => {
    const real = join(root, 'real');
    mkdirSync(real, { mode: 0o700 });
    symlinkSync(real, dir);
    const expected = refused(`the config folder ${dir} is a symbolic link; vpcsvc does not follow links`);
    expect(await failure(store().read('default'))).toEqual(expected);
    expect(await failure(store().write('default', { token: 't' }))).toEqual(expected);
    expect(readdirSync(real)).toEqual([]);
  });

  it('a dangling link as the folder', async () => {
    symlinkSync(join(root, 'nowhere'), dir);
    const expected = refused(`the config folder ${dir} is a symbolic link; vpcsvc does not follow links`);
    expect(await failure(store().read('default'))).toEqual(expected);
    expect(await failure(store().write('default', { token: 't' }))).toEqual(expected);
    expect(existsSync(join(root, 'nowhere'))).toBe(false);
  });

  it('a file as the folder', async () => {
    writeFileSync(dir, 'x');
    const expected = refused(`the config folder ${dir} is not a folder`);
    expect(await failure(store().read('default'))).toEqual(expected);
    expect(await failure(store().write('default', { token: 't' }))).toEqual(expected);
    expect(readFileSync(dir, 'utf8')).toBe('x');
  });

  it('a folder that cannot be looked at names it and the reason', async () => {
    writeFileSync(join(root, 'plain'), 'x');
    dir = join(root, 'plain', 'vpcsvc');
    const expected = fsFailed(`${dir} cannot be used (ENOTDIR)`);
    expect(await failure(store().read('default'))).toEqual(expected);
    expect(await failure(store().write('default', { token: 't' }))).toEqual(expected);
  });

  it('a file swapped for a link after it was looked at: refused by the open itself', async () => {
    seed('{}');
    const target = join(root, 'elsewhere.json');
    writeFileSync(target, json({ profiles: { default: { token: SECRET } } }));
    fsHook.before = (c) => {
      if (c.fn === 'openSync' && c.args[0] === file) {
        unlinkSync(file);
        symlinkSync(target, file);
        fsHook.before = undefined;
      }
    };
    expect(await failure(store().read('default'))).toEqual(refused(`the config file ${file} is a symbolic link; vpcsvc does not follow links`));
  });

  it('a file swapped for a folder after it was looked at: refused once open', async () => {
    seed('{}');
    fsHook.before = (c) => {
      if (c.fn === 'openSync' && c.args[0] === file) {
        unlinkSync(file);
        mkdirSync(file);
        fsHook.before = undefined;
      }
    };
    expect(await failure(store().read('default'))).toEqual(refused(`the config file ${file} is not a regular file`));
  });
});

describe('owners and modes', () => {
  it('a folder of another user (as this host sees it) is refused before its file is read', async () => {
    seed('{}');
    const owner = statSync(dir).uid;
    const expected = refused(`${dir} belongs to another user (uid ${owner}); vpcsvc uses only its own config`);
    expect(await failure(store({ uid: () => owner + 1 }).read('default'))).toEqual(expected);
    expect(await failure(store({ uid: () => owner + 1 }).write('default', { token: 't' }))).toEqual(expected);
    expect(readFileSync(file, 'utf8')).toBe('{}');
  });

  // Only root can give a file to another user.
  it.runIf(process.getuid?.() === 0)('a file or folder really owned by another user is refused and left as it is', async () => {
    const content = json({ profiles: { default: { token: SECRET } } });
    seed(content);
    chownSync(file, 65534, 65534);
    const expected = refused(`${file} belongs to another user (uid 65534); vpcsvc uses only its own config`);
    expect(await failure(store().read('default'))).toEqual(expected);
    expect(await failure(store().write('x', { token: 't' }))).toEqual(expected);
    expect(await failure(store().remove('default'))).toEqual(expected);
    expect([readFileSync(file, 'utf8'), statSync(file).uid, readdirSync(dir)]).toEqual([content, 65534, ['config.json']]);
    chownSync(file, 0, 0);
    chownSync(dir, 65534, 65534);
    expect(await failure(store().read('default'))).toEqual(refused(`${dir} belongs to another user (uid 65534); vpcsvc uses only its own config`));
  });

  it('without user ids (Windows), or on a host without them, owners and modes are not looked at', async () => {
    seed(json({ profiles: { default: { token: 't' } } }), 0o644);
    chmodSync(dir, 0o755);
    const owner = statSync(dir).uid;
    expect(plain(await store({ platform: 'win32', uid: () => owner + 1 }).read('default'))).toEqual({ token: 't' });
    expect(plain(await store({ uid: () => undefined }).read('default'))).toEqual({ token: 't' });
    expect([warnings, mode(dir), mode(file)]).toEqual([[], 0o755, 0o644]);
  });

  it('by default, a process without getuid (Windows) looks at neither', async () => {
    seed(json({ profiles: { default: { token: 't' } } }), 0o644);
    const getuid = process.getuid;
    (process as { getuid?: unknown }).getuid = undefined;
    try {
      expect(plain(await store().read('default'))).toEqual({ token: 't' });
    } finally {
      process.getuid = getuid;
    }
    expect([warnings, mode(file)]).toEqual([[], 0o644]);
  });

  it('ours but open to others: repaired on any read, one warning each, once', async () => {
    seed(json({ profiles: { default: { token: 't' } } }), 0o644);
    chmodSync(dir, 0o755);
    expect(plain(await store().read('default'))).toEqual({ token: 't' });
    expect(warnings).toEqual([`${dir} was readable by others (mode 755); set it to 700`, `${file} was readable by others (mode 644); set it to 600`]);
    expect([mode(dir), mode(file)]).toEqual([0o700, 0o600]);
    await store().read('default');
    expect(warnings).toHaveLength(2);
  });

  it.each<[number, number, string[]]>([
    [0o700, 0o600, []],
    [0o700, 0o400, []],
    [0o700, 0o700, []],
    [0o700, 0o640, ['FILE was readable by others (mode 640); set it to 600']],
    [0o700, 0o604, ['FILE was readable by others (mode 604); set it to 600']],
    [0o700, 0o620, ['FILE was writable by others (mode 620); set it to 600']],
    [0o700, 0o602, ['FILE was writable by others (mode 602); set it to 600']],
    [0o730, 0o600, ['DIR was writable by others (mode 730); set it to 700']],
    [0o705, 0o666, ['DIR was readable by others (mode 705); set it to 700', 'FILE was readable by others (mode 666); set it to 600']],
  ])('folder %o, file %o', async (dirMode, fileMode, expected) => {
    seed('{}', fileMode);
    chmodSync(dir, dirMode);
    await store().read('default');
    expect(warnings).toEqual(expected.map((w) => w.replace('DIR', dir).replace('FILE', file)));
    expect([mode(dir), mode(file)]).toEqual([expected.some((w) => w.startsWith('DIR')) ? 0o700 : dirMode, expected.some((w) => w.startsWith('FILE')) ? 0o600 : fileMode]);
  });

  it('a write repairs the folder once and leaves a 0600 file', async () => {
    mkdirSync(dir, { mode: 0o755 });
    chmodSync(dir, 0o755);
    await store().write('default', { token: 't' });
    expect(warnings).toEqual([`${dir} was readable by others (mode 755); set it to 700`]);
    expect([mode(dir), mode(file)]).toEqual([0o700, 0o600]);
  });
});

describe('writing', () => {
  it('makes the folders 0700 and a 0600 file, and nothing else', async () => {
    dir = join(root, 'a', 'b', 'vpcsvc');
    file = join(dir, 'config.json');
    await store().write('default', { token: SECRET, account_id: 'a1' });
    expect(readFileSync(file, 'utf8')).toBe(`{\n\t"profiles": {\n\t\t"default": {\n\t\t\t"token": "${SECRET}",\n\t\t\t"account_id": "a1"\n\t\t}\n\t}\n}\n`);
    expect([mode(join(root, 'a')), mode(dir), mode(file), readdirSync(dir), warnings]).toEqual([0o700, 0o700, 0o600, ['config.json'], []]);
  });

  it('adds to what is there, keeps other top-level fields, replaces a profile of the same name', async () => {
    seed(JSON.stringify({ first: 1, profiles: { a: { token: 'ta' }, b: { token: 'tb' } }, last: { x: [1] } }));
    // Held open so the old file's inode cannot be handed to a new file while the test runs:
    // without that, the second write's temp file may get it back and the check below would fail.
    const old = openSync(file, 'r');
    const ino = fstatSync(old).ino;
    try {
      await store().write('c', { token: 'tc' });
      await store().write('a', { key: 'k', email: 'e' });
      expect(readFileSync(file, 'utf8')).toBe(json({ first: 1, profiles: { a: { key: 'k', email: 'e' }, b: { token: 'tb' }, c: { token: 'tc' } }, last: { x: [1] } }));
      // A new file renamed over the old one, never the old one rewritten in place.
      expect(statSync(file).ino).not.toBe(ino);
      expect(readFileSync(old, 'utf8')).toBe(JSON.stringify({ first: 1, profiles: { a: { token: 'ta' }, b: { token: 'tb' } }, last: { x: [1] } }));
    } finally {
      closeSync(old);
    }
    expect([mode(file), readdirSync(dir)]).toEqual([0o600, ['config.json']]);
  });

  it('a profile named like an Object.prototype member is stored as data', async () => {
    await store().write('__proto__', { token: 'p' });
    await store().write('toString', { token: 's' });
    expect(readFileSync(file, 'utf8')).toBe(json(JSON.parse('{"profiles": {"__proto__": {"token": "p"}, "toString": {"token": "s"}}}')));
    expect(plain(await store().read('__proto__'))).toEqual({ token: 'p' });
  });

  it('writes a fresh file beside the config: never following a link, 0600, named for this process', async () => {
    const opened: unknown[][] = [];
    const renamed: unknown[][] = [];
    fsHook.before = (c) => {
      if (c.fn === 'openSync') opened.push(c.args);
      if (c.fn === 'renameSync') renamed.push(c.args);
    };
    await store({ pid: 4242 }).write('default', { token: 't' });
    const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;
    const tmp = opened[1]?.[0] as string;
    expect(tmp.startsWith(join(dir, '.config.json.4242.'))).toBe(true);
    expect(tmp.slice(join(dir, '.config.json.4242.').length)).toMatch(/^[0-9a-z]+\.tmp$/);
    expect(opened).toEqual([
      [lock, flags, 0o600],
      [tmp, flags, 0o600],
    ]);
    expect(renamed).toEqual([[tmp, file]]);
  });

  it.each<[string, (c: FsCall, n: number) => boolean, string]>([
    ['the rename', (c) => c.fn === 'renameSync' && String(c.args[0]).endsWith('.tmp'), 'EXDEV'],
    // The first write is the lock's pid and token, the second the fresh file.
    ['the write', (c, n) => c.fn === 'writeSync' && n === 2, 'ENOSPC'],
    ['the open', (c) => c.fn === 'openSync' && String(c.args[0]).endsWith('.tmp'), 'EMFILE'],
  ])('when %s of the fresh file fails: an error naming the file, the old file kept, nothing left behind', async (_step, failing, code) => {
    const content = json({ profiles: { a: { token: 'ta' } } });
    seed(content);
    let writes = 0;
    fsHook.before = (c) => {
      if (c.fn === 'writeSync') writes++;
      if (failing(c, writes)) throw fault(code);
    };
    const before = openFds();
    expect(await failure(store().write('b', { token: 'tb' }))).toEqual(fsFailed(`${file} cannot be used (${code})`));
    expect([readFileSync(file, 'utf8'), readdirSync(dir), openFds()]).toEqual([content, ['config.json'], before]);
  });
});

describe('removing', () => {
  it('removes only that profile, rewriting the file 0600', async () => {
    seed(JSON.stringify({ profiles: { a: { token: 'ta' }, b: { token: 'tb' } }, other: true }), 0o600);
    expect(await store().remove('a')).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(json({ profiles: { b: { token: 'tb' } }, other: true }));
    expect(await store().remove('b')).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(json({ profiles: {}, other: true }));
    expect([mode(file), readdirSync(dir)]).toEqual([0o600, ['config.json']]);
  });

  it('a profile that is not there: false, the file not rewritten and no lock waited for', async () => {
    const content = JSON.stringify({ profiles: { a: { token: 'ta' } } });
    seed(content);
    writeFileSync(lock, '1\n');
    const ino = statSync(file).ino;
    const s = store({ sleep: async () => expect.unreachable('no lock is needed') });
    expect(await s.remove('b')).toBe(false);
    expect([readFileSync(file, 'utf8'), statSync(file).ino, readFileSync(lock, 'utf8')]).toEqual([content, ino, '1\n']);
  });

  it('a profile removed by another run while this one waited for the lock: false, nothing rewritten', async () => {
    seed(JSON.stringify({ profiles: { a: { token: 'ta' } } }));
    writeFileSync(lock, '1\n');
    const now = statSync(lock).mtimeMs;
    const s = store({
      now: () => now,
      sleep: async () => {
        writeFileSync(file, '{"profiles": {}}');
        unlinkSync(lock);
      },
    });
    const ino = statSync(file).ino;
    expect(await s.remove('a')).toBe(false);
    expect([readFileSync(file, 'utf8'), statSync(file).ino, readdirSync(dir)]).toEqual(['{"profiles": {}}', ino, ['config.json']]);
  });

  it('the file removed by another run while this one waited: false', async () => {
    seed(JSON.stringify({ profiles: { a: { token: 'ta' } } }));
    writeFileSync(lock, '1\n');
    const now = statSync(lock).mtimeMs;
    const s = store({
      now: () => now,
      sleep: async () => {
        unlinkSync(file);
        unlinkSync(lock);
      },
    });
    expect(await s.remove('a')).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('the lock', () => {
  /** A config, and a lock file with this content and modification time (ms, whole seconds). */
  const T = 1_700_000_000_000;
  function locked(content: string, mtimeMs = T) {
    seed(json({ profiles: { a: { token: 'ta' } } }));
    writeFileSync(lock, content);
    utimesSync(lock, mtimeMs / 1000, mtimeMs / 1000);
  }

  /** A host whose clock stands at `at` and whose waits are recorded and end with `onSleep`. */
  function host(at: number, onSleep: (n: number) => void = () => unlinkSync(lock), pid = 999_999_999) {
    const clock = { t: at, sleeps: [] as number[] };
    const h: Partial<StoreHost> = {
      pid,
      now: () => clock.t,
      sleep: async (ms) => {
        clock.sleeps.push(ms);
        // A store that never stops waiting must fail the test, not spin in microtasks forever.
        if (clock.sleeps.length > 100) throw new Error('still waiting after 100 waits');
        onSleep(clock.sleeps.length);
      },
    };
    return { clock, h };
  }

  const written = () => Object.keys((JSON.parse(readFileSync(file, 'utf8')) as { profiles: object }).profiles);

  it('is held while the file is read and written, holds our pid, is 0600, and is gone after', async () => {
    seed(json({ profiles: {} }), 0o644);
    let seen: unknown;
    const s = new ProfileStore({ VPCSVC_CONFIG_DIR: dir }, () => {
      seen = [readFileSync(lock, 'utf8'), mode(lock)];
    }, { pid: 4242 });
    await s.write('a', { token: 't' });
    expect(seen).toEqual([expect.stringMatching(/^4242\n[0-9a-f]{32}\n$/), 0o600]);
    expect(readdirSync(dir)).toEqual(['config.json']);
  });

  it('one taken over by another run meanwhile is theirs: left in place', async () => {
    seed(json({ profiles: {} }), 0o644);
    const s = new ProfileStore({ VPCSVC_CONFIG_DIR: dir }, () => replace(lock, 'theirs\n'));
    await s.write('a', { token: 't' });
    expect(readFileSync(lock, 'utf8')).toBe('theirs\n');
    expect(written()).toEqual(['a']);
  });

  it('a fresh lock of a running process is waited for, a random 10 to 49 ms at a time', async () => {
    locked('1\n');
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    const { clock, h } = host(T, (n) => n === 2 && unlinkSync(lock));
    await store(h).write('b', { token: 'tb' });
    expect(clock.sleeps).toEqual([30, 30]);
    expect(written()).toEqual(['a', 'b']);
    expect(readdirSync(dir)).toEqual(['config.json']);
    vi.spyOn(Math, 'random').mockReturnValue(0.999);
    locked('1\n');
    const other = host(T);
    await store(other.h).write('c', { token: 'tc' });
    expect(other.clock.sleeps).toEqual([49]);
  });

  it('after 30 s of waiting, gives up: nothing changed and the lock left alone', async () => {
    locked('1\n');
    const content = readFileSync(file, 'utf8');
    // The other run keeps its lock fresh: each wait moves the clock and the lock's time on.
    const { clock, h } = host(T, () => {
      clock.t += 15_000;
      utimesSync(lock, clock.t / 1000, clock.t / 1000);
    });
    expect(await failure(store(h).write('b', { token: 'tb' }))).toEqual({
      message: `the config file ${file} stayed locked by another vpcsvc for 30 s; nothing was changed`,
      problems: [],
      hints: [`if no other vpcsvc is running, remove ${lock}`],
    });
    // Waited at T, T+15 s and T+30 s (not yet over), gave up at T+45 s.
    expect(clock.sleeps).toHaveLength(3);
    expect([readFileSync(file, 'utf8'), readFileSync(lock, 'utf8')]).toEqual([content, '1\n']);
  });

  it('older than 10 s, even of a running process: taken over at once, nothing left behind', async () => {
    locked('1\n');
    const { clock, h } = host(T + 10_001);
    await store(h).write('b', { token: 'tb' });
    expect([clock.sleeps, written(), readdirSync(dir)]).toEqual([[], ['a', 'b'], ['config.json']]);
  });

  it('exactly 10 s old: still waited for', async () => {
    locked('1\n');
    const { clock, h } = host(T + 10_000);
    await store(h).write('b', { token: 'tb' });
    expect(clock.sleeps).toHaveLength(1);
  });

  it('with the real clock, a lock a minute old is taken over', async () => {
    locked('1\n', Math.floor(Date.now() / 1000) * 1000 - 60_000);
    await store().write('b', { token: 'tb' });
    expect([written(), readdirSync(dir)]).toEqual([['a', 'b'], ['config.json']]);
  });

  it('fresh, of a process that is gone: taken over at once', async () => {
    const dead = deadPid();
    locked(`${dead}\n`);
    const { clock, h } = host(T);
    await store(h).write('b', { token: 'tb' });
    expect([clock.sleeps, written(), readdirSync(dir)]).toEqual([[], ['a', 'b'], ['config.json']]);
  });

  it('fresh, of a process running as another user (EPERM): waited for', async () => {
    locked('1\n');
    vi.spyOn(process, 'kill').mockImplementation(() => {
      throw fault('EPERM');
    });
    const { clock, h } = host(T);
    await store(h).write('b', { token: 'tb' });
    expect(clock.sleeps).toHaveLength(1);
  });

  it('fresh, holding our own pid: ours in another call, waited for even if no such process runs', async () => {
    const dead = deadPid();
    locked(`${dead}\n`);
    const { clock, h } = host(T, undefined, dead);
    await store(h).write('b', { token: 'tb' });
    expect(clock.sleeps).toHaveLength(1);
  });

  it.each([
    ['empty (its pid not written yet)', () => ''],
    ['a pid without its newline', (pid: number) => `${pid}`],
    ['text before the pid', (pid: number) => `x${pid}\n`],
    ['text after the pid', (pid: number) => `${pid}\nx`],
    ['a pid with spaces', (pid: number) => ` ${pid}\n`],
  ])('fresh, %s: waited for, never judged by a pid read from it', async (_name, content) => {
    locked(content(deadPid()));
    const { clock, h } = host(T);
    await store(h).write('b', { token: 'tb' });
    expect(clock.sleeps).toHaveLength(1);
  });

  it('fresh, not a file: waited for', async () => {
    seed(json({ profiles: {} }));
    mkdirSync(lock);
    const { clock, h } = host(statSync(lock).mtimeMs, () => rmSync(lock, { recursive: true }));
    await store(h).write('b', { token: 'tb' });
    expect(clock.sleeps).toHaveLength(1);
  });

  it('older than 10 s but not a file: never taken over (vpcsvc makes only files), waited for until the 30 s are up', async () => {
    seed(json({ profiles: {} }));
    mkdirSync(lock);
    const { clock, h } = host(T + 60_000, () => {
      clock.t += 15_000;
    });
    expect((await failure(store(h).write('b', { token: 'tb' }))).message).toBe(`the config file ${file} stayed locked by another vpcsvc for 30 s; nothing was changed`);
    expect([clock.sleeps.length, statSync(lock).isDirectory(), readdirSync(dir).sort()]).toEqual([3, true, ['config.json', 'config.json.lock']]);
  });

  it('older than 10 s but a FIFO: never opened (a read would wait for a writer forever), waited for', async () => {
    seed(json({ profiles: {} }));
    execFileSync('mkfifo', [lock]);
    const { clock, h } = host(T + 60_000, () => {
      clock.t += 15_000;
    });
    expect((await failure(store(h).write('b', { token: 'tb' }))).message).toBe(`the config file ${file} stayed locked by another vpcsvc for 30 s; nothing was changed`);
    expect(lstatSync(lock).isFIFO()).toBe(true);
  });

  it('a stale lock that cannot be set aside (not because it is gone): waited for, never tried again in a busy loop', async () => {
    const dead = deadPid();
    locked(`${dead}\n`);
    fsHook.before = (c) => {
      if (c.fn === 'renameSync' && c.args[0] === lock) throw fault('EACCES');
    };
    const { clock, h } = host(T, () => {
      clock.t += 15_000;
    });
    expect((await failure(store(h).write('b', { token: 'tb' }))).message).toBe(`the config file ${file} stayed locked by another vpcsvc for 30 s; nothing was changed`);
    expect([clock.sleeps.length, readFileSync(lock, 'utf8')]).toEqual([3, `${dead}\n`]);
  });

  it('is set aside under our pid, then removed', async () => {
    locked(`${deadPid()}\n`);
    const renamed: unknown[][] = [];
    fsHook.before = (c) => {
      if (c.fn === 'renameSync') renamed.push(c.args);
    };
    await store(host(T, undefined, 4242).h).write('b', { token: 'tb' });
    expect(renamed[0]).toEqual([lock, `${lock}.4242.stale`]);
    expect(readdirSync(dir)).toEqual(['config.json']);
  });

  it('gone between the failed create and the look at it: tried again at once', async () => {
    seed(json({ profiles: {} }));
    let once = true;
    fsHook.before = (c) => {
      if (c.fn === 'openSync' && c.args[0] === lock && once) {
        once = false;
        throw fault('EEXIST');
      }
    };
    const { clock, h } = host(T);
    await store(h).write('b', { token: 'tb' });
    expect([clock.sleeps, written()]).toEqual([[], ['b']]);
  });

  it('that cannot be looked at: waited for, not taken over', async () => {
    locked(`${deadPid()}\n`);
    let once = true;
    fsHook.before = (c) => {
      if (c.fn === 'lstatSync' && c.args[0] === lock && once) {
        once = false;
        throw fault('EIO');
      }
    };
    const { clock, h } = host(T, () => {});
    await store(h).write('b', { token: 'tb' });
    expect([clock.sleeps.length, written()]).toEqual([1, ['a', 'b']]);
  });

  it('set aside and removed by another run first: tried again at once, nothing else touched', async () => {
    locked(`${deadPid()}\n`);
    // A leftover under our name from before: not the lock, so never put back as one.
    writeFileSync(`${lock}.4242.stale`, 'old');
    fsHook.before = (c) => {
      if (c.fn === 'renameSync' && c.args[0] === lock) {
        fsHook.before = undefined;
        unlinkSync(lock);
        throw fault('ENOENT');
      }
    };
    const { clock, h } = host(T, undefined, 4242);
    await store(h).write('b', { token: 'tb' });
    expect([clock.sleeps, written(), readFileSync(`${lock}.4242.stale`, 'utf8')]).toEqual([[], ['a', 'b'], 'old']);
  });

  // Inode numbers are handed out again as soon as a file is gone (CI saw it happen), so a lock is
  // known by its content, which holds a random token, as well as by its inode. Rewriting the lock
  // in place stands in for a new lock that got the old one's inode.
  it.each<[string, () => void, () => void]>([
    ['a new file', () => locked(`${deadPid()}\n`), () => replace(lock, '1\n')],
    ['the same inode with another content', () => locked(`${deadPid()}\n`), () => writeFileSync(lock, '1\n')],
    [
      'a new file of the same content (an old lock of pid 1, a fresh one of pid 1 again)',
      () => locked('1\n', T - 20_000),
      () => {
        replace(lock, '1\n');
        utimesSync(lock, T / 1000, T / 1000);
      },
    ],
  ])('a stale lock replaced between the look and the setting aside by %s: the fresh one is put back', async (_, seedLock, swap) => {
    seedLock();
    let lockAtWait: string | undefined;
    let once = true;
    fsHook.before = (c) => {
      if (c.fn === 'renameSync' && c.args[0] === lock && once) {
        once = false;
        swap();
      }
    };
    const { clock, h } = host(T, () => {
      lockAtWait = readFileSync(lock, 'utf8');
      unlinkSync(lock);
    });
    await store(h).write('b', { token: 'tb' });
    expect([clock.sleeps.length, lockAtWait, readdirSync(dir)]).toEqual([1, '1\n', ['config.json']]);
  });

  it('taken over while held by a run whose lock got the same inode: theirs, left in place', async () => {
    seed(json({ profiles: {} }), 0o644);
    const s = new ProfileStore({ VPCSVC_CONFIG_DIR: dir }, () => writeFileSync(lock, '7\n'));
    await s.write('a', { token: 't' });
    expect([readFileSync(lock, 'utf8'), written()]).toEqual(['7\n', ['a']]);
  });

  it('holds our pid and a random token, new for every lock', async () => {
    seed(json({ profiles: {} }), 0o644);
    const seen: string[] = [];
    const s = new ProfileStore({ VPCSVC_CONFIG_DIR: dir }, () => seen.push(readFileSync(lock, 'utf8')), { pid: 4242 });
    await s.write('a', { token: 't' });
    chmodSync(file, 0o644);
    await s.write('b', { token: 't' });
    expect(seen).toHaveLength(2);
    for (const l of seen) expect(l).toMatch(/^4242\n[0-9a-f]{32}\n$/);
    expect(seen[0]).not.toBe(seen[1]);
    expect(readdirSync(dir)).toEqual(['config.json']);
  });

  it('a lock of this format whose pid is gone is taken over; the token never counts as a pid', async () => {
    locked(`${deadPid()}\n0123456789abcdef0123456789abcdef\n`);
    const { clock, h } = host(T);
    await store(h).write('b', { token: 'tb' });
    expect([clock.sleeps, written(), readdirSync(dir)]).toEqual([[], ['a', 'b'], ['config.json']]);
    locked('1\n0123456789abcdef0123456789abcdef\n');
    const alive = host(T);
    await store(alive.h).write('c', { token: 'tc' });
    expect(alive.clock.sleeps).toHaveLength(1);
  });

  it('a lock that cannot be made for another reason is an error naming it', async () => {
    const content = json({ profiles: {} });
    seed(content);
    fsHook.before = (c) => {
      if (c.fn === 'openSync' && c.args[0] === lock) throw fault('EIO');
    };
    expect(await failure(store().write('b', { token: 'tb' }))).toEqual(fsFailed(`${lock} cannot be used (EIO)`));
    expect([readFileSync(file, 'utf8'), readdirSync(dir)]).toEqual([content, ['config.json']]);
  });
});

describe('fs failures name the path and the reason, never the content', () => {
  it.each<[string, unknown, string]>([
    ['with a code', fault('EACCES'), 'FILE cannot be used (EACCES)'],
    ['without a code', fault(undefined), 'FILE cannot be used'],
    ['with a code that is not a string', fault(5), 'FILE cannot be used'],
    ['not an object', 'boom', 'FILE cannot be used'],
    ['null', null, 'FILE cannot be used'],
  ])('opening the file fails %s', async (_name, thrown, message) => {
    seed(json({ profiles: { default: { token: SECRET } } }));
    fsHook.before = (c) => {
      if (c.fn === 'openSync' && c.args[0] === file) throw thrown;
    };
    expect(await failure(store().read('default'))).toEqual(fsFailed(message.replace('FILE', file)));
  });

  it('reading the open file fails', async () => {
    seed(json({ profiles: { default: { token: SECRET } } }));
    fsHook.before = (c) => {
      if (c.fn === 'readFileSync' && typeof c.args[0] === 'number') throw fault('EIO');
    };
    expect(await failure(store().read('default'))).toEqual(fsFailed(`${file} cannot be used (EIO)`));
  });

  it('making the folder fails for a reason the folder does not show', async () => {
    fsHook.before = (c) => {
      if (c.fn === 'mkdirSync') throw fault('EACCES');
    };
    expect(await failure(store().write('default', { token: 't' }))).toEqual(fsFailed(`${dir} cannot be used (EACCES)`));
  });
});
