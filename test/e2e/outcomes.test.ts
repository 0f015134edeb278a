import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { ACCOUNT, TUNNEL, type FakeCloudflare } from '../support/fake-api';
import { BIN, cliEnv, runCli } from '../support/run-cli';
import { useFakeApi } from '../support/use-fake';

/** What commands say and do after faults (cli.md sections 7, 8 and 10). */

const fake = useFakeApi();
const SERVICES = `/accounts/${ACCOUNT}/connectivity/directory/services`;
const def = (name: string, port = 5432) => ({ name, type: 'tcp', host: { ipv4: '10.0.0.1', network: { tunnel_id: TUNNEL } }, tcp_port: port });
const createArgs = (name: string) => ['create', name, '--type', 'tcp', '--ipv4', '10.0.0.1', '--tunnel', TUNNEL, '--tcp-port', '5432'];
const until = async (cond: () => boolean, exited: () => boolean) => {
  while (!cond() && !exited()) await new Promise((r) => setTimeout(r, 20));
};
/** Starts the CLI, waits until `ready` holds (a request is in flight), then sends Ctrl-C. */
async function interrupt(args: string[], f: FakeCloudflare, ready: () => boolean, input = '') {
  const child = execa(process.execPath, [BIN, ...args], { env: cliEnv(f), extendEnv: false, reject: false, input, stripFinalNewline: false });
  let exited = false;
  void child.then(() => (exited = true));
  await until(ready, () => exited);
  child.kill('SIGINT');
  const r = await child;
  return { exitCode: r.exitCode, stdout: String(r.stdout), stderr: String(r.stderr) };
}

describe('a create whose last attempt got no answer', () => {
  it('is looked up once more: applied with the same definition is the success', async () => {
    fake.faults = [{ method: 'POST', nth: 1, action: { reset: 'after' } }];
    const r = await runCli([...createArgs('db'), '--retries', '0', '-q'], fake);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(fake.list()).toHaveLength(1);
    expect(r.stdout).toBe(`${fake.list()[0]!.service_id}\n`);
    expect(fake.sent('POST')).toHaveLength(1);
  });

  it('says "may have been applied" with the command that checks it when even the lookup fails', async () => {
    fake.faults = [
      { method: 'POST', nth: 1, action: { reset: 'after' } },
      { method: 'GET', nth: 1, count: 100, action: { status: 500, errors: [{ code: 10002, message: 'Internal server error' }] } },
    ];
    const r = await runCli([...createArgs('db'), '--retries', '0'], fake);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
    // How node words the reset depends on timing: ECONNRESET or "socket hang up".
    const host = new URL(fake.url).host.replace(/\./g, '\\.');
    expect(r.stderr).toMatch(
      new RegExp(
        `^error: create db may have been applied: the connection to ${host} was reset, and looking it up failed \\(\\[10002\\] Internal server error\\); check with \`vpcsvc get db\`\n$`,
      ),
    );
    expect(fake.list()).toHaveLength(1);
  });

  it('a lost answer and no such service afterwards is a plain failure', async () => {
    fake.faults = [{ method: 'POST', nth: 1, action: { status: 502 } }];
    const r = await runCli([...createArgs('db'), '--retries', '0'], fake);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe('error: [10001] injected 502\n');
    expect(fake.sent('GET')).toHaveLength(1);
  });
});

describe('a create answered "already exists" because its own first attempt landed late', () => {
  it('is its success when the service found matches the definition: one service, exit 0', async () => {
    // Attempt 1 times out (3 s) and lands at 4.5 s; the lookup (before 4 s) finds nothing; attempt 2
    // arrives after 3 s, is held 2.5 s, and finds the name taken by attempt 1.
    // (A fault that matches stops the search, so later faults do not count that request: the
    // second attempt's fault comes first.)
    fake.faults = [
      { method: 'POST', nth: 2, action: { delayMs: 2500 } },
      { method: 'POST', nth: 1, action: { delayMs: 4500 } },
    ];
    const r = await runCli([...createArgs('db'), '--timeout', '3', '--json'], fake);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(fake.sent('POST')).toHaveLength(2);
    expect(fake.list()).toHaveLength(1);
    expect(JSON.parse(r.stdout)).toStrictEqual(fake.list()[0]);
  }, 20_000);

  it('an "already exists" with no lost attempt before it stays an error', async () => {
    fake.seed([def('db')]);
    const r = await runCli(createArgs('db'), fake);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe('error: [5101] service already exists\n');
    expect(fake.sent('GET', /services$/)).toHaveLength(0);
  });
});

describe('a DELETE retried after a lost answer', () => {
  it('that then gets 404 is a success: exactly one DELETE applied, exit 0', async () => {
    const [s] = fake.seed([def('db')]);
    fake.faults = [{ method: 'DELETE', nth: 1, action: { reset: 'after' } }];
    const r = await runCli(['delete', s!.service_id, '--yes', '--json'], fake);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toStrictEqual({ service_id: s!.service_id, deleted: true });
    expect(fake.sent('DELETE')).toHaveLength(2);
    expect(fake.list()).toHaveLength(0);
  });

  it('a 404 with no lost attempt before it is still not found', async () => {
    const [s] = fake.seed([def('db')]);
    fake.faults = [{ method: 'DELETE', nth: 1, action: { status: 404, errors: [{ code: 5104, message: 'service not found' }] } }];
    const r = await runCli(['delete', s!.service_id, '--yes'], fake);
    expect(r.exitCode).toBe(1);
    expect(fake.sent('DELETE')).toHaveLength(1);
  });
});

describe('a PUT or DELETE whose last attempt got no answer', () => {
  it('update: exit 1, "may have been applied" with the command that checks it', async () => {
    const [s] = fake.seed([def('db')]);
    fake.faults = [{ method: 'PUT', nth: 1, action: { reset: 'after' } }];
    const r = await runCli(['update', 'db', '--tcp-port', '6543', '--retries', '0'], fake);
    expect(r.exitCode).toBe(1);
    const host = new URL(fake.url).host.replace(/\./g, '\\.');
    expect(r.stderr).toMatch(
      new RegExp(
        `^error: update db \\(${s!.service_id}\\) may have been applied: the connection to ${host} was reset; check with \`vpcsvc get db\`\n$`,
      ),
    );
    expect(fake.list()[0]!.tcp_port).toBe(6543);
  });

  it('delete in a batch: that item is a failure that may have been applied; the other succeeded: exit 3', async () => {
    const [a, b] = fake.seed([def('a'), def('b')]);
    fake.faults = [{ method: 'DELETE', nth: 1, action: { status: 503 } }];
    const r = await runCli(['delete', 'a', 'b', '--yes', '--retries', '0', '--concurrency', '1', '--json'], fake);
    expect(r.exitCode).toBe(3);
    expect(JSON.parse(r.stdout)).toStrictEqual([
      { service_id: a!.service_id, name: 'a', deleted: false, error: `delete a (${a!.service_id}) may have been applied: [10001] injected 503; check with \`vpcsvc get a\`` },
      { service_id: b!.service_id, deleted: true },
    ]);
  });
});

describe('interrupted while a request is in flight', () => {
  it('update: Ctrl-C during the PUT says it may have been applied, exit 130', async () => {
    const [s] = fake.seed([def('db')]);
    fake.faults = [{ method: 'PUT', nth: 1, action: { delayMs: 3000 } }];
    const r = await interrupt(['update', 'db', '--tcp-port', '6543'], fake, () => fake.sent('PUT').length === 1);
    expect(r.exitCode).toBe(130);
    expect(r.stderr).toBe(`cancelled while updating db (${s!.service_id}): it may have been applied; check with \`vpcsvc get db\`\n`);
  });

  it('create: Ctrl-C during the POST says it may have been applied, exit 130', async () => {
    fake.faults = [{ method: 'POST', nth: 1, action: { delayMs: 3000 } }];
    const r = await interrupt(createArgs('db'), fake, () => fake.sent('POST').length === 1);
    expect(r.exitCode).toBe(130);
    expect(r.stderr).toBe('cancelled while creating db: it may have been applied; check with `vpcsvc get db`\n');
  });

  it('create -f: what finished stays on stdout as JSON; the one in flight may have been applied; the rest were not sent', async () => {
    fake.faults = [{ method: 'POST', nth: 2, action: { delayMs: 3000 } }];
    const defs = [def('a'), def('b'), def('c')];
    const r = await interrupt(['create', '-f', '-', '--concurrency', '1', '--json'], fake, () => fake.sent('POST').length === 2, JSON.stringify(defs));
    expect(r.exitCode).toBe(130);
    const out = JSON.parse(r.stdout);
    expect(out).toHaveLength(2);
    expect(out[0]).toStrictEqual(fake.list().find((s) => s.name === 'a'));
    expect(out[1]).toStrictEqual({ item: 1, name: 'b', error: { code: 'uncertain', message: 'may have been applied: cancelled while in flight; check with `vpcsvc get b`', status: null } });
    expect(JSON.parse(r.stderr)).toStrictEqual({ error: { code: 'cancelled', message: 'cancelled: 1 created (a); may have been applied: b (check with `vpcsvc get b`); not created: c', status: null } });
    expect(fake.sent('POST')).toHaveLength(2);
  });

  it('delete: the one in flight may have been applied, not "not deleted"', async () => {
    const [a, b] = fake.seed([def('a'), def('b')]);
    fake.faults = [{ method: 'DELETE', nth: 1, action: { delayMs: 3000 } }];
    const r = await interrupt(['delete', 'a', 'b', '--yes', '--concurrency', '1', '--json'], fake, () => fake.sent('DELETE').length === 1);
    expect(r.exitCode).toBe(130);
    expect(JSON.parse(r.stdout)).toStrictEqual([
      { service_id: a!.service_id, name: 'a', deleted: false, error: 'may have been applied: cancelled while in flight; check with `vpcsvc get a`' },
    ]);
    expect(JSON.parse(r.stderr)).toStrictEqual({ error: { code: 'cancelled', message: 'cancelled: 0 deleted; may have been applied: a (check with `vpcsvc get a`); not deleted: b', status: null } });
    expect(fake.sent('DELETE').map((q) => q.path)).toEqual([`${SERVICES}/${a!.service_id}`]);
    void b;
  });

  it('apply --json: the outcome of what finished is printed; in-flight items may have been applied', async () => {
    fake.faults = [{ method: 'POST', nth: 2, action: { delayMs: 3000 } }];
    const defs = [def('a'), def('b'), def('c')];
    const r = await interrupt(['apply', '-f', '-', '--yes', '--concurrency', '1', '--json'], fake, () => fake.sent('POST').length === 2, JSON.stringify(defs));
    expect(r.exitCode).toBe(130);
    const out = JSON.parse(r.stdout);
    expect(out.outcome).toStrictEqual([
      { action: 'create', name: 'a', service_id: fake.list().find((s) => s.name === 'a')!.service_id, ok: true },
      { action: 'create', name: 'b', ok: false, error: { code: 'uncertain', message: 'may have been applied: cancelled while in flight; check with `vpcsvc get b`', status: null } },
    ]);
    expect(JSON.parse(r.stderr)).toStrictEqual({ error: { code: 'cancelled', message: 'cancelled: 1 done (create a); may have been applied: create b (check with `vpcsvc get b`); not done: create c', status: null } });
  });
});

describe('references', () => {
  it('are trimmed, and an upper-case UUID finds the service; the id is sent as the service has it', async () => {
    const [s] = fake.seed([def('db')]);
    const upper = s!.service_id.toUpperCase();
    const got = await runCli(['get', ` ${upper} `, '-q'], fake);
    expect(got.exitCode, got.stderr).toBe(0);
    expect(got.stdout).toBe(`${s!.service_id}\n`);
    // One GET by id, in the case the service has it: no list walk.
    expect(fake.requests.map((q) => `${q.method} ${q.path}`)).toEqual([`GET ${SERVICES}/${s!.service_id}`]);
    expect((await runCli(['get', '  db ', '-q'], fake)).stdout).toBe(`${s!.service_id}\n`);
    const del = await runCli(['delete', upper, '--yes'], fake);
    expect(del.exitCode, del.stderr).toBe(0);
    expect(fake.sent('DELETE').map((q) => q.path)).toEqual([`${SERVICES}/${s!.service_id}`]);
  });

  it('a UUID that no service has as its id is tried as a name', async () => {
    const uuidName = '11111111-2222-4333-8444-555555555555';
    const [s] = fake.seed([def(uuidName)]);
    const got = await runCli(['get', uuidName, '-q'], fake);
    expect(got.exitCode, got.stderr).toBe(0);
    expect(got.stdout).toBe(`${s!.service_id}\n`);
    const del = await runCli(['delete', uuidName, '--yes', '-q'], fake);
    expect(del.exitCode, del.stderr).toBe(0);
    expect(fake.list()).toHaveLength(0);
  });

  it('one service named twice (by id and by name, or twice) is deleted once, exit 0', async () => {
    const [s] = fake.seed([def('db')]);
    const r = await runCli(['delete', 'db', s!.service_id, ' db', s!.service_id.toUpperCase(), '--yes', '--json'], fake);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(fake.sent('DELETE')).toHaveLength(1);
    expect(JSON.parse(r.stdout)).toStrictEqual([{ service_id: s!.service_id, deleted: true }]);
  });

  it('delete --json covers every reference, skipped ones included (service_id is the reference as given)', async () => {
    const [w] = fake.seed([def('web')]);
    const r = await runCli(['delete', 'ghost', 'web', '22222222-2222-4333-8444-555555555555', '--if-exists', '--yes', '--json'], fake);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toStrictEqual([
      { service_id: 'ghost', deleted: false },
      { service_id: w!.service_id, deleted: true },
      { service_id: '22222222-2222-4333-8444-555555555555', deleted: false },
    ]);
  });

  it('delete takes --concurrency, validated like every batch', async () => {
    fake.seed([def('a'), def('b'), def('c')]);
    const bad = await runCli(['delete', 'a', 'b', '--yes', '--concurrency', '0'], fake);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toBe('error: --concurrency: must be an integer from 1 to 32 (got "0")\n');
    expect(fake.requests).toHaveLength(0);
    const ok = await runCli(['delete', 'a', 'b', 'c', '--yes', '--concurrency', '2', '-q'], fake);
    expect(ok.exitCode, ok.stderr).toBe(0);
    expect(fake.list()).toHaveLength(0);
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
    const r = await runCli(['delete', 'a', 'b', '--yes'], fake);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('error: all 2 deletes failed\n');
    expect(fake.list()).toHaveLength(2);
  });

  it('delete a b where one fails: exit 3', async () => {
    fake.seed([def('a'), def('b')]);
    fake.faults = [{ method: 'DELETE', nth: 1, action: { status: 400, errors: [{ code: 1001, message: 'bad request' }] } }];
    const r = await runCli(['delete', 'a', 'b', '--yes', '--concurrency', '1'], fake);
    expect(r.exitCode).toBe(3);
    expect(fake.list()).toHaveLength(1);
  });

  it('create -f of several, all refused with 403: exit 4', async () => {
    const r = await runCli(['create', '-f', '-'], fake, { ...readOnly(), input: JSON.stringify([def('a'), def('b')]) });
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toContain('error: all 2 creates failed: [10000] Authentication error\n');
    expect(r.stderr).toContain('Connectivity Directory Admin');
  });

  it('apply, every change refused with 403: exit 4', async () => {
    const r = await runCli(['apply', '-f', '-', '--yes'], fake, { ...readOnly(), input: JSON.stringify([def('a'), def('b')]) });
    expect(r.exitCode).toBe(4);
  });

  it('delete, every delete refused with 403: exit 4', async () => {
    fake.seed([def('a'), def('b')]);
    const r = await runCli(['delete', 'a', 'b', '--yes'], fake, readOnly());
    expect(r.exitCode).toBe(4);
    expect(fake.list()).toHaveLength(2);
  });
});
