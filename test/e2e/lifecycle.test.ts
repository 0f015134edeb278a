import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNT, FakeCloudflare, TUNNEL, TUNNEL_2, type StoredService } from '../support/fake-api';
import { validateServiceBody } from '../support/openapi';
import { useFakeApi } from '../support/use-fake';
import { runCli } from '../support/run-cli';
import { db, manyServices, SERVICES, web } from '../support/sample-services';

const fake = useFakeApi();

describe('list', () => {
  it('lists 2,500 services completely across pages of 1000', async () => {
    const seeded = fake.seed(manyServices(2500));
    const r = await runCli(['list', '--json'], fake);
    expect(r.exitCode).toBe(0);
    const listed = JSON.parse(r.stdout) as StoredService[];
    expect(listed).toHaveLength(2500);
    expect(new Set(listed.map((s) => s.service_id))).toEqual(new Set(seeded.map((s) => s.service_id)));
    expect(listed[1234]).toStrictEqual(seeded[1234]);
    const gets = fake.sent('GET');
    expect(gets.map((g) => g.query)).toEqual([
      { page: '1', per_page: '1000' },
      { page: '2', per_page: '1000' },
      { page: '3', per_page: '1000' },
    ]);
  });

});

describe('get', () => {
  it('by name and by id, as table, JSON and id', async () => {
    const [w] = fake.seed([web, db]);
    const byName = await runCli(['get', 'web', '--json'], fake);
    expect(byName.exitCode).toBe(0);
    expect(JSON.parse(byName.stdout)).toStrictEqual(w);
    const byId = await runCli(['get', w!.service_id, '-q'], fake);
    expect(byId.stdout).toBe(`${w!.service_id}\n`);
    expect(fake.sent('GET', new RegExp(`${SERVICES}/${w!.service_id}$`))).toHaveLength(1);
    const table = await runCli(['get', 'web'], fake);
    expect(table.stdout).toMatch(/^resolver ips\s+10\.0\.0\.53, fd00::53$/m);
    expect(table.stdout).toMatch(/^certificate authority\s+5a0c3e3e/m);
  });

});

describe('update', () => {
  it('update <name> --http-port 8080 keeps every other field', async () => {
    const [w] = fake.seed([web, db]);
    const r = await runCli(['update', 'web', '--http-port', '8080', '--json'], fake);
    expect(r.exitCode).toBe(0);
    const puts = fake.sent('PUT');
    expect(puts).toHaveLength(1);
    expect(puts[0]!.path).toBe(`${SERVICES}/${w!.service_id}`);
    expect(puts[0]!.body).toStrictEqual({ ...web, http_port: 8080 });
    expect(validateServiceBody(puts[0]!.body)).toEqual([]);
    expect(JSON.parse(r.stdout)).toMatchObject({ service_id: w!.service_id, http_port: 8080 });
  });

});

describe('delete', () => {
  it.each(['envelope', 'empty', '204'] as const)('by name and by id, the API answering %s', async (style) => {
    fake.deleteStyle = style;
    const [w, d] = fake.seed([web, db]);
    const r = await runCli(['rm', 'web', d!.service_id, '--yes', '--json'], fake);
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      { service_id: w!.service_id, deleted: true },
      { service_id: d!.service_id, deleted: true },
    ]);
    expect(fake.list()).toHaveLength(0);
  });

});
