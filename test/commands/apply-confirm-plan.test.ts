import { describe, expect, it } from 'vitest';
import { TUNNEL } from '../support/fake-api';
import { useFakeApi } from '../support/use-fake';
import { runInProcess, scriptedPrompter, tempDirWith } from '../support/in-process';

// Asked "Apply 1 change?" the user must see what the change is. In --json, --ndjson and -q the
// plan does not go to stdout, so it is shown on stderr, with the question, before asking.
const fake = useFakeApi();
const def = { name: 'db', type: 'tcp', host: { ipv4: '10.0.0.1', network: { tunnel_id: TUNNEL } }, tcp_port: 5432 };
const PLAN = 'Plan: 1 to create, 0 to update, 0 to leave unchanged\n  + create    db\n';

describe('apply on a terminal, without --yes', () => {
  it.each([['--json'], ['--ndjson'], ['-q']])('%s: the plan is shown on stderr before the question', async (flag) => {
    const cwd = tempDirWith({ 'defs.json': JSON.stringify([def]) });
    const prompter = scriptedPrompter([false]);
    const r = await runInProcess(['apply', '-f', 'defs.json', flag], fake, { cwd, tty: { stdin: true, stderr: true }, prompter, env: { NO_COLOR: '1' } });
    expect(prompter.asked).toEqual(['Apply 1 change?']);
    expect(r.exitCode).toBe(130);
    expect(r.stdout).toBe('');
    expect(r.stderr.startsWith(PLAN)).toBe(true);
    expect(fake.sent('POST')).toHaveLength(0);
  });

  it('as a table the plan is on stdout, and not said twice', async () => {
    const cwd = tempDirWith({ 'defs.json': JSON.stringify([def]) });
    const r = await runInProcess(['apply', '-f', 'defs.json'], fake, { cwd, tty: { stdin: true, stderr: true }, prompter: scriptedPrompter([false]), env: { NO_COLOR: '1' } });
    expect(r.stdout).toBe(PLAN);
    expect(r.stderr).not.toContain('Plan:');
  });
});
