import { describe, expect, it, afterEach, beforeEach } from 'vitest';
import { ACCOUNT, TUNNEL, FakeCloudflare, TUNNEL_2, type StoredService, TOKEN, API_KEY, EMAIL } from '../support/fake-api';
import { useFakeApi } from '../support/use-fake';
import { runInProcess } from '../support/in-process';
import { validateServiceBody } from '../support/openapi';
import { tempDir } from '../support/run-cli';
import { readFileSync, writeFileSync, readdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { execaSync } from 'execa';
import { tmpdir } from 'node:os';
import { createArgs, db, manyServices, SERVICES, web } from '../support/sample-services';
import { at, host, useHostileServer } from '../support/use-hostile';

describe('list: the first cases', () => {
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
    const seeded = fake.seed(many(1001));
    const r = await runInProcess(['list', '-q'], fake);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(seeded.map((s) => `${s.service_id}\n`).join(''));
    expect(fake.requests.map((q) => [q.path, q.query.page, q.query.per_page])).toEqual([
      [SERVICES, '1', '1000'],
      [SERVICES, '2', '1000'],
    ]);
  });

  it('a server that ignores paging and sends no result_info is read once', async () => {
    const seeded = fake.seed(many(5));
    fake.listIgnoresPaging = true;
    const r = await runInProcess(['list', '-q'], fake);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(seeded.map((s) => `${s.service_id}\n`).join(''));
    expect(fake.requests).toHaveLength(1);
  });

  it('--limit stops early and --type filters on the server', async () => {
    const seeded = fake.seed(many(5));
    const r = await runInProcess(['list', '--type', 'tcp', '--limit', '2', '-q'], fake);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(seeded.slice(0, 2).map((s) => `${s.service_id}\n`).join(''));
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
    expect(r.stderr).toBe(`error: no service named "nope" in account ${ACCOUNT}\n`);
    expect(r.stdout).toBe('');
  });
});

});

describe("list", () => {
const fake = useFakeApi();

describe('list', () => {
  it('a server that ignores paging and sends no result_info does not loop', async () => {
    fake.listIgnoresPaging = true;
    fake.seed(manyServices(3));
    const r = await runInProcess(['list', '-q'], fake);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(fake.list().map((s) => `${s.service_id}\n`).join(''));
    expect(fake.sent('GET')).toHaveLength(1);
    fake.seed(manyServices(1000).map((d) => ({ ...d, name: `full-${d.name}` })));
    const full = await runInProcess(['list', '-q'], fake);
    expect(full.exitCode).toBe(0);
    expect(full.stdout).toBe(fake.list().map((s) => `${s.service_id}\n`).join(''));
    expect(fake.list()).toHaveLength(1003);
    expect(fake.sent('GET')).toHaveLength(3);
  });

  it('--json prints [] when there are none; the table says so on stderr', async () => {
    const r = await runInProcess(['list', '--json'], fake);
    expect(r.stdout).toBe('[]\n');
    const t = await runInProcess(['ls'], fake);
    expect(t.exitCode).toBe(0);
    expect(t.stdout).toBe('');
    expect(t.stderr).toContain('no services');
  });

  it('--json output is exactly JSON.stringify(result, null, 2)', async () => {
    fake.seed([web, db]);
    const r = await runInProcess(['list', '--json'], fake);
    expect(r.stdout).toBe(`${JSON.stringify(fake.list(), null, 2)}\n`);
  });

  it('--type filters on the server', async () => {
    fake.seed(manyServices(30));
    const r = await runInProcess(['list', '--type', 'tcp', '--ndjson'], fake);
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toStrictEqual(fake.list().filter((s) => s.type === 'tcp'));
    expect(lines).toHaveLength(10);
    expect(fake.sent('GET')[0]!.query.type).toBe('tcp');
  });

  it('--type rejects other values, exit 2, nothing sent', async () => {
    const r = await runInProcess(['list', '--type', 'udp'], fake);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe('error: --type: must be tcp or http (got "udp")\n');
    expect(fake.requests).toHaveLength(0);
  });

  it('--name-contains and --limit; -q prints ids', async () => {
    fake.seed(manyServices(50));
    const r = await runInProcess(['list', '--name-contains', 'SVC-0001', '-q'], fake);
    // Case-insensitive: svc-00010 to svc-00019.
    expect(r.stdout).toBe(fake.list().filter((s) => s.name.startsWith('svc-0001')).map((s) => `${s.service_id}\n`).join(''));
    expect(r.stdout.split('\n')).toHaveLength(11);
    const l = await runInProcess(['list', '--limit', '7', '-q'], fake);
    expect(l.stdout).toBe(fake.list().slice(0, 7).map((s) => `${s.service_id}\n`).join(''));
    const before = fake.requests.length;
    const bad = await runInProcess(['list', '--limit', '0'], fake);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(/^error: --limit: /);
    expect(fake.requests).toHaveLength(before);
  });

  it('the piped table has a header and whole ids', async () => {
    const [a] = fake.seed([web, db]);
    const r = await runInProcess(['list'], fake);
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+ID\s+TYPE\s+HOST\s+TUNNEL\s+PORTS$/);
    expect(r.stdout).toContain(a!.service_id);
    expect(lines[1]).toContain('web.internal');
    expect(lines[2]).toContain('10.0.0.5, fd00::5');
    expect(lines[2]).toContain('5432 (postgresql)');
  });
});
});

describe("list, get and delete: safe terminal output", () => {

const fake = useFakeApi();


describe('safe terminal output', () => {
  const evil = 'evil\u001b[31mRED\u001b[0m\u0007';
  it('escapes control characters from the API in tables and messages', async () => {
    const [s] = fake.seed([{ name: evil, type: 'tcp', host: { hostname: 'x\u001b[2Jy.internal', resolver_network: { tunnel_id: TUNNEL } }, tcp_port: 1 }]);
    for (const args of [['list'], ['get', s!.service_id], ['delete', s!.service_id, '--dry-run']]) {
      const r = await runInProcess(args, fake);
      expect(r.exitCode).toBe(0);
      expect(r.stdout + r.stderr).not.toContain('\u001b');
      expect(r.stdout + r.stderr).not.toContain('\u0007');
    }
    const list = await runInProcess(['list'], fake);
    expect(list.stdout).toContain('evil\\x1b[31mRED\\x1b[0m\\x07');
    const json = await runInProcess(['get', s!.service_id, '--json'], fake);
    expect(JSON.parse(json.stdout).name).toBe(evil);
    const del = await runInProcess(['delete', s!.service_id, '--yes'], fake);
    expect(del.stderr).toContain('deleted evil\\x1b[31mRED');
    expect(del.stderr).not.toContain('\u001b[31m');
  });

});
});

describe('list: retries, on an instant clock', () => {
const fake = useFakeApi();
const LIST = `/accounts/${ACCOUNT}/connectivity/directory/services`;

it('a Retry-After over 60 s fails at once, saying when to try again', async () => {
  fake.faults = [{ method: 'GET', nth: 1, count: 10, action: { status: 429, retryAfter: '300' } }];
  const r = await runInProcess(['list'], fake);
  expect(r.exitCode).toBe(1);
  expect(r.stderr).toBe('error: [10001] injected 429\n  rate limited: try again in 300 s (after 2026-01-01T00:05:00Z)\n');
  expect(r.sleeps).toEqual([]);
  expect(fake.requests).toHaveLength(1);
});

it('--retries 0 tries once; a 4xx is never retried', async () => {
  fake.faults = [{ method: 'GET', nth: 1, count: 100, action: { status: 503 } }];
  const r = await runInProcess(['list', '--retries', '0'], fake);
  expect(r.exitCode).toBe(1);
  expect(r.stderr).toBe('error: [10001] injected 503\n');
  expect(fake.requests).toHaveLength(1);
  fake.faults = [{ method: 'GET', nth: 1, count: 100, action: { status: 400, errors: [{ code: 1001, message: 'bad request' }] } }];
  const four = await runInProcess(['list'], fake);
  expect(four.exitCode).toBe(1);
  expect(four.stderr).toBe('error: [1001] bad request\n');
  expect(four.sleeps).toEqual([]);
  expect(fake.requests.map((q) => q.path)).toEqual([LIST, LIST]);
});
});



describe("output formats", () => {
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
    ['create --json -q', ['create', 'x', '--type', 'tcp', '--ipv4', '10.0.0.1', '--tunnel', ID, '--tcp-port', '1', '--json', '-q'], jsonError('--json and -q/--quiet cannot be combined: choose one')],
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
    const r = await runInProcess(args.map((a) => (a === '<two>' ? file : a)), fake);
    expect({ exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr }).toEqual({ exitCode: 2, stdout: '', stderr });
    expect(fake.requests).toEqual([]);
  });

  it('--ndjson makes errors JSON as well', async () => {
    const r = await runInProcess(['create', 'x', '--type', 'tcp', '--ipv4', '10.0.0.1', '--tunnel', ID, '--tcp-port', '1', '--quiet', '--ndjson'], fake);
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
    const r = await runInProcess(args, fake);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ error: { code: 'usage', message, status: null } });
    expect(fake.requests).toEqual([]);
  });

  it('without --json they stay commander\'s text', async () => {
    const r = await runInProcess(['list', '--bogus'], fake);
    expect({ exitCode: r.exitCode, stderr: r.stderr }).toEqual({ exitCode: 2, stderr: "error: unknown option '--bogus'\n" });
  });

  it('after `--`, --json is an argument, not the flag', async () => {
    const r = await runInProcess(['get', '--bogus', '--', '--json'], fake);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe("error: unknown option '--bogus'\n");
  });
});

describe('tables off a terminal keep whole ids', () => {
  it('the batch create table is the list table: whole ids and tunnel ids, however wide', async () => {
    const r = await runInProcess(['create', '-f', twoFile(), '--concurrency', '1'], fake);
    expect(r.exitCode).toBe(0);
    const listed = await runInProcess(['list'], fake);
    expect(r.stdout).toBe(listed.stdout);
    for (const s of fake.list()) expect(r.stdout).toContain(`${s.name}  ${s.service_id}  tcp   10.0.0.5  ${TUNNEL}  5432`);
  });

  it('get keeps the whole id and tunnel', async () => {
    const [s] = fake.seed([db('a-rather-long-service-name-number-one')]);
    const r = await runInProcess(['get', s!.service_id], fake);
    expect(r.stdout).toContain(`id        ${s!.service_id}\n`);
    expect(r.stdout).toContain(`tunnel    ${TUNNEL}\n`);
  });
});

describe('FORCE_COLOR colours stdout tables as well as stderr', () => {
  it('list and get', async () => {
    const [s] = fake.seed([db('db')]);
    const list = await runInProcess(['list'], fake, { env: { FORCE_COLOR: '1' } });
    expect(list.stdout.split('\n')[0]).toBe('\u001b[1mNAME\u001b[22m  \u001b[1mID\u001b[22m                                    \u001b[1mTYPE\u001b[22m  \u001b[1mHOST\u001b[22m      \u001b[1mTUNNEL\u001b[22m                                \u001b[1mPORTS\u001b[22m');
    const get = await runInProcess(['get', s!.service_id], fake, { env: { FORCE_COLOR: '1' } });
    expect(get.stdout.split('\n')[0]).toBe(`\u001b[1mid\u001b[22m        ${s!.service_id}`);
  });

  it('no colour without it, and none with NO_COLOR', async () => {
    fake.seed([db('db')]);
    expect((await runInProcess(['list'], fake)).stdout).not.toContain('\u001b[');
    expect((await runInProcess(['list'], fake, { env: { FORCE_COLOR: '1', NO_COLOR: '1' } })).stdout).not.toContain('\u001b[');
  });
});
});

describe("servers that misbehave", () => {
/** The built binary against a server that misbehaves on purpose (cli.md section 10, "Hostile servers"). */

const { hostile } = useHostileServer();

describe('rate limits never become a storm', () => {
  for (const retryAfter of ['0', '-5', 'soon']) {
    it(`Retry-After: ${retryAfter} with --retries 0 sends one request`, async () => {
      const s = await hostile({ kind: 'status', status: 429, retryAfter });
      const r = await runInProcess(['list', '--retries', '0'], undefined, at(s));
      expect(r.exitCode).toBe(1);
      expect(s.requests).toHaveLength(1);
      expect(r.sleeps).toEqual([]);
      expect(r.stderr).toBe('error: [971] Please wait and consider throttling your request speed\n');
    });
  }

  it('--retries 2 bounds 429s too: three requests, spaced by backoff', async () => {
    const s = await hostile({ kind: 'status', status: 429, retryAfter: '0' });
    const r = await runInProcess(['list', '--retries', '2'], undefined, at(s));
    expect(r.exitCode).toBe(1);
    expect(s.requests).toHaveLength(3);
    // Retry-After: 0 is no reason to hurry: the ordinary backoff spaces the attempts.
    expect(r.sleeps).toEqual([250, 500]);
    expect(r.stderr).toBe('error: [971] Please wait and consider throttling your request speed (after 3 attempts)\n');
  });
});

describe('Cloudflare errors are never hidden', () => {
  it('a 200 with success: false shows its errors', async () => {
    const s = await hostile({ kind: 'success-false', errors: [{ code: 10001, message: 'something broke' }] });
    const r = await runInProcess(['get', 'x'], undefined, at(s));
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe('error: [10001] something broke\n');
    expect(s.requests).toHaveLength(1);
  });

  it('a server that echoes the credential in its message never gets it printed', async () => {
    const s = await hostile({ kind: 'echo-headers' });
    const token = await runInProcess(['list', '--debug'], undefined, at(s));
    expect(token.exitCode).toBe(4);
    expect(token.stderr).not.toContain(TOKEN);
    expect(token.stderr).toContain('error: [6003] Invalid request headers: Bearer [REDACTED]\n');
    const key = await runInProcess(['list', '--json'], undefined, at(s, { env: { CLOUDFLARE_API_TOKEN: undefined, CLOUDFLARE_API_KEY: API_KEY, CLOUDFLARE_EMAIL: EMAIL } }));
    expect(key.exitCode).toBe(4);
    expect(key.stderr).not.toContain(API_KEY);
    expect(JSON.parse(key.stderr).error.message).toBe(`[6003] Invalid request headers: [REDACTED], ${EMAIL}`);
  });
});

describe('paging stops when the pages stop making sense', () => {
  it('pages that cycle without repeating page 1', async () => {
    const s = await hostile({ kind: 'cycling-pages', cycle: 3 });
    const r = await runInProcess(['list', '-q'], undefined, at(s));
    expect(r.exitCode).toBe(1);
    // Pages 1 to 4 are printed (page 1, then the three of the cycle); page 5 repeats page 2.
    const page = (p: number) => Array.from({ length: 1000 }, (_, i) => `00000000-0000-4000-8000-${String(p).padStart(6, '0')}${String(i).padStart(6, '0')}\n`).join('');
    expect(r.stdout).toBe(page(0) + page(1) + page(2) + page(3));
    expect(r.stderr).toBe('error: the API sent page 5 again as the same services as page 2; stopped listing\n');
    expect(s.requests).toHaveLength(5);
  });

  it('a huge total_pages is refused on page 1', async () => {
    const s = await hostile({ kind: 'huge-total-pages', totalPages: 1e9 });
    const r = await runInProcess(['list', '-q'], undefined, at(s));
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('error: the API says the list has 1000000000 pages, more than the 10000 this tool reads; stopped listing\n');
    expect(s.requests).toHaveLength(1);
  });

  it('per_page 0', async () => {
    const s = await hostile({ kind: 'per-page-zero' });
    const r = await runInProcess(['list', '-q'], undefined, at(s));
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('error: the API says page 1 holds 1000 services with per_page 0; stopped listing\n');
    expect(s.requests).toHaveLength(1);
  });
});

describe('credential hints follow the cause', () => {
  const WRONG = 'the credentials were not accepted: the API token (or the email and global API key) is wrong, malformed or no longer active';
  const READ = 'the credentials lack a permission: this needs "Connectivity Directory Read" on the account';
  it.each([
    [400, 6003, 'Invalid request headers', WRONG],
    [400, 6111, 'Invalid format for Authorization header', WRONG],
    [403, 9103, 'Unknown X-Auth-Key or X-Auth-Email', WRONG],
    [401, 1000, 'Invalid API Token', WRONG],
    [403, 9109, 'Invalid access token', WRONG],
    [401, 10000, 'Authentication error', WRONG],
    [403, 10000, 'Authentication error', READ],
    [403, 9109, 'Unauthorized to access requested resource', READ],
  ])('%i [%i] %s', async (status, code, message, hint) => {
    const s = await hostile({ kind: 'status', status, errors: [{ code, message }] });
    const r = await runInProcess(['list'], undefined, at(s));
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toBe(`error: [${code}] ${message}\n  ${hint}\n`);
    expect(s.requests).toHaveLength(1);
  });
});
});
