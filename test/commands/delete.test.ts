import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNT, FakeCloudflare, TUNNEL, TUNNEL_2, type StoredService } from '../support/fake-api';
import { validateServiceBody } from '../support/openapi';
import { useFakeApi } from '../support/use-fake';
import { runInProcess } from '../support/in-process';
import { createArgs, db, manyServices, SERVICES, tcpService, web } from '../support/sample-services';

describe("delete", () => {
const fake = useFakeApi();

describe('delete', () => {
  it('without --yes and without a terminal: exit 2, nothing deleted', async () => {
    fake.seed([web]);
    const r = await runInProcess(['delete', 'web'], fake);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('--yes');
    expect(fake.requests).toHaveLength(0);
    expect(fake.list()).toHaveLength(1);
  });

  it('one service with --json prints one object', async () => {
    const [w] = fake.seed([web]);
    const r = await runInProcess(['delete', 'web', '--yes', '--json'], fake);
    expect(JSON.parse(r.stdout)).toEqual({ service_id: w!.service_id, deleted: true });
  });

  it('--if-exists on a missing service exits 0', async () => {
    const r = await runInProcess(['delete', 'ghost', '--if-exists', '--yes'], fake);
    expect(r.exitCode).toBe(0);
    expect(fake.mutations()).toHaveLength(0);
    const id = await runInProcess(['delete', '11111111-2222-4333-8444-555555555555', '--if-exists', '--yes', '--json'], fake);
    expect(id.exitCode).toBe(0);
    expect(JSON.parse(id.stdout)).toEqual({ service_id: '11111111-2222-4333-8444-555555555555', deleted: false });
  });

  it('a missing service without --if-exists: exit 1, nothing deleted', async () => {
    fake.seed([web]);
    const r = await runInProcess(['delete', 'web', 'ghost', '--yes'], fake);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('"ghost"');
    expect(fake.list()).toHaveLength(1);
  });

  it('--dry-run prints the requests and deletes nothing', async () => {
    const [w] = fake.seed([web]);
    const r = await runInProcess(['delete', 'web', '--dry-run'], fake);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(`DELETE ${fake.url}${SERVICES}/${w!.service_id}\n`);
    expect(fake.mutations()).toHaveLength(0);
  });
});
});

describe("delete: outcomes and batch exit codes", () => {
/** What commands say and do after faults (cli.md sections 7, 8 and 10). */

const fake = useFakeApi();
const def = tcpService;

describe('a DELETE retried after a lost answer', () => {
  it('that then gets 404 is a success: exactly one DELETE applied, exit 0', async () => {
    const [s] = fake.seed([def('db')]);
    fake.faults = [{ method: 'DELETE', nth: 1, action: { reset: 'after' } }];
    const r = await runInProcess(['delete', s!.service_id, '--yes', '--json'], fake);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toStrictEqual({ service_id: s!.service_id, deleted: true });
    expect(fake.sent('DELETE')).toHaveLength(2);
    expect(fake.list()).toHaveLength(0);
  });

  it('a 404 with no lost attempt before it is still not found', async () => {
    const [s] = fake.seed([def('db')]);
    fake.faults = [{ method: 'DELETE', nth: 1, action: { status: 404, errors: [{ code: 5104, message: 'service not found' }] } }];
    const r = await runInProcess(['delete', s!.service_id, '--yes'], fake);
    expect(r.exitCode).toBe(1);
    expect(r.stderr.endsWith(`error: no service with id ${s!.service_id} ([5104] service not found)\n`)).toBe(true);
    expect(fake.sent('DELETE')).toHaveLength(1);
  });
});

describe('batch exit codes', () => {
  const readOnly = () => {
    fake.tokens['read-only-token-0000000000'] = { kind: 'user', accounts: [ACCOUNT], permission: 'read' };
    return { env: { CLOUDFLARE_API_TOKEN: 'read-only-token-0000000000' } };
  };

  it('delete a b where both fail: exit 1, not 3', async () => {
    fake.seed([def('a'), def('b')]);
    fake.faults = [{ method: 'DELETE', nth: 1, count: 100, action: { status: 400, errors: [{ code: 1001, message: 'bad request' }] } }];
    const r = await runInProcess(['delete', 'a', 'b', '--yes'], fake);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('error: all 2 deletes failed\n');
    expect(fake.list()).toHaveLength(2);
  });

  it('delete a b where one fails: exit 3', async () => {
    fake.seed([def('a'), def('b')]);
    fake.faults = [{ method: 'DELETE', nth: 1, action: { status: 400, errors: [{ code: 1001, message: 'bad request' }] } }];
    const r = await runInProcess(['delete', 'a', 'b', '--yes', '--concurrency', '1'], fake);
    expect(r.exitCode).toBe(3);
    expect(fake.list()).toHaveLength(1);
  });

  it('create -f of several, all refused with 403: exit 4', async () => {
    const r = await runInProcess(['create', '-f', '-'], fake, { ...readOnly(), input: JSON.stringify([def('a'), def('b')]) });
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toContain('error: all 2 creates failed: [10000] Authentication error\n');
    expect(r.stderr).toContain('Connectivity Directory Admin');
  });

  it('apply, every change refused with 403: exit 4', async () => {
    const r = await runInProcess(['apply', '-f', '-', '--yes'], fake, { ...readOnly(), input: JSON.stringify([def('a'), def('b')]) });
    expect(r.exitCode).toBe(4);
    expect(r.stdout).toBe('Plan: 2 to create, 0 to update, 0 to leave unchanged\n  + create    a\n  + create    b\n');
    expect(r.stderr).toBe(
      'error: could not create a: [10000] Authentication error\nerror: could not create b: [10000] Authentication error\n' +
        'error: all 2 changes failed: [10000] Authentication error\n  the credentials lack a permission: this needs "Connectivity Directory Admin" on the account\n',
    );
    expect(fake.sent('POST')).toHaveLength(2);
    expect(fake.list()).toEqual([]);
  });

  it('delete, every delete refused with 403: exit 4', async () => {
    fake.seed([def('a'), def('b')]);
    const r = await runInProcess(['delete', 'a', 'b', '--yes'], fake, readOnly());
    expect(r.exitCode).toBe(4);
    expect(fake.list()).toHaveLength(2);
  });
});
});
