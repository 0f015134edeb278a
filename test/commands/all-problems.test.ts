import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TUNNEL } from '../support/fake-api';
import { useFakeApi } from '../support/use-fake';
import { runInProcess } from '../support/in-process';

// cli.md section 2: each problem on its own line; section 10: invalid values are refused before
// any request, on every command. So every problem of one run is reported in that run, the
// command's own first and then the options every command takes, and a --dry-run refuses what
// the real run refuses.
const fake = useFakeApi();
const dir = () => mkdtempSync(join(tmpdir(), 'all-problems-'));
const svc = ['create', 'dd', '--type', 'tcp', '--ipv4', '10.0.0.1', '--tunnel', TUNNEL];
const lines = {
  port: 'error: --tcp-port: must be an integer from 1 to 65535 (got "0")',
  binding: 'error: --binding: must be a JavaScript identifier such as ORDERS_DB (letters, digits, _ or $; not starting with a digit) (got "1X")',
  concurrency: 'error: --concurrency: must be an integer from 1 to 32 (got "0")',
  timeout: 'error: --timeout: must be a number of seconds from 0.1 to 3600 (got "abc")',
  retries: 'error: --retries: must be an integer from 0 to 10 (got "x")',
  account: 'error: --account: must be 32 hexadecimal characters (got "zz")',
};
const HINT = '  see `vpcsvc create --help` for the flags and examples';

describe('every problem of a run, in that run', () => {
  it('create: the service flags, --binding, --concurrency, then --timeout, --retries and --account', async () => {
    const r = await runInProcess([...svc, '--tcp-port', '0', '--binding', '1X', '--timeout', 'abc', '--retries', 'x', '--account', 'zz', '--concurrency', '0'], fake);
    expect([r.exitCode, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toBe([lines.port, lines.binding, lines.concurrency, lines.timeout, lines.retries, lines.account, HINT, ''].join('\n'));
    expect(fake.requests).toHaveLength(0);
  });

  it('create: --binding and --concurrency alone are reported together', async () => {
    const r = await runInProcess([...svc, '--tcp-port', '1', '--binding', '1X', '--concurrency', '0'], fake);
    expect([r.exitCode, r.stdout, r.stderr]).toEqual([2, '', `${lines.binding}\n${lines.concurrency}\n`]);
  });

  it('--json: the one error object lists them all', async () => {
    const r = await runInProcess([...svc, '--tcp-port', '0', '--timeout', 'abc', '--json'], fake);
    expect(r.exitCode).toBe(2);
    const { error } = JSON.parse(r.stderr) as { error: { problems: string[] } };
    expect(error.problems).toEqual([lines.port, lines.timeout].map((l) => l.replace('error: ', '')));
  });

  it.each<[string, string[]]>([
    ['list', ['list']],
    ['get', ['get', 'x']],
    ['export', ['export']],
    ['delete', ['delete', 'x', '--yes']],
    ['doctor', ['doctor']],
    ['auth status', ['auth', 'status']],
  ])('%s: --timeout, --retries and --account together, nothing sent', async (_, args) => {
    const r = await runInProcess([...args, '--timeout', 'abc', '--retries', 'x', '--account', 'zz'], fake);
    expect([r.exitCode, r.stdout, r.stderr]).toEqual([2, '', `${lines.timeout}\n${lines.retries}\n${lines.account}\n`]);
    expect(fake.requests).toHaveLength(0);
  });

  it('two output flags and a bad --timeout: both said', async () => {
    const r = await runInProcess(['list', '--ndjson', '-q', '--timeout', 'abc'], fake);
    expect([r.exitCode, r.stdout]).toEqual([2, '']);
    expect((JSON.parse(r.stderr) as { error: { problems: string[] } }).error.problems).toEqual([
      '--ndjson and -q/--quiet cannot be combined: choose one',
      lines.timeout.replace('error: ', ''),
    ]);
  });

  it('auth logout with a bad --timeout removes nothing', async () => {
    const home = dir();
    const env = { VPCSVC_CONFIG_DIR: home };
    const login = await runInProcess(['auth', 'login', '--token-stdin'], fake, { env, input: `${'t'.repeat(40)}\n` });
    const before = login.exitCode === 0 ? readFileSync(join(home, 'config.json'), 'utf8') : undefined;
    const r = await runInProcess(['auth', 'logout', '--timeout', 'abc'], fake, { env });
    expect([r.exitCode, r.stderr]).toEqual([2, `${lines.timeout}\n`]);
    if (before !== undefined) expect(readFileSync(join(home, 'config.json'), 'utf8')).toBe(before);
  });
});

describe('the probe takes the turns the real run would', () => {
  it('on a terminal, create with flags missing would ask for them: only the bad option is said', async () => {
    const r = await runInProcess(['create', '--timeout', 'abc'], fake, { tty: { stdin: true, stderr: true, stdout: true }, env: { NO_COLOR: '1' } });
    expect([r.exitCode, r.stdout, r.stderr]).toEqual([2, '', `${lines.timeout}\n`]);
  });

  it('without a terminal the same flags missing are problems, said first', async () => {
    const r = await runInProcess(['create', '--timeout', 'abc'], fake);
    expect(r.exitCode).toBe(2);
    expect(r.stderr.split('\n').slice(0, 1)).toEqual(['error: --name: required: the service name']);
    expect(r.stderr).toContain(`${lines.timeout}\n`);
  });
});

describe('--dry-run refuses what the real run refuses', () => {
  it.each([
    ['--timeout abc', ['--timeout', 'abc'], lines.timeout],
    ['--timeout 0', ['--timeout', '0'], 'error: --timeout: must be a number of seconds from 0.1 to 3600 (got "0")'],
    ['--retries -1', ['--retries', '-1'], 'error: --retries: must be an integer from 0 to 10 (got "-1")'],
  ])('create %s', async (_, extra, line) => {
    const r = await runInProcess([...svc, '--tcp-port', '1', '--dry-run', ...extra], fake);
    expect([r.exitCode, r.stdout, r.stderr]).toEqual([2, '', `${line}\n`]);
  });

  it('create --dry-run with a --wrangler-config that does not parse', async () => {
    const path = join(dir(), 'wrangler.jsonc');
    writeFileSync(path, '{"name": ');
    const r = await runInProcess([...svc, '--tcp-port', '1', '--dry-run', '--wrangler-config', path], fake);
    expect([r.exitCode, r.stdout, r.stderr]).toEqual([2, '', `error: --wrangler-config ${path}: not valid JSONC (line 1, column 10: the text ends too early (truncated?)); it was not changed\n`]);
  });

  it('create --dry-run with a --binding the config gives to something else', async () => {
    const path = join(dir(), 'wrangler.jsonc');
    writeFileSync(path, '{ "kv_namespaces": [ { "binding": "TAKEN", "id": "x" } ] }');
    const r = await runInProcess([...svc, '--tcp-port', '1', '--dry-run', '--wrangler-config', path, '--binding', 'TAKEN'], fake);
    expect([r.exitCode, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toBe(`error: --binding: TAKEN is already a binding in ${path} (kv_namespaces); choose another name with --binding (the file was not changed)\n`);
    expect(readFileSync(path, 'utf8')).toBe('{ "kv_namespaces": [ { "binding": "TAKEN", "id": "x" } ] }');
  });

  it('create --dry-run with a good --wrangler-config prints the request and leaves the file alone', async () => {
    const path = join(dir(), 'wrangler.jsonc');
    writeFileSync(path, '{}');
    const r = await runInProcess([...svc, '--tcp-port', '1', '--dry-run', '--wrangler-config', path, '--json'], fake);
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ method: 'POST' });
    expect(readFileSync(path, 'utf8')).toBe('{}');
  });

  it('create -f --dry-run with a bad --timeout and a bad item: both', async () => {
    const r = await runInProcess(['create', '-f', '-', '--dry-run', '--timeout', 'abc'], fake, { input: '{"name":"a","type":"tcp","host":{"ipv4":"10.0.0.1","network":{"tunnel_id":"' + TUNNEL + '"}},"tcp_port":0}' });
    expect([r.exitCode, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toBe(`error: --file: tcp_port: must be an integer from 1 to 65535 (got 0)\n${lines.timeout}\n  nothing was sent\n`);
  });

  it('create -f: the file\'s problems, --binding and --concurrency, in one run', async () => {
    const item = { name: 'a', type: 'tcp', host: { ipv4: '10.0.0.1', network: { tunnel_id: TUNNEL } }, tcp_port: 0 };
    const r = await runInProcess(['create', '-f', '-', '--binding', '1X', '--concurrency', '0'], fake, { input: JSON.stringify(item) });
    expect([r.exitCode, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toBe(`error: --file: tcp_port: must be an integer from 1 to 65535 (got 0)\n${lines.binding}\n${lines.concurrency}\n  nothing was sent\n`);
    const ok = await runInProcess(['create', '-f', '-', '--binding', '1X', '--concurrency', '0'], fake, { input: JSON.stringify({ ...item, tcp_port: 1 }) });
    expect([ok.exitCode, ok.stderr]).toEqual([2, `${lines.binding}\n${lines.concurrency}\n`]);
    const several = await runInProcess(['create', '-f', '-', '--binding', 'B', '--concurrency', '0'], fake, { input: JSON.stringify([{ ...item, tcp_port: 1 }, { ...item, name: 'b', tcp_port: 1 }]) });
    expect([several.exitCode, several.stderr]).toEqual([2, `error: --binding: wires one service; not with a file of several definitions\n${lines.concurrency}\n`]);
    expect(fake.requests).toHaveLength(0);
  });

  it('create -f --dry-run reads the --wrangler-config and refuses a --binding it gives to something else', async () => {
    const path = join(dir(), 'wrangler.jsonc');
    writeFileSync(path, '{ "kv_namespaces": [ { "binding": "TAKEN" } ] }');
    const item = { name: 'a', type: 'tcp', host: { ipv4: '10.0.0.1', network: { tunnel_id: TUNNEL } }, tcp_port: 1 };
    const r = await runInProcess(['create', '-f', '-', '--dry-run', '--wrangler-config', path, '--binding', 'TAKEN'], fake, { input: JSON.stringify(item) });
    expect([r.exitCode, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toBe(`error: --binding: TAKEN is already a binding in ${path} (kv_namespaces); choose another name with --binding (the file was not changed)\n`);
  });
});

describe('the profile and the account from the environment, when the run is refused anyway', () => {
  it('a reserved --profile is said with the rest', async () => {
    const r = await runInProcess(['list', '--profile=__proto__', '--retries', 'x'], fake);
    expect([r.exitCode, r.stderr]).toEqual([2, `${lines.retries}\nerror: --profile: "__proto__" is a reserved name; choose another profile name\n`]);
  });

  it('a reserved --profile next to a bad service flag', async () => {
    const r = await runInProcess([...svc, '--tcp-port', '1', '--ipv4', 'bad', '--profile', 'constructor', '--dry-run'], fake);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('error: --profile: "constructor" is a reserved name; choose another profile name\n');
    expect(r.stderr).toContain('error: --ipv4: given twice');
  });

  it.each<[string, Record<string, string>, string]>([
    ['VPCSVC_PROFILE reserved', { VPCSVC_PROFILE: 'prototype' }, 'error: VPCSVC_PROFILE: "prototype" is a reserved name; choose another profile name'],
    ['CLOUDFLARE_ACCOUNT_ID malformed', { CLOUDFLARE_ACCOUNT_ID: 'nothex' }, 'error: CLOUDFLARE_ACCOUNT_ID: must be 32 hexadecimal characters (got "nothex")'],
  ])('%s is said with a bad --timeout', async (_, env, line) => {
    const r = await runInProcess(['list', '--timeout', 'x'], fake, { env });
    expect([r.exitCode, r.stderr]).toEqual([2, `error: --timeout: must be a number of seconds from 0.1 to 3600 (got "x")\n${line}\n`]);
  });

  it('the flags that override them leave them unread', async () => {
    const r = await runInProcess(['list', '--timeout', 'x', '--profile', 'p', '--account', '023e105f4ecef8ad9ca31a8372d0c353'], fake, { env: { VPCSVC_PROFILE: 'prototype', CLOUDFLARE_ACCOUNT_ID: 'nothex' } });
    expect([r.exitCode, r.stderr]).toEqual([2, 'error: --timeout: must be a number of seconds from 0.1 to 3600 (got "x")\n']);
  });

  it('on their own they are refused where they are read, as before', async () => {
    const r = await runInProcess(['list'], fake, { env: { CLOUDFLARE_ACCOUNT_ID: 'nothex' } });
    expect([r.exitCode, r.stderr]).toEqual([2, 'error: CLOUDFLARE_ACCOUNT_ID: must be 32 hexadecimal characters (got "nothex")\n']);
    const s = await runInProcess(['schema'], fake, { env: { CLOUDFLARE_ACCOUNT_ID: 'nothex' } });
    expect(s.exitCode).toBe(0);
  });
});

describe('create -f: bad flag values, before the file is read', () => {
  it('every flag problem with --binding and --concurrency, the file not read', async () => {
    const r = await runInProcess(['create', '-f', 'nope.json', '--tcp-port', 'abc', '--ipv4', 'x', '--binding', '1X', '--concurrency', '0'], fake, { cwd: dir() });
    expect([r.exitCode, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toBe(
      [
        'error: --ipv4: must be a valid IPv4 address such as 10.0.0.1 (got "x")',
        'error: --tcp-port: must be an integer from 1 to 65535 (got "abc")',
        lines.binding,
        lines.concurrency,
        '',
      ].join('\n'),
    );
  });
});
