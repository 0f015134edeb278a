import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { UsageError } from '../errors';
import { formatBytes } from './read-stream';

/**
 * Reads a file that must be a regular file of at most `limit` bytes, both checked on the open
 * descriptor before anything is read. O_NONBLOCK: opening a FIFO with no writer returns at once
 * (and is then refused) instead of holding a libuv worker thread that even process.exit waits for.
 * O_NOCTTY: a terminal given as the file never becomes ours. `noFollow` refuses a link (open fails
 * with ELOOP). Reads at most the size fstat gave, so a file growing meanwhile cannot make it read
 * more. Errors other than the two refusals are thrown as they come, for the caller to word.
 */
export async function readRegularFile(
  path: string,
  label: string,
  limit: number,
  opts: { noFollow?: boolean; open?: typeof open } = {},
): Promise<{ text: string; mode: number }> {
  const fh = await (opts.open ?? open)(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY | (opts.noFollow ? constants.O_NOFOLLOW : 0));
  try {
    const s = await fh.stat();
    if (!s.isFile()) throw new UsageError(`${label}: is not a regular file`);
    if (s.size > limit) throw new UsageError(`${label}: is ${formatBytes(s.size)}, over the ${formatBytes(limit)} limit; refused`);
    const buf = Buffer.alloc(s.size);
    let got = 0;
    for (let n = 1; got < s.size && n > 0; got += n) n = (await fh.read(buf, got, s.size - got, got)).bytesRead;
    return { text: buf.subarray(0, got).toString('utf8'), mode: s.mode & 0o7777 };
  } finally {
    await fh.close();
  }
}
