import { describe, expect, it } from 'vitest';
import { ACCOUNT } from '../support/fake-api';
import { useFakeApi } from '../support/use-fake';
import { runInProcess, scriptedPrompter } from '../support/in-process';
import { SERVICES, tcpService } from '../support/sample-services';

// Exact output and requests of delete: confirmation, missing references, duplicates, failures.
const fake = useFakeApi();
const tty = { stdin: true, stderr: true };
const env = { NO_COLOR: '1' };
const UUID = '11111111-2222-4333-8444-555555555555';

describe('delete: exact behaviour', () => {
  it('without --yes and without a terminal: the exact usage error, nothing sent', async () => {
    fake.seed([tcpService('a')]);
    const r = await runInProcess(['delete', 'a'], fake);
    expect(r).toMatchObject({ exitCode: 2, stdout: '', stderr: 'error: deleting needs confirmation: add --yes (there is no terminal to ask on); nothing was deleted\n' });
    expect(fake.requests).toEqual([]);
  });

  it('--dry-run by id sends nothing, needs no --yes and no credentials; by name it looks up', async () => {
    const r = await runInProcess(['delete', UUID, ` ${UUID} `, '--dry-run'], fake, { noCredentials: true });
    expect(r).toMatchObject({ exitCode: 0, stdout: `DELETE ${fake.url}/accounts/{account_id}/connectivity/directory/services/${UUID}\n` });
    expect(fake.requests).toEqual([]);
    const [a] = fake.seed([tcpService('a')]);
    const named = await runInProcess(['delete', 'a', '--dry-run', '--json'], fake);
    expect(JSON.parse(named.stdout)).toEqual({ method: 'DELETE', url: `${fake.url}${SERVICES}/${a!.service_id}` });
    expect(fake.mutations()).toEqual([]);
    const blind = await runInProcess(['delete', 'a', '--dry-run'], fake, { noCredentials: true });
    expect(blind.exitCode).toBe(4);
    expect(blind.stderr.split('\n')[0]).toBe('error: no credentials: delete --dry-run looks the name up, so it needs them');
  });

  it('several missing references are named together, with the --if-exists hint', async () => {
    fake.seed([tcpService('a')]);
    const r = await runInProcess(['delete', 'a', 'x', 'y', '--yes'], fake);
    expect(r).toMatchObject({ exitCode: 1, stdout: '', stderr: 'error: no such services: "x", "y"; nothing was deleted\n  add --if-exists to delete the others and ignore these\n' });
    const one = await runInProcess(['delete', 'x', '--yes'], fake);
    expect(one.stderr).toBe('error: no such service: "x"; nothing was deleted\n  add --if-exists to delete the others and ignore these\n');
    expect(fake.mutations()).toEqual([]);
  });

  it('--if-exists: the missing ones are skipped, the others deleted once each, rows in the given order', async () => {
    const [a, b] = fake.seed([tcpService('a'), tcpService('b')]);
    const r = await runInProcess(['delete', 'x', 'b', a!.service_id, 'a', ' b ', '--yes', '--if-exists', '--json'], fake);
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      { service_id: 'x', deleted: false },
      { service_id: b!.service_id, deleted: true },
      { service_id: a!.service_id, deleted: true },
    ]);
    expect(fake.sent('DELETE').map((q) => q.path).sort()).toEqual([`${SERVICES}/${a!.service_id}`, `${SERVICES}/${b!.service_id}`].sort());
    const text = await runInProcess(['delete', 'gone', '--yes', '--if-exists'], fake, { env });
    expect(text).toMatchObject({ exitCode: 0, stdout: '', stderr: 'not found, skipped: gone\n' });
  });

  it('-q prints only the ids deleted', async () => {
    const [a] = fake.seed([tcpService('a')]);
    const r = await runInProcess(['delete', 'a', 'x', '--yes', '--if-exists', '-q'], fake);
    expect(r.stdout).toBe(`${a!.service_id}\n`);
  });

  it('on a terminal: lists what it will delete and asks; yes deletes', async () => {
    const [a, b] = fake.seed([tcpService('a'), tcpService('b')]);
    const prompter = scriptedPrompter([true]);
    const r = await runInProcess(['delete', 'a', 'b'], fake, { tty, prompter, env });
    expect(prompter.asked).toEqual(['Delete them?']);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe(
      `About to delete 2 services:\n  a  ${a!.service_id}\n  b  ${b!.service_id}\n✓ deleted a (${a!.service_id})\n✓ deleted b (${b!.service_id})\n`,
    );
    expect(fake.list()).toEqual([]);
  });

  it('on a terminal: one service is "it"; no deletes nothing, exit 130', async () => {
    const [a] = fake.seed([tcpService('a')]);
    const prompter = scriptedPrompter([false]);
    const r = await runInProcess(['delete', 'a'], fake, { tty, prompter, env });
    expect(prompter.asked).toEqual(['Delete it?']);
    expect(r).toMatchObject({ exitCode: 130, stdout: '', stderr: `About to delete 1 service:\n  a  ${a!.service_id}\nnothing was deleted\n` });
    expect(fake.mutations()).toEqual([]);
  });

  it('on a terminal with only missing references and --if-exists: nothing asked', async () => {
    const r = await runInProcess(['delete', 'x', '--if-exists'], fake, { tty, prompter: scriptedPrompter([]), env });
    expect(r).toMatchObject({ exitCode: 0, stderr: 'not found, skipped: x\n' });
  });

  it('a failed delete names the service and id; the rows say why', async () => {
    const [a, b] = fake.seed([tcpService('a'), tcpService('b')]);
    fake.faults = [{ method: 'DELETE', path: new RegExp(b!.service_id), nth: 1, count: 10, action: { status: 400, errors: [{ code: 1001, message: 'bad request' }] } }];
    const r = await runInProcess(['delete', 'a', 'b', '--yes', '--concurrency', '1'], fake, { env });
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toBe(`✓ deleted a (${a!.service_id})\nerror: could not delete b (${b!.service_id}): [1001] bad request\nerror: 1 of 2 deletes failed; 1 deleted\n`);
    fake.seed([tcpService('a')]);
    const json = await runInProcess(['delete', 'a', 'b', '--yes', '--json'], fake);
    const rows = JSON.parse(json.stdout);
    expect(rows[1]).toEqual({ service_id: b!.service_id, name: 'b', deleted: false, error: '[1001] bad request' });
  });

  it('gone between lookup and delete: with --if-exists not an error, without it exit 1', async () => {
    const [a] = fake.seed([tcpService('a')]);
    fake.faults = [{ method: 'DELETE', nth: 1, action: { status: 404, errors: [{ code: 5104, message: 'service not found' }] } }];
    const r = await runInProcess(['delete', 'a', '--yes', '--if-exists', '--json'], fake);
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ service_id: a!.service_id, deleted: false });
    fake.faults = [{ method: 'DELETE', nth: 1, action: { status: 404, errors: [{ code: 5104, message: 'service not found' }] } }];
    const text = await runInProcess(['delete', a!.service_id, '--yes', '--if-exists'], fake, { env });
    expect(text.stderr).toBe(`not found, skipped: a (${a!.service_id})\n`);
  });

  it('a bad --concurrency is refused before anything is read', async () => {
    const r = await runInProcess(['delete', 'a', '--yes', '--concurrency', '0'], fake);
    expect(r).toMatchObject({ exitCode: 2, stderr: 'error: --concurrency: must be an integer from 1 to 32 (got "0")\n' });
    expect(fake.requests).toEqual([]);
  });

  it('--dry-run by id with a known account puts it in the URL', async () => {
    const r = await runInProcess(['delete', UUID, '--dry-run'], fake, { noCredentials: true, env: { CLOUDFLARE_ACCOUNT_ID: ACCOUNT } });
    expect(r.stdout).toBe(`DELETE ${fake.url}${SERVICES}/${UUID}\n`);
  });
});
