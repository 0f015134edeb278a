import { describe, expect, it } from 'vitest';
import { ApiError, AuthError, Cancelled, NotFoundError, UsageError } from '../../../src/errors';
import { Messages } from '../../../src/output/messages';
import type { Theme } from '../../../src/output/theme';

/** A theme that names each style, so a test sees which one was used and on what. */
const tags = Object.fromEntries(['bold', 'dim', 'red', 'green', 'yellow'].map((s) => [s, (t: string) => `<${s}>${t}</${s}>`])) as unknown as Theme;

const capture = (o: { json?: boolean; debug?: boolean; isTTY?: boolean } = {}) => {
  const writes: string[] = [];
  const stream = { isTTY: o.isTTY, write: (s: string) => (writes.push(s), true) } as never;
  const msg = new Messages(stream, tags, { json: () => o.json ?? false, debug: () => o.debug ?? false });
  return { msg, writes, text: () => writes.join('') };
};

describe('isTTY', () => {
  it.each<[boolean | undefined, boolean]>([
    [true, true],
    [false, false],
    [undefined, false],
  ])('stream isTTY %s -> %s', (tty, want) => {
    expect(capture({ isTTY: tty }).msg.isTTY).toBe(want);
  });
});

describe('plain lines', () => {
  it('info: the line escaped, one newline', () => {
    const c = capture();
    c.msg.info('a\u001b[31mb');
    expect(c.writes).toEqual(['a\\x1b[31mb\n']);
  });

  it('block: each line escaped, newlines kept, one write', () => {
    const c = capture();
    c.msg.block('~ a: 1\n+ b:\u0007 2');
    expect(c.writes).toEqual(['~ a: 1\n+ b:\\x07 2\n']);
  });

  it('success: a green tick', () => {
    const c = capture();
    c.msg.success('created x\r');
    expect(c.writes).toEqual(['<green>✓</green> created x\\r\n']);
  });

  it('warn: a yellow label', () => {
    const c = capture();
    c.msg.warn('careful\t');
    expect(c.writes).toEqual(['<yellow>warning:</yellow> careful\\t\n']);
  });

  it('itemFailed: a red label in text, nothing with JSON', () => {
    const c = capture();
    c.msg.itemFailed('x failed\n');
    expect(c.writes).toEqual(['<red>error:</red> x failed\\n\n']);
    const j = capture({ json: true });
    j.msg.itemFailed('x failed');
    expect(j.writes).toEqual([]);
  });

  it('debug: dimmed, only with --debug', () => {
    const c = capture({ debug: true });
    c.msg.debug('GET /x\u001b');
    expect(c.writes).toEqual(['<dim>debug: GET /x\\x1b</dim>\n']);
    const quiet = capture();
    quiet.msg.debug('GET /x');
    expect(quiet.writes).toEqual([]);
  });
});

describe('error: not one of ours', () => {
  it('an Error in text: its message and the --debug hint', () => {
    const c = capture();
    c.msg.error(new Error('boom\u001b'));
    expect(c.text()).toBe('<red>error:</red> boom\\x1b\n  (run again with --debug for details)\n');
  });

  it('a thrown string in text', () => {
    const c = capture();
    c.msg.error('just text');
    expect(c.text()).toBe('<red>error:</red> just text\n  (run again with --debug for details)\n');
  });

  it('with --debug: no hint, the stack instead', () => {
    const c = capture({ debug: true });
    const e = new Error('boom');
    e.stack = 'Error: boom\n    at here';
    c.msg.error(e);
    expect(c.text()).toBe('<red>error:</red> boom\nError: boom\n    at here\n');
  });

  it('with --debug, an Error without a stack and a non-Error: no stack line', () => {
    const c = capture({ debug: true });
    const e = new Error('boom');
    e.stack = '';
    c.msg.error(e);
    c.msg.error(42);
    expect(c.text()).toBe('<red>error:</red> boom\n<red>error:</red> 42\n');
  });

  it('with --json: an internal error object', () => {
    const c = capture({ json: true });
    c.msg.error(new TypeError('bad\u202e'));
    expect(c.writes).toEqual(['{"error":{"code":"internal","message":"bad\\u202e"}}\n']);
  });

  it('with --json and --debug: the object, then the stack', () => {
    const c = capture({ json: true, debug: true });
    const e = new Error('x');
    e.stack = 'STACK';
    c.msg.error(e);
    expect(c.text()).toBe('{"error":{"code":"internal","message":"x"}}\nSTACK\n');
  });
});

describe('error: ours', () => {
  it('cancelled, plainly: "nothing was sent" for the bare word', () => {
    const c = capture();
    c.msg.error(new Cancelled('cancelled'));
    expect(c.text()).toBe('cancelled: nothing was sent\n');
  });

  it('cancelled with its own words, escaped', () => {
    const c = capture();
    c.msg.error(new Cancelled('stopped: 2 of 3 sent\u001b'));
    expect(c.text()).toBe('stopped: 2 of 3 sent\\x1b\n');
  });

  it('cancelled with --debug: the plain line and no stack', () => {
    const c = capture({ debug: true });
    c.msg.error(new Cancelled('cancelled'));
    expect(c.text()).toBe('cancelled: nothing was sent\n');
  });

  it('cancelled with --json: a JSON error object', () => {
    const c = capture({ json: true });
    c.msg.error(new Cancelled('cancelled'));
    expect(JSON.parse(c.text())).toEqual({ error: { code: 'cancelled', message: 'cancelled', status: null } });
  });

  it('a usage error with problems: one red line per problem, then the hints', () => {
    const c = capture();
    c.msg.error(new UsageError('2 problems', ['--tcp-port: required', '--ipv4: bad\u0007'], ['see --help']));
    expect(c.text()).toBe('<red>error:</red> --tcp-port: required\n<red>error:</red> --ipv4: bad\\x07\n  see --help\n');
  });

  it('a usage error without problems: its message', () => {
    const c = capture();
    c.msg.error(new UsageError('unknown flag --x'));
    expect(c.text()).toBe('<red>error:</red> unknown flag --x\n');
  });

  it('an error with hints, escaped, two spaces in', () => {
    const c = capture();
    c.msg.error(new AuthError('no credentials', ['run vpcsvc auth login\u001b', 'or set CLOUDFLARE_API_TOKEN']));
    expect(c.text()).toBe('<red>error:</red> no credentials\n  run vpcsvc auth login\\x1b\n  or set CLOUDFLARE_API_TOKEN\n');
  });

  it('--json, one problem: message only, no problems or hints keys', () => {
    const c = capture({ json: true });
    c.msg.error(new UsageError('bad', ['--x: bad']));
    expect(c.writes).toEqual(['{"error":{"code":"usage","message":"--x: bad","status":null}}\n']);
  });

  it('--json, several problems and hints: all of them', () => {
    const c = capture({ json: true });
    c.msg.error(new UsageError('bad', ['--x: bad', '--y: bad'], ['see --help']));
    expect(JSON.parse(c.text())).toEqual({ error: { code: 'usage', message: '--x: bad\n--y: bad', status: null, problems: ['--x: bad', '--y: bad'], hints: ['see --help'] } });
  });

  it('--json, an API error: its Cloudflare code and status', () => {
    const c = capture({ json: true });
    c.msg.error(new ApiError('conflict', { status: 409, apiErrors: [{ code: 1001, message: 'conflict' }] }));
    expect(c.writes).toEqual(['{"error":{"code":1001,"message":"conflict","status":409}}\n']);
  });

  it('--debug: the stack after our error too; none without --debug', () => {
    const c = capture({ debug: true });
    const e = new NotFoundError('no service x');
    e.stack = 'NotFoundError: no service x\n    at there';
    c.msg.error(e);
    expect(c.text()).toBe('<red>error:</red> no service x\nNotFoundError: no service x\n    at there\n');
    const q = capture();
    q.msg.error(e);
    expect(q.text()).toBe('<red>error:</red> no service x\n');
    const empty = capture({ debug: true });
    const e2 = new NotFoundError('gone');
    e2.stack = '';
    empty.msg.error(e2);
    expect(empty.text()).toBe('<red>error:</red> gone\n');
  });
});
