import { describe, expect, it, afterEach, beforeEach } from 'vitest';
import { ACCOUNT, TUNNEL, FakeCloudflare, TUNNEL_2, type StoredService } from '../support/fake-api';
import { useFakeApi } from '../support/use-fake';
import { runInProcess } from '../support/in-process';
import { validateServiceBody } from '../support/openapi';
import { createArgs, db, manyServices, SERVICES, tcpService, web } from '../support/sample-services';

describe('get: the first cases', () => {
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
    expect(fake.requests.map((q) => `${q.method} ${q.path}`)).toEqual(Array(3).fill(`GET ${SERVICES}/${svc!.service_id}`));
    expect(r.sleeps).toEqual([250, 500]);
  });
});

});

describe("get", () => {
const fake = useFakeApi();

describe('get', () => {
  it('not found is exit 1 with the name in the message', async () => {
    const r = await runInProcess(['get', 'nope'], fake);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('"nope"');
    const id = await runInProcess(['get', '11111111-2222-4333-8444-555555555555'], fake);
    expect(id.exitCode).toBe(1);
    expect(id.stderr).toContain('11111111-2222-4333-8444-555555555555');
  });

  it('a path-like reference is a name and never leaves the collection', async () => {
    const r = await runInProcess(['get', '../../user'], fake);
    expect(r.exitCode).toBe(1);
    expect(fake.requests.every((q) => q.path === SERVICES)).toBe(true);
  });
});
});

describe("get and delete: references", () => {
/** What commands say and do after faults (cli.md sections 7, 8 and 10). */

const fake = useFakeApi();
const def = tcpService;

describe('references', () => {
  it('are trimmed, and an upper-case UUID finds the service; the id is sent as the service has it', async () => {
    const [s] = fake.seed([def('db')]);
    const upper = s!.service_id.toUpperCase();
    const got = await runInProcess(['get', ` ${upper} `, '-q'], fake);
    expect(got.exitCode, got.stderr).toBe(0);
    expect(got.stdout).toBe(`${s!.service_id}\n`);
    // One GET by id, in the case the service has it: no list walk.
    expect(fake.requests.map((q) => `${q.method} ${q.path}`)).toEqual([`GET ${SERVICES}/${s!.service_id}`]);
    expect((await runInProcess(['get', '  db ', '-q'], fake)).stdout).toBe(`${s!.service_id}\n`);
    const del = await runInProcess(['delete', upper, '--yes'], fake);
    expect(del.exitCode, del.stderr).toBe(0);
    expect(fake.sent('DELETE').map((q) => q.path)).toEqual([`${SERVICES}/${s!.service_id}`]);
  });

  it('a UUID that no service has as its id is tried as a name', async () => {
    const uuidName = '11111111-2222-4333-8444-555555555555';
    const [s] = fake.seed([def(uuidName)]);
    const got = await runInProcess(['get', uuidName, '-q'], fake);
    expect(got.exitCode, got.stderr).toBe(0);
    expect(got.stdout).toBe(`${s!.service_id}\n`);
    const del = await runInProcess(['delete', uuidName, '--yes', '-q'], fake);
    expect(del.exitCode, del.stderr).toBe(0);
    expect(fake.list()).toHaveLength(0);
  });

  it('one service named twice (by id and by name, or twice) is deleted once, exit 0', async () => {
    const [s] = fake.seed([def('db')]);
    const r = await runInProcess(['delete', 'db', s!.service_id, ' db', s!.service_id.toUpperCase(), '--yes', '--json'], fake);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(fake.sent('DELETE')).toHaveLength(1);
    expect(JSON.parse(r.stdout)).toStrictEqual([{ service_id: s!.service_id, deleted: true }]);
  });

  it('delete --json covers every reference, skipped ones included (service_id is the reference as given)', async () => {
    const [w] = fake.seed([def('web')]);
    const r = await runInProcess(['delete', 'ghost', 'web', '22222222-2222-4333-8444-555555555555', '--if-exists', '--yes', '--json'], fake);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toStrictEqual([
      { service_id: 'ghost', deleted: false },
      { service_id: w!.service_id, deleted: true },
      { service_id: '22222222-2222-4333-8444-555555555555', deleted: false },
    ]);
  });

  it('delete takes --concurrency, validated like every batch', async () => {
    fake.seed([def('a'), def('b'), def('c')]);
    const bad = await runInProcess(['delete', 'a', 'b', '--yes', '--concurrency', '0'], fake);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toBe('error: --concurrency: must be an integer from 1 to 32 (got "0")\n');
    expect(fake.requests).toHaveLength(0);
    const ok = await runInProcess(['delete', 'a', 'b', 'c', '--yes', '--concurrency', '2', '-q'], fake);
    expect(ok.exitCode, ok.stderr).toBe(0);
    expect(fake.list()).toHaveLength(0);
  });
});
});

describe('get: retries, on an instant clock', () => {
const fake = useFakeApi();
it('a persistent 500 exits 1 with Cloudflare\'s message and the number of attempts, after exponential backoff', async () => {
  const id = '550e8400-e29b-41d4-a716-446655440000';
  fake.faults = [{ method: 'GET', nth: 1, count: 100, action: { status: 500, errors: [{ code: 10002, message: 'Internal server error' }] } }];
  const r = await runInProcess(['get', id], fake);
  expect(r.exitCode).toBe(1);
  expect(r.stderr).toBe('error: [10002] Internal server error (after 5 attempts)\n');
  expect(fake.requests).toHaveLength(5);
  // Full jitter with the harness's random() of 0.5: half of 500, 1000, 2000, 4000 ms.
  expect(r.sleeps).toEqual([250, 500, 1000, 2000]);
});
});
