import { describe, expect, it } from 'vitest';
import { TUNNEL } from '../support/fake-api';
import { useFakeApi } from '../support/use-fake';
import { runInProcess } from '../support/in-process';

// README: "a label stays the same whether one service or all are exported". A service named
// exactly like another's hashed label makes that hash longer; the labels are therefore worked
// out over every service of the account, whichever of them are exported.
const fake = useFakeApi();
const http = (name: string, ipv4: string) => ({ name, type: 'http', host: { ipv4, network: { tunnel_id: TUNNEL } } });
const tcp = (name: string) => ({ name, type: 'tcp', host: { ipv4: '10.0.0.9', network: { tunnel_id: TUNNEL } }, tcp_port: 5432 });
const labels = (hcl: string) => [...hcl.matchAll(/^resource "\S+" "([^"]+)"/gm)].map((m) => m[1]);

describe('export --format terraform: labels do not depend on the selection', () => {
  it('one service, several, by --type, or all: the same label for the same service', async () => {
    // sha256("billing api") starts 1a9486befa48; the second name takes the 8-digit label.
    const [billing] = fake.seed([http('billing api', '10.0.0.1'), tcp('billing_api-1a9486be'), http('web', '10.0.0.3')]);
    const all = await runInProcess(['export', '--format', 'terraform'], fake);
    expect(all.exitCode).toBe(0);
    expect(labels(all.stdout)).toEqual(['billing_api-1a9486be', 'billing_api-1a9486befa48', 'web']);
    for (const args of [['billing api'], [billing!.service_id], ['billing api', 'web'], ['--type', 'http']]) {
      const r = await runInProcess(['export', ...args, '--format', 'terraform'], fake);
      expect([r.exitCode, r.stderr]).toEqual([0, '']);
      expect(labels(r.stdout)[0]).toBe('billing_api-1a9486befa48');
    }
    const one = await runInProcess(['export', 'billing api', '--format', 'terraform'], fake);
    expect(labels(one.stdout)).toEqual(['billing_api-1a9486befa48']);
    expect(one.stdout).toContain('to = cloudflare_connectivity_directory_service.billing_api-1a9486befa48\n');
  });

  it('exporting all of them walks the list once: it holds every name already', async () => {
    fake.seed([http('billing api', '10.0.0.1'), tcp('billing_api-1a9486be')]);
    const r = await runInProcess(['export', '--format', 'terraform'], fake);
    expect(r.exitCode).toBe(0);
    expect(fake.requests.filter((q) => q.method === 'GET')).toHaveLength(1);
  });

  it('JSON export reads only what it prints: no extra walk of the list', async () => {
    fake.seed([http('billing api', '10.0.0.1'), tcp('billing_api-1a9486be')]);
    await runInProcess(['export', '--type', 'http'], fake);
    expect(fake.requests.filter((q) => q.method === 'GET')).toHaveLength(1);
  });
});
