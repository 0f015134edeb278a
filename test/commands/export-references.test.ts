import { describe, expect, it } from 'vitest';
import { TUNNEL } from '../support/fake-api';
import { useFakeApi } from '../support/use-fake';
import { runInProcess } from '../support/in-process';

const fake = useFakeApi();
const db = { name: 'svc-0', type: 'tcp', host: { ipv4: '10.0.0.5', network: { tunnel_id: TUNNEL } }, tcp_port: 5432 };

describe('export (in process)', () => {
  it('references are trimmed like names, as get and doctor trim them', async () => {
    fake.seed([db]);
    const r = await runInProcess(['export', ' svc-0 ', 'svc-0'], fake);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([db]);
  });

  it('a reference that matches nothing is named trimmed', async () => {
    fake.seed([db]);
    const r = await runInProcess(['export', ' nope '], fake);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe('error: no such service: "nope"; nothing was exported\n');
  });
});
