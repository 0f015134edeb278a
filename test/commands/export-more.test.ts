import { describe, expect, it } from 'vitest';
import { TUNNEL } from '../support/fake-api';
import { useFakeApi } from '../support/use-fake';
import { runInProcess } from '../support/in-process';
import { SERVICES } from '../support/sample-definitions';

// export's flag checks all at once, references, and what --format terraform warns about.
const fake = useFakeApi();
const tcp = (name: string) => ({ name, type: 'tcp', host: { ipv4: '10.0.0.1', network: { tunnel_id: TUNNEL } }, tcp_port: 5432 });

describe('export: exact behaviour', () => {
  it('every problem of the flags is listed, nothing sent', async () => {
    const r = await runInProcess(['export', '--type', 'udp', '--format', 'json', '--account-var', '1x', '--strict'], fake);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(
      [
        'error: --type: must be tcp or http (got "udp")',
        'error: --account-var: only with --format terraform',
        'error: --strict: only with --format terraform',
        'error: --account-var: must be an HCL identifier: a letter or "_", then letters, digits, "_" or "-" (got "1x")',
        '',
      ].join('\n'),
    );
    expect(fake.requests).toEqual([]);
  });

  it('an unknown --format is the one problem of it: not also "only with terraform"', async () => {
    const r = await runInProcess(['export', '--format', 'yaml', '--account-var', 'acct', '--strict'], fake);
    expect(r).toMatchObject({ exitCode: 2, stderr: 'error: --format: must be json, ndjson or terraform (got "yaml")\n' });
  });

  it('--ndjson with --format terraform cannot be combined; with --format ndjson it can', async () => {
    const r = await runInProcess(['export', '--format', 'terraform', '--ndjson'], fake);
    expect(r).toMatchObject({ exitCode: 2, stderr: '{"error":{"code":"usage","message":"--ndjson and --format terraform cannot be combined: choose one format","status":null}}\n' });
    fake.seed([tcp('a')]);
    const ok = await runInProcess(['export', '--format', ' ndjson ', '--ndjson'], fake);
    expect(ok).toMatchObject({ exitCode: 0, stdout: `${JSON.stringify(tcp('a'))}\n` });
  });

  it('--type and --format are trimmed', async () => {
    fake.seed([tcp('a'), { name: 'w', type: 'http', host: { ipv4: '10.0.0.2', network: { tunnel_id: TUNNEL } }, http_port: 80 }]);
    const r = await runInProcess(['export', '--type', ' tcp ', '--format', ' json '], fake);
    expect(r).toMatchObject({ exitCode: 0, stdout: `${JSON.stringify([tcp('a')], null, 2)}\n`, stderr: '' });
    expect(fake.requests[0]!.query.type).toBe('tcp');
  });

  it('a reserved --account-var is refused with terraform too', async () => {
    const r = await runInProcess(['export', '--format', 'terraform', '--account-var', 'count'], fake);
    expect(r).toMatchObject({ exitCode: 2, stderr: 'error: --account-var: "count" is reserved by Terraform; choose another name\n' });
  });

  it('several missing references are named together; duplicates by name and id once', async () => {
    const [a] = fake.seed([tcp('a')]);
    const r = await runInProcess(['export', 'x', 'a', 'y'], fake);
    expect(r).toMatchObject({ exitCode: 1, stdout: '', stderr: 'error: no such services: "x", "y"; nothing was exported\n' });
    const once = await runInProcess(['export', 'a', a!.service_id, ' a ', '--ndjson'], fake);
    expect(once.stdout).toBe(`${JSON.stringify(tcp('a'))}\n`);
  });

  it('a field Terraform cannot express is left as a comment, with a warning naming it', async () => {
    const lossy = SERVICES.find((s) => JSON.stringify(s).includes('client_certificate'))!;
    const [s] = fake.seed([lossy]);
    const r = await runInProcess(['export', '--format', 'terraform'], fake);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toMatch(
      new RegExp(`^warning: ${String(lossy.name).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(${s!.service_id}\\): tls_settings\\.certificate_authority, tls_settings\\.client_certificate cannot be expressed with cloudflare/cloudflare; left as a comment on cloudflare_connectivity_directory_service\\.[\\w-]+\n$`),
    );
    expect(r.stdout).toContain('resource "cloudflare_connectivity_directory_service"');
  });

  it('a service missing a field only vpcsvc requires is exported as the API holds it', async () => {
    const noPort = { name: 'np', type: 'tcp', host: { ipv4: '10.0.0.1', network: { tunnel_id: TUNNEL } } };
    fake.seed([noPort]);
    const r = await runInProcess(['export'], fake);
    expect(JSON.parse(r.stdout)).toEqual([noPort]);
  });
});
