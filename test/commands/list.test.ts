import { describe, expect, it } from 'vitest';
import { ACCOUNT, TUNNEL } from '../support/fake-api';
import { useFakeApi } from '../support/use-fake';
import { runInProcess } from '../support/in-process';

const fake = useFakeApi();
const SERVICES = `/accounts/${ACCOUNT}/connectivity/directory/services`;
const many = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    name: `svc-${String(i).padStart(4, '0')}`,
    type: 'tcp',
    host: { ipv4: `10.0.${i >> 8}.${i & 255}`, network: { tunnel_id: TUNNEL } },
    tcp_port: 5432,
  }));

describe('list (in process)', () => {
  it('-q prints exactly the ids, one per line, in the API order', async () => {
    const seeded = fake.seed(many(3));
    const r = await runInProcess(['list', '-q'], fake);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(seeded.map((s) => `${s.service_id}\n`).join(''));
    expect(r.stderr).toBe('');
  });

  it('--ndjson prints one compact object per line', async () => {
    const seeded = fake.seed(many(2));
    const r = await runInProcess(['list', '--ndjson'], fake);
    expect(r.stdout).toBe(seeded.map((s) => `${JSON.stringify(s)}\n`).join(''));
  });

  it('an empty account is [] with --json', async () => {
    const r = await runInProcess(['list', '--json'], fake);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('[]\n');
  });

  it('reads every page of 1000 and stops after the last', async () => {
    fake.seed(many(1001));
    const r = await runInProcess(['list', '-q'], fake);
    expect(r.stdout.trim().split('\n')).toHaveLength(1001);
    expect(fake.requests.map((q) => [q.path, q.query.page, q.query.per_page])).toEqual([
      [SERVICES, '1', '1000'],
      [SERVICES, '2', '1000'],
    ]);
  });

  it('a server that ignores paging and sends no result_info is read once', async () => {
    fake.seed(many(5));
    fake.listIgnoresPaging = true;
    const r = await runInProcess(['list', '-q'], fake);
    expect(r.exitCode).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(5);
    expect(fake.requests).toHaveLength(1);
  });

  it('--limit stops early and --type filters on the server', async () => {
    fake.seed(many(5));
    const r = await runInProcess(['list', '--type', 'tcp', '--limit', '2', '-q'], fake);
    expect(r.stdout.trim().split('\n')).toHaveLength(2);
    expect(fake.requests[0]!.query.type).toBe('tcp');
  });

  it('--name-contains keeps only matching names', async () => {
    const seeded = fake.seed(many(12));
    const r = await runInProcess(['list', '--name-contains', 'svc-001', '-q'], fake);
    expect(r.stdout).toBe(seeded.filter((s) => s.name.includes('svc-001')).map((s) => `${s.service_id}\n`).join(''));
  });
});

describe('references (in process)', () => {
  it('a name found only on the second page is resolved with one list walk', async () => {
    const seeded = fake.seed(many(1500));
    const target = seeded[1400]!;
    const r = await runInProcess(['get', target.name, '-q'], fake);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(`${target.service_id}\n`);
    expect(fake.requests.filter((q) => q.path === SERVICES).map((q) => q.query.page)).toEqual(['1', '2']);
  });

  it('an unknown name is exit 1 naming it', async () => {
    fake.seed(many(2));
    const r = await runInProcess(['get', 'nope'], fake);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('nope');
    expect(r.stdout).toBe('');
  });
});
