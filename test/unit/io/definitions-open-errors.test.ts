import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { UsageError } from '../../../src/errors';
import { readDefinitions } from '../../../src/io/definitions-file';

// stat() passing does not mean open() will: a file without read permission (root cannot be
// refused, so the test stands one in) or one removed between the two. stat() is made to pass
// for a file that is not there, so the open fails as such a file's would.
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...real,
    stat: async (p: string) => (String(p).endsWith('vanished.json') ? real.stat(join(String(p), '..', 'here.json')) : real.stat(p)),
  };
});

const from = (cwd: string) => ({ cwd, stdin: Readable.from([]), signal: new AbortController().signal });

describe('--file that stat() accepts and open() refuses', () => {
  it('is one usage line naming the flag and the reason, not an internal error', async () => {
    const d = mkdtempSync(join(tmpdir(), 'defs-open-'));
    writeFileSync(join(d, 'here.json'), '{"name":"a"}');
    await expect(readDefinitions(from(d), 'here.json')).resolves.toEqual({ items: [{ name: 'a' }], batch: false });
    const err = await readDefinitions(from(d), 'vanished.json').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect(err).toEqual(new UsageError('--file vanished.json: cannot be read: there is no such file (ENOENT)'));
  });
});
