import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNT, FakeCloudflare, TUNNEL, TUNNEL_2 } from '../support/fake-api';
import { useFakeApi } from '../support/use-fake';
import { runInProcess } from '../support/in-process';
import { tempDir } from '../support/run-cli';
import { def, httpDef as web, useFileDir } from '../support/sample-services';

describe("apply and export", () => {
const fake = useFakeApi();
const { file } = useFileDir();

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

describe('apply: batches under faults, on an instant clock', () => {
const fake = useFakeApi({ seed: 20261125, rateLimit: { limit: 40, windowMs: 1000, retryAfterSeconds: 1 } });
const def = (name: string) => ({ name, type: 'tcp', host: { ipv4: '10.0.0.1', network: { tunnel_id: TUNNEL } }, tcp_port: 5432 });

it('apply of 100 definitions under 20% random 503s and a rate limit: exactly 100 services, exit 0', async () => {
  fake.faults = [{ probability: 0.2, action: { status: 503 } }];
  const defs = Array.from({ length: 100 }, (_, i) => def(`svc-${i}`));
  // With the default 4 retries, one request in 0.2^5 = 3,125 fails every attempt, so about one run
  // in 30 would end with a failed item by chance alone; 8 retries make that one in millions.
  const r = await runInProcess(['apply', '-f', '-', '--yes', '--concurrency', '8', '--retries', '8', '--json'], fake, { input: JSON.stringify(defs), shareClock: true });
  expect(r.exitCode, r.stderr).toBe(0);
  expect(r.stderr).not.toContain('error:');
  const names = fake.list().map((s) => s.name).sort();
  expect(names).toEqual(defs.map((d) => d.name).sort());
  expect(fake.rateLimited).toBeGreaterThan(0);
  // Every 429 asked for the server's one second.
  expect(r.sleeps).toContain(1000);
  const out = JSON.parse(r.stdout);
  expect(out.outcome).toHaveLength(100);
  expect(out.outcome.every((o: { ok: boolean; action: string }) => o.ok && o.action === 'create')).toBe(true);
});
});



describe("round trips", () => {
/*
 * cli.md section 10: `vpcsvc export | vpcsvc apply -f - --yes` sends nothing, on any account; an
 * omitted field equals the API's documented default; a live service without a field only this
 * client requires is exported as it is and left alone when unchanged.
 */

const fake = useFakeApi();
const net = { network: { tunnel_id: TUNNEL } };

/** export, then apply what it printed; returns the apply run. */
async function exportThenApply() {
  const exported = await runInProcess(['export'], fake);
  expect(exported.exitCode).toBe(0);
  const before = fake.requests.length;
  const applied = await runInProcess(['apply', '-f', '-', '--yes'], fake, { input: exported.stdout });
  return { exported, applied, requests: fake.requests.slice(before) };
}

describe('export | apply -f - --yes sends nothing', () => {
  it('on an empty account: [] is a valid definitions list', async () => {
    const { exported, applied, requests } = await exportThenApply();
    expect(exported.stdout).toBe('[]\n');
    expect({ exitCode: applied.exitCode, stdout: applied.stdout, stderr: applied.stderr }).toEqual({
      exitCode: 0,
      stdout: 'Plan: 0 to create, 0 to update, 0 to leave unchanged\n',
      stderr: 'nothing to change\n',
    });
    expect(requests.map((r) => r.method)).toEqual(['GET']);
  });

  it('with --prune on an empty list: every service would go, so it asks for --yes', async () => {
    fake.seed([{ name: 'a', type: 'http', host: { ipv4: '10.0.0.1', ...net } }]);
    const r = await runInProcess(['apply', '-f', '-', '--prune'], fake, { input: '[]' });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('--yes');
    expect(fake.mutations()).toEqual([]);
  });

  it('with a tcp service made without tcp_port: exported as it is, left alone with a warning', async () => {
    const legacy = { name: 'legacy', type: 'tcp', host: { ipv4: '10.0.0.9', ...net }, app_protocol: 'mysql' };
    fake.seed([legacy, { name: 'web', type: 'http', host: { ipv4: '10.0.0.1', ...net }, https_port: 8443 }]);
    const { exported, applied, requests } = await exportThenApply();
    expect(JSON.parse(exported.stdout)).toEqual([legacy, { name: 'web', type: 'http', host: { ipv4: '10.0.0.1', ...net }, https_port: 8443 }]);
    expect(applied.exitCode).toBe(0);
    expect(applied.stderr).toBe(
      'warning: legacy: a tcp service without tcp_port (vpcsvc requires one for the services it creates or changes); it is unchanged, so it is left as it is\nnothing to change\n',
    );
    expect(requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('a changed definition of such a service still needs tcp_port: exit 2, nothing written', async () => {
    fake.seed([{ name: 'legacy', type: 'tcp', host: { ipv4: '10.0.0.9', ...net } }]);
    const r = await runInProcess(['apply', '-f', '-', '--yes'], fake, { input: JSON.stringify([{ name: 'legacy', type: 'tcp', host: { ipv4: '10.0.0.10', ...net } }]) });
    expect({ exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr }).toEqual({
      exitCode: 2,
      stdout: '',
      stderr: 'error: --file: [0].tcp_port: required with type tcp\n  nothing was sent\n',
    });
    expect(fake.mutations()).toEqual([]);
  });

  it('a new tcp service without tcp_port is refused as before', async () => {
    const r = await runInProcess(['apply', '-f', '-', '--yes'], fake, { input: JSON.stringify({ name: 'n', type: 'tcp', host: { ipv4: '10.0.0.10', ...net } }) });
    expect({ exitCode: r.exitCode, stderr: r.stderr }).toEqual({ exitCode: 2, stderr: 'error: --file: tcp_port: required with type tcp\n  nothing was sent\n' });
    expect(fake.mutations()).toEqual([]);
  });
});

describe('an omitted field equals the API default', () => {
  const withDefaults = [
    {
      name: 'web',
      type: 'http',
      host: { hostname: 'web.internal', resolver_network: { tunnel_id: TUNNEL, resolver_ips: [] } },
      http_port: 80,
      https_port: 443,
      tls_settings: { cert_verification_mode: 'verify_full' },
    },
    { name: 'api', type: 'http', host: { hostname: 'api.internal', resolver_network: { tunnel_id: TUNNEL, resolver_ips: null } }, http_port: null, tls_settings: null },
    { name: 'db', type: 'tcp', host: { ipv4: '10.0.0.5', ...net }, tcp_port: 5432, app_protocol: null, tls_settings: { cert_verification_mode: 'verify_full', certificate_authority: null } },
  ];
  const written = [
    { name: 'web', type: 'http', host: { hostname: 'web.internal', resolver_network: { tunnel_id: TUNNEL } } },
    { name: 'api', type: 'http', host: { hostname: 'api.internal', resolver_network: { tunnel_id: TUNNEL, resolver_ips: [] } }, http_port: 80, https_port: 443 },
    { name: 'db', type: 'tcp', host: { ipv4: '10.0.0.5', ...net }, tcp_port: 5432 },
  ];

  it('apply of a file that leaves the defaults out sends no PUT', async () => {
    fake.seed(withDefaults);
    const r = await runInProcess(['apply', '-f', '-', '--yes'], fake, { input: JSON.stringify(written) });
    expect({ exitCode: r.exitCode, stderr: r.stderr }).toEqual({ exitCode: 0, stderr: 'nothing to change\n' });
    expect(r.stdout.split('\n')[0]).toBe('Plan: 0 to create, 0 to update, 3 to leave unchanged');
    expect(fake.mutations()).toEqual([]);
  });

  it('export | apply of such services sends nothing', async () => {
    fake.seed(withDefaults);
    const { applied, requests } = await exportThenApply();
    expect(applied.exitCode).toBe(0);
    expect(requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('a real difference is still a PUT, shown with the value the file gives', async () => {
    fake.seed(withDefaults);
    const r = await runInProcess(['apply', '-f', '-', '--yes', '--dry-run'], fake, { input: JSON.stringify([{ ...written[0], https_port: 8443 }]) });
    expect(r.exitCode).toBe(0);
    expect(r.stdout.split('\n').slice(0, 3)).toEqual(['Plan: 0 to create, 1 to update, 0 to leave unchanged', `  ~ update    web  (${fake.list()[0]!.service_id})`, '      ~ https_port: 443 -> 8443']);
  });

  it.each<[string, string[]]>([
    ['--http-port 80 on a service without http_port', ['update', 'api', '--http-port', '80']],
    ['--https-port 443 on a service without https_port', ['update', 'api', '--https-port', '443']],
    ['--cert-verification-mode verify_full on a service without TLS settings', ['update', 'api', '--cert-verification-mode', 'verify_full']],
  ])('update: %s is no change', async (_n, args) => {
    fake.seed(withDefaults);
    const r = await runInProcess(args, fake);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toMatch(/^no changes: api \([0-9a-f-]{36}\) already matches; nothing was sent\n$/);
    expect(fake.mutations()).toEqual([]);
  });

  it('update of a tcp service without tcp_port that changes nothing is left alone with a warning', async () => {
    const [s] = fake.seed([{ name: 'legacy', type: 'tcp', host: { ipv4: '10.0.0.9', ...net } }]);
    const r = await runInProcess(['update', 'legacy', '--tunnel', TUNNEL, '-q'], fake);
    expect({ exitCode: r.exitCode, stdout: r.stdout }).toEqual({ exitCode: 0, stdout: `${s!.service_id}\n` });
    expect(r.stderr).toContain('warning: legacy');
    expect(fake.mutations()).toEqual([]);
    const changed = await runInProcess(['update', 'legacy', '--ipv4', '10.0.0.10'], fake);
    expect({ exitCode: changed.exitCode, stderr: changed.stderr }).toEqual({ exitCode: 2, stderr: 'error: --tcp-port: required with --type tcp\n' });
    expect(fake.mutations()).toEqual([]);
  });
});

describe('create -f of an empty list stays a usage error', () => {
  it('exit 2, nothing sent', async () => {
    const r = await runInProcess(['create', '-f', '-'], fake, { input: '[]' });
    expect({ exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr }).toEqual({ exitCode: 2, stdout: '', stderr: 'error: --file: the list is empty: nothing to create\n' });
    expect(fake.requests).toEqual([]);
  });
});
});
