import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { TUNNEL } from '../support/fake-api';
import { BIN, cliEnv, tempDir } from '../support/run-cli';
import { useFakeApi } from '../support/use-fake';

const fake = useFakeApi();
const def = JSON.stringify({ name: 'db', type: 'tcp', host: { ipv4: '10.0.0.1', network: { tunnel_id: TUNNEL } }, tcp_port: 5432 });

describe('input files the process cannot open', () => {
  // Root reads anything, so as root the tool runs as nobody.
  const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

  it.each([['create'], ['apply', '--yes']])('%s -f of a file it may not read: one line naming the flag, exit 2, nothing sent', async (verb, ...more) => {
    const d = tempDir();
    chmodSync(d, 0o755);
    const path = join(d, 'defs.json');
    writeFileSync(path, def);
    chmodSync(path, 0o000);
    const env = cliEnv(fake);
    chmodSync(env.HOME!, 0o777);
    const r = await execa(process.execPath, [BIN, verb, '-f', path, ...more], { env, extendEnv: false, reject: false, input: '', ...asUser });
    expect([r.exitCode, r.stdout, r.stderr]).toEqual([2, '', `error: --file ${path}: cannot be read: permission denied (EACCES)`]);
    expect(fake.requests).toEqual([]);
  });

  it('-f /dev/stdin when stdin is a socket (as a parent process gives it): read like -f -', async () => {
    // execa's input reaches the child through a socketpair, which /dev/stdin cannot be opened on.
    const r = await execa(process.execPath, [BIN, 'create', '-f', '/dev/stdin', '--json'], { env: cliEnv(fake), extendEnv: false, reject: false, input: def });
    expect([r.exitCode, r.stderr]).toEqual([0, '']);
    expect(JSON.parse(r.stdout)).toMatchObject({ name: 'db', type: 'tcp' });
    expect(fake.sent('POST')).toHaveLength(1);
  });
});
