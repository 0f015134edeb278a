import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { TOKEN, TUNNEL } from '../support/fake-api';
import { useFakeApi } from '../support/use-fake';
import { runCli, tempDir } from '../support/run-cli';

/** Secrets the user typed are never echoed back in local messages (cli.md section 6). */

const fake = useFakeApi();
let configDir: string;
beforeEach(() => {
  configDir = join(tempDir(), 'vpcsvc');
});
const SECRET = 'hunter2-secret-value-000000000';
const createArgs = ['create', 'db', '--type', 'tcp', '--ipv4', '10.0.0.1', '--tunnel', TUNNEL, '--tcp-port', '5432', '-q'];

describe('unknown options carrying a value', () => {
  it.each<string[]>([
    ['list', `--token=${SECRET}`],
    ['auth', 'login', `--api-key=${SECRET}`],
    ['create', 'x', `--password=${SECRET}`],
    [`--token=${SECRET}`],
    ['list', `--json`, `--secret=${SECRET}`],
  ])('%s: exit 2 naming the option, not its value', async (...args) => {
    const r = await runCli(args, fake);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).not.toContain(SECRET);
    expect(r.stderr).not.toContain('hunter2');
    const name = args.find((a) => a.includes('='))!.split('=')[0]!;
    expect(r.stderr).toContain(`unknown option '${name}=…'`);
    expect(fake.requests).toEqual([]);
  });

  it('an unknown option without a value is shown as typed, with the suggestion', async () => {
    const r = await runCli(['list', '--jsn'], fake);
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
      const r = await runCli(args, fake, { env: { CLOUDFLARE_API_BASE_URL: url } });
      expect(r.exitCode, args.join(' ')).toBe(2);
      expect(r.stdout + r.stderr).not.toContain(SECRET);
      expect(r.stderr).toContain('CLOUDFLARE_API_BASE_URL');
    }
    expect(fake.requests).toEqual([]);
  });

  it('the message still shows where the URL points', async () => {
    const r = await runCli(['list'], fake, { env: { CLOUDFLARE_API_BASE_URL: `http://user:${SECRET}@example.com/v4` } });
    expect(r.stderr).toBe(
      'error: CLOUDFLARE_API_BASE_URL: plain http:// is only allowed to a loopback address; use https:// (got "http://***@example.com/v4")\n',
    );
  });
});

describe('a token pasted with "Bearer "', () => {
  it('in CLOUDFLARE_API_TOKEN is used without it, with one warning line', async () => {
    const r = await runCli(createArgs, fake, { env: { CLOUDFLARE_API_TOKEN: `Bearer ${TOKEN}` } });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toBe('warning: CLOUDFLARE_API_TOKEN starts with "Bearer "; using the token without it\n');
    expect(fake.sent('POST')[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('at auth login is stored without it, with one warning line', async () => {
    const r = await runCli(['auth', 'login', '--token-stdin'], fake, { noCredentials: true, env: { VPCSVC_CONFIG_DIR: configDir }, input: `bearer ${TOKEN}\n` });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('warning:'))).toEqual(['warning: --token-stdin starts with "Bearer "; using the token without it']);
    expect(JSON.parse(readFileSync(join(configDir, 'config.json'), 'utf8')).profiles.default.token).toBe(TOKEN);
    expect(fake.sent('GET', /^\/user\/tokens\/verify$/)[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });
});
