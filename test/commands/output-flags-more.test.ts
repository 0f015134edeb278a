import { describe, expect, it } from 'vitest';
import { TUNNEL } from '../support/fake-api';
import { useFakeApi } from '../support/use-fake';
import { runInProcess, scriptedPrompter } from '../support/in-process';
import { def, SERVICES } from '../support/sample-services';

// export and apply take the output flags of every command (cli.md sections 4 and 10): --json,
// --ndjson and -q, each excluding the others, and on export excluding a different --format.
const fake = useFakeApi();
const jsonError = (message: string) => `${JSON.stringify({ error: { code: 'usage', message, status: null } })}\n`;
const http = (name: string) => ({ name, type: 'http', host: { ipv4: '10.0.0.2', network: { tunnel_id: TUNNEL } }, http_port: 80 });

describe('export --json and -q', () => {
  it('--json is the default format, said explicitly', async () => {
    fake.seed([def('a'), http('w')]);
    const plain = await runInProcess(['export'], fake);
    const r = await runInProcess(['export', '--json'], fake);
    expect(r).toMatchObject({ exitCode: 0, stdout: `${JSON.stringify([def('a'), http('w')], null, 2)}\n`, stderr: '' });
    expect(r.stdout).toBe(plain.stdout);
    const same = await runInProcess(['export', '--json', '--format', ' json '], fake);
    expect(same).toMatchObject({ exitCode: 0, stdout: plain.stdout, stderr: '' });
  });

  it('--json with nothing to export: []', async () => {
    const r = await runInProcess(['export', '--json'], fake);
    expect(r).toMatchObject({ exitCode: 0, stdout: '[]\n', stderr: '' });
  });

  it('-q: only the ids of the exported services, one per line', async () => {
    const [a, w, b] = fake.seed([def('a'), http('w'), def('b')]);
    const all = await runInProcess(['export', '-q'], fake);
    expect(all).toMatchObject({ exitCode: 0, stdout: `${a!.service_id}\n${w!.service_id}\n${b!.service_id}\n`, stderr: '' });
    const tcp = await runInProcess(['export', '--quiet', '--type', 'tcp'], fake);
    expect(tcp).toMatchObject({ exitCode: 0, stdout: `${a!.service_id}\n${b!.service_id}\n`, stderr: '' });
    expect(fake.requests.at(-1)!.query.type).toBe('tcp');
  });

  it('-q with references: the ids in the order named, once each; one of another type left out with its warning', async () => {
    const [a, w, b] = fake.seed([def('a'), http('w'), def('b')]);
    const r = await runInProcess(['export', 'b', 'w', a!.service_id, 'b', '-q', '--type', 'tcp'], fake);
    expect(r).toMatchObject({ exitCode: 0, stdout: `${b!.service_id}\n${a!.service_id}\n`, stderr: 'warning: w: left out, its type is http (--type tcp)\n' });
    expect(w).toBeDefined();
  });

  it('-q with nothing to export prints nothing; a missing reference prints no id', async () => {
    const empty = await runInProcess(['export', '-q'], fake);
    expect(empty).toMatchObject({ exitCode: 0, stdout: '', stderr: '' });
    fake.seed([def('a')]);
    const r = await runInProcess(['export', 'a', 'x', '-q'], fake);
    expect(r).toMatchObject({ exitCode: 1, stdout: '', stderr: 'error: no such service: "x"; nothing was exported\n' });
  });

  it.each<[string, string[], string]>([
    ['--json --ndjson', ['--json', '--ndjson'], jsonError('--json and --ndjson cannot be combined: choose one')],
    ['--json -q', ['--json', '-q'], jsonError('--json and -q/--quiet cannot be combined: choose one')],
    ['--ndjson --quiet', ['--ndjson', '--quiet'], jsonError('--ndjson and -q/--quiet cannot be combined: choose one')],
    ['--json --format terraform', ['--json', '--format', 'terraform'], jsonError('--json and --format terraform cannot be combined: choose one format')],
    ['--json --format ndjson', ['--json', '--format', 'ndjson'], jsonError('--json and --format ndjson cannot be combined: choose one format')],
    ['--ndjson --format json', ['--ndjson', '--format', 'json'], jsonError('--ndjson and --format json cannot be combined: choose one format')],
    ['-q --format ndjson', ['-q', '--format', 'ndjson'], 'error: -q/--quiet and --format ndjson cannot be combined: choose one format\n'],
    ['-q --format json', ['-q', '--format', 'json'], 'error: -q/--quiet and --format json cannot be combined: choose one format\n'],
    ['-q --format terraform', ['--format', 'terraform', '--quiet'], 'error: -q/--quiet and --format terraform cannot be combined: choose one format\n'],
    ['-q --account-var', ['-q', '--account-var', 'acct'], 'error: --account-var: only with --format terraform\n'],
    ['--json --strict', ['--json', '--strict'], jsonError('--strict: only with --format terraform')],
    ['--bogus with --json', ['--json', '--bogus'], jsonError("unknown option '--bogus'")],
  ])('%s: exit 2 naming both, nothing sent', async (_n, args, stderr) => {
    fake.seed([def('a')]);
    const before = fake.requests.length;
    const r = await runInProcess(['export', ...args], fake);
    expect({ exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr }).toEqual({ exitCode: 2, stdout: '', stderr });
    expect(fake.requests.length).toBe(before);
  });

  it('two output flags and a --format: every conflict, the command\'s own first', async () => {
    const r = await runInProcess(['export', '--json', '--ndjson', '--format', 'terraform'], fake);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    const problems = [
      '--json and --format terraform cannot be combined: choose one format',
      '--ndjson and --format terraform cannot be combined: choose one format',
      '--json and --ndjson cannot be combined: choose one',
    ];
    expect(JSON.parse(r.stderr)).toEqual({ error: { code: 'usage', message: problems.join('\n'), status: null, problems } });
    expect(fake.requests).toEqual([]);
  });
});

describe('apply -q', () => {
  const apply = (args: string[], defs: unknown, o: Parameters<typeof runInProcess>[2] = {}) =>
    runInProcess(['apply', '-f', '-', ...args], fake, { input: JSON.stringify(defs), ...o, env: { NO_COLOR: '1', ...o.env } });

  it('only the id of each service created, updated or deleted, as each finishes; not the plan', async () => {
    const [same, changed, extra] = fake.seed([def('same'), def('changed'), def('extra')]);
    const r = await apply(['--prune', '--yes', '--concurrency', '1', '-q'], [def('same'), def('changed', { tcp_port: 6000 }), def('new')]);
    const created = fake.list().find((s) => s.name === 'new')!;
    expect(r).toMatchObject({ exitCode: 0, stdout: `${changed!.service_id}\n${created.service_id}\n${extra!.service_id}\n`, stderr: '' });
    expect(r.stdout).not.toContain(same!.service_id);
    expect(fake.mutations().map((q) => [q.method, q.path])).toEqual([
      ['PUT', `${SERVICES}/${changed!.service_id}`],
      ['POST', SERVICES],
      ['DELETE', `${SERVICES}/${extra!.service_id}`],
    ]);
  });

  it('nothing to change: nothing on stdout, the message on stderr', async () => {
    fake.seed([def('a')]);
    const r = await apply(['--quiet'], [def('a')]);
    expect(r).toMatchObject({ exitCode: 0, stdout: '', stderr: 'nothing to change\n' });
    expect(fake.requests.map((q) => q.method)).toEqual(['GET']);
  });

  it('--dry-run -q: nothing on stdout, nothing sent', async () => {
    const [a] = fake.seed([def('a'), def('old')]);
    const r = await apply(['--dry-run', '--prune', '-q'], [def('a', { tcp_port: 7 }), def('n')]);
    expect(r).toMatchObject({ exitCode: 0, stdout: '', stderr: 'dry run: nothing was sent\n' });
    expect(fake.mutations()).toEqual([]);
    expect(a).toBeDefined();
    const blind = await apply(['--dry-run', '-q'], [def('n')], { noCredentials: true });
    expect(blind).toMatchObject({
      exitCode: 0,
      stdout: '',
      stderr: 'warning: no credentials: the services in the account cannot be read, so this plan shows every definition as a create\ndry run: nothing was sent\n',
    });
  });

  it('a failed change: the ids of what was done, the failure on stderr, exit 3', async () => {
    const [a] = fake.seed([def('a')]);
    fake.faults = [{ method: 'POST', nth: 1, count: 10, action: { status: 400, errors: [{ code: 1001, message: 'bad request' }] } }];
    const r = await apply(['--yes', '--concurrency', '1', '-q'], [def('a', { tcp_port: 1 }), def('b')]);
    expect(r).toMatchObject({ exitCode: 3, stdout: `${a!.service_id}\n`, stderr: 'error: could not create b: [1001] bad request\nerror: 1 of 2 changes failed; 1 done\n' });
  });

  it('changes without --yes and without a terminal: exit 2, nothing on stdout, nothing sent', async () => {
    const r = await apply(['-q'], [def('a')]);
    expect(r).toMatchObject({ exitCode: 2, stdout: '', stderr: 'error: apply would change services: add --yes to confirm (there is no terminal to ask on); nothing was sent\n' });
    expect(fake.mutations()).toEqual([]);
  });

  it('on a terminal it still asks, showing the plan on stderr, then prints the id', async () => {
    const p = scriptedPrompter([true]);
    const r = await apply(['-q'], [def('a')], { tty: { stdin: true, stderr: true }, prompter: p });
    expect(p.asked).toEqual(['Apply 1 change?']);
    expect(r).toMatchObject({ exitCode: 0, stdout: `${fake.list()[0]!.service_id}\n`, stderr: 'Plan: 1 to create, 0 to update, 0 to leave unchanged\n  + create    a\n' });
  });

  it.each<[string, string[], string]>([
    ['-q --ndjson', ['-q', '--ndjson'], jsonError('--ndjson and -q/--quiet cannot be combined: choose one')],
    ['--json --quiet', ['--json', '--quiet'], jsonError('--json and -q/--quiet cannot be combined: choose one')],
    ['-q --json --dry-run', ['-q', '--json', '--dry-run'], jsonError('--json and -q/--quiet cannot be combined: choose one')],
  ])('%s: exit 2 naming both, nothing sent', async (_n, args, stderr) => {
    const r = await apply(['--yes', ...args], [def('a')]);
    expect({ exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr }).toEqual({ exitCode: 2, stdout: '', stderr });
    expect(fake.requests).toEqual([]);
  });
});
