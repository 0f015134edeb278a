import { describe, expect, it } from 'vitest';
import { TUNNEL } from '../support/fake-api';
import { useFakeApi } from '../support/use-fake';
import { runCli } from '../support/run-cli';

/*
 * cli.md section 10: `vpcsvc export | vpcsvc apply -f - --yes` sends nothing, on any account; an
 * omitted field equals the API's documented default; a live service without a field only this
 * client requires is exported as it is and left alone when unchanged.
 */

const fake = useFakeApi();
const net = { network: { tunnel_id: TUNNEL } };

/** export, then apply what it printed; returns the apply run. */
async function exportThenApply() {
  const exported = await runCli(['export'], fake);
  expect(exported.exitCode).toBe(0);
  const before = fake.requests.length;
  const applied = await runCli(['apply', '-f', '-', '--yes'], fake, { input: exported.stdout });
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
    const r = await runCli(['apply', '-f', '-', '--prune'], fake, { input: '[]' });
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
    const r = await runCli(['apply', '-f', '-', '--yes'], fake, { input: JSON.stringify([{ name: 'legacy', type: 'tcp', host: { ipv4: '10.0.0.10', ...net } }]) });
    expect({ exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr }).toEqual({
      exitCode: 2,
      stdout: '',
      stderr: 'error: --file: [0].tcp_port: required with type tcp\n  nothing was sent\n',
    });
    expect(fake.mutations()).toEqual([]);
  });

  it('a new tcp service without tcp_port is refused as before', async () => {
    const r = await runCli(['apply', '-f', '-', '--yes'], fake, { input: JSON.stringify({ name: 'n', type: 'tcp', host: { ipv4: '10.0.0.10', ...net } }) });
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
    const r = await runCli(['apply', '-f', '-', '--yes'], fake, { input: JSON.stringify(written) });
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
    const r = await runCli(['apply', '-f', '-', '--yes', '--dry-run'], fake, { input: JSON.stringify([{ ...written[0], https_port: 8443 }]) });
    expect(r.exitCode).toBe(0);
    expect(r.stdout.split('\n').slice(0, 3)).toEqual(['Plan: 0 to create, 1 to update, 0 to leave unchanged', `  ~ update    web  (${fake.list()[0]!.service_id})`, '      ~ https_port: 443 -> 8443']);
  });

  it.each<[string, string[]]>([
    ['--http-port 80 on a service without http_port', ['update', 'api', '--http-port', '80']],
    ['--https-port 443 on a service without https_port', ['update', 'api', '--https-port', '443']],
    ['--cert-verification-mode verify_full on a service without TLS settings', ['update', 'api', '--cert-verification-mode', 'verify_full']],
  ])('update: %s is no change', async (_n, args) => {
    fake.seed(withDefaults);
    const r = await runCli(args, fake);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toMatch(/^no changes: api \([0-9a-f-]{36}\) already matches; nothing was sent\n$/);
    expect(fake.mutations()).toEqual([]);
  });

  it('update of a tcp service without tcp_port that changes nothing is left alone with a warning', async () => {
    const [s] = fake.seed([{ name: 'legacy', type: 'tcp', host: { ipv4: '10.0.0.9', ...net } }]);
    const r = await runCli(['update', 'legacy', '--tunnel', TUNNEL, '-q'], fake);
    expect({ exitCode: r.exitCode, stdout: r.stdout }).toEqual({ exitCode: 0, stdout: `${s!.service_id}\n` });
    expect(r.stderr).toContain('warning: legacy');
    expect(fake.mutations()).toEqual([]);
    const changed = await runCli(['update', 'legacy', '--ipv4', '10.0.0.10'], fake);
    expect({ exitCode: changed.exitCode, stderr: changed.stderr }).toEqual({ exitCode: 2, stderr: 'error: --tcp-port: required with --type tcp\n' });
    expect(fake.mutations()).toEqual([]);
  });
});

describe('create -f of an empty list stays a usage error', () => {
  it('exit 2, nothing sent', async () => {
    const r = await runCli(['create', '-f', '-'], fake, { input: '[]' });
    expect({ exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr }).toEqual({ exitCode: 2, stdout: '', stderr: 'error: --file: the list is empty: nothing to create\n' });
    expect(fake.requests).toEqual([]);
  });
});
