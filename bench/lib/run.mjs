import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MAX_RSS = fileURLToPath(new URL('./max-rss.mjs', import.meta.url));

/** Runs a command to completion; resolves with wall time (ms), exit code and, if asked, peak RSS. */
export function run(node, args, { env = {}, stdout = 'ignore', rss = false } = {}) {
  const rssFile = rss ? join(mkdtempSync(join(tmpdir(), 'vpcsvc-rss-')), 'rss') : undefined;
  const fullArgs = rss ? [MAX_RSS, ...args] : args;
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(node, fullArgs, {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env, ...(rssFile && { MAX_RSS_OUT: rssFile }) },
      stdio: ['ignore', stdout, 'pipe'],
    });
    // A pipe nobody reads fills up and stalls the child; drain it.
    child.stdout?.resume();
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      resolve({ ms, code, stderr, rss: rssFile ? Number(readFileSync(rssFile, 'utf8')) : undefined });
    });
  });
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
