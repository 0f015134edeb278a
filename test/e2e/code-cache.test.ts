import { chownSync, existsSync, lchownSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync, chmodSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../support/run-cli';

// The bin keeps a V8 code cache of dist/cli.cjs. It must live only in the user's own cache folder
// and never trust or overwrite what another user put there: a cache V8 accepts is code it runs.

const BUNDLE = fileURLToPath(new URL('../../dist/cli.cjs', import.meta.url));
const NOBODY = 65534;
const isRoot = process.getuid?.() === 0;
const posix = process.platform !== 'win32';

/** Runs `vpcsvc --help` with its cache under `xdg` and temp files under a fresh TMPDIR. */
async function help(xdg: string, tmp = tempDir()) {
  const r = await runCli(['--help'], undefined, { env: { XDG_CACHE_HOME: xdg, TMPDIR: tmp } });
  return { ...r, tmp };
}

const expectedHelp = async () => (await runCli(['--help'], undefined, { env: { XDG_CACHE_HOME: tempDir() } })).stdout;

/** The cache file name a run picks, learnt from a run in a scratch folder. */
async function cacheName(): Promise<string> {
  const xdg = tempDir();
  await help(xdg);
  const files = readdirSync(join(xdg, 'vpcsvc'));
  expect(files).toHaveLength(1);
  return files[0]!;
}

/**
 * A code cache that V8 accepts for the bundle (same source length) but that was built from another
 * script, which writes `marker` when run: what an attacker would plant.
 */
async function hostileCache(marker: string): Promise<Buffer> {
  const program = `
    const Module = require('node:module');
    const vm = require('node:vm');
    const fs = require('node:fs');
    const length = Module.wrap(fs.readFileSync(${JSON.stringify(BUNDLE)}, 'utf8')).length;
    let evil = '(function (exports, require) { require("node:fs").writeFileSync(' + JSON.stringify(${JSON.stringify(marker)}) + ', "pwned"); })';
    evil += ' '.repeat(length - evil.length);
    const script = new vm.Script(evil, { filename: ${JSON.stringify(BUNDLE)} });
    process.stdout.write(script.createCachedData().toString('base64'));
  `;
  const r = await execa(process.execPath, ['-e', program]);
  return Buffer.from(r.stdout, 'base64');
}

describe.skipIf(!posix)('code cache', () => {
  it('lands in $XDG_CACHE_HOME/vpcsvc (folder 0700, file 0600, owned by the user), nothing in the temp folder', async () => {
    const xdg = tempDir();
    const first = await help(xdg);
    expect(first.exitCode).toBe(0);
    const dir = join(xdg, 'vpcsvc');
    const d = lstatSync(dir);
    expect(d.isDirectory()).toBe(true);
    expect(d.mode & 0o777).toBe(0o700);
    expect(d.uid).toBe(process.getuid!());
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^cli-[0-9a-f]{64}-v\d+\.\d+\.\d+-\w+\.bin$/);
    const f = lstatSync(join(dir, files[0]!));
    expect(f.isFile()).toBe(true);
    expect(f.mode & 0o777).toBe(0o600);
    expect(f.uid).toBe(process.getuid!());
    expect(readdirSync(first.tmp)).toEqual([]);
    // The second run reads the cache, prints the same, and leaves the temp folder alone too.
    const second = await help(xdg);
    expect(second.exitCode).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    expect(readdirSync(second.tmp)).toEqual([]);
    expect(readdirSync(dir)).toEqual(files);
  });

  it('~/.cache/vpcsvc when XDG_CACHE_HOME is not set', async () => {
    const home = tempDir();
    const r = await runCli(['--help'], undefined, { env: { HOME: home, XDG_CACHE_HOME: undefined } });
    expect(r.exitCode).toBe(0);
    expect(readdirSync(join(home, '.cache', 'vpcsvc'))).toHaveLength(1);
  });

  it('a damaged cache of the user own is refused by V8 and rewritten', async () => {
    const name = await cacheName();
    const xdg = tempDir();
    mkdirSync(join(xdg, 'vpcsvc'), { mode: 0o700 });
    writeFileSync(join(xdg, 'vpcsvc', name), 'garbage', { mode: 0o600 });
    const r = await help(xdg);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(await expectedHelp());
    expect(readFileSync(join(xdg, 'vpcsvc', name)).length).toBeGreaterThan(1000);
  });
});

describe.skipIf(!posix)('code cache planted by another user', () => {
  const why = 'needs root, to make files owned by another user (nobody)';

  it.skipIf(!isRoot)(`a cache file owned by another user is neither run nor overwritten (${why})`, async () => {
    const name = await cacheName();
    const xdg = tempDir();
    const dir = join(xdg, 'vpcsvc');
    mkdirSync(dir, { mode: 0o700 });
    const marker = join(tempDir(), 'pwned');
    const evil = await hostileCache(marker);
    const planted = join(dir, name);
    writeFileSync(planted, evil, { mode: 0o644 });
    chownSync(planted, NOBODY, NOBODY);
    const r = await help(xdg);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(await expectedHelp());
    expect(existsSync(marker)).toBe(false);
    expect(readFileSync(planted)).toEqual(evil);
    expect(statSync(planted).uid).toBe(NOBODY);
    expect(readdirSync(dir)).toEqual([name]);
  });

  it.skipIf(!isRoot)(`a cache folder owned by another user is not used at all (${why})`, async () => {
    const name = await cacheName();
    const xdg = tempDir();
    const dir = join(xdg, 'vpcsvc');
    chmodSync(xdg, 0o755);
    mkdirSync(dir, { mode: 0o700 });
    chownSync(dir, NOBODY, NOBODY);
    const marker = join(tempDir(), 'pwned');
    const evil = await hostileCache(marker);
    // Planted by the attacker as the attacker, in the attacker's folder.
    await execa('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '-e', `require('fs').writeFileSync(${JSON.stringify(join(dir, name))}, Buffer.from(${JSON.stringify(evil.toString('base64'))}, 'base64'))`]);
    const r = await help(xdg);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(await expectedHelp());
    expect(existsSync(marker)).toBe(false);
    expect(readdirSync(dir)).toEqual([name]);
  });

  it.skipIf(!isRoot)(`root run with another user's HOME (sudo) makes no folder there (${why})`, async () => {
    const home = tempDir();
    chownSync(home, NOBODY, NOBODY);
    const r = await runCli(['--help'], undefined, { env: { HOME: home, XDG_CACHE_HOME: undefined } });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(await expectedHelp());
    expect(readdirSync(home)).toEqual([]);
  });

  it('a cache folder that others may write to is not used at all', async () => {
    const name = await cacheName();
    const xdg = tempDir();
    const dir = join(xdg, 'vpcsvc');
    mkdirSync(dir);
    chmodSync(dir, 0o777);
    const marker = join(tempDir(), 'pwned');
    const evil = await hostileCache(marker);
    writeFileSync(join(dir, name), evil, { mode: 0o600 });
    const r = await help(xdg);
    expect(r.exitCode).toBe(0);
    expect(existsSync(marker)).toBe(false);
    expect(readFileSync(join(dir, name))).toEqual(evil);
    expect(readdirSync(dir)).toEqual([name]);
  });

  it.skipIf(!isRoot)(`a link planted at the cache name is neither followed for reading nor written through (${why})`, async () => {
    const name = await cacheName();
    const xdg = tempDir();
    const dir = join(xdg, 'vpcsvc');
    mkdirSync(dir, { mode: 0o700 });
    // The victim's own root-only file, holding what V8 would accept and run if the link were followed.
    const marker = join(tempDir(), 'pwned');
    const target = join(tempDir(), 'root-only');
    const evil = await hostileCache(marker);
    writeFileSync(target, evil, { mode: 0o600 });
    const link = join(dir, name);
    symlinkSync(target, link);
    lchownSync(link, NOBODY, NOBODY);
    const r = await help(xdg);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(await expectedHelp());
    expect(existsSync(marker)).toBe(false);
    expect(readFileSync(target)).toEqual(evil);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readdirSync(dir)).toEqual([name]);
  });

  it.skipIf(!isRoot)(`a link to a root-only file at the cache name does not get that file written (${why})`, async () => {
    const name = await cacheName();
    const xdg = tempDir();
    const dir = join(xdg, 'vpcsvc');
    mkdirSync(dir, { mode: 0o700 });
    const target = join(tempDir(), 'root-only');
    writeFileSync(target, 'root data\n', { mode: 0o600 });
    symlinkSync(target, join(dir, name));
    lchownSync(join(dir, name), NOBODY, NOBODY);
    const r = await help(xdg);
    expect(r.exitCode).toBe(0);
    expect(readFileSync(target, 'utf8')).toBe('root data\n');
    expect(lstatSync(join(dir, name)).isSymbolicLink()).toBe(true);
  });
});
