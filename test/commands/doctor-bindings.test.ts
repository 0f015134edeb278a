import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACCOUNT } from '../support/fake-api';
import { useFakeApi } from '../support/use-fake';
import { runInProcess } from '../support/in-process';
import { svc, type Row } from '../support/doctor-tunnels';

const fake = useFakeApi();
const MISSING = '77777777-7777-4777-8777-777777777777';
const HEALTHY = '11111111-1111-4111-8111-111111111111';
const dir = () => mkdtempSync(join(tmpdir(), 'doctor-cmd-'));

describe('doctor (in process)', () => {
  it('the missing-tunnel hint names the service by id, not by a name the shell would run', async () => {
    const [s] = fake.seed([svc('my "db" $(touch /tmp/x)', MISSING)]);
    const r = await runInProcess(['doctor', '--json'], fake, { cwd: dir() });
    const row = (JSON.parse(r.stdout) as Row[]).find((x) => x.check === 'tunnel.exists')!;
    expect(row.hint).toBe(`point the service at a running tunnel: vpcsvc update ${s!.service_id} --tunnel <tunnel-id> (cloudflared tunnel list shows them)`);
  });

  it('--ndjson escapes bidi and zero-width characters as --json does', async () => {
    fake.tunnels.set(ACCOUNT, [{ id: HEALTHY, name: 'h', status: 'healthy', connectors: [{ id: 'c0000000-0000-4000-8000-000000000001', version: '2025.10.0' }] }]);
    fake.seed([svc('a\u202eb\u200bc\ufeff', HEALTHY)]);
    const r = await runInProcess(['doctor', '--ndjson'], fake, { cwd: dir() });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).not.toMatch(/[\u202e\u200b\ufeff]/);
    expect(r.stdout).toContain('"message":"tcp service a\\u202eb\\u200bc\\ufeff: 10.0.0.5, port 5432"');
    const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Row);
    expect(lines.find((x) => x.check === 'service.definition')!.subject).toMatch(/^service a\u202eb\u200bc\ufeff \(/);
  });

  it('with wrangler.json and wrangler.jsonc, wrangler.json is read (as wrangler does) and a warning names the other', async () => {
    const cwd = dir();
    writeFileSync(join(cwd, 'wrangler.json'), '{ "vpc_services": [] }');
    writeFileSync(join(cwd, 'wrangler.jsonc'), '{ "vpc_services": [ ');
    writeFileSync(join(cwd, 'wrangler.toml'), '');
    const r = await runInProcess(['doctor', '--json'], fake, { cwd });
    expect(r.exitCode).toBe(0);
    const rows = (JSON.parse(r.stdout) as Row[]).filter((x) => x.check.startsWith('wrangler.'));
    expect(rows).toEqual([
      { check: 'wrangler.config', subject: 'wrangler.json', status: 'ok', message: 'read wrangler.json: vpc_services bindings 0 at top level', hint: null },
      {
        check: 'wrangler.ignored',
        subject: 'wrangler.json',
        status: 'warn',
        message: 'wrangler.jsonc and wrangler.toml are in the same folder: wrangler reads wrangler.json and ignores them, and so does doctor',
        hint: 'delete or rename the config files wrangler does not read, so that nobody edits the wrong one',
      },
    ]);
  });

  it('--env: a top-level entry that the environment lacks and that is broken fails the run', async () => {
    fake.seed([svc('orders-db', HEALTHY)]);
    const cwd = dir();
    writeFileSync(join(cwd, 'wrangler.json'), '{ "vpc_services": [ { "binding": "DB", "service_id": "9b1f0000-0000-4000-8000-00000000beef", "remote": true } ], "env": { "dev": {} } }');
    const r = await runInProcess(['doctor', '--env', 'dev', '--json'], fake, { cwd });
    expect(r.exitCode).toBe(1);
    expect((JSON.parse(r.stdout) as Row[]).filter((x) => x.status === 'fail').map((x) => x.check)).toEqual(['tunnel.exists', 'binding.environment']);
  });
});

describe('doctor --wrangler-config that is not a regular file', () => {
  it('a FIFO is refused at once as a usage error, before any request', async () => {
    const cwd = dir();
    const fifo = join(cwd, 'wrangler.json');
    execFileSync('mkfifo', [fifo]);
    const r = await runInProcess(['doctor', '--wrangler-config', 'wrangler.json'], fake, { cwd });
    expect([r.exitCode, r.stdout, r.stderr]).toEqual([2, '', `error: --wrangler-config ${fifo}: is not a regular file\n`]);
    expect(fake.requests).toHaveLength(0);
  });
});
