import { UsageError } from '../errors';

/** Reads a whole stream as UTF-8, refusing more than `limit` bytes (named by `label`). */
export async function readAll(stream: NodeJS.ReadableStream, limit: number, label: string): Promise<string> {
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

export function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MiB` : `${Math.ceil(n / 1024)} KiB`;
}
