import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, lstatSync, mkdirSync, readFileSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNT, TOKEN } from '../support/fake-api';
import { useFakeApi } from '../support/use-fake';
import { runCli, tempDir } from '../support/run-cli';

/** The config store shares a home with other processes and other users: cli.md section 10. */

const fake = useFakeApi();
let configDir: string;
let file: string;
beforeEach(() => {
  configDir = join(tempDir(), 'vpcsvc');
  file = join(configDir, 'config.json');
});

const bare = (env: Record<string, string | undefined> = {}) => ({ noCredentials: true, env: { VPCSVC_CONFIG_DIR: configDir, ...env } });
const login = (args: string[] = [], input = TOKEN) => runCli(['auth', 'login', '--token-stdin', ...args], fake, { ...bare(), input });
const stored = () => JSON.parse(readFileSync(file, 'utf8')) as { profiles: Record<string, Record<string, string>> };

describe('concurrent logins', () => {
  it('four logins to four profiles at once keep all four, every time', async () => {
    const TRIALS = 10;
    const lost: string[] = [];
    for (let trial = 0; trial < TRIALS; trial++) {
      configDir = join(tempDir(), 'vpcsvc');
      file = join(configDir, 'config.json');
      const runs = await Promise.all([1, 2, 3, 4].map((n) => login(['--profile', `p${n}`])));
      for (const r of runs) expect(r.exitCode, r.stderr).toBe(0);
      const names = Object.keys(stored().profiles).sort();
      if (names.join() !== 'p1,p2,p3,p4') lost.push(`trial ${trial}: ${names.join()}`);
      expect(existsSync(`${file}.lock`)).toBe(false);
    }
    expect(lost).toEqual([]);
  });

  it('a stale lock left by a dead process is taken over', async () => {
    mkdirSync(configDir, { recursive: true, mode: 0o700 });
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    writeFileSync(`${file}.lock`, `${dead}\n`);
    const r = await login();
    expect(r.exitCode, r.stderr).toBe(0);
    expect(Object.keys(stored().profiles)).toEqual(['default']);
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it('a lock older than 10 seconds is taken over even when its pid is alive', async () => {
    mkdirSync(configDir, { recursive: true, mode: 0o700 });
    writeFileSync(`${file}.lock`, `${process.pid}\n`);
    const old = Date.now() / 1000 - 60;
    utimesSync(`${file}.lock`, old, old);
    const r = await login();
    expect(r.exitCode, r.stderr).toBe(0);
    expect(Object.keys(stored().profiles)).toEqual(['default']);
  });
});

describe('files that are not ours to follow', () => {
  it('a symlinked config file is refused, and its target is untouched', async () => {
    mkdirSync(configDir, { recursive: true, mode: 0o700 });
    const target = join(tempDir(), 'elsewhere.json');
    const content = JSON.stringify({ profiles: { other: { token: 'other-token-00000000000000' } } });
    writeFileSync(target, content, { mode: 0o600 });
    symlinkSync(target, file);
    for (const args of [['auth', 'login', '--token-stdin', '--profile', 'x'], ['auth', 'status'], ['auth', 'logout', '--profile', 'other']]) {
      const r = await runCli(args, fake, { ...bare(), input: TOKEN });
      expect(r.exitCode, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(file);
      expect(r.stderr).toContain('symbolic link');
    }
    expect(readFileSync(target, 'utf8')).toBe(content);
    expect(lstatSync(file).isSymbolicLink()).toBe(true);
  });

  it('a symlinked config folder is refused', async () => {
    const real = join(tempDir(), 'real');
    mkdirSync(real, { mode: 0o700 });
    symlinkSync(real, configDir);
    const r = await login();
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(configDir);
    expect(existsSync(join(real, 'config.json'))).toBe(false);
  });

  it('a FIFO as config file does not hang: exit 2 naming it', async () => {
    mkdirSync(configDir, { recursive: true, mode: 0o700 });
    await execa('mkfifo', ['-m', '600', file]);
    for (const args of [['auth', 'status'], ['auth', 'login', '--token-stdin']]) {
      const r = await runCli(args, fake, { ...bare(), input: TOKEN, timeoutMs: 15_000 });
      expect(r.exitCode, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(`${file} is not a regular file`);
    }
    expect(lstatSync(file).isFIFO()).toBe(true);
  });

  // Only root can give a file to another user; elsewhere the check cannot be set up.
  it.runIf(process.getuid?.() === 0)('a config file or folder of another user is refused, and left as it is', async () => {
    mkdirSync(configDir, { recursive: true, mode: 0o700 });
    const content = JSON.stringify({ profiles: { default: { token: TOKEN } } });
    writeFileSync(file, content, { mode: 0o600 });
    chownSync(file, 65534, 65534);
    const r = await login(['--profile', 'x']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`${file} belongs to another user (uid 65534)`);
    expect(readFileSync(file, 'utf8')).toBe(content);
    expect(statSync(file).uid).toBe(65534);
    chownSync(file, 0, 0);
    chownSync(configDir, 65534, 65534);
    const s = await runCli(['auth', 'status'], fake, bare());
    expect(s.exitCode).toBe(2);
    expect(s.stderr).toContain(`${configDir} belongs to another user (uid 65534)`);
  });

  it('a file readable by others is repaired with one warning on any read, not only at login', async () => {
    expect((await login()).exitCode).toBe(0);
    chmodSync(file, 0o644);
    chmodSync(configDir, 0o755);
    const r = await runCli(['auth', 'status'], fake, bare());
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr.split('\n').filter((l) => l.includes('readable by others'))).toEqual([
      `warning: ${configDir} was readable by others (mode 755); set it to 700`,
      `warning: ${file} was readable by others (mode 644); set it to 600`,
    ]);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(configDir).mode & 0o777).toBe(0o700);
    const again = await runCli(['auth', 'status'], fake, bare());
    expect(again.stderr).not.toContain('readable by others');
  });
});

describe('the store itself', () => {
  it('writes no temporary files next to the config', async () => {
    expect((await login()).exitCode).toBe(0);
    expect((await execa('ls', ['-A', configDir])).stdout.split('\n')).toEqual(['config.json']);
  });
});
