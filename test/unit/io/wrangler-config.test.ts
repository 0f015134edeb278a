import { execFileSync } from 'node:child_process';
import { chmodSync, closeSync, constants, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors';
import { addBindingToWranglerConfig, checkWranglerConfig, CONFIG_FILE_IO, editText, type ConfigFileIo } from '../../../src/io/wrangler-config';

const ID = '550e8400-e29b-41d4-a716-446655440000';
const entry = { binding: 'ORDERS_DB', service_id: ID, remote: true as const };
const dir = () => mkdtempSync(join(tmpdir(), 'wrangler-config-'));
/** A config file with `text` alone in a fresh folder. */
const config = (text: string, name = 'wrangler.jsonc') => {
  const path = join(dir(), name);
  writeFileSync(path, text);
  return path;
};
const usage = (message: string) => new UsageError(message);
const errno = (code: string) => Object.assign(new Error(`${code}: simulated`), { code });
/** The entry as jsonc-parser's formatter writes it at list depth 1 with two-space indents. */
const ENTRY_2 = `{\n      "binding": "ORDERS_DB",\n      "service_id": "${ID}",\n      "remote": true\n    }`;

describe('which files are edited', () => {
  it('a TOML file is never edited (not even opened here): the caller prints a snippet instead; it is checked first (wrangler-config-toml.test.ts)', async () => {
    const path = join(dir(), 'missing', 'wrangler.toml');
    expect(await addBindingToWranglerConfig(path, entry)).toEqual({ kind: 'toml', path });
    expect(await addBindingToWranglerConfig(path.replace('toml', 'TOML'), entry)).toEqual({ kind: 'toml', path: path.replace('toml', 'TOML') });
    const real = join(dir(), 'W.Toml');
    writeFileSync(real, 'name = "w"\n');
    await expect(checkWranglerConfig(real, 'ORDERS_DB')).resolves.toBeUndefined();
  });

  it.each(['wrangler.yaml', 'wrangler.json.bak', 'wranglerjson', 'wrangler.toml.json5', 'wrangler.jsonl'])('%s is refused by name', async (name) => {
    const path = config('{}', name);
    const message = `--wrangler-config: must be a wrangler.jsonc, wrangler.json or wrangler.toml file (got ${JSON.stringify(path)})`;
    await expect(addBindingToWranglerConfig(path, entry)).rejects.toThrow(usage(message));
    await expect(checkWranglerConfig(path)).rejects.toThrow(usage(message));
  });

  it.each(['wrangler.json', 'wrangler.jsonc', 'W.JSON', 'w.JsonC'])('%s is edited', async (name) => {
    const path = config('{}', name);
    await expect(checkWranglerConfig(path, 'ORDERS_DB')).resolves.toBeUndefined();
    expect(await addBindingToWranglerConfig(path, entry)).toEqual({ kind: 'added', path });
  });
});

describe('reading the file safely', () => {
  it('a file that is not there cannot be read', async () => {
    const path = join(dir(), 'wrangler.jsonc');
    await expect(checkWranglerConfig(path)).rejects.toThrow(usage(`--wrangler-config ${path}: cannot be read: there is no such file (ENOENT)`));
  });

  it('a symbolic link is refused, and its target left alone', async () => {
    const target = config('{}');
    const link = join(dir(), 'wrangler.jsonc');
    symlinkSync(target, link);
    const message = `--wrangler-config ${link}: is a symbolic link; give the file itself (links are not followed)`;
    await expect(addBindingToWranglerConfig(link, entry)).rejects.toThrow(usage(message));
    await expect(checkWranglerConfig(link)).rejects.toThrow(usage(message));
    expect(readFileSync(target, 'utf8')).toBe('{}');
  });

  it('a folder or a FIFO is not a regular file (the FIFO is never opened, so nothing waits for a writer)', async () => {
    const folder = join(dir(), 'wrangler.json');
    mkdirSync(folder);
    await expect(checkWranglerConfig(folder)).rejects.toThrow(usage(`--wrangler-config ${folder}: is not a regular file`));
    const fifo = join(dir(), 'wrangler.jsonc');
    execFileSync('mkfifo', [fifo]);
    await expect(addBindingToWranglerConfig(fifo, entry)).rejects.toThrow(usage(`--wrangler-config ${fifo}: is not a regular file`));
  });

  // What lstat saw may not be what open finds: the checks on the open descriptor catch a swap.
  const claimingAFile = (): ConfigFileIo => ({
    ...CONFIG_FILE_IO,
    lstat: (async () => ({ isSymbolicLink: () => false, isFile: () => true })) as unknown as ConfigFileIo['lstat'],
  });

  it('a link swapped in after the check is refused by the open itself', async () => {
    const target = config('{}');
    const link = join(dir(), 'wrangler.jsonc');
    symlinkSync(target, link);
    await expect(checkWranglerConfig(link, undefined, claimingAFile())).rejects.toThrow(usage(`--wrangler-config ${link}: is a symbolic link; give the file itself (links are not followed)`));
  });

  it('a folder swapped in after the check is refused once open', async () => {
    const folder = join(dir(), 'wrangler.json');
    mkdirSync(folder);
    await expect(addBindingToWranglerConfig(folder, entry, claimingAFile())).rejects.toThrow(usage(`--wrangler-config ${folder}: is not a regular file`));
  });

  it('a file removed after the check cannot be read', async () => {
    const path = join(dir(), 'wrangler.json');
    await expect(checkWranglerConfig(path, undefined, claimingAFile())).rejects.toThrow(usage(`--wrangler-config ${path}: cannot be read: there is no such file (ENOENT)`));
  });

  it('an error without a code is named by its message', async () => {
    const path = config('{}');
    const io = { ...CONFIG_FILE_IO, lstat: (() => Promise.reject(new Error('disk on fire'))) as unknown as ConfigFileIo['lstat'] };
    await expect(checkWranglerConfig(path, undefined, io)).rejects.toThrow(usage(`--wrangler-config ${path}: cannot be read (disk on fire)`));
  });

  it('the size limit is checked on the open file before reading: exactly the limit is read, one byte more is refused', async () => {
    const io = { ...CONFIG_FILE_IO, limit: 2048 };
    const body = '{"name":"w"}';
    const edge = config(body + ' '.repeat(2048 - body.length));
    await expect(checkWranglerConfig(edge, 'ORDERS_DB', io)).resolves.toBeUndefined();
    expect(await addBindingToWranglerConfig(edge, entry, io)).toEqual({ kind: 'added', path: edge });
    const over = config(body + ' '.repeat(2049 - body.length));
    await expect(checkWranglerConfig(over, undefined, io)).rejects.toThrow(usage(`--wrangler-config ${over}: is 3 KiB, over the 2 KiB limit; refused`));
    // The real limit, on a sparse file: its size alone refuses it.
    const sparse = join(dir(), 'wrangler.json');
    closeSync(openSync(sparse, 'w'));
    truncateSync(sparse, 10 * 1024 * 1024 + 1);
    await expect(addBindingToWranglerConfig(sparse, entry)).rejects.toThrow(usage(`--wrangler-config ${sparse}: is 10.0 MiB, over the 10 MiB limit; refused`));
  });

  it('the file is read in as many pieces as the system gives, and no more than fstat said', async () => {
    const text = '{"name":"w"}';
    const path = config(text);
    const asked: number[] = [];
    const piecewise = (most: number, stopAt = Infinity): ConfigFileIo => ({
      ...CONFIG_FILE_IO,
      open: (async (p: string, flags: number) => {
        const fh = await open(p, flags);
        const read = fh.read.bind(fh) as (b: Buffer, o: number, l: number, at: number) => Promise<{ bytesRead: number }>;
        return Object.assign(fh, {
          read: async (b: Buffer, o: number, l: number, at: number) => {
            asked.push(l);
            // A file that shrinks after the fstat: the read finds nothing more.
            if (at >= stopAt) return { bytesRead: 0, buffer: b };
            return read(b, o, Math.min(l, most), at);
          },
        });
      }) as unknown as ConfigFileIo['open'],
    });
    await expect(checkWranglerConfig(path, 'ORDERS_DB', piecewise(5))).resolves.toBeUndefined();
    expect(asked).toEqual([12, 7, 2]);
    asked.length = 0;
    await expect(checkWranglerConfig(path, undefined, piecewise(5, 5))).rejects.toThrow(usage(`--wrangler-config ${path}: not valid JSONC (line 1, column 2: a string that is never closed); it was not changed`));
    expect(asked).toEqual([12, 7]);
  });

  it('the file is closed after reading, whatever happens', async () => {
    const fds = () => readdirSync('/proc/self/fd').length;
    const path = config('{"name":"w"}');
    const before = fds();
    await checkWranglerConfig(path);
    expect(fds()).toBe(before);
    await expect(checkWranglerConfig(path, undefined, { ...CONFIG_FILE_IO, limit: 1 })).rejects.toThrow('over the 1 KiB limit');
    expect(fds()).toBe(before);
  });

  it('a config the file system will not let us write is refused before anything is created, naming what is read-only', async () => {
    const path = config('{}');
    const calls: unknown[][] = [];
    const denying = (what: string, code: string): ConfigFileIo => ({
      ...CONFIG_FILE_IO,
      access: (async (p: string, mode: number) => {
        calls.push([p, mode]);
        if (p === what) throw errno(code);
      }) as ConfigFileIo['access'],
    });
    await expect(checkWranglerConfig(path, undefined, denying(path, 'EACCES'))).rejects.toThrow(usage(`--wrangler-config ${path}: cannot be written (the file is read-only: EACCES); nothing was created`));
    expect(calls).toEqual([[path, constants.W_OK]]);
    calls.length = 0;
    await expect(addBindingToWranglerConfig(path, entry, denying(dirname(path), 'EROFS'))).rejects.toThrow(usage(`--wrangler-config ${path}: cannot be written (its folder is read-only: EROFS); nothing was created`));
    expect(calls).toEqual([[path, constants.W_OK], [dirname(path), constants.W_OK]]);
    expect(readFileSync(path, 'utf8')).toBe('{}');
  });

  it('deep nesting is refused with its line and column, comments skipped, a byte order mark not counted', async () => {
    const deep = config(`{\n  // [[[[\n  "a": ${'['.repeat(70)}`);
    await expect(checkWranglerConfig(deep)).rejects.toThrow(usage(`--wrangler-config ${deep}: nesting deeper than 64 levels at line 3, column 71`));
    const bom = config(`\ufeff${'['.repeat(65)}`);
    await expect(addBindingToWranglerConfig(bom, entry)).rejects.toThrow(usage(`--wrangler-config ${bom}: nesting deeper than 64 levels at line 1, column 65`));
    const commented = config(`{ /* ${'['.repeat(100)} */ "name": "w" }`);
    await expect(checkWranglerConfig(commented, 'ORDERS_DB')).resolves.toBeUndefined();
  });
});

describe('writing it back', () => {
  it('the whole file is read and the entry added, the rest kept as written; no temporary file is left', async () => {
    const text = `{\n  // the worker\n  "name": "w",\n  "pad": "${'x'.repeat(100_000)}",\n}\n`;
    const path = config(text);
    expect(await addBindingToWranglerConfig(path, entry)).toEqual({ kind: 'added', path });
    expect(readFileSync(path, 'utf8')).toBe(`{\n  // the worker\n  "name": "w",\n  "pad": "${'x'.repeat(100_000)}",\n  "vpc_services": [\n    ${ENTRY_2}\n  ],\n}\n`);
    expect(readdirSync(dirname(path))).toEqual(['wrangler.jsonc']);
  });

  it.each([0o600, 0o640, 0o755, 0o666, 0o664])('the file keeps its mode %o, whatever the umask', async (mode) => {
    const path = config('{}');
    chmodSync(path, mode);
    await addBindingToWranglerConfig(path, entry);
    expect(statSync(path).mode & 0o7777).toBe(mode);
  });

  it('the same entry a second time leaves the file alone', async () => {
    const path = config('{\n  "name": "w"\n}\n');
    await addBindingToWranglerConfig(path, entry);
    const before = statSync(path);
    const written = readFileSync(path, 'utf8');
    expect(await addBindingToWranglerConfig(path, entry)).toEqual({ kind: 'unchanged', path });
    expect(statSync(path).ino).toBe(before.ino);
    expect(readFileSync(path, 'utf8')).toBe(written);
  });

  it('a failed rename removes the temporary file and leaves the config as it was', async () => {
    const path = config('{}');
    const io = { ...CONFIG_FILE_IO, rename: (() => Promise.reject(errno('EXDEV'))) as ConfigFileIo['rename'] };
    await expect(addBindingToWranglerConfig(path, entry, io)).rejects.toThrow('EXDEV: simulated');
    expect(readdirSync(dirname(path))).toEqual(['wrangler.jsonc']);
    expect(readFileSync(path, 'utf8')).toBe('{}');
  });

  it('the temporary file is created beside the config, new, with the config\'s mode', async () => {
    const path = config('{}');
    chmodSync(path, 0o604);
    const seen: { from: string; mode: number; text: string }[] = [];
    const io = {
      ...CONFIG_FILE_IO,
      rename: (async (from: string, to: string) => {
        seen.push({ from, mode: statSync(from).mode & 0o7777, text: readFileSync(from, 'utf8') });
        await rename(from, to);
      }) as ConfigFileIo['rename'],
    };
    await addBindingToWranglerConfig(path, entry, io);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.from).toMatch(new RegExp(`^${dirname(path)}/\\.wrangler\\.jsonc\\.[0-9a-f]{12}\\.tmp$`));
    expect(seen[0]!.mode).toBe(0o604);
    expect(seen[0]!.text).toBe(readFileSync(path, 'utf8'));
  });

  it('checking a config never writes it', async () => {
    const path = config('{"name":"w"}');
    const before = statSync(path);
    await checkWranglerConfig(path, 'ORDERS_DB');
    expect(statSync(path).mtimeMs).toBe(before.mtimeMs);
    expect(readdirSync(dirname(path))).toEqual(['wrangler.jsonc']);
    expect(readFileSync(path, 'utf8')).toBe('{"name":"w"}');
  });
});

describe('the edit', () => {
  it.each([
    ['two spaces', '{\n  "name": "w"\n}\n', `{\n  "name": "w",\n  "vpc_services": [\n    ${ENTRY_2}\n  ]\n}\n`],
    [
      'four spaces',
      '{\n    "name": "w"\n}\n',
      `{\n    "name": "w",\n    "vpc_services": [\n        {\n            "binding": "ORDERS_DB",\n            "service_id": "${ID}",\n            "remote": true\n        }\n    ]\n}\n`,
    ],
    [
      'tabs and CRLF',
      '{\r\n\t"name": "w"\r\n}\r\n',
      `{\r\n\t"name": "w",\r\n\t"vpc_services": [\r\n\t\t{\r\n\t\t\t"binding": "ORDERS_DB",\r\n\t\t\t"service_id": "${ID}",\r\n\t\t\t"remote": true\r\n\t\t}\r\n\t]\r\n}\r\n`,
    ],
    ['one line (two spaces by default)', '{"name":"w"}', `{"name":"w",\n  "vpc_services": [\n    ${ENTRY_2}\n  ]}`],
    ['an empty object', '{}', `{"vpc_services": [\n    ${ENTRY_2}\n  ]}`],
    ['a byte order mark, kept', '\ufeff{"name":"w"}', `\ufeff{"name":"w",\n  "vpc_services": [\n    ${ENTRY_2}\n  ]}`],
  ])('a new list, %s', (_, text, out) => {
    expect(editText(text, entry)).toEqual({ text: out, kind: 'added' });
  });

  it.each([
    ['an empty list', '{\n  "vpc_services": []\n}', `{\n  "vpc_services": [${ENTRY_2}]\n}`],
    [
      'after other services',
      '{\n  "vpc_services": [\n    { "binding": "A", "service_id": "X" }\n  ]\n}\n',
      `{\n  "vpc_services": [\n    { "binding": "A", "service_id": "X" },\n    ${ENTRY_2}\n  ]\n}\n`,
    ],
    ['after entries that are not objects', '{"vpc_services":[null, 1]}', `{"vpc_services":[null, 1,\n    ${ENTRY_2}]}`],
  ])('added to %s', (_, text, out) => {
    expect(editText(text, entry)).toEqual({ text: out, kind: 'added' });
  });

  it.each([
    ['this service under another name', `{"vpc_services":[{"binding":"OLD","service_id":"${ID}","remote":true}]}`, `{"vpc_services":[{"binding":"ORDERS_DB","service_id":"${ID}","remote":true}]}`],
    [
      'this name for this service, without remote',
      `{"vpc_services":[{"binding":"ORDERS_DB","service_id":"${ID}"}]}`,
      `{"vpc_services":[{"binding":"ORDERS_DB","service_id":"${ID}",\n      "remote": true}]}`,
    ],
  ])('%s is updated in place, field by field', (_, text, out) => {
    expect(editText(text, entry)).toEqual({ text: out, kind: 'updated' });
  });

  it('only the matching entry is changed', () => {
    const text = `{"vpc_services":[{"binding":"A","service_id":"X"},{"binding":"OLD","service_id":"${ID}"},{"binding":"B","service_id":"Y"}]}`;
    expect(editText(text, entry).text).toBe(`{"vpc_services":[{"binding":"A","service_id":"X"},{"binding":"ORDERS_DB","service_id":"${ID}",\n      "remote": true},{"binding":"B","service_id":"Y"}]}`);
  });

  it.each([
    ['', 'not valid JSONC (line 1, column 1: the text ends too early (truncated?)); it was not changed'],
    ['// only a comment', 'not valid JSONC (line 1, column 18: the text ends too early (truncated?)); it was not changed'],
    ['{"name": ', 'not valid JSONC (line 1, column 10: the text ends too early (truncated?)); it was not changed'],
    ['{"a":1 "b":2}', 'not valid JSONC (line 1, column 8: expected "," between the items); it was not changed'],
    ['[]', 'not valid JSONC (the top level is not an object); it was not changed'],
    ['"w"', 'not valid JSONC (the top level is not an object); it was not changed'],
    ['{ "vpc_services": {} }', '"vpc_services" is not an array; it was not changed'],
    ['{ "vpc_services": null }', '"vpc_services" is not an array; it was not changed'],
  ])('%j is refused', (text, message) => {
    expect(() => editText(text, entry, 'w.jsonc')).toThrow(usage(`--wrangler-config w.jsonc: ${message}`));
  });

  it('the label defaults to "wrangler config"', () => {
    expect(() => editText('[]', entry)).toThrow(usage('--wrangler-config wrangler config: not valid JSONC (the top level is not an object); it was not changed'));
  });

  it('trailing commas and comments are JSONC, not errors', () => {
    expect(editText('{ /* w */ "name": "w", }', entry).kind).toBe('added');
  });
});

describe('binding names the file already uses', () => {
  const advice = 'choose another name with --binding (the file was not changed)';

  it.each([
    ['kv_namespaces', '{"kv_namespaces":[{"binding":"ORDERS_DB","id":"k"}]}'],
    ['d1_databases', '{"vpc_services":[],"d1_databases":[{"binding":"X"},{"binding":"ORDERS_DB"}]}'],
  ])('in %s', (section, text) => {
    expect(() => editText(text, entry, 'w.jsonc')).toThrow(usage(`--binding: ORDERS_DB is already a binding in w.jsonc (${section}); ${advice}`));
  });

  it('by another service', () => {
    const text = '{"vpc_services":[{"binding":"ORDERS_DB","service_id":"other-id","remote":true}]}';
    expect(() => editText(text, entry, 'w.jsonc')).toThrow(usage(`--binding: ORDERS_DB is already bound to service other-id in w.jsonc; ${advice}`));
  });

  it.each([
    ['a list holding other things', '{"kv_namespaces":[null, 1, "ORDERS_DB", ["ORDERS_DB"], {"name":"ORDERS_DB"}]}'],
    ['a value that is not a list', '{"name":"ORDERS_DB","main":{"binding":"ORDERS_DB"}}'],
    ['an object holding a binding', '{"x":{"a":{"binding":"ORDERS_DB"}}}'],
    ['an environment (bindings there are their own)', '{"env":{"dev":{"kv_namespaces":[{"binding":"ORDERS_DB"}]}}}'],
    ['another name', '{"kv_namespaces":[{"binding":"ORDERS"}],"vpc_services":[{"binding":"ORDERS_DB_2","service_id":"x"}]}'],
  ])('not in %s', (_, text) => {
    expect(editText(text, entry, 'w.jsonc').kind).toBe('added');
  });

  it('checking a config names the first use of the name, whichever section holds it', async () => {
    const path = config('{"vpc_services":[{"binding":"A","service_id":"x"}],"queues":[{"binding":"Q"}]}');
    await expect(checkWranglerConfig(path, 'A')).rejects.toThrow(usage(`--binding: A is already bound to service x in ${path}; ${advice}`));
    await expect(checkWranglerConfig(path, 'Q')).rejects.toThrow(usage(`--binding: Q is already a binding in ${path} (queues); ${advice}`));
    await expect(checkWranglerConfig(path, 'FREE')).resolves.toBeUndefined();
    await expect(checkWranglerConfig(path)).resolves.toBeUndefined();
    // Without a name, entries without one are no collision either.
    await expect(checkWranglerConfig(config('{"kv_namespaces":[{"id":"k"}],"vpc_services":[{"service_id":"x"}]}'))).resolves.toBeUndefined();
    await expect(checkWranglerConfig(config('[]'))).rejects.toThrow('not valid JSONC (the top level is not an object)');
  });

  it('when checking, this service\'s id is the nil UUID, which no real service has', async () => {
    const nil = '00000000-0000-0000-0000-000000000000';
    const path = config(`{"vpc_services":[{"binding":"A","service_id":"${nil}"}]}`);
    await expect(checkWranglerConfig(path, 'A')).resolves.toBeUndefined();
  });
});
