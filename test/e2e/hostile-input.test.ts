import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TUNNEL } from '../support/fake-api';
import { runCli, tempDir } from '../support/run-cli';
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
