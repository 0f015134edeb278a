import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readDefinitions } from '../../../src/io/definitions-file';

// Reads 10 MiB files: fast as plain code, far too slow under mutation instrumentation, so
// vitest.mutate.config.ts leaves this file out.
describe('the 10 MiB limit, at the edge', () => {
  const T = '0191dce4-9ab4-7fce-b660-8e5dec5172da';
  const body = JSON.stringify({ name: 'a', type: 'tcp', host: { ipv4: '10.0.0.1', network: { tunnel_id: T } }, tcp_port: 1 });
  /** A definition padded with trailing spaces to exactly `size` bytes. */
  const padded = (size: number) => body + ' '.repeat(size - Buffer.byteLength(body));
  const LIMIT = 10 * 1024 * 1024;
  const runtimeWith = (text: string) => ({ stdin: Readable.from([Buffer.from(text)]), cwd: tmpdir(), signal: new AbortController().signal });

  it('exactly 10 MiB is read, from a file and from stdin', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vpcsvc-limit-'));
    writeFileSync(join(dir, 'edge.json'), padded(LIMIT));
    expect((await readDefinitions({ ...runtimeWith(''), cwd: dir }, 'edge.json')).items).toEqual([JSON.parse(body)]);
    expect((await readDefinitions(runtimeWith(padded(LIMIT)), '-')).items).toEqual([JSON.parse(body)]);
  });

  it('one byte more is refused, naming the source', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vpcsvc-limit-'));
    writeFileSync(join(dir, 'over.json'), padded(LIMIT + 1));
    await expect(readDefinitions({ ...runtimeWith(''), cwd: dir }, 'over.json')).rejects.toThrow('--file over.json: is 10.0 MiB, over the 10 MiB limit; refused');
    await expect(readDefinitions(runtimeWith(padded(LIMIT + 1)), '-')).rejects.toThrow('--file - (stdin): input is larger than 10 MiB; refused');
  });
});
