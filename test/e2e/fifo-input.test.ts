import { existsSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
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

/**
 * Resolves once the program in the pty has opened its terminal a second time (`-f /dev/tty`): a
 * fourth descriptor on the pty beside stdin, stdout and stderr. Keys typed before the program
 * has the terminal reach no process at all, so a fixed wait is a race on a loaded machine.
 */
async function openedTty(session: PtySession): Promise<number | undefined> {
  const links = (pid: string) => {
    try {
      return readdirSync(`/proc/${pid}/fd`).map((fd) => readlinkSync(`/proc/${pid}/fd/${fd}`));
    } catch {
      return [];
    }
  };
  for (let i = 0; i < 500; i++) {
    const host = session.hostPid;
    let kids: string[] = [];
    try {
      kids = readFileSync(`/proc/${host}/task/${host}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    } catch {
      kids = [];
    }
    const kid = kids.find((k) => links(k).filter((l) => l.startsWith('/dev/pts/')).length > 3);
    if (kid !== undefined) return Number(kid);
    await new Promise((r) => setTimeout(r, 20));
  }
  return undefined;
}

/**
 * Resolves once the process has sat idle in its event loop (epoll wait) for 300 ms: started up,
 * signal handlers in place, waiting on its input. Or after 10 s.
 */
async function idleInEventLoop(pid: number | undefined): Promise<void> {
  let idle = 0;
  for (let i = 0; i < 500 && idle < 15; i++) {
    try {
      idle = readFileSync(`/proc/${pid}/wchan`, 'utf8').includes('epoll') ? idle + 1 : 0;
    } catch {
      idle = 0;
    }
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
      // Opened is not yet waiting: on a loaded machine the read may not be set up when the key
      // comes. Idle in its event loop, it is.
      await idleInEventLoop(await openedTty(session));
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
    // Nothing tells when it starts reading; a signal during start-up, before the program's own
    // handler is in place, would kill it outright. Wait until it idles in its event loop.
    await idleInEventLoop(child.pid);
    child.kill('SIGINT');
    const r = await child;
    expect(r.exitCode).toBe(130);
    expect(String(r.stderr)).toBe('cancelled: nothing was sent');
    expect(fake.requests).toEqual([]);
  });
});
