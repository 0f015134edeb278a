import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TOKEN } from '../support/fake-api';
import { useFakeApi } from '../support/use-fake';
import { runInProcess } from '../support/in-process';

// A rate limit (429) while a credential is verified says nothing about the credential: it is the
// rate limit's own error (exit 1, with the time to wait), never "the token was not accepted"
// (exit 4, which tells the user to replace a good token). cli.md sections 7, 8 and 10.
const fake = useFakeApi();
const limited = { status: 429, retryAfter: '120', errors: [{ code: 971, message: 'rate limited' }] };
const LINE = 'error: [971] rate limited';

describe('verifying a credential that is rate limited', () => {
  it.each<[string, RegExp]>([
    ['the user-token check', /\/user\/tokens\/verify$/],
    ['the account-token check', /\/accounts\/[0-9a-f]+\/tokens\/verify$/],
  ])('auth status: %s answers 429: exit 1 with the rate limit, not "not accepted"', async (_, path) => {
    if (path.source.includes('accounts')) fake.faults.push({ path: /\/user\/tokens\/verify$/, nth: 1, count: 10, action: { status: 401, errors: [{ code: 1000, message: 'Invalid API Token' }] } });
    fake.faults.push({ path, nth: 1, count: 10, action: limited });
    const r = await runInProcess(['auth', 'status', '--retries', '0'], fake, { env: { VPCSVC_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'rl-')) } });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).not.toMatch(/not accepted/);
  });

  it('auth login: exit 1, nothing stored', async () => {
    fake.faults.push({ path: /\/user\/tokens\/verify$/, nth: 1, count: 10, action: limited });
    const dir = mkdtempSync(join(tmpdir(), 'rl-'));
    const r = await runInProcess(['auth', 'login', '--token-stdin', '--retries', '0'], fake, { env: { VPCSVC_CONFIG_DIR: dir }, input: `${TOKEN}\n` });
    expect([r.exitCode, r.stdout]).toEqual([1, '']);
    expect(r.stderr.split('\n')[0]).toBe(LINE);
  });

  it('doctor: the credential could not be checked, exit 1', async () => {
    fake.faults.push({ path: /\/user\/tokens\/verify$/, nth: 1, count: 10, action: limited });
    const r = await runInProcess(['doctor', '--json', '--retries', '0'], fake, { cwd: mkdtempSync(join(tmpdir(), 'rl-')) });
    expect(r.exitCode).toBe(1);
    const rows = JSON.parse(r.stdout) as { check: string; status: string; message: string }[];
    expect(rows.find((x) => x.check === 'credentials.verified')).toMatchObject({ status: 'fail', message: `the credential could not be checked: ${LINE.replace('error: ', '')}` });
  });
});
