import { statSync, readFileSync, writeFileSync, mkdirSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, afterEach } from 'vitest';
import { ACCOUNT, ACCOUNT_2, TOKEN, TUNNEL, API_KEY, EMAIL, FakeCloudflare } from '../support/fake-api';
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

describe("auth", () => {
const fake = useFakeApi();
let configDir: string;
beforeEach(async () => {
  configDir = join(tempDir(), 'vpcsvc');
});

const createArgs = ['create', 'db', '--type', 'tcp', '--ipv4', '10.0.0.1', '--tunnel', TUNNEL, '--tcp-port', '5432', '-q'];
/** No credentials or account in the environment; profiles in this test's folder. */
const bare = (env: Record<string, string | undefined> = {}) => ({ noCredentials: true, env: { VPCSVC_CONFIG_DIR: configDir, ...env } });
const login = (args: string[] = [], input = TOKEN, env: Record<string, string | undefined> = {}) =>
  runInProcess(['auth', 'login', '--token-stdin', ...args], fake, { ...bare(env), input });

describe('auth login', () => {
  it('a key pair from stdin is verified with GET /user', async () => {
    const r = await runInProcess(['auth', 'login', '--email', EMAIL, '--key-stdin'], fake, { ...bare(), input: `${API_KEY}\n` });
    expect(r.exitCode).toBe(0);
    expect(fake.sent('GET', /^\/user$/)).toHaveLength(1);
    const c = await runInProcess(createArgs, fake, bare());
    expect(c.exitCode).toBe(0);
    expect(fake.sent('POST')[0]!.headers['x-auth-key']).toBe(API_KEY);
  });

  it('an account-owned token is verified against its account', async () => {
    fake.tokens['account-token-00000000000000'] = { kind: 'account', accounts: [ACCOUNT], permission: 'admin' };
    const r = await login([], 'account-token-00000000000000');
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain('account token');
    expect(fake.sent('GET', new RegExp(`^/accounts/${ACCOUNT}/tokens/verify$`))).toHaveLength(1);
  });

  it('a failed verification stores nothing, exit 4', async () => {
    const r = await login([], 'bad-token-0000000000000000');
    expect(r.exitCode).toBe(4);
    expect(r.stderr).not.toContain('bad-token-0000000000000000');
    let exists = true;
    try {
      statSync(join(configDir, 'config.json'));
    } catch {
      exists = false;
    }
    expect(exists).toBe(false);
  });

  it('--no-verify stores without any request', async () => {
    const r = await login(['--no-verify', '--account', ACCOUNT_2]);
    expect(r.exitCode).toBe(0);
    expect(fake.requests).toHaveLength(0);
    const stored = JSON.parse(readFileSync(join(configDir, 'config.json'), 'utf8'));
    expect(stored.profiles.default).toEqual({ token: TOKEN, account_id: ACCOUNT_2 });
  });

  it('several accounts and no terminal: exit 2 listing name and id, nothing stored', async () => {
    fake.accounts.push({ id: ACCOUNT_2, name: 'Second Account' });
    fake.tokens[TOKEN]!.accounts.push(ACCOUNT_2);
    const r = await login();
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`Example Account  ${ACCOUNT}`);
    expect(r.stderr).toContain(`Second Account  ${ACCOUNT_2}`);
  });

  it('without a terminal and without --token-stdin it asks for stdin, exit 2', async () => {
    const r = await runInProcess(['auth', 'login'], fake, bare());
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('--token-stdin');
  });

  it('empty stdin is exit 2', async () => {
    const r = await login([], '');
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('stdin was empty');
  });
});

describe('accounts at use time', () => {
  it('one visible account is used when none is set', async () => {
    const r = await runInProcess(createArgs, fake, { noCredentials: true, env: { CLOUDFLARE_API_TOKEN: TOKEN } });
    expect(r.exitCode).toBe(0);
    expect(fake.sent('GET', /^\/accounts$/)).toHaveLength(1);
    expect(fake.sent('POST')[0]!.path).toContain(ACCOUNT);
  });

  it('several visible accounts and no terminal: exit 2 with the list, nothing created', async () => {
    fake.accounts.push({ id: ACCOUNT_2, name: 'Second Account' });
    fake.tokens[TOKEN]!.accounts.push(ACCOUNT_2);
    const r = await runInProcess(createArgs, fake, { noCredentials: true, env: { CLOUDFLARE_API_TOKEN: TOKEN } });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`Example Account  ${ACCOUNT}`);
    expect(r.stderr).toContain(`Second Account  ${ACCOUNT_2}`);
    expect(fake.sent('POST')).toHaveLength(0);
  });
});

describe('auth status and logout', () => {
  it('no credentials: exit 4', async () => {
    const r = await runInProcess(['auth', 'status'], fake, bare());
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toContain('no credentials');
  });

  it('reports the profile as the source, the last four characters only, and that it verifies', async () => {
    await login();
    const r = await runInProcess(['auth', 'status', '--json'], fake, bare());
    expect(r.exitCode).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s).toMatchObject({
      profile: 'default',
      credential: { kind: 'user token', source: { kind: 'profile', profile: 'default' }, last4: TOKEN.slice(-4) },
      account: { id: ACCOUNT, source: { kind: 'profile' } },
      verified: true,
      overrides_profile: false,
    });
    expect(r.stdout + r.stderr).not.toContain(TOKEN);
  });

  it('environment beats the profile, and status says so plainly', async () => {
    await login();
    fake.tokens['env-token-111111111111111111'] = { kind: 'user', accounts: [ACCOUNT], permission: 'admin' };
    const r = await runInProcess(['auth', 'status'], fake, bare({ CLOUDFLARE_API_TOKEN: 'env-token-111111111111111111', CLOUDFLARE_ACCOUNT_ID: ACCOUNT }));
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/from\s+environment CLOUDFLARE_API_TOKEN/);
    expect(r.stdout).toContain('****1111');
    expect(r.stderr).toContain('CLOUDFLARE_API_TOKEN in the environment overrides the login stored in profile "default"');
    const c = await runInProcess(createArgs, fake, bare({ CLOUDFLARE_API_TOKEN: 'env-token-111111111111111111' }));
    expect(c.exitCode).toBe(0);
    expect(fake.sent('POST')[0]!.headers.authorization).toBe('Bearer env-token-111111111111111111');
  });

  it('a credential that no longer verifies: exit 4', async () => {
    await login();
    delete fake.tokens[TOKEN];
    const r = await runInProcess(['auth', 'status'], fake, bare());
    expect(r.exitCode).toBe(4);
    expect(r.stdout).toMatch(/verified\s+no/);
  });

  it('profiles are separate; logout removes the secrets of the named profile only', async () => {
    await login(['--profile', 'staging']);
    expect((await runInProcess(['auth', 'status'], fake, bare())).exitCode).toBe(4);
    expect((await runInProcess(['auth', 'status'], fake, bare({ VPCSVC_PROFILE: 'staging' }))).exitCode).toBe(0);
    await login();
    const out = await runInProcess(['auth', 'logout', '--profile', 'staging'], fake, bare());
    expect(out.exitCode).toBe(0);
    expect(out.stderr).toContain('profile "staging"');
    const stored = JSON.parse(readFileSync(join(configDir, 'config.json'), 'utf8'));
    expect(Object.keys(stored.profiles)).toEqual(['default']);
    expect(JSON.stringify(stored)).toContain(TOKEN);
    expect((await runInProcess(['auth', 'status', '--profile', 'staging'], fake, bare())).exitCode).toBe(4);
  });
});

describe('a corrupt config file', () => {
  it('is an error naming the file, and is not overwritten', async () => {
    mkdirSync(configDir, { recursive: true });
    const file = join(configDir, 'config.json');
    writeFileSync(file, '{"profiles": {"default": {"token": ');
    for (const args of [['auth', 'status'], ['auth', 'login', '--token-stdin'], createArgs]) {
      const r = await runInProcess(args, fake, { ...bare(), input: TOKEN });
      expect(r.exitCode, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(file);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(readFileSync(file, 'utf8')).toBe('{"profiles": {"default": {"token": ');
  });

  it('a hand-edited file with an unknown shape is refused the same way', async () => {
    mkdirSync(configDir, { recursive: true });
    const file = join(configDir, 'config.json');
    writeFileSync(file, JSON.stringify({ profiles: { default: { tokn: 'x' } } }));
    const r = await runInProcess(['auth', 'status'], fake, bare());
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(file);
  });
});

describe('secrets never leak', () => {
  const SECRET = TOKEN;
  it.each([
    ['auth status', ['auth', 'status']],
    ['auth status --json', ['auth', 'status', '--json']],
    ['create', createArgs.filter((a) => a !== '-q')],
    ['create --json', [...createArgs.filter((a) => a !== '-q'), '--json']],
    ['create --dry-run', [...createArgs, '--dry-run']],
    ['create, invalid', ['create', 'x', '--type', 'udp']],
    ['create, API error', createArgs],
    ['auth logout', ['auth', 'logout']],
  ])('%s --debug prints no token', async (_n, args) => {
    fake.seed([{ name: 'db', type: 'tcp', host: { ipv4: '10.0.0.9', network: { tunnel_id: TUNNEL } }, tcp_port: 1 }]);
    await login();
    const envToken = await runInProcess([...args, '--debug'], fake, bare({ CLOUDFLARE_API_TOKEN: SECRET }));
    const stored = await runInProcess([...args, '--debug'], fake, bare());
    for (const r of [envToken, stored]) {
      expect(r.stdout + r.stderr).not.toContain(SECRET);
      expect(r.stdout + r.stderr).not.toContain(SECRET.slice(0, 12));
    }
  });

  it('--debug traces requests with the token masked', async () => {
    const r = await runInProcess([...createArgs, '--debug'], fake);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain('debug: > POST');
    expect(r.stderr).toContain('authorization: Bearer ****WXYZ');
    expect(r.stderr).not.toContain(TOKEN);
  });

  it('login --debug with a key pair prints no key', async () => {
    const r = await runInProcess(['auth', 'login', '--email', EMAIL, '--key-stdin', '--debug'], fake, { ...bare(), input: API_KEY });
    expect(r.exitCode).toBe(0);
    expect(r.stdout + r.stderr).not.toContain(API_KEY);
  });
});
});
