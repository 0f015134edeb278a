import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TUNNEL } from '../support/fake-api';
import { useFakeApi } from '../support/use-fake';
import { runInProcess } from '../support/in-process';

// When nothing may be asked, the message says why: on a terminal with --no-input or CI set,
// "there is no terminal" would be false. What the user chose is said first.
const fake = useFakeApi();
const terminal = { stdin: true, stderr: true, stdout: true };
const env = () => ({ VPCSVC_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'no-prompt-')) });

describe('why nothing is asked', () => {
  it.each<[string, { tty?: typeof terminal; env?: Record<string, string> }, string[], string]>([
    ['no terminal', {}, [], 'there is no terminal to ask on'],
    ['--no-input on a terminal', { tty: terminal, env: { NO_COLOR: '1' } }, ['--no-input'], '--no-input was given'],
    ['CI on a terminal', { tty: terminal, env: { CI: 'true', NO_COLOR: '1' } }, [], 'CI is set'],
  ])('%s', async (_, o, extra, why) => {
    const login = await runInProcess(['auth', 'login', ...extra], fake, { tty: o.tty, env: { ...env(), ...o.env } });
    expect([login.exitCode, login.stderr.split('\n')[0]]).toEqual([2, `error: nothing can be asked (${why}): give the secret on stdin`]);

    const [s] = fake.seed([{ name: 'db', type: 'tcp', host: { ipv4: '10.0.0.1', network: { tunnel_id: TUNNEL } }, tcp_port: 5432 }]);
    const del = await runInProcess(['delete', s!.service_id, ...extra], fake, { tty: o.tty, env: o.env });
    expect([del.exitCode, del.stderr]).toEqual([2, `error: deleting needs confirmation: add --yes (${why}); nothing was deleted\n`]);

    const apply = await runInProcess(['apply', '-f', '-', '--prune', ...extra], fake, { tty: { ...o.tty, stdin: false }, env: o.env, input: '[]' });
    expect([apply.exitCode, apply.stderr.split('\n').at(-2)]).toEqual([2, `error: apply would change services: add --yes to confirm (${why}); nothing was sent`]);
  });
});

describe('auth login --email', () => {
  it.each([[''], ['  ']])('--email %j with --key-stdin names --email', async (email) => {
    const r = await runInProcess(['auth', 'login', '--email', email, '--key-stdin'], fake, { env: env(), input: 'k\n' });
    expect([r.exitCode, r.stderr]).toEqual([2, 'error: --email: must be an email address such as you@example.com (got "")\n']);
  });

  it.each([['notanemail'], ['a@'], ['@b'], ['a b@c'], ['a@b c'], ['a@b@c']])('--email %j is refused before anything is read or sent', async (email) => {
    const r = await runInProcess(['auth', 'login', '--email', email, '--key-stdin'], fake, { env: env(), input: 'k\n' });
    expect([r.exitCode, r.stderr, fake.requests.length]).toEqual([2, `error: --email: must be an email address such as you@example.com (got ${JSON.stringify(email)})\n`, 0]);
  });
});
