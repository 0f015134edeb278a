import { describe, expect, it } from 'vitest';
import { useFakeApi } from '../support/use-fake';
import { runInProcess } from '../support/in-process';
import { SERVICES, tcpService } from '../support/sample-services';

// References checked before anything is sent; one service named twice; the smallest --limit.
const fake = useFakeApi();
const UUID = '11111111-2222-4333-8444-555555555555';

describe('references', () => {
  it.each([['get'], ['update', '--tcp-port', '1']])('%s with a blank reference is exit 2, nothing sent', async (verb, ...rest) => {
    const r = await runInProcess([verb, ' ', ...rest], fake);
    expect(r.exitCode).toBe(2);
    expect(fake.requests).toEqual([]);
  });

  it('delete --dry-run of an id and a name looks the name up', async () => {
    const [a] = fake.seed([tcpService('a')]);
    const r = await runInProcess(['delete', UUID, 'a', '--dry-run', '--if-exists'], fake);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(`DELETE ${fake.url}${SERVICES}/${a!.service_id}\n`);
    expect(r.stderr).toBe(`not found, skipped: ${UUID}\ndry run: nothing was sent\n`);
    expect(fake.mutations()).toEqual([]);
  });

  it('delete of one service named twice prints one row in an array', async () => {
    const [a] = fake.seed([tcpService('a')]);
    const r = await runInProcess(['delete', 'a', a!.service_id, '--yes', '--json'], fake);
    expect(JSON.parse(r.stdout)).toEqual([{ service_id: a!.service_id, deleted: true }]);
  });

  it('list --limit 1', async () => {
    const s = fake.seed([tcpService('a'), tcpService('b')]);
    const r = await runInProcess(['list', '--limit', '1', '-q'], fake);
    expect(r).toMatchObject({ exitCode: 0, stdout: `${s[0]!.service_id}\n` });
  });

  it('list --type http is accepted and sent', async () => {
    const r = await runInProcess(['list', '--type', 'http', '--json'], fake);
    expect(r).toMatchObject({ exitCode: 0, stdout: '[]\n' });
    expect(fake.requests[0]!.query.type).toBe('http');
  });
});
