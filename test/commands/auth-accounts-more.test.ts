import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNT, ACCOUNT_2, API_KEY, EMAIL, TOKEN } from '../support/fake-api';
import { useFakeApi } from '../support/use-fake';
import { runInProcess } from '../support/in-process';
import { tempDir } from '../support/run-cli';

// The account at auth login and auth status: flag, then CLOUDFLARE_ACCOUNT_ID, then the profile
// (cli.md section 6), checked the same way everywhere.
let configDir: string;
let file: string;
beforeEach(() => {
  configDir = join(tempDir(), 'vpcsvc');
  file = join(configDir, 'config.json');
});
const bare = (env: Record<string, string | undefined> = {}) => ({ noCredentials: true, env: { VPCSVC_CONFIG_DIR: configDir, NO_COLOR: '1', ...env } });
const stored = () => JSON.parse(readFileSync(file, 'utf8')).profiles as Record<string, Record<string, string>>;
const masked = `****${TOKEN.slice(-4)}`;
const keyMasked = `****${API_KEY.slice(-4)}`;
const ACCOUNT_TOKEN = 'account-token-00000000000000';

const fake = useFakeApi();
const sent = () => fake.requests.map((q) => `${q.method} ${q.path}`);
const login = (args: string[] = [], env: Record<string, string | undefined> = {}, input = TOKEN) =>
  runInProcess(['auth', 'login', '--token-stdin', ...args], fake, { ...bare(env), input });
const status = (args: string[] = [], env: Record<string, string | undefined> = {}) => runInProcess(['auth', 'status', ...args], fake, bare(env));
/** A second account, named "Two", that the test token may or may not see. */
const second = (visible: boolean) => {
  fake.accounts.push({ id: ACCOUNT_2, name: 'Two' });
  if (visible) fake.tokens[TOKEN]!.accounts.push(ACCOUNT_2);
};
const writeProfile = (profile: Record<string, string>) => {
  mkdirSync(configDir, { recursive: true, mode: 0o700 });
  writeFileSync(file, JSON.stringify({ profiles: { default: profile } }), { mode: 0o600 });
};

describe('auth login: CLOUDFLARE_ACCOUNT_ID is the account when --account is absent', () => {
  it.each([[[]], [['--no-verify']]])('a malformed one %j: exit 2 naming the variable, before stdin is read or anything is sent', async (args) => {
    const r = await login(args, { CLOUDFLARE_ACCOUNT_ID: 'zz' }, 'not one line');
    expect(r).toMatchObject({ exitCode: 2, stdout: '', stderr: 'error: CLOUDFLARE_ACCOUNT_ID: must be 32 hexadecimal characters (got "zz")\n' });
    expect(fake.requests).toEqual([]);
    expect(existsSync(file)).toBe(false);
  });

  it('a reachable one is checked and stored, and the line says where it came from', async () => {
    second(true);
    const r = await login([], { CLOUDFLARE_ACCOUNT_ID: ` ${ACCOUNT_2} ` });
    expect(r).toMatchObject({ exitCode: 0, stdout: '' });
    expect(r.stderr).toBe(`✓ stored the API token ${masked} in profile "default" (verified: user token), account Two ${ACCOUNT_2} (from CLOUDFLARE_ACCOUNT_ID)\n  file: ${file}\n`);
    expect(sent()).toEqual(['GET /user/tokens/verify', `GET /accounts/${ACCOUNT_2}`]);
    expect(stored()).toEqual({ default: { token: TOKEN, account_id: ACCOUNT_2, account_name: 'Two' } });
  });

  it.each<[string, string[], string]>([
    ['a user token', ['--token-stdin'], TOKEN],
    ['a key pair', ['--email', EMAIL, '--key-stdin'], API_KEY],
  ])('%s that cannot reach it: exit 4 as with --account, nothing stored', async (_n, args, secret) => {
    second(false);
    const r = await runInProcess(['auth', 'login', ...args], fake, { ...bare({ CLOUDFLARE_ACCOUNT_ID: ACCOUNT_2 }), input: secret });
    expect(r.exitCode).toBe(4);
    expect(r.stderr.split('\n')[0]).toBe(
      `error: the credential cannot reach account ${ACCOUNT_2} (GET /accounts/${ACCOUNT_2} answered 403: [9109] Unauthorized to access requested resource)`,
    );
    expect(existsSync(file)).toBe(false);
  });

  it('an account token is verified against it; another account token is refused naming the variable', async () => {
    fake.tokens[ACCOUNT_TOKEN] = { kind: 'account', accounts: [ACCOUNT], permission: 'admin' };
    const ok = await login([], { CLOUDFLARE_ACCOUNT_ID: ACCOUNT }, ACCOUNT_TOKEN);
    expect(ok.stderr).toBe(`✓ stored the API token ****0000 in profile "default" (verified: account token), account ${ACCOUNT} (from CLOUDFLARE_ACCOUNT_ID)\n  file: ${file}\n`);
    expect(sent()).toEqual(['GET /user/tokens/verify', `GET /accounts/${ACCOUNT}/tokens/verify`]);
    second(false);
    const bad = await login(['--profile', 'p'], { CLOUDFLARE_ACCOUNT_ID: ACCOUNT_2 }, ACCOUNT_TOKEN);
    expect(bad.exitCode).toBe(4);
    expect(bad.stderr).toBe(
      `error: the API token was not accepted: not a user token, and not an account token of account ${ACCOUNT_2}\n` +
        '  check that the token is copied whole and still active\n  check the account id given with CLOUDFLARE_ACCOUNT_ID\n',
    );
    expect(Object.keys(stored())).toEqual(['default']);
  });

  it('--no-verify stores it without a request', async () => {
    const r = await login(['--no-verify'], { CLOUDFLARE_ACCOUNT_ID: ACCOUNT_2 });
    expect(r.stderr).toBe(`✓ stored the API token ${masked} in profile "default" (not verified), account ${ACCOUNT_2} (from CLOUDFLARE_ACCOUNT_ID)\n  file: ${file}\n`);
    expect(stored()).toEqual({ default: { token: TOKEN, account_id: ACCOUNT_2 } });
    expect(fake.requests).toEqual([]);
  });

  it('--account wins over it, as on every command (a malformed variable hidden by the flag is not looked at)', async () => {
    const r = await login(['--account', ACCOUNT], { CLOUDFLARE_ACCOUNT_ID: 'zz' });
    expect(r.stderr).toBe(`✓ stored the API token ${masked} in profile "default" (verified: user token), account Example Account ${ACCOUNT}\n  file: ${file}\n`);
    expect(stored().default!.account_id).toBe(ACCOUNT);
  });

  it('an empty variable is no account', async () => {
    const r = await login([], { CLOUDFLARE_ACCOUNT_ID: ' ' });
    expect(r.exitCode).toBe(0);
    expect(sent()).toEqual(['GET /user/tokens/verify', 'GET /accounts']);
  });
});

describe('auth status checks that the credential reaches the account that is set', () => {
  it('--account the credential cannot reach: a line saying so, exit 4 as other commands give', async () => {
    second(false);
    const r = await status(['--account', ACCOUNT_2], { CLOUDFLARE_API_TOKEN: TOKEN });
    const problem = `the credential cannot reach account ${ACCOUNT_2} (GET /accounts/${ACCOUNT_2} answered 403: [9109] Unauthorized to access requested resource)`;
    expect(r.exitCode).toBe(4);
    expect(r.stdout).toBe(
      [
        'profile     default',
        `credential  user token ${masked}`,
        'from        environment CLOUDFLARE_API_TOKEN',
        `account     ${ACCOUNT_2} (from flag --account)`,
        'verified    yes',
        `reachable   no: ${problem}`,
        '',
      ].join('\n'),
    );
    expect(r.stderr).toBe(`error: ${problem}\n  check the account id, and that the token includes this account in its account resources\n`);
    expect(sent()).toEqual(['GET /user/tokens/verify', `GET /accounts/${ACCOUNT_2}`]);
    const list = await runInProcess(['list', '--account', ACCOUNT_2], fake, bare({ CLOUDFLARE_API_TOKEN: TOKEN }));
    expect(list.exitCode).toBe(r.exitCode);
  });

  it('as JSON: reachable false, the problem, and the error object', async () => {
    second(false);
    const r = await status(['--json'], { CLOUDFLARE_API_TOKEN: TOKEN, CLOUDFLARE_ACCOUNT_ID: ACCOUNT_2 });
    expect(r.exitCode).toBe(4);
    const s = JSON.parse(r.stdout);
    expect(s).toMatchObject({ account: { id: ACCOUNT_2, source: { kind: 'env', name: 'CLOUDFLARE_ACCOUNT_ID' }, reachable: false }, verified: true });
    expect(JSON.parse(r.stderr).error).toEqual({ code: 'auth', message: s.problem, status: 403, hints: ['check the account id, and that the token includes this account in its account resources'] });
  });

  it('a stored account that is reachable: yes, exit 0', async () => {
    await runInProcess(['auth', 'login', '--email', EMAIL, '--key-stdin'], fake, { ...bare(), input: API_KEY });
    fake.requests.length = 0;
    const r = await status();
    expect(r).toMatchObject({ exitCode: 0, stderr: '' });
    expect(r.stdout).toBe(
      [
        'profile     default',
        `credential  global API key ${keyMasked} (${EMAIL})`,
        'from        profile "default"',
        `account     ${ACCOUNT} (from profile "default")`,
        'verified    yes',
        'reachable   yes',
        '',
      ].join('\n'),
    );
    expect(sent()).toEqual(['GET /user', `GET /accounts/${ACCOUNT}`]);
    expect(JSON.parse((await status(['--json'])).stdout).account).toEqual({ id: ACCOUNT, source: { kind: 'profile', profile: 'default' }, reachable: true });
  });

  it('an account token verified against the account has reached it: no second request', async () => {
    fake.tokens[ACCOUNT_TOKEN] = { kind: 'account', accounts: [ACCOUNT], permission: 'admin' };
    const r = await status([], { CLOUDFLARE_API_TOKEN: ACCOUNT_TOKEN, CLOUDFLARE_ACCOUNT_ID: ACCOUNT });
    expect(r.exitCode).toBe(0);
    expect(r.stdout.split('\n').slice(4)).toEqual(['verified    yes', 'reachable   yes', '']);
    expect(sent()).toEqual(['GET /user/tokens/verify', `GET /accounts/${ACCOUNT}/tokens/verify`]);
  });

  it('no account set: one request, no reachable line', async () => {
    const r = await status([], { CLOUDFLARE_API_TOKEN: TOKEN });
    expect(r.exitCode).toBe(0);
    expect(r.stdout.split('\n').slice(3)).toEqual(['account     not set: chosen from the accounts the credential can see', 'verified    yes', '']);
    expect(sent()).toEqual(['GET /user/tokens/verify']);
  });

  it('--no-verify: not checked, nothing sent', async () => {
    const r = await status(['--no-verify'], { CLOUDFLARE_API_TOKEN: TOKEN, CLOUDFLARE_ACCOUNT_ID: ACCOUNT_2 });
    expect(r.exitCode).toBe(0);
    expect(r.stdout.split('\n').slice(4)).toEqual(['verified    not checked', 'reachable   not checked', '']);
    expect(JSON.parse((await status(['--no-verify', '--json'], { CLOUDFLARE_API_TOKEN: TOKEN, CLOUDFLARE_ACCOUNT_ID: ACCOUNT_2 })).stdout).account.reachable).toBeNull();
    expect(fake.requests).toEqual([]);
  });

  it('a credential that does not verify: the account is not checked, and the hint names where the account came from', async () => {
    writeProfile({ token: 'unknown-token-0123456789', account_id: ACCOUNT });
    const r = await status();
    expect(r.exitCode).toBe(4);
    expect(r.stdout.split('\n')[5]).toBe('reachable   not checked');
    expect(r.stderr.split('\n').slice(1)).toEqual(['  check that the token is copied whole and still active', '  check the account id stored in profile "default"', '']);
    expect(sent()).toEqual(['GET /user/tokens/verify', `GET /accounts/${ACCOUNT}/tokens/verify`]);
  });

  it('a malformed CLOUDFLARE_ACCOUNT_ID is exit 2 naming it, nothing sent', async () => {
    const r = await status([], { CLOUDFLARE_API_TOKEN: TOKEN, CLOUDFLARE_ACCOUNT_ID: 'zz' });
    expect(r).toMatchObject({ exitCode: 2, stdout: '', stderr: 'error: CLOUDFLARE_ACCOUNT_ID: must be 32 hexadecimal characters (got "zz")\n' });
    expect(fake.requests).toEqual([]);
  });
});

describe('auth login again: the account stored in the profile', () => {
  it('--no-verify without an account keeps the stored one (and its name), and says so', async () => {
    second(true);
    expect((await login(['--account', ACCOUNT_2])).exitCode).toBe(0);
    fake.requests.length = 0;
    const r = await login(['--no-verify']);
    expect(r.stderr).toBe(`✓ stored the API token ${masked} in profile "default" (not verified), account Two ${ACCOUNT_2} (kept from the profile)\n  file: ${file}\n`);
    expect(stored()).toEqual({ default: { token: TOKEN, account_id: ACCOUNT_2, account_name: 'Two' } });
    expect(fake.requests).toEqual([]);
  });

  it('a key pair in place of a token keeps it too: the account belongs to the profile', async () => {
    writeProfile({ token: TOKEN, account_id: ACCOUNT_2 });
    const r = await runInProcess(['auth', 'login', '--no-verify', '--email', EMAIL, '--key-stdin'], fake, { ...bare(), input: API_KEY });
    expect(r.stderr.split('\n')[0]).toBe(`✓ stored the global API key of ${EMAIL} ${keyMasked} in profile "default" (not verified), account ${ACCOUNT_2} (kept from the profile)`);
    expect(stored()).toEqual({ default: { email: EMAIL, key: API_KEY, account_id: ACCOUNT_2 } });
  });

  it.each<[string, string[], Record<string, string>, string]>([
    ['--account', ['--account', ACCOUNT], {}, ''],
    ['CLOUDFLARE_ACCOUNT_ID', [], { CLOUDFLARE_ACCOUNT_ID: ACCOUNT }, ' (from CLOUDFLARE_ACCOUNT_ID)'],
  ])('--no-verify with %s replaces it', async (_n, args, env, from) => {
    writeProfile({ token: TOKEN, account_id: ACCOUNT_2, account_name: 'Two' });
    const r = await login(['--no-verify', ...args], env);
    expect(r.stderr).toBe(`✓ stored the API token ${masked} in profile "default" (not verified), account ${ACCOUNT}${from}\n  file: ${file}\n`);
    expect(stored()).toEqual({ default: { token: TOKEN, account_id: ACCOUNT } });
  });

  it('a malformed stored account is not kept: one warning, the login is the repair', async () => {
    writeProfile({ token: TOKEN, account_id: '..' });
    const r = await login(['--no-verify']);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe(
      `warning: account_id of profile "default" in ${file}: must be 32 hexadecimal characters (got ".."); not kept\n` +
        `✓ stored the API token ${masked} in profile "default" (not verified)\n  file: ${file}\n`,
    );
    expect(stored()).toEqual({ default: { token: TOKEN } });
  });

  it('a verified login that chooses another account than the stored one warns', async () => {
    writeProfile({ token: TOKEN, account_id: ACCOUNT_2, account_name: 'Two' });
    const r = await login();
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe(
      `✓ stored the API token ${masked} in profile "default" (verified: user token), account Example Account ${ACCOUNT}\n  file: ${file}\n` +
        `warning: profile "default" used account ${ACCOUNT_2} before; give --account ${ACCOUNT_2} to keep it\n`,
    );
    const same = await login();
    expect(same.stderr).not.toContain('warning');
    // The same account spelt in capitals is the same account.
    writeProfile({ token: TOKEN, account_id: ACCOUNT.toUpperCase() });
    expect((await login()).stderr).not.toContain('warning');
  });
});
