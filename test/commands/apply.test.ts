import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNT, FakeCloudflare, TUNNEL, TUNNEL_2 } from '../support/fake-api';
import { useFakeApi } from '../support/use-fake';
import { runInProcess } from '../support/in-process';
import { tempDir } from '../support/run-cli';

describe("apply and export", () => {
const fake = useFakeApi();
let dir: string;
beforeEach(async () => {
  dir = tempDir();
});

const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const def = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  type: 'tcp',
  host: { ipv4: '10.0.0.1', network: { tunnel_id: TUNNEL } },
  tcp_port: 5432,
  ...extra,
});
const web = (name: string) => ({ name, type: 'http', host: { hostname: `${name}.internal`, resolver_network: { tunnel_id: TUNNEL, resolver_ips: ['10.0.0.53'] } }, https_port: 443 });

describe('apply and export', () => {
  it('--dry-run prints the requests too, and needs no credentials', async () => {
    const [old] = fake.seed([def('old')]);
    const desired = JSON.stringify([def('old', { tcp_port: 1 }), def('new')]);
    const r = await runInProcess(['apply', '-f', '-', '--dry-run', '--prune', '--json'], fake, { input: JSON.stringify([def('new')]) });
    expect(r.exitCode).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.requests).toEqual([
      { method: 'POST', url: `${fake.url}/accounts/${ACCOUNT}/connectivity/directory/services`, body: def('new') },
      { method: 'DELETE', url: `${fake.url}/accounts/${ACCOUNT}/connectivity/directory/services/${old!.service_id}` },
    ]);
    const blind = await runInProcess(['apply', '-f', '-', '--dry-run'], fake, { input: desired, noCredentials: true });
    expect(blind.exitCode).toBe(0);
    expect(blind.stderr).toContain('no credentials');
    expect(blind.stdout).toContain('Plan: 2 to create');
    expect(blind.stdout).toContain(`POST ${fake.url}/accounts/{account_id}/connectivity/directory/services`);
    expect(fake.mutations()).toHaveLength(0);
  });

  it('without --prune nothing is deleted', async () => {
    fake.seed([def('stay')]);
    const r = await runInProcess(['apply', '-f', '-', '--yes'], fake, { input: JSON.stringify(def('other')) });
    expect(r.exitCode).toBe(0);
    expect(fake.sent('DELETE')).toHaveLength(0);
    expect(fake.list()).toHaveLength(2);
  });

  it('duplicate names in the file: exit 2 before anything is sent', async () => {
    const r = await runInProcess(['apply', '-f', '-', '--yes'], fake, { input: JSON.stringify([def('d'), def('d')]) });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('already the name of item [0]');
    expect(fake.requests).toHaveLength(0);
  });

  it('export --type and --ndjson; [] when empty', async () => {
    expect((await runInProcess(['export'], fake)).stdout).toBe('[]\n');
    fake.seed([def('a'), web('b')]);
    const r = await runInProcess(['export', '--type', 'http', '--ndjson'], fake);
    expect(r.stdout.trim().split('\n').map((l) => JSON.parse(l))).toEqual([web('b')]);
  });
});
});
