import { describe, expect, it } from 'vitest';
import { ACCOUNT, ACCOUNT_2, TOKEN } from '../support/fake-api';
import { useFakeApi } from '../support/use-fake';
import { runInProcess, scriptedPrompter } from '../support/in-process';
import { tempDir } from '../support/run-cli';

// The account a command uses when none is set: asked for on a terminal, refused when none is visible.
const fake = useFakeApi({
  accounts: [
    { id: ACCOUNT, name: 'One' },
    { id: ACCOUNT_2, name: 'Two' },
  ],
});
const tokenOnly = () => ({ noCredentials: true, env: { CLOUDFLARE_API_TOKEN: TOKEN, VPCSVC_CONFIG_DIR: tempDir(), NO_COLOR: '1' } });

describe('the account at use time', () => {
  it('several on a terminal: asked, and the chosen one is used', async () => {
    const p = scriptedPrompter([ACCOUNT_2]);
    const r = await runInProcess(['list', '-q'], fake, { ...tokenOnly(), tty: { stdin: true, stderr: true }, prompter: p });
    expect(r.exitCode).toBe(0);
    expect(p.asked).toEqual(['Which account?']);
    expect(fake.requests.map((q) => q.path)).toEqual(['/accounts', `/accounts/${ACCOUNT_2}/connectivity/directory/services`]);
  });

  it('several without a terminal: names the flag and variable', async () => {
    const r = await runInProcess(['list'], fake, tokenOnly());
    expect(r.exitCode).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('error: these credentials can see 2 accounts; choose one with --account or CLOUDFLARE_ACCOUNT_ID');
  });

  it('none visible: exit 4 with the hint', async () => {
    fake.tokens[TOKEN]!.accounts = [];
    const r = await runInProcess(['list'], fake, tokenOnly());
    expect(r).toMatchObject({ exitCode: 4, stdout: '', stderr: "error: these credentials can see no account\n  check the token's account resources\n" });
  });
});
