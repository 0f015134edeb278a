import { existsSync, readdirSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeCloudflare, TUNNEL } from '../support/fake-api';
import { KEY, PtySession } from '../support/pty';
import { BIN, cliEnv, tempDir } from '../support/run-cli';

// `-f` on a FIFO: waiting for a writer must not keep Ctrl-C from ending the run.

let fake: FakeCloudflare;
afterEach(async () => {
  expect(fake.violations).toEqual([]);
  await fake.close();
});

const def = { name: 'db', type: 'tcp', host: { ipv4: '10.0.0.1', network: { tunnel_id: TUNNEL } }, tcp_port: 5432 };
const hasProc = existsSync('/proc/self/fd');

async function makeFifo(): Promise<string> {
  const path = join(tempDir(), 'defs');
  await execa('mkfifo', [path]);
  return path;
}

/**
 * Resolves once the process holds `path` open (seen in /proc), i.e. it waits on the FIFO; or
 * after 10 s, when it never gets that far (stuck opening it).
 */
async function opened(child: ResultPromise, path: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    const fds = (() => {
      try {
        return readdirSync(`/proc/${child.pid}/fd`).map((fd) => readlinkSync(`/proc/${child.pid}/fd/${fd}`));
      } catch {
        return [];
      }
    })();
    if (fds.includes(path)) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.skipIf(process.platform === 'win32' || !hasProc)('-f on a FIFO', () => {
  it('with no writer, Ctrl-C ends the run: exit 130, nothing sent', async () => {
    fake = await FakeCloudflare.start();
    const fifo = await makeFifo();
    const child = execa(process.execPath, [BIN, 'create', '-f', fifo], { env: cliEnv(fake), extendEnv: false, reject: false, timeout: 20_000 });
    await opened(child, fifo);
    child.kill('SIGINT');
    const r = await child;
    expect(r.exitCode).toBe(130);
    expect(String(r.stderr)).toBe('cancelled: nothing was sent');
    expect(String(r.stdout)).toBe('');
    expect(fake.requests).toEqual([]);
  });

  it('with no writer, SIGTERM ends the run the same way', async () => {
    fake = await FakeCloudflare.start();
    const fifo = await makeFifo();
    const child = execa(process.execPath, [BIN, 'create', '-f', fifo], { env: cliEnv(fake), extendEnv: false, reject: false, timeout: 20_000 });
    await opened(child, fifo);
    child.kill('SIGTERM');
    const r = await child;
    expect(r.exitCode).toBe(130);
    expect(fake.requests).toEqual([]);
  });

  it('a writer that comes later is read to its end', async () => {
    fake = await FakeCloudflare.start();
    const fifo = await makeFifo();
    const child = execa(process.execPath, [BIN, 'create', '-f', fifo, '-q'], { env: cliEnv(fake), extendEnv: false, reject: false, timeout: 20_000 });
    await opened(child, fifo);
    writeFileSync(fifo, JSON.stringify(def));
    const r = await child;
    expect(r.exitCode).toBe(0);
    expect(fake.list()).toHaveLength(1);
    expect(String(r.stdout)).toBe(fake.list()[0]!.service_id);
  });

  it('-f /dev/stdin reads a shell pipe (a FIFO) to its end', async () => {
    fake = await FakeCloudflare.start();
    const r = await execa('sh', ['-c', `printf '%s' "$DEF" | "$NODE" "$BIN" create -f /dev/stdin -q`], {
      env: { ...cliEnv(fake), DEF: JSON.stringify(def), NODE: process.execPath, BIN },
      extendEnv: false,
      reject: false,
    });
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(fake.list()[0]!.service_id);
  });

  it('-f /dev/tty: Ctrl-C at the terminal ends the wait, exit 130', async () => {
    fake = await FakeCloudflare.start();
    const session = new PtySession(['create', '-f', '/dev/tty'], cliEnv(fake));
    try {
      // Nothing is drawn while it waits: give it time to start reading (a Ctrl-C that came first
      // would end it with the same exit code).
      await new Promise((r) => setTimeout(r, 1500));
      await session.type(KEY.ctrlC);
      expect(await session.exit()).toBe(130);
      expect(session.text).toContain('cancelled: nothing was sent');
      expect(fake.requests).toEqual([]);
    } finally {
      session.kill();
    }
  });

  it('-f - with a stdin that never ends: one Ctrl-C ends the run, exit 130', async () => {
    fake = await FakeCloudflare.start();
    const child = execa(process.execPath, [BIN, 'create', '-f', '-'], { env: cliEnv(fake), extendEnv: false, reject: false, stdin: 'pipe', timeout: 20_000 });
    // Nothing tells when it starts reading: give it time (a Ctrl-C that came first ends it the same way).
    await new Promise((r) => setTimeout(r, 1500));
    child.kill('SIGINT');
    const r = await child;
    expect(r.exitCode).toBe(130);
    expect(String(r.stderr)).toBe('cancelled: nothing was sent');
    expect(fake.requests).toEqual([]);
  });
});
