import { describe, expect, it } from 'vitest';
import { ACCOUNT, TUNNEL } from '../support/fake-api';
import { useFakeApi } from '../support/use-fake';
import { runInProcess } from '../support/in-process';

const fake = useFakeApi();
const SERVICES = `/accounts/${ACCOUNT}/connectivity/directory/services`;
const db = { name: 'db', type: 'tcp', host: { ipv4: '10.0.0.5', network: { tunnel_id: TUNNEL } }, tcp_port: 5432 };

describe('get (in process)', () => {
  it('prints the service as JSON, exactly the API result, after one GET by id', async () => {
    const [svc] = fake.seed([db]);
    const r = await runInProcess(['get', svc!.service_id, '--json'], fake);
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(svc);
    expect(r.stdout.endsWith('}\n')).toBe(true);
    expect(fake.requests.map((q) => `${q.method} ${q.path}`)).toEqual([`GET ${SERVICES}/${svc!.service_id}`]);
  });

  it('a 503 is retried with backoff on an instant clock', async () => {
    const [svc] = fake.seed([db]);
    fake.faults = [{ method: 'GET', nth: 1, count: 2, action: { status: 503 } }];
    const r = await runInProcess(['get', svc!.service_id, '-q'], fake);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(`${svc!.service_id}\n`);
    expect(fake.requests).toHaveLength(3);
    expect(r.sleeps).toHaveLength(2);
  });
});
