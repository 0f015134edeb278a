import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNT, FakeCloudflare, TUNNEL, TUNNEL_2 } from '../support/fake-api';
import { useFakeApi } from '../support/use-fake';
import { runCli, tempDir } from '../support/run-cli';
import { def, httpDef as web, useFileDir } from '../support/sample-services';

const fake = useFakeApi();
const { file } = useFileDir();

describe('apply and export', () => {
  it('creates, updates and prunes as planned; a second run sends no POST, PUT or DELETE', async () => {
    const [, keep] = fake.seed([def('old'), def('same'), def('changed')]);
    const desired = [def('same'), def('changed', { tcp_port: 6432, app_protocol: 'postgresql' }), web('new-web')];
    const path = file('services.json', JSON.stringify(desired));

    const dry = await runCli(['apply', '-f', path, '--prune', '--dry-run'], fake);
    expect(dry.exitCode).toBe(0);
    expect(dry.stdout).toContain('Plan: 1 to create, 1 to update, 1 to leave unchanged, 1 to delete');
    expect(dry.stdout).toContain('~ tcp_port: 5432 -> 6432');
    expect(dry.stdout).toContain('+ app_protocol: "postgresql"');
    expect(fake.mutations()).toHaveLength(0);

    const noYes = await runCli(['apply', '-f', path, '--prune'], fake);
    expect(noYes.exitCode).toBe(2);
    expect(noYes.stderr).toContain('--yes');
    expect(fake.mutations()).toHaveLength(0);

    const r = await runCli(['apply', '-f', path, '--prune', '--yes', '--json'], fake);
    expect(r.exitCode).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.plan.map((s: { action: string; name: string }) => `${s.action} ${s.name}`)).toEqual([
      'unchanged same',
      'update changed',
      'create new-web',
      'delete old',
    ]);
    expect(out.outcome.every((o: { ok: boolean }) => o.ok)).toBe(true);
    expect(fake.sent('POST')).toHaveLength(1);
    expect(fake.sent('PUT')).toHaveLength(1);
    expect(fake.sent('DELETE')).toHaveLength(1);
    const names = fake.list().map((s) => s.name).sort();
    expect(names).toEqual(['changed', 'new-web', 'same']);
    expect(fake.list().find((s) => s.name === 'same')!.service_id).toBe(keep!.service_id);

    const before = fake.mutations().length;
    const again = await runCli(['apply', '-f', path, '--prune'], fake);
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toContain('3 to leave unchanged');
    expect(fake.mutations()).toHaveLength(before);
  });

  it('export then apply is a no-op', async () => {
    fake.seed([def('a', { app_protocol: 'mysql', tls_settings: { cert_verification_mode: 'verify_ca' } }), web('b'), def('c', { host: { ipv4: '10.0.0.2', ipv6: 'fd00::2', network: { tunnel_id: TUNNEL } } })]);
    const exported = await runCli(['export'], fake);
    expect(exported.exitCode).toBe(0);
    const defs = JSON.parse(exported.stdout);
    expect(defs).toHaveLength(3);
    expect(defs.every((d: Record<string, unknown>) => d.service_id === undefined && d.created_at === undefined)).toBe(true);
    const r = await runCli(['apply', '-f', file('exported.json', exported.stdout), '--prune'], fake);
    expect(r.exitCode).toBe(0);
    expect(fake.mutations()).toHaveLength(0);
  });

});
