import { statSync, readFileSync, writeFileSync, mkdirSync, chmodSync, existsSync, chownSync, lstatSync, symlinkSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, afterEach } from 'vitest';
import { ACCOUNT, ACCOUNT_2, TOKEN, TUNNEL, API_KEY, EMAIL, FakeCloudflare } from '../support/fake-api';
import { useFakeApi } from '../support/use-fake';
import { runInProcess } from '../support/in-process';
import { tempDir } from '../support/run-cli';
import { spawnSync } from 'node:child_process';
import { execa } from 'execa';

/** Each test gets a config folder of its own; `bare` runs with no credentials or account in the
 * environment and the profiles in that folder. */
let configDir: string;
let file: string;
beforeEach(() => {
  configDir = join(tempDir(), 'vpcsvc');
  file = join(configDir, 'config.json');
});
const bare = (env: Record<string, string | undefined> = {}) => ({ noCredentials: true, env: { VPCSVC_CONFIG_DIR: configDir, ...env } });
const createArgs = ['create', 'db', '--type', 'tcp', '--ipv4', '10.0.0.1', '--tunnel', TUNNEL, '--tcp-port', '5432', '-q'];

describe('auth: the first cases', () => {
const fake = useFakeApi({
  accounts: [
    { id: ACCOUNT, name: 'One' },
    { id: ACCOUNT_2, name: 'Two' },
  ],
});

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

});

describe("auth", () => {
const fake = useFakeApi();
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



describe("account ids", () => {
/** Every account id is checked before it goes into a URL, wherever it comes from (cli.md 6, 10). */

const fake = useFakeApi();
const SERVICE_ID = '0191dce4-9ab4-7fce-b660-000000000001';
const writeProfile = (profile: Record<string, string>, name = 'default') => {
  mkdirSync(configDir, { recursive: true, mode: 0o700 });
  writeFileSync(file, JSON.stringify({ profiles: { [name]: profile } }), { mode: 0o600 });
};

describe('a stored account id', () => {
  it.each(['..', '../../user', `${ACCOUNT}/..`, ACCOUNT.slice(1), ''.padEnd(32, 'g')])('%j in a profile never reaches the API: exit 2 naming the file and profile', async (bad) => {
    writeProfile({ token: TOKEN, account_id: bad }, 'work');
    for (const args of [['list'], createArgs, [...createArgs, '--dry-run'], ['delete', SERVICE_ID, '--dry-run'], ['get', 'db']]) {
      const r = await runInProcess([...args, '--profile', 'work'], fake, bare());
      expect(r.exitCode, `${args.join(' ')}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toContain(`account_id of profile "work" in ${file}: must be 32 hexadecimal characters (got ${JSON.stringify(bad)})`);
      expect(r.stdout).toBe('');
    }
    expect(fake.requests).toEqual([]);
  });

  it('a bad stored id hidden by --account is not an error', async () => {
    writeProfile({ token: TOKEN, account_id: '..' });
    const r = await runInProcess(['list', '--json', '--account', ACCOUNT], fake, bare());
    expect(r.exitCode, r.stderr).toBe(0);
    expect(fake.requests.map((q) => q.path)).toEqual([`/accounts/${ACCOUNT}/connectivity/directory/services`]);
  });
});

describe('--account and CLOUDFLARE_ACCOUNT_ID', () => {
  it.each<[string, string[], Record<string, string>]>([
    ['create --dry-run', [...createArgs, '--dry-run', '--account', '..'], {}],
    ['delete <id> --dry-run', ['delete', SERVICE_ID, '--dry-run', '--account', '..'], {}],
    ['apply --dry-run', ['apply', '-f', '-', '--dry-run', '--account', '..'], {}],
    ['update --dry-run', ['update', 'db', '--tcp-port', '1', '--dry-run', '--account', '..'], { CLOUDFLARE_API_TOKEN: TOKEN }],
  ])('%s checks --account: exit 2, nothing sent', async (_n, args, env) => {
    const input = JSON.stringify([{ name: 'db', type: 'tcp', host: { ipv4: '10.0.0.1', network: { tunnel_id: TUNNEL } }, tcp_port: 5432 }]);
    const r = await runInProcess(args, fake, { ...bare(env), input });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe('error: --account: must be 32 hexadecimal characters (got "..")\n');
    expect(r.stdout).toBe('');
    expect(fake.requests).toEqual([]);
  });

  it.each<[string, string[]]>([
    ['create --dry-run', [...createArgs, '--dry-run']],
    ['delete <id> --dry-run', ['delete', SERVICE_ID, '--dry-run']],
    ['list', ['list']],
  ])('%s checks CLOUDFLARE_ACCOUNT_ID: exit 2, nothing sent', async (_n, args) => {
    const r = await runInProcess(args, fake, bare({ CLOUDFLARE_API_TOKEN: TOKEN, CLOUDFLARE_ACCOUNT_ID: `${ACCOUNT}/..` }));
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(`error: CLOUDFLARE_ACCOUNT_ID: must be 32 hexadecimal characters (got "${ACCOUNT}/..")\n`);
    expect(fake.requests).toEqual([]);
  });

  it('is checked before a half key pair is reported', async () => {
    const r = await runInProcess([...createArgs, '--dry-run', '--account', 'x'], fake, bare({ CLOUDFLARE_EMAIL: EMAIL }));
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('--account: must be 32 hexadecimal characters (got "x")');
  });
});

describe('account ids the API gives', () => {
  it.each(['..', '../../user/tokens', '', 'not-an-account'])('a GET /accounts answer with id %j is an API error, never used', async (bad) => {
    fake.accounts = [{ id: bad, name: 'Odd' }];
    fake.tokens[TOKEN]!.accounts = [bad];
    const r = await runInProcess(['list'], fake, bare({ CLOUDFLARE_API_TOKEN: TOKEN }));
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(`GET /accounts answered an account id that is not 32 hexadecimal characters (got ${JSON.stringify(bad)})`);
    expect(fake.requests.map((q) => `${q.method} ${q.path}`)).toEqual(['GET /accounts']);
  });

  it('at login too: nothing stored', async () => {
    fake.accounts = [{ id: '..', name: 'Odd' }];
    fake.tokens[TOKEN]!.accounts = ['..'];
    const r = await runInProcess(['auth', 'login', '--token-stdin'], fake, { ...bare(), input: TOKEN });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('GET /accounts answered an account id that is not 32 hexadecimal characters');
    expect(existsSync(file)).toBe(false);
  });
});

describe('auth login --account checks the credential reaches it', () => {
  it('a user token that can see the account: stored, after GET /accounts/{id}', async () => {
    const r = await runInProcess(['auth', 'login', '--token-stdin', '--account', ACCOUNT], fake, { ...bare(), input: TOKEN });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(fake.requests.map((q) => `${q.method} ${q.path}`)).toEqual(['GET /user/tokens/verify', `GET /accounts/${ACCOUNT}`]);
    expect(JSON.parse(readFileSync(file, 'utf8')).profiles.default).toEqual({ token: TOKEN, account_id: ACCOUNT, account_name: 'Example Account' });
  });

  it.each<[string, string[], string]>([
    ['a user token', ['--token-stdin'], TOKEN],
    ['a global key', ['--email', EMAIL, '--key-stdin'], API_KEY],
  ])('%s that cannot see the account: exit 4, nothing stored', async (_n, args, secret) => {
    fake.accounts.push({ id: ACCOUNT_2, name: 'Other' });
    const r = await runInProcess(['auth', 'login', ...args, '--account', ACCOUNT_2], fake, { ...bare(), input: secret });
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toContain(`error: the credential cannot reach account ${ACCOUNT_2}`);
    expect(r.stderr).not.toContain(secret);
    expect(existsSync(file)).toBe(false);
  });

  it('an account token of another account: exit 4 naming the account, nothing stored', async () => {
    fake.tokens['account-token-00000000000000'] = { kind: 'account', accounts: [ACCOUNT], permission: 'admin' };
    const r = await runInProcess(['auth', 'login', '--token-stdin', '--account', ACCOUNT_2], fake, { ...bare(), input: 'account-token-00000000000000' });
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toContain(ACCOUNT_2);
    expect(existsSync(file)).toBe(false);
  });

  it('a malformed --account at login: exit 2 before any request', async () => {
    const r = await runInProcess(['auth', 'login', '--token-stdin', '--account', '..'], fake, { ...bare(), input: TOKEN });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe('error: --account: must be 32 hexadecimal characters (got "..")\n');
    expect(fake.requests).toEqual([]);
  });
});

describe('dry runs that must read the service', () => {
  it.each<[string, string[], string]>([
    ['update --dry-run', ['update', 'db', '--tcp-port', '1', '--dry-run'], 'update --dry-run reads the service to show the difference'],
    ['delete <name> --dry-run', ['delete', 'db', '--dry-run'], 'delete --dry-run looks the name up'],
  ])('%s without credentials: exit 4 saying why', async (_n, args, why) => {
    const r = await runInProcess(args, fake, bare({ CLOUDFLARE_ACCOUNT_ID: ACCOUNT }));
    expect(r.exitCode).toBe(4);
    expect(r.stderr.split('\n')[0]).toBe(`error: no credentials: ${why}, so it needs them`);
    expect(fake.requests).toEqual([]);
  });
});
});

describe("secrets in arguments, URLs and tokens", () => {
/** Secrets the user typed are never echoed back in local messages (cli.md section 6). */

const fake = useFakeApi();
const SECRET = 'hunter2-secret-value-000000000';

describe('unknown options carrying a value', () => {
  it.each<string[]>([
    ['list', `--token=${SECRET}`],
    ['auth', 'login', `--api-key=${SECRET}`],
    ['create', 'x', `--password=${SECRET}`],
    [`--token=${SECRET}`],
    ['list', `--json`, `--secret=${SECRET}`],
  ])('%s: exit 2 naming the option, not its value', async (...args) => {
    const r = await runInProcess(args, fake);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).not.toContain(SECRET);
    expect(r.stderr).not.toContain('hunter2');
    const name = args.find((a) => a.includes('='))!.split('=')[0]!;
    expect(r.stderr).toContain(`unknown option '${name}=…'`);
    expect(fake.requests).toEqual([]);
  });

  it('an unknown option without a value is shown as typed, with the suggestion', async () => {
    const r = await runInProcess(['list', '--jsn'], fake);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain("unknown option '--jsn'");
    expect(r.stderr).toContain('--json');
  });
});

describe('a base URL with a password', () => {
  it.each([
    `http://user:${SECRET}@example.com/client/v4`,
    `ftp://user:${SECRET}@example.com/client/v4`,
    `https://user:${SECRET}@exa mple.com/client/v4`,
    `https://user:${SECRET}@example.com/client/v4`,
    `https://${SECRET}@example.com/client/v4`,
  ])('%s: exit 2, the user info masked', async (url) => {
    for (const args of [['list'], [...createArgs, '--dry-run'], ['list', '--debug']]) {
      const r = await runInProcess(args, fake, { env: { CLOUDFLARE_API_BASE_URL: url } });
      expect(r.exitCode, args.join(' ')).toBe(2);
      expect(r.stdout + r.stderr).not.toContain(SECRET);
      expect(r.stderr).toContain('CLOUDFLARE_API_BASE_URL');
    }
    expect(fake.requests).toEqual([]);
  });

  it('the message still shows where the URL points', async () => {
    const r = await runInProcess(['list'], fake, { env: { CLOUDFLARE_API_BASE_URL: `http://user:${SECRET}@example.com/v4` } });
    expect(r.stderr).toBe(
      'error: CLOUDFLARE_API_BASE_URL: plain http:// is only allowed to a loopback address; use https:// (got "http://***@example.com/v4")\n',
    );
  });
});

describe('a token pasted with "Bearer "', () => {
  it('in CLOUDFLARE_API_TOKEN is used without it, with one warning line', async () => {
    const r = await runInProcess(createArgs, fake, { env: { CLOUDFLARE_API_TOKEN: `Bearer ${TOKEN}` } });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toBe('warning: CLOUDFLARE_API_TOKEN starts with "Bearer "; using the token without it\n');
    expect(fake.sent('POST')[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('at auth login is stored without it, with one warning line', async () => {
    const r = await runInProcess(['auth', 'login', '--token-stdin'], fake, { noCredentials: true, env: { VPCSVC_CONFIG_DIR: configDir }, input: `bearer ${TOKEN}\n` });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('warning:'))).toEqual(['warning: --token-stdin starts with "Bearer "; using the token without it']);
    expect(JSON.parse(readFileSync(join(configDir, 'config.json'), 'utf8')).profiles.default.token).toBe(TOKEN);
    expect(fake.sent('GET', /^\/user\/tokens\/verify$/)[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });
});
});

describe("the config store", () => {
/** The config store shares a home with other processes and other users: cli.md section 10. */

const fake = useFakeApi();
const login = (args: string[] = [], input = TOKEN) => runInProcess(['auth', 'login', '--token-stdin', ...args], fake, { ...bare(), input });
const stored = () => JSON.parse(readFileSync(file, 'utf8')) as { profiles: Record<string, Record<string, string>> };

describe('contents that are not a config', () => {
  it.each(['null', '[]', '[{"profiles":{}}]', '"text"', '{"profiles":null}', '{"profiles":[]}', '{"profiles":{"default":null}}'])(
    '%s is refused naming the file, and left untouched',
    async (content) => {
      mkdirSync(configDir, { recursive: true, mode: 0o700 });
      writeFileSync(file, content, { mode: 0o600 });
      for (const args of [['auth', 'status'], ['auth', 'login', '--token-stdin'], ['auth', 'logout']]) {
        const r = await runInProcess(args, fake, { ...bare(), input: TOKEN });
        expect(r.exitCode, `${args.join(' ')}: ${r.stderr}`).toBe(2);
        expect(r.stderr).toContain(file);
      }
      expect(readFileSync(file, 'utf8')).toBe(content);
    },
  );

  it('a parse error names the file and position, never the stored token', async () => {
    mkdirSync(configDir, { recursive: true, mode: 0o700 });
    // Where each text below first goes wrong: the "}" after a trailing comma, the end of an
    // unterminated string, a bare word at the start, a bare word as a value.
    const column = (text: string) =>
      text.includes(',}') ? text.indexOf(',}') + 2 : text.startsWith('{') && !text.endsWith('}') ? text.length + 1 : text.indexOf(TOKEN) + 1;
    for (const content of [
      `{"profiles": {"default": {"token": "${TOKEN}",}}}`,
      `{"profiles": {"default": {"token": "${TOKEN}`,
      `${TOKEN}`,
      `{"profiles": {"default": {"token": ${TOKEN}}}}`,
    ]) {
      writeFileSync(file, content, { mode: 0o600 });
      for (const extra of [[], ['--debug'], ['--json']]) {
        const r = await runInProcess(['auth', 'status', ...extra], fake, bare());
        expect(r.exitCode).toBe(2);
        expect(r.stderr).toContain(file);
        expect(r.stderr).toContain(`is not valid JSON (line 1, column ${column(content)})`);
        expect(r.stderr).not.toContain(TOKEN.slice(5, 15));
        expect(r.stderr).not.toContain(TOKEN.slice(-6));
      }
      expect(readFileSync(file, 'utf8')).toBe(content);
    }
  });

  it('an unknown field names where it is, never its value', async () => {
    mkdirSync(configDir, { recursive: true, mode: 0o700 });
    writeFileSync(file, JSON.stringify({ profiles: { default: { tokn: TOKEN } } }), { mode: 0o600 });
    const r = await runInProcess(['auth', 'status'], fake, bare());
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('profiles.default.tokn');
    expect(r.stderr).not.toContain(TOKEN.slice(5, 15));
  });
});

describe('profile names', () => {
  it.each(['__proto__', 'constructor', 'prototype'])('%s is refused at --profile and VPCSVC_PROFILE, nothing stored', async (name) => {
    const viaFlag = await login(['--profile', name]);
    expect(viaFlag.exitCode).toBe(2);
    expect(viaFlag.stderr).toContain(`--profile: "${name}" is a reserved name`);
    const viaEnv = await runInProcess(['auth', 'login', '--token-stdin'], fake, { ...bare({ VPCSVC_PROFILE: name }), input: TOKEN });
    expect(viaEnv.exitCode).toBe(2);
    expect(viaEnv.stderr).toContain(`VPCSVC_PROFILE: "${name}" is a reserved name`);
    expect(existsSync(file)).toBe(false);
    expect(fake.requests).toEqual([]);
  });

  it('a hand-written __proto__ profile is read as data, never as the prototype', async () => {
    mkdirSync(configDir, { recursive: true, mode: 0o700 });
    writeFileSync(file, '{"profiles": {"__proto__": {"token": "x"}}}', { mode: 0o600 });
    // "toString" is an ordinary name; it must not find Object.prototype.toString.
    const r = await runInProcess(['auth', 'status', '--profile', 'toString'], fake, bare());
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toContain('no credentials');
    expect((await login()).exitCode).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('"__proto__"');
    expect(Object.keys(stored().profiles).sort()).toEqual(['__proto__', 'default']);
  });
});

describe('the store itself', () => {
  it('keeps fields it does not know at the top level', async () => {
    mkdirSync(configDir, { recursive: true, mode: 0o700 });
    writeFileSync(file, JSON.stringify({ __internal__: { migrations: { version: '1' } }, profiles: {} }), { mode: 0o600 });
    expect((await login()).exitCode).toBe(0);
    expect(stored()).toEqual({ __internal__: { migrations: { version: '1' } }, profiles: { default: { token: TOKEN, account_id: ACCOUNT, account_name: 'Example Account' } } });
  });

});
});
