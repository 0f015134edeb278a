import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TUNNEL } from '../support/fake-api';
import { useFakeApi } from '../support/use-fake';
import { runCli, tempDir } from '../support/run-cli';

/*
 * cli.md sections 4 and 10: --json, --ndjson and -q exclude each other everywhere; with --json every
 * error is the JSON object on stderr, commander's included; tables off a terminal keep whole ids;
 * FORCE_COLOR colours stdout tables too.
 */

const fake = useFakeApi();
const net = { network: { tunnel_id: TUNNEL } };
const db = (name: string) => ({ name, type: 'tcp', host: { ipv4: '10.0.0.5', ...net }, tcp_port: 5432 });
const twoFile = () => {
  const p = join(tempDir(), 'two.json');
  writeFileSync(p, JSON.stringify([db('a-rather-long-service-name-number-one'), db('a-rather-long-service-name-number-two')]));
  return p;
};
const jsonError = (message: string) => `${JSON.stringify({ error: { code: 'usage', message, status: null } })}\n`;

describe('--json, --ndjson and -q are mutually exclusive: exit 2 naming both, nothing sent', () => {
  const ID = '550e8400-e29b-41d4-a716-446655440000';
  it.each<[string, string[], string]>([
    ['create -f two.json --json --ndjson', ['create', '-f', '<two>', '--json', '--ndjson'], jsonError('--json and --ndjson cannot be combined: choose one')],
    ['create --json -q', ['create', 'x', '--json', '-q'], jsonError('--json and -q/--quiet cannot be combined: choose one')],
    ['list --json --ndjson', ['list', '--json', '--ndjson'], jsonError('--json and --ndjson cannot be combined: choose one')],
    ['list --json --quiet', ['list', '--json', '--quiet'], jsonError('--json and -q/--quiet cannot be combined: choose one')],
    ['list --ndjson -q', ['list', '--ndjson', '-q'], jsonError('--ndjson and -q/--quiet cannot be combined: choose one')],
    ['get --json -q', ['get', ID, '--json', '-q'], jsonError('--json and -q/--quiet cannot be combined: choose one')],
    ['update --json -q', ['update', ID, '--tcp-port', '1', '--json', '-q'], jsonError('--json and -q/--quiet cannot be combined: choose one')],
    ['delete --json --ndjson', ['delete', ID, '--yes', '--json', '--ndjson'], jsonError('--json and --ndjson cannot be combined: choose one')],
    ['delete --json -q', ['delete', ID, '--yes', '--json', '-q'], jsonError('--json and -q/--quiet cannot be combined: choose one')],
    ['apply --json --ndjson', ['apply', '-f', '<two>', '--yes', '--json', '--ndjson'], jsonError('--json and --ndjson cannot be combined: choose one')],
  ])('%s', async (_n, args, stderr) => {
    const file = twoFile();
    const r = await runCli(args.map((a) => (a === '<two>' ? file : a)), fake);
    expect({ exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr }).toEqual({ exitCode: 2, stdout: '', stderr });
    expect(fake.requests).toEqual([]);
  });

  it('--ndjson makes errors JSON as well', async () => {
    const r = await runCli(['create', 'x', '--quiet', '--ndjson'], fake);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(jsonError('--ndjson and -q/--quiet cannot be combined: choose one'));
  });
});

describe('with --json, argument errors are the JSON object too', () => {
  it.each<[string[], string]>([
    [['list', '--json', '--bogus'], "unknown option '--bogus'"],
    [['get', '--json'], "missing required argument 'id-or-name'"],
    [['create', '--json', '--tcp-port'], "option '--tcp-port <n>' argument missing"],
    [['lst', '--json'], "unknown command 'lst'"],
    [['--json', 'list'], "unknown option '--json'"],
  ])('%j', async (args, message) => {
    const r = await runCli(args, fake);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ error: { code: 'usage', message, status: null } });
    expect(fake.requests).toEqual([]);
  });

  it('without --json they stay commander\'s text', async () => {
    const r = await runCli(['list', '--bogus'], fake);
    expect({ exitCode: r.exitCode, stderr: r.stderr }).toEqual({ exitCode: 2, stderr: "error: unknown option '--bogus'\n" });
  });

  it('after `--`, --json is an argument, not the flag', async () => {
    const r = await runCli(['get', '--bogus', '--', '--json'], fake);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe("error: unknown option '--bogus'\n");
  });
});

describe('tables off a terminal keep whole ids', () => {
  it('the batch create table is the list table: whole ids and tunnel ids, however wide', async () => {
    const r = await runCli(['create', '-f', twoFile(), '--concurrency', '1'], fake);
    expect(r.exitCode).toBe(0);
    const listed = await runCli(['list'], fake);
    expect(r.stdout).toBe(listed.stdout);
    for (const s of fake.list()) expect(r.stdout).toContain(`${s.name}  ${s.service_id}  tcp   10.0.0.5  ${TUNNEL}  5432`);
  });

  it('get keeps the whole id and tunnel', async () => {
    const [s] = fake.seed([db('a-rather-long-service-name-number-one')]);
    const r = await runCli(['get', s!.service_id], fake);
    expect(r.stdout).toContain(`id        ${s!.service_id}\n`);
    expect(r.stdout).toContain(`tunnel    ${TUNNEL}\n`);
  });
});

describe('FORCE_COLOR colours stdout tables as well as stderr', () => {
  it('list and get', async () => {
    const [s] = fake.seed([db('db')]);
    const list = await runCli(['list'], fake, { env: { FORCE_COLOR: '1' } });
    expect(list.stdout.split('\n')[0]).toBe('\u001b[1mNAME\u001b[22m  \u001b[1mID\u001b[22m                                    \u001b[1mTYPE\u001b[22m  \u001b[1mHOST\u001b[22m      \u001b[1mTUNNEL\u001b[22m                                \u001b[1mPORTS\u001b[22m');
    const get = await runCli(['get', s!.service_id], fake, { env: { FORCE_COLOR: '1' } });
    expect(get.stdout.split('\n')[0]).toBe(`\u001b[1mid\u001b[22m        ${s!.service_id}`);
  });

  it('no colour without it, and none with NO_COLOR', async () => {
    fake.seed([db('db')]);
    expect((await runCli(['list'], fake)).stdout).not.toContain('\u001b[');
    expect((await runCli(['list'], fake, { env: { FORCE_COLOR: '1', NO_COLOR: '1' } })).stdout).not.toContain('\u001b[');
  });
});
