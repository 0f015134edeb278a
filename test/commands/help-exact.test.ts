import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../support/in-process';

// The exact help and completion text, so a changed flag, description or example is noticed.
const golden = (name: string) => readFileSync(new URL(`../fixtures/help/${name}`, import.meta.url), 'utf8');

describe('exact help', () => {
  it.each([['create'], ['list'], ['get'], ['update'], ['delete'], ['apply'], ['export'], ['schema'], ['completion'], ['auth'], ['auth', 'login'], ['auth', 'status'], ['auth', 'logout'], []])(
    'vpcsvc %s --help',
    async (...cmd) => {
      const r = await runInProcess([...cmd, '--help']);
      expect([r.exitCode, r.stderr]).toEqual([0, '']);
      expect(r.stdout).toBe(golden(`${cmd.join('-') || 'root'}.txt`));
    },
  );

  it('aliases print the same help', async () => {
    expect((await runInProcess(['ls', '--help'])).stdout).toBe(golden('list.txt'));
    expect((await runInProcess(['rm', '--help'])).stdout).toBe(golden('delete.txt'));
  });
});

describe('exact completion scripts', () => {
  it.each(['bash', 'zsh', 'fish'])('vpcsvc completion %s', async (shell) => {
    const r = await runInProcess(['completion', shell]);
    expect([r.exitCode, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toBe(golden(`completion.${shell}`));
  });

  it('an unknown shell is exit 2 naming the argument, nothing printed', async () => {
    const r = await runInProcess(['completion', 'powershell']);
    expect(r).toMatchObject({ exitCode: 2, stdout: '', stderr: 'error: <shell>: must be bash, zsh or fish (got "powershell")\n' });
  });
});
