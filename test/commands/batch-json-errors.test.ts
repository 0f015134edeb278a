import { describe, expect, it } from 'vitest';
import { TUNNEL } from '../support/fake-api';
import { useFakeApi } from '../support/use-fake';
import { runInProcess, tempDirWith } from '../support/in-process';

const fake = useFakeApi();
const def = (name: string) => ({ name, type: 'tcp', host: { ipv4: '10.0.0.1', network: { tunnel_id: TUNNEL } }, tcp_port: 5432 });

/** With --json or --ndjson, stderr holds exactly one JSON error object: item failures are in the results on stdout. */
const onlyTheJsonError = (stderr: string) => {
  const lines = stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(Object.keys(JSON.parse(lines[0]!))).toEqual(['error']);
};

describe('batch failures with --json / --ndjson', () => {
  it.each([['--json'], ['--ndjson']])('create -f %s: exit 3, the failure on stdout, stderr one JSON object', async (flag) => {
    fake.seed([def('a')]);
    const dir = tempDirWith({ 'two.json': JSON.stringify([def('a'), def('b')]) });
    const r = await runInProcess(['create', '-f', 'two.json', flag], fake, { cwd: dir });
    expect(r.exitCode).toBe(3);
    onlyTheJsonError(r.stderr);
    expect(r.stdout).toContain('[5101]');
  });

  it('delete of a present and a missing service with --json: stderr one JSON object', async () => {
    const [a] = fake.seed([def('a')]);
    fake.faults = [{ method: 'DELETE', nth: 1, action: { status: 500 } }];
    const r = await runInProcess(['delete', a!.service_id, '--yes', '--json', '--retries', '0'], fake);
    expect(r.exitCode).toBe(1);
    onlyTheJsonError(r.stderr);
  });

  it('apply with one failing create and --json: stderr one JSON object', async () => {
    const dir = tempDirWith({ 'defs.json': JSON.stringify([def('a'), def('b')]) });
    fake.faults = [{ method: 'POST', nth: 1, action: { status: 400, errors: [{ code: 1001, message: 'bad thing' }] } }];
    const r = await runInProcess(['apply', '-f', 'defs.json', '--yes', '--json'], fake, { cwd: dir });
    expect(r.exitCode).toBe(3);
    onlyTheJsonError(r.stderr);
  });
});
