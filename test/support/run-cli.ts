import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { ACCOUNT, TOKEN, type FakeCloudflare } from './fake-api';

export const BIN = fileURLToPath(new URL('../../bin/vpcsvc.js', import.meta.url));

export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Variables on top of a clean environment (PATH and a temporary HOME only). */
  env?: Record<string, string | undefined>;
  /** Leave out the fake's default credentials and account. */
  noCredentials?: boolean;
  input?: string;
  cwd?: string;
  timeoutMs?: number;
}

/** A fresh, empty folder for config and HOME, so no test sees the real home directory. */
export const tempDir = (prefix = 'vpcsvc-test-'): string => mkdtempSync(join(tmpdir(), prefix));

/**
 * One code-cache folder for every run of this test file: each run has its own HOME, and a run
 * without a cache compiles the whole bundle eagerly to write one.
 */
let codeCache: string | undefined;

/** The clean environment runCli uses, for tests that drive the process themselves. */
export function cliEnv(fake?: FakeCloudflare, o: RunOptions = {}): Record<string, string> {
  const home = tempDir();
  codeCache ??= tempDir('vpcsvc-code-cache-');
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: home, VPCSVC_CONFIG_DIR: join(home, 'config'), XDG_CACHE_HOME: codeCache };
  if (fake) env.CLOUDFLARE_API_BASE_URL = fake.url;
  if (fake && !o.noCredentials) {
    env.CLOUDFLARE_API_TOKEN = TOKEN;
    env.CLOUDFLARE_ACCOUNT_ID = ACCOUNT;
  }
  for (const [k, v] of Object.entries(o.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

/**
 * Runs the built binary with a clean environment pointed at the fake API. Never throws on a
 * non-zero exit; tests assert the exit code.
 */
export async function runCli(args: string[], fake?: FakeCloudflare, o: RunOptions = {}): Promise<CliResult> {
  const r = await execa(process.execPath, [BIN, ...args], {
    env: cliEnv(fake, o),
    extendEnv: false,
    reject: false,
    input: o.input ?? '',
    cwd: o.cwd,
    timeout: o.timeoutMs ?? 30_000,
    stripFinalNewline: false,
  });
  return { exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
}
