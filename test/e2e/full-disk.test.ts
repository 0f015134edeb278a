import { existsSync } from 'node:fs';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeCloudflare, TUNNEL } from '../support/fake-api';
import { BIN, cliEnv } from '../support/run-cli';

// Output that cannot be written (stdout on a full disk) is a failure said in one line, exit 1,
// never a stack trace. /dev/full fails every write with ENOSPC.

let fake: FakeCloudflare | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const shq = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

/** Runs vpcsvc through a shell, its stdout redirected to /dev/full. */
const toFullDisk = (args: string[], env: Record<string, string>) =>
  execa('sh', ['-c', `${[process.execPath, BIN, ...args].map(shq).join(' ')} > /dev/full`], { env, extendEnv: false, reject: false });

const ONE_LINE = 'error: cannot write output: no space left on device';

describe.skipIf(!existsSync('/dev/full'))('stdout on a full disk', () => {
  it('list > /dev/full: one line on stderr, exit 1', async () => {
    fake = await FakeCloudflare.start();
    fake.seed([{ name: 'db', type: 'tcp', host: { ipv4: '10.0.0.1', network: { tunnel_id: TUNNEL } }, tcp_port: 5432 }]);
    const r = await toFullDisk(['list'], cliEnv(fake));
    expect(r.stderr).toBe(ONE_LINE);
    expect(r.exitCode).toBe(1);
  });

  it('list --json > /dev/full: one line on stderr, exit 1', async () => {
    fake = await FakeCloudflare.start();
    fake.seed([{ name: 'db', type: 'tcp', host: { ipv4: '10.0.0.1', network: { tunnel_id: TUNNEL } }, tcp_port: 5432 }]);
    const r = await toFullDisk(['list', '--json'], cliEnv(fake));
    expect(r.stderr).toBe(ONE_LINE);
    expect(r.exitCode).toBe(1);
  });

  it('--help > /dev/full: one line on stderr, exit 1', async () => {
    const r = await toFullDisk(['--help'], cliEnv());
    expect(r.stderr).toBe(ONE_LINE);
    expect(r.exitCode).toBe(1);
  });

  it('--version > /dev/full: one line on stderr, exit 1', async () => {
    const r = await toFullDisk(['--version'], cliEnv());
    expect(r.stderr).toBe(ONE_LINE);
    expect(r.exitCode).toBe(1);
  });
});
