import { constants, createReadStream, openSync, closeSync, type Stats } from 'node:fs';
import { Socket } from 'node:net';
import { addAbortSignal, type Readable } from 'node:stream';
import { isatty, ReadStream as TtyReadStream } from 'node:tty';
import { UsageError } from '../errors';

/**
 * Reads a whole stream as UTF-8, refusing more than `limit` bytes (named by `label`). An abort of
 * `signal` (Ctrl-C) ends the read at once.
 */
export async function readAll(stream: NodeJS.ReadableStream, limit: number, label: string, signal?: AbortSignal): Promise<string> {
  if (signal) addAbortSignal(signal, stream as Readable);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += b.length;
    if (size > limit) throw new UsageError(`${label}: input is larger than ${formatBytes(limit)}; refused`);
    chunks.push(b);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A stream of the file at `path` (already stat'ed as `s`). A FIFO or a terminal is opened without
 * blocking and read through the event loop: a blocking open or read of a FIFO with no writer would
 * hold one of libuv's worker threads, which even process.exit waits for, so no Ctrl-C could end
 * the run.
 */
export function openInput(path: string, s: Stats): NodeJS.ReadableStream {
  if (!s.isFIFO() && !s.isCharacterDevice()) return createReadStream(path);
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  if (s.isFIFO()) return new Socket({ fd, readable: true, writable: false });
  if (isatty(fd)) return new TtyReadStream(fd);
  // Other devices (/dev/null, /dev/zero) answer at once: the plain file stream is fine.
  closeSync(fd);
  return createReadStream(path);
}

export function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MiB` : `${Math.ceil(n / 1024)} KiB`;
}
