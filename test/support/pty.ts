import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { BIN } from './run-cli';

const PTY = fileURLToPath(new URL('./pty_host.py', import.meta.url));

export const KEY = {
  enter: '\r',
  down: '\u001b[B',
  up: '\u001b[A',
  ctrlC: '\u0003',
  esc: '\u001b',
  backspace: '\u007f',
};

/** Strips colours and cursor movement, leaving the text a person would read. */
export const plain = (s: string): string => s.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '').replace(/\u001b[()][A-Z0-9]/g, '');

/**
 * The built binary in an 80x24 pseudo-terminal (through test/support/pty_host.py): type keys, wait for
 * text to appear, read everything it drew.
 */
export class PtySession {
  private child: ChildProcessWithoutNullStreams;
  output = '';
  private exited: Promise<number>;

  constructor(args: string[], env: Record<string, string>) {
    this.child = spawn('python3', [PTY, process.execPath, BIN, ...args], { env: { PATH: process.env.PATH ?? '', TERM: 'xterm-256color', ...env } });
    this.child.stdout.on('data', (d: Buffer) => (this.output += d.toString('utf8')));
    this.child.stderr.on('data', (d: Buffer) => (this.output += d.toString('utf8')));
    this.exited = new Promise((resolve) => this.child.on('close', (code) => resolve(code ?? -1)));
  }

  /** The pty host's process id (the program runs as its only child). */
  get hostPid(): number | undefined {
    return this.child.pid;
  }

  get text(): string {
    return plain(this.output);
  }

  /** Waits until the screen text (after `from` characters) matches. */
  async waitFor(pattern: RegExp | string, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const test = () => (typeof pattern === 'string' ? this.text.includes(pattern) : pattern.test(this.text));
    while (!test()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(pattern)}; screen so far:\n${this.text}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /** Types text or keys, then gives the program a moment to redraw. */
  async type(keys: string): Promise<void> {
    this.child.stdin.write(keys);
    await new Promise((r) => setTimeout(r, 60));
  }

  /** Answers the prompt whose text matches `prompt`. */
  async answer(prompt: RegExp | string, keys: string): Promise<void> {
    await this.waitFor(prompt);
    await this.type(keys);
  }

  async exit(timeoutMs = 15_000): Promise<number> {
    const timer = new Promise<number>((_, reject) => setTimeout(() => reject(new Error(`no exit; screen:\n${this.text}`)), timeoutMs));
    return Promise.race([this.exited, timer]);
  }

  kill() {
    this.child.kill('SIGKILL');
  }
}
