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
