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

});
