import { statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNT, ACCOUNT_2, TOKEN, TUNNEL } from '../support/fake-api';
import { useFakeApi } from '../support/use-fake';
import { runInProcess } from '../support/in-process';
import { tempDir } from '../support/run-cli';

const fake = useFakeApi({
  accounts: [
    { id: ACCOUNT, name: 'One' },
    { id: ACCOUNT_2, name: 'Two' },
  ],
});
let configDir: string;
beforeEach(() => {
  configDir = join(tempDir(), 'vpcsvc');
});
const bare = (env: Record<string, string | undefined> = {}) => ({ noCredentials: true, env: { VPCSVC_CONFIG_DIR: configDir, ...env } });
const createArgs = ['create', 'db', '--type', 'tcp', '--ipv4', '10.0.0.1', '--tunnel', TUNNEL, '--tcp-port', '5432', '-q'];

describe('auth and profiles (in process)', () => {
  it('a fresh login writes the config file 0600 in a 0700 folder', async () => {
    const r = await runInProcess(['auth', 'login', '--token-stdin', '--account', ACCOUNT], fake, { ...bare(), input: TOKEN });
    expect(r.exitCode).toBe(0);
    expect(statSync(configDir).mode & 0o777).toBe(0o700);
    const files = ['config.json'].map((f) => join(configDir, f));
    expect(statSync(files[0]!).mode & 0o777).toBe(0o600);
    expect(r.stdout + r.stderr).not.toContain(TOKEN);
  });

  it('the account comes from the profile while the token comes from the environment', async () => {
    expect((await runInProcess(['auth', 'login', '--token-stdin', '--account', ACCOUNT_2], fake, { ...bare(), input: TOKEN })).exitCode).toBe(0);
    const r = await runInProcess(createArgs, fake, bare({ CLOUDFLARE_API_TOKEN: TOKEN }));
    expect(r.exitCode).toBe(0);
    const post = fake.sent('POST')[0]!;
    expect(post.path).toBe(`/accounts/${ACCOUNT_2}/connectivity/directory/services`);
    expect(post.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('--profile wins over VPCSVC_PROFILE', async () => {
    expect((await runInProcess(['auth', 'login', '--token-stdin', '--account', ACCOUNT, '--profile', 'one'], fake, { ...bare(), input: TOKEN })).exitCode).toBe(0);
    expect((await runInProcess(['auth', 'login', '--token-stdin', '--account', ACCOUNT_2, '--profile', 'two'], fake, { ...bare(), input: TOKEN })).exitCode).toBe(0);
    const r = await runInProcess([...createArgs, '--profile', 'one'], fake, bare({ VPCSVC_PROFILE: 'two' }));
    expect(r.exitCode).toBe(0);
    expect(fake.sent('POST')[0]!.path).toBe(`/accounts/${ACCOUNT}/connectivity/directory/services`);
    const r2 = await runInProcess(['create', 'db2', '--type', 'tcp', '--ipv4', '10.0.0.2', '--tunnel', TUNNEL, '--tcp-port', '5432', '-q'], fake, bare({ VPCSVC_PROFILE: 'two' }));
    expect(r2.exitCode).toBe(0);
    expect(fake.sent('POST')[1]!.path).toBe(`/accounts/${ACCOUNT_2}/connectivity/directory/services`);
  });

  it('CI set on a terminal never prompts: missing flags are a usage error listing them', async () => {
    const asked: string[] = [];
    const prompter = {
      input: async (q: { message: string }) => (asked.push(q.message), ''),
      select: async (q: { message: string }) => (asked.push(q.message), '') as never,
      confirm: async (q: { message: string }) => (asked.push(q.message), false),
      password: async (q: { message: string }) => (asked.push(q.message), ''),
    };
    const r = await runInProcess(['create', 'db', '--type', 'tcp'], fake, {
      env: { CI: '1', CLOUDFLARE_ACCOUNT_ID: ACCOUNT },
      tty: { stdin: true, stderr: true, stdout: true },
      prompter,
    });
    expect(asked).toEqual([]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('--tunnel');
    expect(r.stderr).toContain('--tcp-port');
    expect(fake.requests).toHaveLength(0);
  });

  it('several accounts and no terminal: exit 2 listing name and id', async () => {
    const r = await runInProcess(createArgs, fake, { env: { CLOUDFLARE_ACCOUNT_ID: undefined } });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`One  ${ACCOUNT}`);
    expect(r.stderr).toContain(`Two  ${ACCOUNT_2}`);
    expect(fake.mutations()).toHaveLength(0);
  });
});
