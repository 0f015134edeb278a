import { describe, expect, it } from 'vitest';
import { ACCOUNT, TUNNEL } from '../support/fake-api';
import { useFakeApi } from '../support/use-fake';
import { runInProcess } from '../support/in-process';

const fake = useFakeApi();
const SERVICES = `/accounts/${ACCOUNT}/connectivity/directory/services`;
const CA = '5a0c3e3e-1f2b-4c9d-8e7f-6a5b4c3d2e1f';
const db = {
  name: 'db',
  type: 'tcp',
  host: { ipv4: '10.0.0.5', ipv6: 'fd00::5', network: { tunnel_id: TUNNEL } },
  tcp_port: 5432,
  tls_settings: { cert_verification_mode: 'verify_ca', certificate_authority: CA },
};

describe('update (in process)', () => {
  it('--app-protocol changes that field and keeps every other one in the PUT', async () => {
    const [svc] = fake.seed([db]);
    const r = await runInProcess(['update', svc!.service_id, '--app-protocol', 'mysql', '-q'], fake);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(`${svc!.service_id}\n`);
    const puts = fake.sent('PUT');
    expect(puts).toHaveLength(1);
    expect(puts[0]!.path).toBe(`${SERVICES}/${svc!.service_id}`);
    expect(puts[0]!.body).toEqual({ ...db, app_protocol: 'mysql' });
  });

  it('no change sends no PUT and says so', async () => {
    const [svc] = fake.seed([db]);
    const r = await runInProcess(['update', 'db', '--tcp-port', '5432'], fake);
    expect(r.exitCode).toBe(0);
    expect(fake.sent('PUT')).toHaveLength(0);
    expect(r.stderr).toMatch(/no change/i);
    expect(svc).toBeDefined();
  });

  it('--dry-run prints the difference and sends no PUT', async () => {
    const [svc] = fake.seed([db]);
    const r = await runInProcess(['update', svc!.service_id, '--tcp-port', '6543', '--dry-run'], fake);
    expect(r.exitCode).toBe(0);
    expect(fake.sent('PUT')).toHaveLength(0);
    expect(r.stdout + r.stderr).toContain('5432');
    expect(r.stdout + r.stderr).toContain('6543');
  });
});
