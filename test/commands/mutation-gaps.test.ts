import { describe, expect, it } from 'vitest';
import { TUNNEL } from '../support/fake-api';
import { useFakeApi } from '../support/use-fake';
import { runInProcess, scriptedPrompter } from '../support/in-process';

// Behaviour the mutation run of this stop's change found no test for.
const fake = useFakeApi();

describe('update: a value that fails only for the service\'s type', () => {
  it('host:port on an http service is named at --hostname, after the GET alone', async () => {
    fake.seed([{ name: 'web', type: 'http', host: { ipv4: '10.0.0.1', network: { tunnel_id: TUNNEL } } }]);
    const r = await runInProcess(['update', 'web', '--hostname', 'db:5432'], fake);
    expect([r.exitCode, r.stdout, r.stderr]).toEqual([2, '', 'error: --hostname: must be a bare hostname without a port (got "db:5432")\n']);
    expect(fake.requests.map((q) => q.method)).toEqual(['GET']);
  });
});

describe('create -i', () => {
  it('asks even when the flags say everything (it only takes them as defaults)', async () => {
    const prompter = scriptedPrompter([]);
    const r = await runInProcess(['create', 'a', '-i', '--type', 'tcp', '--ipv4', '10.0.0.1', '--tunnel', TUNNEL, '--tcp-port', '1', '--dry-run'], fake, {
      tty: { stdin: true, stderr: true },
      prompter,
      env: { NO_COLOR: '1' },
    });
    expect(prompter.asked).toHaveLength(1);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
  });
});
