import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TOKEN } from '../support/fake-api';
import { useFakeApi } from '../support/use-fake';
import { runInProcess } from '../support/in-process';
import { tempDir } from '../support/run-cli';
import { def, SERVICES } from '../support/sample-services';

// Each command's action hands its arguments and options to its run: one quick case per command.
const fake = useFakeApi();

describe('every command runs with what it was given', () => {
  it('create [name] with flags', async () => {
    const r = await runInProcess(['create', 'a', '--type', 'tcp', '--ipv4', '10.0.0.1', '--tunnel', String(def('a').host.network.tunnel_id), '--tcp-port', '5432', '--dry-run', '--json'], fake);
    expect(JSON.parse(r.stdout).body).toEqual(def('a'));
  });

  it('list, get, export, update, delete by reference', async () => {
    const [a] = fake.seed([def('a')]);
    expect((await runInProcess(['ls', '-q'], fake)).stdout).toBe(`${a!.service_id}\n`);
    expect(JSON.parse((await runInProcess(['get', 'a', '--json'], fake)).stdout)).toEqual(a);
    expect(JSON.parse((await runInProcess(['export', 'a'], fake)).stdout)).toEqual([def('a')]);
    const u = await runInProcess(['update', 'a', '--tcp-port', '6000', '--dry-run', '--json'], fake);
    expect(JSON.parse(u.stdout).body).toEqual(def('a', { tcp_port: 6000 }));
    const d = await runInProcess(['rm', 'a', '--dry-run'], fake);
    expect(d.stdout).toBe(`DELETE ${fake.url}${SERVICES}/${a!.service_id}\n`);
  });

  it('apply -f and its flags', async () => {
    const r = await runInProcess(['apply', '-f', '-', '--dry-run', '--json'], fake, { input: JSON.stringify([def('n')]) });
    expect(JSON.parse(r.stdout).plan).toEqual([{ action: 'create', name: 'n' }]);
  });

  it('schema', async () => {
    const r = await runInProcess(['schema'], fake);
    expect(JSON.parse(r.stdout).$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  it('auth login, status, logout', async () => {
    const env = { VPCSVC_CONFIG_DIR: join(tempDir(), 'c'), NO_COLOR: '1' };
    const login = await runInProcess(['auth', 'login', '--token-stdin', '--no-verify'], fake, { noCredentials: true, env, input: TOKEN });
    expect(login.exitCode).toBe(0);
    const status = await runInProcess(['auth', 'status', '--no-verify', '--json'], fake, { noCredentials: true, env });
    expect(JSON.parse(status.stdout).verified).toBeNull();
    const out = await runInProcess(['auth', 'logout'], fake, { noCredentials: true, env });
    expect(out.stderr).toBe('✓ removed the stored credentials of profile "default"\n');
  });
});
