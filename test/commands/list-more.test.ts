import { describe, expect, it } from 'vitest';
import { useFakeApi } from '../support/use-fake';
import { runInProcess } from '../support/in-process';
import { manyServices, tcpService } from '../support/sample-services';

// list's flag checks, trimming, case-blind filtering and where --limit stops reading.
const fake = useFakeApi();

describe('list: exact behaviour', () => {
  it('every flag problem is listed at once, nothing sent', async () => {
    const r = await runInProcess(['list', '--type', 'udp', '--limit', '1.5'], fake);
    expect(r).toMatchObject({ exitCode: 2, stdout: '', stderr: 'error: --type: must be tcp or http (got "udp")\nerror: --limit: must be a whole number of at least 1 (got "1.5")\n' });
    expect(fake.requests).toEqual([]);
  });

  it.each(['0', '2x', 'x2', '-1', ''])('--limit %j is refused', async (limit) => {
    const r = await runInProcess(['list', '--limit', limit], fake);
    expect(r).toMatchObject({ exitCode: 2, stderr: `error: --limit: must be a whole number of at least 1 (got ${JSON.stringify(limit)})\n` });
  });

  it('--type and --limit are trimmed', async () => {
    const s = fake.seed([tcpService('a'), tcpService('b'), tcpService('c')]);
    const r = await runInProcess(['list', '--type', ' tcp ', '--limit', ' 2 ', '-q'], fake);
    expect(r).toMatchObject({ exitCode: 0, stdout: `${s[0]!.service_id}\n${s[1]!.service_id}\n`, stderr: '' });
    expect(fake.requests[0]!.query.type).toBe('tcp');
  });

  it('--name-contains ignores case on both sides', async () => {
    const s = fake.seed([tcpService('Alpha-DB'), tcpService('beta'), tcpService('ALPHA-web')]);
    const r = await runInProcess(['list', '--name-contains', 'aLPha', '-q'], fake);
    expect(r.stdout).toBe(`${s[0]!.service_id}\n${s[2]!.service_id}\n`);
  });

  it('a filter that matches nothing: [] in JSON', async () => {
    fake.seed([tcpService('a')]);
    const r = await runInProcess(['list', '--name-contains', 'zzz', '--json'], fake);
    expect(r).toMatchObject({ exitCode: 0, stdout: '[]\n' });
  });

  it('--limit reached on a page boundary reads no further page; one past it reads one more', async () => {
    const all = fake.seed(manyServices(1500));
    const exact = await runInProcess(['list', '--limit', '1000', '-q'], fake);
    expect(exact.stdout).toBe(all.slice(0, 1000).map((s) => `${s.service_id}\n`).join(''));
    expect(fake.sent('GET')).toHaveLength(1);
    const more = await runInProcess(['list', '--limit', '1001', '-q'], fake);
    expect(more.stdout).toBe(all.slice(0, 1001).map((s) => `${s.service_id}\n`).join(''));
    expect(fake.sent('GET')).toHaveLength(3);
  });

  it('--limit with a filter counts only the matches', async () => {
    const all = fake.seed(manyServices(1500));
    const r = await runInProcess(['list', '--name-contains', 'svc-014', '--limit', '50', '-q'], fake);
    const want = all.filter((s) => s.name.includes('svc-014')).slice(0, 50);
    expect(r.stdout).toBe(want.map((s) => `${s.service_id}\n`).join(''));
    expect(want).toHaveLength(50);
  });
});
