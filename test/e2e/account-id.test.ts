import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNT, ACCOUNT_2, API_KEY, EMAIL, TOKEN, TUNNEL } from '../support/fake-api';
import { useFakeApi } from '../support/use-fake';
import { runCli, tempDir } from '../support/run-cli';

/** Every account id is checked before it goes into a URL, wherever it comes from (cli.md 6, 10). */

const fake = useFakeApi();
let configDir: string;
let file: string;
beforeEach(() => {
  configDir = join(tempDir(), 'vpcsvc');
  file = join(configDir, 'config.json');
});

const bare = (env: Record<string, string | undefined> = {}) => ({ noCredentials: true, env: { VPCSVC_CONFIG_DIR: configDir, ...env } });
const createArgs = ['create', 'db', '--type', 'tcp', '--ipv4', '10.0.0.1', '--tunnel', TUNNEL, '--tcp-port', '5432', '-q'];
const SERVICE_ID = '0191dce4-9ab4-7fce-b660-000000000001';
const writeProfile = (profile: Record<string, string>, name = 'default') => {
  mkdirSync(configDir, { recursive: true, mode: 0o700 });
  writeFileSync(file, JSON.stringify({ profiles: { [name]: profile } }), { mode: 0o600 });
};

describe('a stored account id', () => {
  it.each(['..', '../../user', `${ACCOUNT}/..`, ACCOUNT.slice(1), ''.padEnd(32, 'g')])('%j in a profile never reaches the API: exit 2 naming the file and profile', async (bad) => {
    writeProfile({ token: TOKEN, account_id: bad }, 'work');
    for (const args of [['list'], createArgs, [...createArgs, '--dry-run'], ['delete', SERVICE_ID, '--dry-run'], ['get', 'db']]) {
      const r = await runCli([...args, '--profile', 'work'], fake, bare());
      expect(r.exitCode, `${args.join(' ')}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toContain(`account_id of profile "work" in ${file}: must be 32 hexadecimal characters (got ${JSON.stringify(bad)})`);
      expect(r.stdout).toBe('');
    }
    expect(fake.requests).toEqual([]);
  });

  it('a bad stored id hidden by --account is not an error', async () => {
    writeProfile({ token: TOKEN, account_id: '..' });
    const r = await runCli(['list', '--json', '--account', ACCOUNT], fake, bare());
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
    const r = await runCli(args, fake, { ...bare(env), input });
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
    const r = await runCli(args, fake, bare({ CLOUDFLARE_API_TOKEN: TOKEN, CLOUDFLARE_ACCOUNT_ID: `${ACCOUNT}/..` }));
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(`error: CLOUDFLARE_ACCOUNT_ID: must be 32 hexadecimal characters (got "${ACCOUNT}/..")\n`);
    expect(fake.requests).toEqual([]);
  });

  it('is checked before a half key pair is reported', async () => {
    const r = await runCli([...createArgs, '--dry-run', '--account', 'x'], fake, bare({ CLOUDFLARE_EMAIL: EMAIL }));
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('--account: must be 32 hexadecimal characters (got "x")');
  });
});

describe('account ids the API gives', () => {
  it.each(['..', '../../user/tokens', '', 'not-an-account'])('a GET /accounts answer with id %j is an API error, never used', async (bad) => {
    fake.accounts = [{ id: bad, name: 'Odd' }];
    fake.tokens[TOKEN]!.accounts = [bad];
    const r = await runCli(['list'], fake, bare({ CLOUDFLARE_API_TOKEN: TOKEN }));
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(`GET /accounts answered an account id that is not 32 hexadecimal characters (got ${JSON.stringify(bad)})`);
    expect(fake.requests.map((q) => `${q.method} ${q.path}`)).toEqual(['GET /accounts']);
  });

  it('at login too: nothing stored', async () => {
    fake.accounts = [{ id: '..', name: 'Odd' }];
    fake.tokens[TOKEN]!.accounts = ['..'];
    const r = await runCli(['auth', 'login', '--token-stdin'], fake, { ...bare(), input: TOKEN });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('GET /accounts answered an account id that is not 32 hexadecimal characters');
    expect(existsSync(file)).toBe(false);
  });
});

describe('auth login --account checks the credential reaches it', () => {
  it('a user token that can see the account: stored, after GET /accounts/{id}', async () => {
    const r = await runCli(['auth', 'login', '--token-stdin', '--account', ACCOUNT], fake, { ...bare(), input: TOKEN });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(fake.requests.map((q) => `${q.method} ${q.path}`)).toEqual(['GET /user/tokens/verify', `GET /accounts/${ACCOUNT}`]);
    expect(JSON.parse(readFileSync(file, 'utf8')).profiles.default).toEqual({ token: TOKEN, account_id: ACCOUNT, account_name: 'Example Account' });
  });

  it.each<[string, string[], string]>([
    ['a user token', ['--token-stdin'], TOKEN],
    ['a global key', ['--email', EMAIL, '--key-stdin'], API_KEY],
  ])('%s that cannot see the account: exit 4, nothing stored', async (_n, args, secret) => {
    fake.accounts.push({ id: ACCOUNT_2, name: 'Other' });
    const r = await runCli(['auth', 'login', ...args, '--account', ACCOUNT_2], fake, { ...bare(), input: secret });
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toContain(`error: the credential cannot reach account ${ACCOUNT_2}`);
    expect(r.stderr).not.toContain(secret);
    expect(existsSync(file)).toBe(false);
  });

  it('an account token of another account: exit 4 naming the account, nothing stored', async () => {
    fake.tokens['account-token-00000000000000'] = { kind: 'account', accounts: [ACCOUNT], permission: 'admin' };
    const r = await runCli(['auth', 'login', '--token-stdin', '--account', ACCOUNT_2], fake, { ...bare(), input: 'account-token-00000000000000' });
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toContain(ACCOUNT_2);
    expect(existsSync(file)).toBe(false);
  });

  it('a malformed --account at login: exit 2 before any request', async () => {
    const r = await runCli(['auth', 'login', '--token-stdin', '--account', '..'], fake, { ...bare(), input: TOKEN });
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
    const r = await runCli(args, fake, bare({ CLOUDFLARE_ACCOUNT_ID: ACCOUNT }));
    expect(r.exitCode).toBe(4);
    expect(r.stderr.split('\n')[0]).toBe(`error: no credentials: ${why}, so it needs them`);
    expect(fake.requests).toEqual([]);
  });
});
