import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors';
import { readWranglerBindings } from '../../../src/io/wrangler-read';

// doctor reads the config the way create's editor does: only a regular file, and only up to the
// input limit, so a FIFO, a device or a huge file cannot hang it or fill its memory.
const dir = () => mkdtempSync(join(tmpdir(), 'wrangler-guards-'));
const usage = (m: string) => new UsageError(m);

describe('doctor reads only a regular file, and only up to the limit', () => {
  it('a FIFO with no writer is refused at once, never waited on', async () => {
    const fifo = join(dir(), 'wrangler.jsonc');
    execFileSync('mkfifo', [fifo]);
    await expect(readWranglerBindings(fifo)).rejects.toThrow(usage(`--wrangler-config ${fifo}: is not a regular file`));
  });

  it('a folder and a device are not regular files', async () => {
    const folder = join(dir(), 'wrangler.json');
    mkdirSync(folder);
    await expect(readWranglerBindings(folder)).rejects.toThrow(usage(`--wrangler-config ${folder}: is not a regular file`));
    await expect(readWranglerBindings('/dev/zero', '--config')).rejects.toThrow(usage('--config /dev/zero: is not a regular file'));
  });

  it('a file over the limit is refused before it is read; one at the limit is read', async () => {
    const d = dir();
    const at = join(d, 'wrangler.json');
    writeFileSync(at, '{ "name": "w"    }'); // 18 bytes
    expect(await readWranglerBindings(at, '--wrangler-config', 18)).toMatchObject({ label: 'wrangler.json', top: undefined });
    const over = join(d, 'big.json');
    writeFileSync(over, '{ "name": "w"     }'); // 19 bytes
    await expect(readWranglerBindings(over, '--wrangler-config', 18)).rejects.toThrow(usage(`--wrangler-config ${over}: is 1 KiB, over the 1 KiB limit; refused`));
  });

  it('the default limit is the input limit of every other file: 10 MiB', async () => {
    const big = join(dir(), 'wrangler.json');
    writeFileSync(big, `{ "name": "${'x'.repeat(10 * 1024 * 1024)}" }`);
    await expect(readWranglerBindings(big)).rejects.toThrow(usage(`--wrangler-config ${big}: is 10.0 MiB, over the 10 MiB limit; refused`));
  });

  it('a link to a config is followed: doctor only reads, it never writes through it', async () => {
    const d = dir();
    writeFileSync(join(d, 'real.json'), '{ "vpc_services": [ { "binding": "A" } ] }');
    symlinkSync(join(d, 'real.json'), join(d, 'wrangler.json'));
    expect(await readWranglerBindings(join(d, 'wrangler.json'))).toMatchObject({ label: 'wrangler.json', top: [{ binding: 'A' }] });
  });

  it('a file it may not read names the flag and the reason', async () => {
    if (process.getuid?.() === 0) {
      // root reads anything: a dangling link stands in for an unreadable file.
      const link = join(dir(), 'wrangler.json');
      symlinkSync(join(dir(), 'gone.json'), link);
      await expect(readWranglerBindings(link)).rejects.toThrow(usage(`--wrangler-config ${link}: cannot be read: there is no such file (ENOENT)`));
      return;
    }
    const f = join(dir(), 'wrangler.json');
    writeFileSync(f, '{}', { mode: 0o000 });
    await expect(readWranglerBindings(f)).rejects.toThrow(usage(`--wrangler-config ${f}: cannot be read: permission denied (EACCES)`));
  });
});
