import { readFileSync, statSync, writeFileSync, mkdirSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNT, ACCOUNT_2, API_KEY, EMAIL, FakeCloudflare, TOKEN, TUNNEL } from '../support/fake-api';
import { useFakeApi } from '../support/use-fake';
import { runCli, tempDir } from '../support/run-cli';

const fake = useFakeApi();
let configDir: string;
beforeEach(async () => {
  configDir = join(tempDir(), 'vpcsvc');
});

const createArgs = ['create', 'db', '--type', 'tcp', '--ipv4', '10.0.0.1', '--tunnel', TUNNEL, '--tcp-port', '5432', '-q'];
/** No credentials or account in the environment; profiles in this test's folder. */
const bare = (env: Record<string, string | undefined> = {}) => ({ noCredentials: true, env: { VPCSVC_CONFIG_DIR: configDir, ...env } });
const login = (args: string[] = [], input = TOKEN, env: Record<string, string | undefined> = {}) =>
  runCli(['auth', 'login', '--token-stdin', ...args], fake, { ...bare(env), input });

describe('auth login', () => {
  it('stores a token read from stdin; create then works with no environment credentials', async () => {
    const r = await login();
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain('profile "default"');
    expect(r.stderr).toContain('verified: user token');
    expect(r.stderr).toContain(ACCOUNT);
    expect(r.stdout + r.stderr).not.toContain(TOKEN);
    expect(fake.sent('GET', /^\/user\/tokens\/verify$/)).toHaveLength(1);

    const c = await runCli(createArgs, fake, bare());
    expect(c.exitCode).toBe(0);
    expect(fake.sent('POST')[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(fake.sent('POST')[0]!.path).toBe(`/accounts/${ACCOUNT}/connectivity/directory/services`);
  });

  it('keeps the file 0600 and the folder 0700, repairing them on write', async () => {
    mkdirSync(configDir, { recursive: true, mode: 0o755 });
    chmodSync(configDir, 0o755);
    expect((await login()).exitCode).toBe(0);
    expect(statSync(configDir).mode & 0o777).toBe(0o700);
    expect(statSync(join(configDir, 'config.json')).mode & 0o777).toBe(0o600);
    chmodSync(join(configDir, 'config.json'), 0o644);
    const again = await login(['--profile', 'second']);
    expect(again.exitCode).toBe(0);
    expect(statSync(join(configDir, 'config.json')).mode & 0o777).toBe(0o600);
    expect(again.stderr).toContain('readable by others');
  });

  it('a key pair from stdin is verified with GET /user', async () => {
    const r = await runCli(['auth', 'login', '--email', EMAIL, '--key-stdin'], fake, { ...bare(), input: `${API_KEY}\n` });
    expect(r.exitCode).toBe(0);
    expect(fake.sent('GET', /^\/user$/)).toHaveLength(1);
    const c = await runCli(createArgs, fake, bare());
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
    const r = await runCli(['auth', 'login'], fake, bare());
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
    const r = await runCli(createArgs, fake, { noCredentials: true, env: { CLOUDFLARE_API_TOKEN: TOKEN } });
    expect(r.exitCode).toBe(0);
    expect(fake.sent('GET', /^\/accounts$/)).toHaveLength(1);
    expect(fake.sent('POST')[0]!.path).toContain(ACCOUNT);
  });

  it('several visible accounts and no terminal: exit 2 with the list, nothing created', async () => {
    fake.accounts.push({ id: ACCOUNT_2, name: 'Second Account' });
    fake.tokens[TOKEN]!.accounts.push(ACCOUNT_2);
    const r = await runCli(createArgs, fake, { noCredentials: true, env: { CLOUDFLARE_API_TOKEN: TOKEN } });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`Example Account  ${ACCOUNT}`);
    expect(r.stderr).toContain(`Second Account  ${ACCOUNT_2}`);
    expect(fake.sent('POST')).toHaveLength(0);
  });
});

describe('auth status and logout', () => {
  it('no credentials: exit 4', async () => {
    const r = await runCli(['auth', 'status'], fake, bare());
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toContain('no credentials');
  });

  it('reports the profile as the source, the last four characters only, and that it verifies', async () => {
    await login();
    const r = await runCli(['auth', 'status', '--json'], fake, bare());
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
    const r = await runCli(['auth', 'status'], fake, bare({ CLOUDFLARE_API_TOKEN: 'env-token-111111111111111111', CLOUDFLARE_ACCOUNT_ID: ACCOUNT }));
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/from\s+environment CLOUDFLARE_API_TOKEN/);
    expect(r.stdout).toContain('****1111');
    expect(r.stderr).toContain('CLOUDFLARE_API_TOKEN in the environment overrides the login stored in profile "default"');
    const c = await runCli(createArgs, fake, bare({ CLOUDFLARE_API_TOKEN: 'env-token-111111111111111111' }));
    expect(c.exitCode).toBe(0);
    expect(fake.sent('POST')[0]!.headers.authorization).toBe('Bearer env-token-111111111111111111');
  });

  it('a credential that no longer verifies: exit 4', async () => {
    await login();
    delete fake.tokens[TOKEN];
    const r = await runCli(['auth', 'status'], fake, bare());
    expect(r.exitCode).toBe(4);
    expect(r.stdout).toMatch(/verified\s+no/);
  });

  it('profiles are separate; logout removes the secrets of the named profile only', async () => {
    await login(['--profile', 'staging']);
    expect((await runCli(['auth', 'status'], fake, bare())).exitCode).toBe(4);
    expect((await runCli(['auth', 'status'], fake, bare({ VPCSVC_PROFILE: 'staging' }))).exitCode).toBe(0);
    await login();
    const out = await runCli(['auth', 'logout', '--profile', 'staging'], fake, bare());
    expect(out.exitCode).toBe(0);
    expect(out.stderr).toContain('profile "staging"');
    const stored = JSON.parse(readFileSync(join(configDir, 'config.json'), 'utf8'));
    expect(Object.keys(stored.profiles)).toEqual(['default']);
    expect(JSON.stringify(stored)).toContain(TOKEN);
    expect((await runCli(['auth', 'status', '--profile', 'staging'], fake, bare())).exitCode).toBe(4);
  });
});

describe('a corrupt config file', () => {
  it('is an error naming the file, and is not overwritten', async () => {
    mkdirSync(configDir, { recursive: true });
    const file = join(configDir, 'config.json');
    writeFileSync(file, '{"profiles": {"default": {"token": ');
    for (const args of [['auth', 'status'], ['auth', 'login', '--token-stdin'], createArgs]) {
      const r = await runCli(args, fake, { ...bare(), input: TOKEN });
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
    const r = await runCli(['auth', 'status'], fake, bare());
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
    const envToken = await runCli([...args, '--debug'], fake, bare({ CLOUDFLARE_API_TOKEN: SECRET }));
    const stored = await runCli([...args, '--debug'], fake, bare());
    for (const r of [envToken, stored]) {
      expect(r.stdout + r.stderr).not.toContain(SECRET);
      expect(r.stdout + r.stderr).not.toContain(SECRET.slice(0, 12));
    }
  });

  it('--debug traces requests with the token masked', async () => {
    const r = await runCli([...createArgs, '--debug'], fake);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain('debug: > POST');
    expect(r.stderr).toContain('authorization: Bearer ****WXYZ');
    expect(r.stderr).not.toContain(TOKEN);
  });

  it('login --debug with a key pair prints no key', async () => {
    const r = await runCli(['auth', 'login', '--email', EMAIL, '--key-stdin', '--debug'], fake, { ...bare(), input: API_KEY });
    expect(r.exitCode).toBe(0);
    expect(r.stdout + r.stderr).not.toContain(API_KEY);
  });
});
