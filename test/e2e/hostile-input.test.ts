import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { ACCOUNT, ACCOUNT_2, TOKEN, TUNNEL } from '../support/fake-api';
import { KEY, PtySession } from '../support/pty';
import { equivalentCommand } from '../../src/prompts/wizard';
import { BIN, cliEnv, runCli, tempDir } from '../support/run-cli';
import { useFakeApi } from '../support/use-fake';
import { writeWranglerConfig } from '../support/wrangler-config';
import { createArgs } from '../support/sample-services';

const fake = useFakeApi();
const net = { network: { tunnel_id: TUNNEL } };
const tcp = (name: string, extra: Record<string, unknown> = {}) => ({ name, type: 'tcp', host: { ipv4: '10.0.0.1', ...net }, tcp_port: 5432, ...extra });

describe('--wrangler-config: bounded, real, writable, and never a silent replacement', () => {
  const OTHER = '11111111-2222-4333-8444-555555555555';
  const config = writeWranglerConfig;

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
