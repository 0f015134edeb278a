import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { ACCOUNT, ACCOUNT_2, TOKEN, TUNNEL } from '../support/fake-api';
import { KEY, PtySession } from '../support/pty';
import { equivalentCommand } from '../../src/prompts/wizard';
import { BIN, cliEnv, runCli, tempDir } from '../support/run-cli';
import { useFakeApi } from '../support/use-fake';

const fake = useFakeApi();
const net = { network: { tunnel_id: TUNNEL } };
const tcp = (name: string, extra: Record<string, unknown> = {}) => ({ name, type: 'tcp', host: { ipv4: '10.0.0.1', ...net }, tcp_port: 5432, ...extra });

describe('one reader for every -f path: prototype keys', () => {
  // JSON.stringify drops a literal __proto__ key, so the hostile files are written as text.
  const nestedProto = (name: string) =>
    JSON.stringify(tcp(name)).replace(/}$/, ',"tls_settings":{"__proto__":{"cert_verification_mode":"disabled"}}}');
  const topProto = (name: string) => JSON.stringify(tcp(name)).replace(/^{/, '{"__proto__":{"tls_settings":{"cert_verification_mode":"disabled"}},');

  it.each([
    ['nested', nestedProto, 'tls_settings.__proto__'],
    ['top level', topProto, '__proto__'],
  ])('update -f with a %s __proto__ is exit 2 naming the path; no PUT, not even the GET', async (_what, file, path) => {
    const [s] = fake.seed([tcp('db')]);
    const r = await runCli(['update', s!.service_id, '-f', '-'], fake, { input: file('db') });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(`error: --file - (stdin): ${path}: this key is not allowed (it could change how the definition is read)\n  nothing was sent\n`);
    expect(fake.requests).toEqual([]);
    expect(fake.list()[0]).not.toHaveProperty('tls_settings');
  });

  it.each([
    ['create', ['create', '-f', '-']],
    ['apply', ['apply', '-f', '-', '--yes']],
    ['update', ['update', 'db', '-f', '-']],
  ])('%s -f refuses constructor and prototype keys at any level', async (_cmd, args) => {
    const text = JSON.stringify(tcp('db', { host: { ipv4: '10.0.0.1', network: { tunnel_id: TUNNEL, constructor: { prototype: 1 } } } }));
    const r = await runCli(args, fake, { input: text });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(
      'error: --file - (stdin): host.network.constructor: this key is not allowed (it could change how the definition is read)\n' +
        'error: --file - (stdin): host.network.constructor.prototype: this key is not allowed (it could change how the definition is read)\n' +
        '  nothing was sent\n',
    );
    expect(fake.requests).toEqual([]);
  });
});

describe('prototype keys from the API', () => {
  it('a service whose tls_settings hold a __proto__ never turns verification off in an update', async () => {
    const [s] = fake.seed([JSON.parse(JSON.stringify(tcp('db')).replace(/}$/, ',"tls_settings":{"__proto__":{"cert_verification_mode":"disabled"}}}'))]);
    const r = await runCli(['update', s!.service_id, '--tcp-port', '6543', '-q'], fake);
    // The key is dropped on reading, so tls_settings is an empty object, which the schema refuses.
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe('error: --cert-verification-mode: required in tls_settings: verify_full, verify_ca or disabled\n');
    expect(fake.sent('PUT')).toEqual([]);
  });
});

describe('deep nesting', () => {
  it.each([
    ['create', ['create', '-f']],
    ['apply', ['apply', '--dry-run', '-f']],
    ['update', ['update', 'db', '-f']],
  ])('%s -f of 100k levels of [ is exit 2 with the position, not a stack overflow', async (_cmd, args) => {
    const path = join(tempDir(), 'deep.json');
    writeFileSync(path, '['.repeat(100_000));
    const r = await runCli([...args, path], fake);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(`error: --file ${path}: nesting deeper than 64 levels at line 1, column 65\n`);
    expect(fake.requests).toEqual([]);
  });
});

describe('numbers as written', () => {
  it('tcp_port 1e400 is reported as 1e400, not null', async () => {
    const r = await runCli(['create', '-f', '-', '--dry-run'], fake, { input: JSON.stringify(tcp('db')).replace('5432', '1e400') });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe('error: --file - (stdin): tcp_port: the number 1e400 is too large to use (got 1e400)\n  nothing was sent\n');
  });

  it.each([
    ['5432.0', 5432],
    ['1e2', 100],
    ['54.32e2', 5432],
  ])('tcp_port %s is the integer %d and is sent as such', async (text, n) => {
    const r = await runCli(['create', '-f', '-', '-q'], fake, { input: JSON.stringify(tcp('db')).replace('5432', text) });
    expect(r.exitCode).toBe(0);
    expect(fake.sent('POST')[0]!.rawBody).toContain(`"tcp_port":${n}`);
  });

  it.each([
    ['-0', '-0'],
    ['5432.5', '5432.5'],
    ['1e-400', '0'],
  ])('tcp_port %s is refused showing %s', async (text, shown) => {
    const r = await runCli(['create', '-f', '-', '--dry-run'], fake, { input: JSON.stringify(tcp('db')).replace('5432', text) });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(`error: --file: tcp_port: must be an integer from 1 to 65535 (got ${shown})\n  nothing was sent\n`);
  });
});

describe('--wrangler-config: bounded, real, writable, and never a silent replacement', () => {
  const createArgs = (name: string) => ['create', name, '--type', 'tcp', '--ipv4', '10.0.0.1', '--tunnel', TUNNEL, '--tcp-port', '5432'];
  const OTHER = '11111111-2222-4333-8444-555555555555';
  const config = (text: string, file = 'wrangler.jsonc') => {
    const path = join(tempDir(), file);
    writeFileSync(path, text);
    return path;
  };

  it('over 10 MiB is refused before reading, like --file', async () => {
    const path = config(`{"name":"w","pad":"${'x'.repeat(11 * 1024 * 1024)}"}`, 'wrangler.json');
    const r = await runCli([...createArgs('db'), '--wrangler-config', path], fake);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(`error: --wrangler-config ${path}: is 11.0 MiB, over the 10 MiB limit; refused\n`);
    expect(fake.requests).toEqual([]);
  });

  it('deep nesting is exit 2 with the position, comments and strings skipped', async () => {
    const path = config(`// [[[[\n{"a": "{{{{", ${'['.repeat(100_000)}`);
    const r = await runCli([...createArgs('db'), '--wrangler-config', path], fake);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(`error: --wrangler-config ${path}: nesting deeper than 64 levels at line 2, column 78\n`);
    expect(fake.requests).toEqual([]);
  });

  it('a symbolic link is refused (links are never followed), and so is a folder', async () => {
    const target = config('{"name":"w"}\n');
    const link = join(tempDir(), 'wrangler.jsonc');
    symlinkSync(target, link);
    const r = await runCli([...createArgs('db'), '--wrangler-config', link], fake);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(`error: --wrangler-config ${link}: is a symbolic link; give the file itself (links are not followed)\n`);
    const dir = join(tempDir(), 'wrangler.json');
    mkdirSync(dir);
    const d = await runCli([...createArgs('db'), '--wrangler-config', dir], fake);
    expect(d.exitCode).toBe(2);
    expect(d.stderr).toBe(`error: --wrangler-config ${dir}: is not a regular file\n`);
    expect(fake.requests).toEqual([]);
    expect(readFileSync(target, 'utf8')).toBe('{"name":"w"}\n');
  });

  // Root may write anywhere, so the unwritable cases run the tool as nobody when the tests run as root.
  const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  it.each([
    ['a read-only file', (path: string) => chmodSync(path, 0o444), 'file'],
    ['a file in a read-only folder', (path: string) => chmodSync(dirname(path), 0o555), 'folder'],
  ])('%s is found out before the service is created', async (_what, lock, which) => {
    const path = config('{"name":"w"}\n');
    chmodSync(dirname(path), 0o777);
    chmodSync(path, 0o666);
    lock(path);
    const env = cliEnv(fake);
    chmodSync(env.HOME!, 0o777);
    const r = await execa(process.execPath, [BIN, ...createArgs('db'), '--wrangler-config', path], { env, extendEnv: false, reject: false, input: "", stripFinalNewline: false, ...asUser });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(
      `error: --wrangler-config ${path}: cannot be written (${which === 'file' ? 'the file' : 'its folder'} is read-only: EACCES); nothing was created\n`,
    );
    expect(fake.requests).toEqual([]);
  });

  it('a binding name bound to another service is exit 2 naming --binding; nothing created, file unchanged', async () => {
    const original = `{
  // mine
  "vpc_services": [{ "binding": "ORDERS_DB", "service_id": "${OTHER}", "remote": true }],
  "kv_namespaces": [{ "binding": "CACHE", "id": "abc" }],
}
`;
    const path = config(original);
    const r = await runCli([...createArgs('orders-db'), '--wrangler-config', path], fake);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(`error: --binding: ORDERS_DB is already bound to service ${OTHER} in ${path}; choose another name with --binding (the file was not changed)\n`);
    const kv = await runCli([...createArgs('orders-db'), '--binding', 'CACHE', '--wrangler-config', path], fake);
    expect(kv.exitCode).toBe(2);
    expect(kv.stderr).toBe(`error: --binding: CACHE is already a binding in ${path} (kv_namespaces); choose another name with --binding (the file was not changed)\n`);
    expect(fake.requests).toEqual([]);
    expect(readFileSync(path, 'utf8')).toBe(original);

    const ok = await runCli([...createArgs('orders-db'), '--binding', 'ORDERS_DB_2', '--wrangler-config', path, '-q'], fake);
    expect(ok.exitCode).toBe(0);
    const edited = readFileSync(path, 'utf8');
    expect(edited).toContain(`"binding": "ORDERS_DB", "service_id": "${OTHER}"`);
    expect(edited).toContain(`"binding": "ORDERS_DB_2"`);
    expect(readdirSync(dirname(path))).toEqual(['wrangler.jsonc']);
  });

  it.each([['数据库'], ['база']])('a name with no usable binding (%s) needs --binding without a terminal; nothing created', async (name) => {
    const path = config('{"name":"w"}\n');
    const r = await runCli([...createArgs(name), '--wrangler-config', path], fake);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(`error: --binding: the name ${JSON.stringify(name)} gives no binding name (only A-Z, 0-9 and _ can be used); give one with --binding\n`);
    expect(fake.requests).toEqual([]);
    expect(readFileSync(path, 'utf8')).toBe('{"name":"w"}\n');
  });

  it('on a terminal, a name with no usable binding asks for one, checked as typed', async () => {
    const path = config('{"name":"w"}\n');
    const session = new PtySession([...createArgs('数据库'), '--wrangler-config', path], { HOME: tempDir(), CLOUDFLARE_API_BASE_URL: fake.url, CLOUDFLARE_API_TOKEN: TOKEN, CLOUDFLARE_ACCOUNT_ID: ACCOUNT });
    try {
      await session.answer('Binding name for the Worker (--binding):', `9x${KEY.enter}`);
      await session.waitFor('must be a JavaScript identifier');
      await session.type(`${KEY.backspace}${KEY.backspace}SHUJUKU${KEY.enter}`);
      expect(await session.exit()).toBe(0);
    } finally {
      session.kill();
    }
    expect(fake.sent('POST')).toHaveLength(1);
    expect(readFileSync(path, 'utf8')).toContain('"binding": "SHUJUKU"');
  });

  it('create -f of one definition wires it too, with the same collision check; several are refused', async () => {
    const original = `{"vpc_services":[{"binding":"ORDERS_DB","service_id":"${OTHER}","remote":true}]}\n`;
    const path = config(original);
    const clash = await runCli(['create', '-f', '-', '--wrangler-config', path], fake, { input: JSON.stringify(tcp('orders-db')) });
    expect(clash.exitCode).toBe(2);
    expect(clash.stderr).toBe(`error: --binding: ORDERS_DB is already bound to service ${OTHER} in ${path}; choose another name with --binding (the file was not changed)\n`);
    const several = await runCli(['create', '-f', '-', '--wrangler-config', path], fake, { input: JSON.stringify([tcp('a'), tcp('b')]) });
    expect(several.exitCode).toBe(2);
    expect(several.stderr).toBe('error: --wrangler-config: wires one service; not with a file of several definitions\n');
    expect(fake.requests).toEqual([]);
    expect(readFileSync(path, 'utf8')).toBe(original);

    const ok = await runCli(['create', '-f', '-', '--binding', 'ORDERS', '--wrangler-config', path, '-q'], fake, { input: JSON.stringify(tcp('orders-db')) });
    expect(ok.exitCode, ok.stderr).toBe(0);
    expect(readFileSync(path, 'utf8')).toContain(`"binding": "ORDERS",\n      "service_id": "${fake.list()[0]!.service_id}"`);
  });

  it('the edit keeps the file mode and leaves no temporary file', async () => {
    const path = config('{"name":"w"}\n');
    chmodSync(path, 0o640);
    const r = await runCli([...createArgs('orders-db'), '--wrangler-config', path, '-q'], fake);
    expect(r.exitCode).toBe(0);
    expect(statSync(path).mode & 0o777).toBe(0o640);
    expect(readdirSync(dirname(path))).toEqual(['wrangler.jsonc']);
    expect(readFileSync(path, 'utf8')).toContain('"binding": "ORDERS_DB"');
  });
});

describe('API text never drives the terminal', () => {
  const evil = 'x\u001b]0;pwned\u0007\u001b]8;;https://evil.test\u001b\\link\u001b]8;;\u001b\\\r\u001b[2J\u202e\u200by';
  const shown = 'x\\x1b]0;pwned\\x07\\x1b]8;;https://evil.test\\x1b\\link\\x1b]8;;\\x1b\\\\r\\x1b[2J\\u202e\\u200by';
  const rawBits = ['\u001b]0;pwned', '\u001b]8;;', '\u001b[2J', '\u202e', '\u200b', '\r\u001b'];

  it('in the account picker and the wizard\'s tunnel list', async () => {
    fake.accounts.push({ id: ACCOUNT_2, name: evil });
    fake.tokens[TOKEN]!.accounts.push(ACCOUNT_2);
    fake.tunnels.set(ACCOUNT_2, [{ id: TUNNEL, name: evil, status: 'healthy' }]);
    const session = new PtySession(['create', 'db', '--type', 'tcp', '--ipv4', '10.0.0.1', '--tcp-port', '5432', '--app-protocol', 'mysql', '--cert-verification-mode', 'verify_full', '--dry-run'], {
      HOME: tempDir(),
      CLOUDFLARE_API_BASE_URL: fake.url,
      CLOUDFLARE_API_TOKEN: TOKEN,
    });
    try {
      await session.answer('Which account?', `${KEY.down}${KEY.enter}`);
      await session.answer('Tunnel:', KEY.enter);
      await session.answer('Show the request?', KEY.enter);
      expect(await session.exit()).toBe(0);
      for (const bit of rawBits) expect(session.text).not.toContain(bit);
      expect(session.text).toContain(`${shown}  ${ACCOUNT_2}`.slice(0, 40));
      expect(session.text).toContain(`x\\x1b]0;pwned\\x07\\x1b]8…  ${TUNNEL}  healthy`);
    } finally {
      session.kill();
    }
  });

  it.each([
    ['list --json', ['list', '--json']],
    ['list --ndjson', ['list', '--ndjson']],
    ['list (table)', ['list']],
    ['get', ['get', 'ID']],
    ['get --json', ['get', 'ID', '--json']],
    ['export', ['export']],
    ['export --ndjson', ['export', '--ndjson']],
    ['update --dry-run', ['update', 'ID', '--tcp-port', '1', '--dry-run']],
    ['update --dry-run --json', ['update', 'ID', '--tcp-port', '1', '--dry-run', '--json']],
    ['apply --dry-run (plan)', ['apply', '-f', '-', '--dry-run', '--prune']],
    ['apply --dry-run --ndjson', ['apply', '-f', '-', '--dry-run', '--prune', '--ndjson']],
    ['delete --dry-run', ['delete', 'ID', '--dry-run']],
  ])('%s: stdout and stderr carry no raw control, bidi or zero-width character', async (_what, args) => {
    const name = `db\u009b31m\u202e\u2066\u200b\u200d\u2060\ufeff\u061c\u200f\u001b[31m`;
    const [s] = fake.seed([tcp(name, { host: { hostname: `h.internal`, resolver_network: { tunnel_id: TUNNEL } } })]);
    const r = await runCli(args.map((a) => (a === 'ID' ? s!.service_id : a)), fake, { input: JSON.stringify([tcp('other'), tcp(name, { tcp_port: 1 })]) });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout + r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/);
    if (args.includes('--json')) expect(JSON.stringify(JSON.parse(r.stdout))).toContain(JSON.stringify(name).slice(1, -1));
    if (args.includes('--ndjson') && args[0] !== 'apply') expect(JSON.parse(r.stdout.split('\n')[0]!).name).toBe(name);
  });
});

describe("the wizard's equivalent command", () => {
  it.each(['-rf', '--help', 'tab\there', 'line\nbreak', `q"u'o"te`, '$HOME `id` $(id)', 'back\\slash', 'ünï 数据库', 'esc\u001b[31m', 'bidi\u202egnp', 'zw\u200bx'])(
    'run as printed, it sends the same name (%j)',
    async (name) => {
      const cmd = equivalentCommand({ name, type: 'tcp', host: { ipv4: '10.0.0.1', network: { tunnel_id: TUNNEL } }, tcp_port: 5432 });
      const script = `vpcsvc() { "${process.execPath}" "${BIN}" "$@"; }\n${cmd} --dry-run --json`;
      const r = await execa('sh', ['-c', script], { env: cliEnv(fake), extendEnv: false, reject: false, stripFinalNewline: false });
      expect(r.exitCode, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout).body.name).toBe(name);
      expect(fake.requests).toEqual([]);
    },
  );
});
