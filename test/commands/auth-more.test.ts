import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNT, ACCOUNT_2, API_KEY, EMAIL, TOKEN } from '../support/fake-api';
import { useFakeApi } from '../support/use-fake';
import { runInProcess, scriptedPrompter } from '../support/in-process';
import { tempDir } from '../support/run-cli';

// Exact output of auth login, status and logout, and each way a secret is obtained.
let configDir: string;
let file: string;
beforeEach(() => {
  configDir = join(tempDir(), 'vpcsvc');
  file = join(configDir, 'config.json');
});
const bare = (env: Record<string, string | undefined> = {}) => ({ noCredentials: true, env: { VPCSVC_CONFIG_DIR: configDir, NO_COLOR: '1', ...env } });
const tty = { stdin: true, stderr: true };
const stored = () => JSON.parse(readFileSync(file, 'utf8')).profiles as Record<string, Record<string, string>>;
const masked = `****${TOKEN.slice(-4)}`;
const keyMasked = `****${API_KEY.slice(-4)}`;

const fake = useFakeApi();
const login = (args: string[] = [], input = TOKEN, env: Record<string, string | undefined> = {}) =>
  runInProcess(['auth', 'login', '--token-stdin', ...args], fake, { ...bare(env), input });

describe('auth login: what it prints and stores', () => {
  it('a user token, account found by verification', async () => {
    const r = await login();
    expect(r).toMatchObject({ exitCode: 0, stdout: '' });
    expect(r.stderr).toBe(`✓ stored the API token ${masked} in profile "default" (verified: user token), account Example Account ${ACCOUNT}\n  file: ${file}\n`);
    expect(stored()).toEqual({ default: { token: TOKEN, account_id: ACCOUNT, account_name: 'Example Account' } });
  });

  it('--no-verify: no account unless given, and says not verified', async () => {
    const r = await login(['--no-verify', '--profile', 'p']);
    expect(r.stderr).toBe(`✓ stored the API token ${masked} in profile "p" (not verified)\n  file: ${file}\n`);
    expect(stored()).toEqual({ p: { token: TOKEN } });
    const a = await login(['--no-verify', '--account', ` ${ACCOUNT_2} `]);
    expect(a.stderr).toBe(`✓ stored the API token ${masked} in profile "default" (not verified), account ${ACCOUNT_2}\n  file: ${file}\n`);
    expect(stored().default).toEqual({ token: TOKEN, account_id: ACCOUNT_2 });
    expect(fake.requests).toEqual([]);
  });

  it('a key pair from stdin, with credentials in the environment: a warning that they win', async () => {
    const r = await runInProcess(['auth', 'login', '--email', ` ${EMAIL} `, '--key-stdin'], fake, { ...bare({ CLOUDFLARE_API_KEY: 'k' }), input: `  ${API_KEY}\n` });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe(
      `✓ stored the global API key of ${EMAIL} ${keyMasked} in profile "default" (verified: global API key), account Example Account ${ACCOUNT}\n` +
        `  file: ${file}\nwarning: credentials in the environment still take precedence over this profile\n`,
    );
    expect(stored().default).toEqual({ email: EMAIL, key: API_KEY, account_id: ACCOUNT, account_name: 'Example Account' });
  });

  it('a token in the environment is warned about too', async () => {
    const r = await login([], TOKEN, { CLOUDFLARE_API_TOKEN: TOKEN });
    expect(r.stderr.split('\n').slice(2)).toEqual(['warning: credentials in the environment still take precedence over this profile', '']);
  });

  it.each([
    [['--token-stdin', '--key-stdin'], '--token-stdin and --key-stdin: give one of them'],
    [['--key-stdin'], '--key-stdin needs --email <email>'],
    [['--email', EMAIL], '--email needs --key-stdin (the key is read from stdin)'],
  ])('%j is a usage error before stdin is read', async (args, message) => {
    const r = await runInProcess(['auth', 'login', ...args], fake, { ...bare(), input: TOKEN });
    expect(r).toMatchObject({ exitCode: 2, stdout: '', stderr: `error: ${message}\n` });
    expect(fake.requests).toEqual([]);
  });

  it('without a terminal and a stdin flag: how to give the secret', async () => {
    const r = await runInProcess(['auth', 'login'], fake, bare());
    expect(r.stderr).toBe(
      'error: nothing can be asked (there is no terminal to ask on): give the secret on stdin\n  printf %s "$TOKEN" | vpcsvc auth login --token-stdin\n  vpcsvc auth login --email <email> --key-stdin < key-file\n',
    );
    expect(r.exitCode).toBe(2);
  });

  it.each([
    ['--token-stdin', 'two words'],
    ['--token-stdin', 'a\tb'],
    ['--key-stdin', 'k e y'],
  ])('%s with whitespace inside is refused', async (flag, input) => {
    const args = flag === '--key-stdin' ? ['--email', EMAIL, flag] : [flag];
    const r = await runInProcess(['auth', 'login', ...args], fake, { ...bare(), input });
    expect(r).toMatchObject({ exitCode: 2, stderr: `error: ${flag}: the secret must be one line without spaces\n` });
  });

  it('--key-stdin with empty stdin names the flag; a "Bearer " key is not trimmed as a token', async () => {
    const empty = await runInProcess(['auth', 'login', '--email', EMAIL, '--key-stdin'], fake, { ...bare(), input: ' \n' });
    expect(empty).toMatchObject({ exitCode: 2, stderr: 'error: --key-stdin: stdin was empty\n' });
    const key = await runInProcess(['auth', 'login', '--no-verify', '--email', EMAIL, '--key-stdin'], fake, { ...bare(), input: 'Bearer x' });
    expect(key).toMatchObject({ exitCode: 2, stderr: 'error: --key-stdin: the secret must be one line without spaces\n' });
    const token = await login(['--no-verify'], `Bearer ${TOKEN}`);
    expect(token).toMatchObject({ exitCode: 0, stderr: `warning: --token-stdin starts with "Bearer "; using the token without it\n✓ stored the API token ${masked} in profile "default" (not verified)\n  file: ${file}\n` });
    expect(stored().default).toEqual({ token: TOKEN });
  });

  it('on a terminal: the method is asked, then the token', async () => {
    const prompter = scriptedPrompter(['token', ` Bearer ${TOKEN} `]);
    const r = await runInProcess(['auth', 'login', '--no-verify'], fake, { ...bare(), tty, prompter });
    expect(prompter.asked).toEqual(['How do you want to authenticate?', 'API token:']);
    expect(r.stderr).toBe(`warning: the API token starts with "Bearer "; using the token without it\n✓ stored the API token ${masked} in profile "default" (not verified)\n  file: ${file}\n`);
    expect(stored().default).toEqual({ token: TOKEN });
  });

  it('on a terminal: a key pair asks the email and the key', async () => {
    const prompter = scriptedPrompter(['key', ` ${EMAIL} `, ` ${API_KEY} `]);
    const r = await runInProcess(['auth', 'login', '--no-verify'], fake, { ...bare(), tty, prompter });
    expect(prompter.asked).toEqual(['How do you want to authenticate?', 'Email of the Cloudflare account:', 'Global API key:']);
    expect(r.exitCode).toBe(0);
    expect(stored().default).toEqual({ email: EMAIL, key: API_KEY });
  });

  it('on a terminal with --email: only the key is asked', async () => {
    const prompter = scriptedPrompter([API_KEY]);
    const r = await runInProcess(['auth', 'login', '--no-verify', '--email', ` ${EMAIL} `], fake, { ...bare(), tty, prompter });
    expect(prompter.asked).toEqual(['Global API key:']);
    expect(r.exitCode).toBe(0);
    expect(stored().default).toEqual({ email: EMAIL, key: API_KEY });
  });

  it('on a terminal every answer is required: blanks are refused', async () => {
    const checks: [string, unknown, unknown][] = [];
    const answers = ['key', EMAIL, API_KEY];
    const check = (q: { message: string; validate?: (v: string) => unknown }) => {
      checks.push([q.message, q.validate?.(' \t'), q.validate?.('x')]);
      return answers.shift() as never;
    };
    const prompter = { select: async (q: { message: string }) => check(q), input: async (q: { message: string }) => check(q), password: async (q: { message: string }) => check(q), confirm: async () => true };
    const r = await runInProcess(['auth', 'login', '--no-verify'], fake, { ...bare(), tty, prompter: prompter as never });
    expect(r.exitCode).toBe(0);
    expect(checks).toEqual([
      ['How do you want to authenticate?', undefined, undefined],
      ['Email of the Cloudflare account:', 'required', true],
      ['Global API key:', 'required', true],
    ]);
    const token: unknown[] = [];
    const tokenPrompter = { select: async () => 'token', password: async (q: { validate: (v: string) => unknown }) => (token.push(q.validate(''), q.validate('t')), TOKEN) };
    expect((await runInProcess(['auth', 'login', '--no-verify'], fake, { ...bare(), tty, prompter: tokenPrompter as never })).exitCode).toBe(0);
    expect(token).toEqual(['required', true]);
  });

  it('several accounts on a terminal: the chosen one is stored with its name', async () => {
    fake.accounts.push({ id: ACCOUNT_2, name: 'Second' });
    fake.tokens[TOKEN]!.accounts.push(ACCOUNT_2);
    const prompter = scriptedPrompter([ACCOUNT_2]);
    const r = await runInProcess(['auth', 'login', '--token-stdin'], fake, { ...bare(), tty, prompter, input: TOKEN });
    expect(prompter.asked).toEqual(['Which account should this profile use?']);
    expect(r.stderr).toBe(`✓ stored the API token ${masked} in profile "default" (verified: user token), account Second ${ACCOUNT_2}\n  file: ${file}\n`);
    expect(stored().default).toEqual({ token: TOKEN, account_id: ACCOUNT_2, account_name: 'Second' });
  });

  it('a token that sees no account: exit 4, nothing stored', async () => {
    fake.tokens[TOKEN]!.accounts = [];
    const r = await login();
    expect(r).toMatchObject({ exitCode: 4, stderr: 'error: the credential works but can see no account\n' });
  });
});

describe('auth status: exact output', () => {
  it('a stored key pair, as a table', async () => {
    await runInProcess(['auth', 'login', '--email', EMAIL, '--key-stdin'], fake, { ...bare(), input: API_KEY });
    const r = await runInProcess(['auth', 'status'], fake, bare());
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
  });

  it('--no-verify with a short token and no account, as JSON', async () => {
    const r = await runInProcess(['auth', 'status', '--no-verify', '--json'], fake, bare({ CLOUDFLARE_API_TOKEN: 'short-token' }));
    expect(r).toMatchObject({ exitCode: 0, stderr: '' });
    expect(JSON.parse(r.stdout)).toEqual({
      profile: 'default',
      credential: { kind: 'API token', source: { kind: 'env', name: 'CLOUDFLARE_API_TOKEN' }, last4: null },
      account: null,
      verified: null,
      overrides_profile: false,
    });
    const table = await runInProcess(['auth', 'status', '--no-verify'], fake, bare({ CLOUDFLARE_API_TOKEN: 'short-token' }));
    expect(table.stdout).toBe(
      [
        'profile     default',
        'credential  API token ****',
        'from        environment CLOUDFLARE_API_TOKEN',
        'account     not set: chosen from the accounts the credential can see',
        'verified    not checked',
        '',
      ].join('\n'),
    );
    expect(fake.requests).toEqual([]);
  });

  it('a key pair in JSON carries its email; a failed check its problem, exit 4', async () => {
    const r = await runInProcess(['auth', 'status', '--json'], fake, bare({ CLOUDFLARE_API_KEY: 'wrong-key-0123456789', CLOUDFLARE_EMAIL: EMAIL }));
    expect(r.exitCode).toBe(4);
    const s = JSON.parse(r.stdout);
    expect(s.credential).toEqual({ kind: 'global API key', source: { kind: 'env', name: 'CLOUDFLARE_API_KEY' }, last4: '6789', email: EMAIL });
    expect(s.verified).toBe(false);
    expect(typeof s.problem).toBe('string');
    expect(JSON.parse(r.stderr).error.message).toBe(s.problem);
  });

  it('a failed check in the table says why', async () => {
    const r = await runInProcess(['auth', 'status'], fake, bare({ CLOUDFLARE_API_TOKEN: 'unknown-token-0123456789' }));
    expect(r.exitCode).toBe(4);
    const problem = r.stderr.replace(/^error: /, '').split('\n')[0]!;
    expect(r.stdout.split('\n')[4]).toBe(`verified    no: ${problem}`);
  });

  it('an environment token over a stored login: the JSON says so, the warning names the variable', async () => {
    await login();
    const r = await runInProcess(['auth', 'status', '--json', '--no-verify'], fake, bare({ CLOUDFLARE_API_TOKEN: TOKEN }));
    expect(JSON.parse(r.stdout).overrides_profile).toBe(true);
    expect(r.stderr).toBe('warning: CLOUDFLARE_API_TOKEN in the environment overrides the login stored in profile "default"\n');
  });
});

describe('auth logout: exact output', () => {
  it('removes a stored login, then says there is none', async () => {
    await login();
    const r = await runInProcess(['auth', 'logout'], fake, bare());
    expect(r).toMatchObject({ exitCode: 0, stdout: '', stderr: '✓ removed the stored credentials of profile "default"\n' });
    const again = await runInProcess(['auth', 'logout'], fake, bare());
    expect(again).toMatchObject({ exitCode: 0, stdout: '', stderr: 'profile "default" has no stored credentials; nothing to remove\n' });
  });

  it.each(['CLOUDFLARE_API_TOKEN', 'CLOUDFLARE_API_KEY'])('%s in the environment is still in effect: a warning', async (name) => {
    const r = await runInProcess(['auth', 'logout'], fake, bare({ [name]: 'x' }));
    expect(r.stderr).toBe(
      'profile "default" has no stored credentials; nothing to remove\nwarning: credentials in the environment (CLOUDFLARE_API_TOKEN / CLOUDFLARE_API_KEY) are still in effect\n',
    );
  });
});

describe('auth status: how much of the secret is shown', () => {
  it.each([
    ['x'.repeat(15), null],
    [`${'x'.repeat(12)}abcd`, 'abcd'],
  ])('a %s-character secret', async (secret, last4) => {
    const r = await runInProcess(['auth', 'status', '--no-verify', '--json'], fake, bare({ CLOUDFLARE_API_TOKEN: secret }));
    expect(JSON.parse(r.stdout).credential.last4).toBe(last4);
  });
});

