import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors';
import { readDefinitions } from '../../../src/io/definitions-file';

// Files that stat() accepts but open() cannot read the usual way: a Unix socket (stdin is one
// when a program runs us with a pipe from libuv or Python's socketpair), and /dev/stdin naming it.
const dir = () => mkdtempSync(join(tmpdir(), 'defs-special-'));
const from = (cwd: string, stdin: NodeJS.ReadableStream = Readable.from([])) => ({ cwd, stdin, signal: new AbortController().signal });
const closers: (() => void)[] = [];
afterEach(() => {
  for (const c of closers.splice(0)) c();
});

describe('special files given to --file', () => {
  it.each(['/dev/stdin', '/dev/fd/0', '/proc/self/fd/0'])('%s is read from standard input, whatever kind of file it is', async (path) => {
    const got = await readDefinitions(from(dir(), Readable.from([Buffer.from('[{"name":"a"}]')])), path);
    expect(got).toEqual({ items: [{ name: 'a' }], batch: true });
    await expect(readDefinitions(from(dir(), Readable.from([Buffer.from('{')])), path)).rejects.toThrow(
      new UsageError(`--file ${path}: invalid JSON at line 1, column 2: the input ends too early (truncated?)`),
    );
  });

  it('/dev/stdin keeps the size limit of stdin', async () => {
    await expect(readDefinitions(from(dir(), Readable.from([Buffer.from('{"name":"a"}')])), '/dev/stdin', 5)).rejects.toThrow(
      new UsageError('--file /dev/stdin: input is larger than 1 KiB; refused'),
    );
  });

  it('a Unix socket that is not stdin is refused as not a file, exit 2, never a raw ENXIO', async () => {
    const d = dir();
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(join(d, 'defs.sock'), resolve));
    closers.push(() => server.close());
    await expect(readDefinitions(from(d), 'defs.sock')).rejects.toThrow(new UsageError('--file defs.sock: is a socket, not a file'));
  });
});
