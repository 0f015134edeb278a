import { execFileSync, spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readdirSync, ReadStream, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { PassThrough, Readable } from 'node:stream';
import { ReadStream as TtyReadStream } from 'node:tty';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors';
import { formatBytes, openInput, readAll } from '../../../src/io/read-stream';

const dir = () => mkdtempSync(join(tmpdir(), 'read-stream-'));
/**
 * Reads an opened input, then waits until its descriptor is closed: a stream still closing when
 * a test worker thread ends can abort the process (Stryker runs tests in threads).
 */
const readClosed = async (s: NodeJS.ReadableStream) => {
  const text = await readAll(s, 100, 'x');
  const r = s as Readable;
  if (!r.closed) await new Promise((done) => r.once('close', done));
  return text;
};
/** The descriptors this process has open (Linux). */
const openFds = () => readdirSync('/proc/self/fd').length;

describe('reading a whole stream', () => {
  it('joins the chunks, decoding UTF-8 only at the end (a character may be split across chunks)', async () => {
    const e = Buffer.from('é');
    expect(await readAll(Readable.from([Buffer.from('{"a":"'), e.subarray(0, 1), e.subarray(1), Buffer.from('"}')]), 100, 'x')).toBe('{"a":"é"}');
  });

  it('an empty stream is the empty text', async () => {
    expect(await readAll(Readable.from([]), 0, 'x')).toBe('');
  });

  it('exactly the limit is read; one byte more is refused, naming the source and the limit', async () => {
    expect(await readAll(Readable.from([Buffer.from('ab'), Buffer.from('c')]), 3, 'x')).toBe('abc');
    const over = readAll(Readable.from([Buffer.from('ab'), Buffer.from('cd')]), 3, '--file - (stdin)');
    await expect(over).rejects.toThrow(new UsageError('--file - (stdin): input is larger than 1 KiB; refused'));
    await expect(readAll(Readable.from([Buffer.alloc(3 * 1024 + 1)]), 3 * 1024, 'y')).rejects.toThrow('y: input is larger than 3 KiB; refused');
  });

  it('string chunks count in bytes, not characters', async () => {
    // 'ab' + 'cé' is four characters but five bytes.
    expect(await readAll(Readable.from(['ab', 'cé']), 5, 'x')).toBe('abcé');
    await expect(readAll(Readable.from(['ab', 'cé']), 4, 'x')).rejects.toThrow('x: input is larger than 1 KiB; refused');
  });

  it('an abort ends the read at once, with what was already read dropped', async () => {
    const ac = new AbortController();
    const input = new PassThrough();
    const read = readAll(input, 100, 'x', ac.signal);
    input.write('ab');
    ac.abort();
    // Were the abort not wired to the stream, this would end the read normally with "abcd".
    if (!input.destroyed) input.end('cd');
    await expect(read).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('a signal aborted already refuses to read at all', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(readAll(Readable.from([Buffer.from('abc')]), 100, 'x', ac.signal)).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('sizes in messages', () => {
  it.each([
    [0, '0 KiB'],
    [1, '1 KiB'],
    [1023, '1 KiB'],
    [1024, '1 KiB'],
    [1025, '2 KiB'],
    [1024 * 1024 - 1, '1024 KiB'],
    [1024 * 1024, '1 MiB'],
    [1024 * 1024 + 1, '1.0 MiB'],
    [1.5 * 1024 * 1024, '1.5 MiB'],
    [10 * 1024 * 1024, '10 MiB'],
    [11 * 1024 * 1024 + 1, '11.0 MiB'],
    [1024 * 1024 * 1024, '1024 MiB'],
  ])('%d bytes: %s', (n, text) => {
    expect(formatBytes(n)).toBe(text);
  });
});

describe('opening an input', () => {
  it('a regular file is read through a plain file stream', async () => {
    const path = join(dir(), 'a.json');
    writeFileSync(path, '{"a":1}');
    const s = openInput(path, statSync(path));
    expect(s).toBeInstanceOf(ReadStream);
    expect(await readClosed(s)).toBe('{"a":1}');
  });

  it('a regular file is opened by the stream, not at once: an error comes from the read', async () => {
    const path = join(dir(), 'gone.json');
    writeFileSync(path, '{}');
    const st = statSync(path);
    rmSync(path);
    const s = openInput(path, st);
    await expect(readAll(s, 100, 'x')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('a device that is not a terminal (/dev/null) is a plain file stream, and the probe descriptor is closed', async () => {
    const before = openFds();
    const s = openInput('/dev/null', statSync('/dev/null'));
    // Counted before the stream opens its own descriptor (that happens on a later tick).
    expect(openFds()).toBe(before);
    expect(s).toBeInstanceOf(ReadStream);
    expect(await readClosed(s)).toBe('');
  });

  it('a FIFO with no writer yet is opened without blocking and read through the event loop', async () => {
    const path = join(dir(), 'fifo');
    execFileSync('mkfifo', [path]);
    // A blocking open would not return here: nothing writes to the FIFO yet.
    const s = openInput(path, statSync(path));
    expect(s).toBeInstanceOf(Socket);
    const fd = (s as unknown as { _handle: { fd: number } })._handle.fd;
    const read = readClosed(s);
    const w = openSync(path, 'w');
    writeSync(w, '{"from":"fifo"}');
    closeSync(w);
    expect(await read).toBe('{"from":"fifo"}');
    // In a worker thread (Stryker runs tests in threads; the CLI reads in its main thread) Node closes
    // a pipe's descriptor a second time when the thread ends, which would close whatever another
    // thread opened under that number meanwhile and abort the run. The number is taken here, by a
    // descriptor left open for the thread's life, so that second close meets only it.
    if (openSync('/dev/null', 'r') !== fd) throw new Error('the FIFO\'s descriptor number could not be held');
  });

  it('a terminal is read as a terminal stream', async () => {
    // A pseudo-terminal held open by a helper process until its stdin ends.
    const holder = spawn('python3', ['-c', 'import os,sys\nm,s=os.openpty()\nprint(os.ttyname(s),flush=True)\nsys.stdin.read()']);
    try {
      const first = await createInterface({ input: holder.stdout })[Symbol.asyncIterator]().next();
      const name = first.value as string;
      expect(name).toMatch(/^\/dev\/pts\/\d+$/);
      const s = openInput(name, statSync(name));
      expect(s).toBeInstanceOf(TtyReadStream);
      const fd = (s as unknown as { _handle: { fd: number } })._handle.fd;
      await new Promise((done) => (s as TtyReadStream).destroy().once('close', done));
      // As for the FIFO above: the number is held against the thread's second close.
      if (openSync('/dev/null', 'r') !== fd) throw new Error('the terminal\'s descriptor number could not be held');
    } finally {
      holder.stdin.end();
    }
  });
});
