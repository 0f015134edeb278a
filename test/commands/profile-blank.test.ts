import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TOKEN } from '../support/fake-api';
import { useFakeApi } from '../support/use-fake';
import { runInProcess } from '../support/in-process';

// `--profile "$P"` with P unset must not fall back to "default": a login would replace the
// user's default credentials without a word.
const fake = useFakeApi();

describe('--profile that names nothing', () => {
  it.each([[''], ['  ']])('auth login --profile %j: exit 2, nothing stored, nothing sent', async (name) => {
    const dir = mkdtempSync(join(tmpdir(), 'profile-blank-'));
    const r = await runInProcess(['auth', 'login', '--token-stdin', '--profile', name], fake, { env: { VPCSVC_CONFIG_DIR: dir }, input: `${TOKEN}\n` });
    expect([r.exitCode, r.stdout, r.stderr]).toEqual([2, '', `error: --profile: must name a profile (got ${JSON.stringify(name.trim())})\n`]);
    expect([existsSync(join(dir, 'config.json')), fake.requests.length]).toEqual([false, 0]);
  });

  it('list --profile "": exit 2 before anything is read', async () => {
    const r = await runInProcess(['list', '--profile', ''], fake);
    expect([r.exitCode, r.stderr, fake.requests.length]).toEqual([2, 'error: --profile: must name a profile (got "")\n', 0]);
  });

  it('a blank VPCSVC_PROFILE is unset, as blank variables are everywhere: the default profile', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'profile-blank-'));
    const r = await runInProcess(['auth', 'login', '--token-stdin'], fake, { env: { VPCSVC_CONFIG_DIR: dir, VPCSVC_PROFILE: ' ' }, input: `${TOKEN}\n` });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain('profile "default"');
  });
});
