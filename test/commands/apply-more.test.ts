import { describe, expect, it } from 'vitest';
import { useFakeApi } from '../support/use-fake';
import { runInProcess, scriptedPrompter } from '../support/in-process';
import { def, SERVICES } from '../support/sample-services';

// Exact plan, confirmation, outcome and failure output of apply.
const fake = useFakeApi();
const tty = { stdin: true, stderr: true };
const env = { NO_COLOR: '1' };
const apply = (args: string[], defs: unknown, o: Parameters<typeof runInProcess>[2] = {}) =>
  runInProcess(['apply', '-f', '-', ...args], fake, { input: JSON.stringify(defs), ...o, env: { ...env, ...o.env } });

describe('apply: exact behaviour', () => {
  it('the plan lists each step with its sign, id and changes; --prune adds deletes', async () => {
    const [same, changed, extra] = fake.seed([def('same'), def('changed'), def('extra')]);
    const r = await apply(['--prune', '--yes', '--concurrency', '1'], [def('same'), def('changed', { tcp_port: 6000 }), def('new')]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(
      [
        'Plan: 1 to create, 1 to update, 1 to leave unchanged, 1 to delete',
        `  = unchanged same  (${same!.service_id})`,
        `  ~ update    changed  (${changed!.service_id})`,
        '      ~ tcp_port: 5432 -> 6000',
        '  + create    new',
        `  - delete    extra  (${extra!.service_id})`,
        '',
      ].join('\n'),
    );
    const created = fake.list().find((s) => s.name === 'new')!;
    expect(r.stderr).toBe(`✓ updated changed (${changed!.service_id})\n✓ created new (${created.service_id})\n✓ deleted extra (${extra!.service_id})\n`);
    expect(fake.mutations().map((q) => [q.method, q.path])).toEqual([
      ['PUT', `${SERVICES}/${changed!.service_id}`],
      ['POST', SERVICES],
      ['DELETE', `${SERVICES}/${extra!.service_id}`],
    ]);
    expect(fake.sent('PUT')[0]!.body).toEqual(def('changed', { tcp_port: 6000 }));
  });

  it('--json: the plan without definitions, and the outcome of each change', async () => {
    const [a] = fake.seed([def('a')]);
    const r = await apply(['--yes', '--json'], [def('a', { tcp_port: 1 }), def('b')]);
    const b = fake.list().find((s) => s.name === 'b')!;
    expect(JSON.parse(r.stdout)).toEqual({
      plan: [
        { action: 'update', name: 'a', service_id: a!.service_id, changes: [{ path: 'tcp_port', from: 5432, to: 1 }] },
        { action: 'create', name: 'b' },
      ],
      outcome: [
        { action: 'update', name: 'a', service_id: a!.service_id, ok: true },
        { action: 'create', name: 'b', service_id: b.service_id, ok: true },
      ],
    });
    expect(r.stderr).toBe('');
  });

  it('nothing to change: no question, no request but the list, and says so', async () => {
    fake.seed([def('a')]);
    const r = await apply([], [def('a')], { tty, prompter: scriptedPrompter([]) });
    expect(r).toMatchObject({ exitCode: 0, stdout: `Plan: 0 to create, 0 to update, 1 to leave unchanged\n  = unchanged a  (${fake.list()[0]!.service_id})\n`, stderr: 'nothing to change\n' });
    expect(fake.mutations()).toEqual([]);
    const json = await apply(['--json'], [def('a')]);
    expect(JSON.parse(json.stdout)).toEqual({ plan: [{ action: 'unchanged', name: 'a', service_id: fake.list()[0]!.service_id }], outcome: [] });
  });

  it('without --yes and without a terminal: exit 2 after the plan, nothing sent', async () => {
    const r = await apply([], [def('a')]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe('error: apply would change services: add --yes to confirm (there is no terminal to ask on); nothing was sent\n');
    expect(fake.mutations()).toEqual([]);
  });

  it('on a terminal: asks, counting the changes; no is exit 130', async () => {
    fake.seed([def('a')]);
    const one = scriptedPrompter([false]);
    const r = await apply([], [def('b')], { tty, prompter: one });
    expect(one.asked).toEqual(['Apply 1 change?']);
    expect(r.exitCode).toBe(130);
    expect(r.stderr).toBe('cancelled: nothing was changed\n');
    const two = scriptedPrompter([true]);
    const yes = await apply(['--prune'], [def('b')], { tty, prompter: two });
    expect(two.asked).toEqual(['Apply 2 changes?']);
    expect(yes.exitCode).toBe(0);
    expect(fake.list().map((s) => s.name)).toEqual(['b']);
  });

  it('--dry-run as text: the plan, then each request with its body', async () => {
    const [a, old] = fake.seed([def('a'), def('old')]);
    const r = await apply(['--dry-run', '--prune'], [def('a', { tcp_port: 7 }), def('n')]);
    expect(r.exitCode).toBe(0);
    const body = (d: unknown) => JSON.stringify(d, null, 2);
    expect(r.stdout).toBe(
      [
        'Plan: 1 to create, 1 to update, 0 to leave unchanged, 1 to delete',
        `  ~ update    a  (${a!.service_id})`,
        '      ~ tcp_port: 5432 -> 7',
        '  + create    n',
        `  - delete    old  (${old!.service_id})`,
        '',
        `PUT ${fake.url}${SERVICES}/${a!.service_id}`,
        body(def('a', { tcp_port: 7 })),
        `POST ${fake.url}${SERVICES}`,
        body(def('n')),
        `DELETE ${fake.url}${SERVICES}/${old!.service_id}`,
        '',
      ].join('\n'),
    );
    expect(r.stderr).toBe('dry run: nothing was sent\n');
    expect(fake.mutations()).toEqual([]);
  });

  it('a failed change: its line, the outcome in JSON and exit 3', async () => {
    fake.seed([def('a')]);
    fake.faults = [{ method: 'POST', nth: 1, count: 10, action: { status: 400, errors: [{ code: 1001, message: 'bad request' }] } }];
    const r = await apply(['--yes', '--concurrency', '1'], [def('a', { tcp_port: 1 }), def('b')]);
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toBe(`✓ updated a (${fake.list()[0]!.service_id})\nerror: could not create b: [1001] bad request\nerror: 1 of 2 changes failed; 1 done\n`);
    fake.faults = [{ method: 'POST', nth: 1, count: 10, action: { status: 400, errors: [{ code: 1001, message: 'bad request' }] } }];
    const json = await apply(['--yes', '--json'], [def('a', { tcp_port: 2 }), def('b')]);
    expect(JSON.parse(json.stdout).outcome).toEqual([
      { action: 'update', name: 'a', service_id: fake.list()[0]!.service_id, ok: true },
      { action: 'create', name: 'b', ok: false, error: { code: 1001, message: '[1001] bad request', status: 400 } },
    ]);
  });

  it('--ndjson: one line per outcome, failures included', async () => {
    fake.seed([def('a')]);
    fake.faults = [{ method: 'DELETE', nth: 1, count: 10, action: { status: 400, errors: [{ code: 1001, message: 'bad request' }] } }];
    const id = fake.list()[0]!.service_id;
    const r = await apply(['--yes', '--prune', '--ndjson'], []);
    expect(r.exitCode).toBe(1);
    expect(r.stdout.trim().split('\n').map((l) => JSON.parse(l))).toEqual([
      { action: 'delete', name: 'a', service_id: id, ok: false, error: { code: 1001, message: `[1001] bad request`, status: 400 } },
    ]);
  });

  it('a bad --concurrency is refused before the file is read', async () => {
    const r = await apply(['--concurrency', '33'], 'not json');
    expect(r).toMatchObject({ exitCode: 2, stderr: 'error: --concurrency: must be an integer from 1 to 32 (got "33")\n' });
  });

  it('--dry-run without credentials: every definition a create, and it says why', async () => {
    const r = await apply(['--dry-run'], [def('a')], { noCredentials: true });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(`Plan: 1 to create, 0 to update, 0 to leave unchanged\n  + create    a\n\nPOST ${fake.url}/accounts/{account_id}/connectivity/directory/services\n${JSON.stringify(def('a'), null, 2)}\n`);
    expect(r.stderr).toBe('warning: no credentials: the services in the account cannot be read, so this plan shows every definition as a create\ndry run: nothing was sent\n');
    expect(fake.requests).toEqual([]);
  });
});
