import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';

/** Each @inquirer/prompts function records its config and context, and answers with `next`. */
const calls: { fn: string; config: Record<string, unknown>; ctx: Record<string, unknown> }[] = [];
let next: (ctx: { signal: AbortSignal }) => Promise<unknown> = async () => 'answer';
vi.mock('@inquirer/prompts', () => {
  const fake = (fn: string) => (config: Record<string, unknown>, ctx: Record<string, unknown>) => {
    calls.push({ fn, config, ctx });
    return next(ctx as { signal: AbortSignal });
  };
  return { input: fake('input'), select: fake('select'), confirm: fake('confirm'), password: fake('password') };
});

const { InquirerPrompter } = await import('../../../src/prompts/inquirer');
const { Cancelled } = await import('../../../src/errors');

const setup = () => {
  const stdin = new EventEmitter() as EventEmitter & NodeJS.ReadableStream;
  const stderr = { write: () => true } as unknown as NodeJS.WritableStream;
  const outer = new AbortController();
  return { stdin, stderr, outer, p: new InquirerPrompter(stdin, stderr, outer.signal) };
};

const named = (name: string) => Object.assign(new Error('x'), { name });

beforeEach(() => {
  calls.length = 0;
  next = async () => 'answer';
});

describe('each prompt passes its question through, drawn on stderr', () => {
  it('input: message, default and validator; stdin in, stderr out, the answer kept on screen', async () => {
    const s = setup();
    const validate = (v: string) => (v ? true : 'no');
    expect(await s.p.input({ message: 'Name:', default: 'd', validate })).toBe('answer');
    expect(calls).toHaveLength(1);
    expect(calls[0]!.fn).toBe('input');
    expect(calls[0]!.config).toEqual({ message: 'Name:', default: 'd', validate });
    expect(Object.keys(calls[0]!.ctx).sort()).toEqual(['clearPromptOnDone', 'input', 'output', 'signal']);
    expect(calls[0]!.ctx.input).toBe(s.stdin);
    expect(calls[0]!.ctx.output).toBe(s.stderr);
    expect(calls[0]!.ctx.clearPromptOnDone).toBe(false);
    expect(calls[0]!.ctx.signal).toBeInstanceOf(AbortSignal);
    expect((calls[0]!.ctx.signal as AbortSignal).aborted).toBe(false);
  });

  it('select: message, choices, default, 12 rows a page', async () => {
    const s = setup();
    const choices = [{ name: 'A', value: 'a' }];
    next = async () => 'a';
    expect(await s.p.select({ message: 'Pick:', choices, default: 'a' })).toBe('a');
    expect(calls[0]!.fn).toBe('select');
    expect(calls[0]!.config).toEqual({ message: 'Pick:', choices, default: 'a', pageSize: 12 });
    expect(calls[0]!.ctx.output).toBe(s.stderr);
  });

  it('confirm: message and default', async () => {
    const s = setup();
    next = async () => true;
    expect(await s.p.confirm({ message: 'Create?', default: false })).toBe(true);
    expect(calls[0]!.fn).toBe('confirm');
    expect(calls[0]!.config).toEqual({ message: 'Create?', default: false });
    expect(calls[0]!.ctx.input).toBe(s.stdin);
  });

  it('password: masked with *, validated', async () => {
    const s = setup();
    const validate = () => true as const;
    next = async () => 'secret';
    expect(await s.p.password({ message: 'Token:', validate })).toBe('secret');
    expect(calls[0]!.fn).toBe('password');
    expect(calls[0]!.config).toEqual({ message: 'Token:', mask: '*', validate });
    expect(calls[0]!.ctx.clearPromptOnDone).toBe(false);
  });
});

describe('cancelling', () => {
  it.each(['ExitPromptError', 'AbortPromptError', 'CancelPromptError'])('%s becomes Cancelled("cancelled")', async (name) => {
    const s = setup();
    next = async () => {
      throw named(name);
    };
    const e = await s.p.input({ message: 'x' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(Cancelled);
    expect((e as Error).message).toBe('cancelled');
  });

  it('any other error goes through unchanged, Error or not', async () => {
    const s = setup();
    const boom = named('TypeError');
    next = async () => {
      throw boom;
    };
    await expect(s.p.confirm({ message: 'x' })).rejects.toBe(boom);
    next = async () => {
      throw 'text';
    };
    await expect(s.p.confirm({ message: 'x' })).rejects.toBe('text');
  });

  it('Ctrl-C (the run signal) aborts the prompt, and any error after it is Cancelled', async () => {
    const s = setup();
    let seen: AbortSignal | undefined;
    next = (ctx) =>
      new Promise((_, reject) => {
        seen = ctx.signal;
        ctx.signal.addEventListener('abort', () => reject(new Error('some other failure')));
      });
    const pending = s.p.input({ message: 'x' }).catch((x: unknown) => x);
    await Promise.resolve();
    expect(seen!.aborted).toBe(false);
    s.outer.abort();
    expect(seen!.aborted).toBe(true);
    const e = await pending;
    expect(e).toBeInstanceOf(Cancelled);
  });

  it('a lone ESC byte aborts (string or Buffer); longer escape sequences and other keys do not', async () => {
    for (const esc of ['\u001b', Buffer.from([0x1b])]) {
      const s = setup();
      let seen: AbortSignal | undefined;
      next = (ctx) =>
        new Promise((_, reject) => {
          seen = ctx.signal;
          ctx.signal.addEventListener('abort', () => reject(new Error('aborted')));
        });
      const pending = s.p.select({ message: 'x', choices: [] }).catch((x: unknown) => x);
      await Promise.resolve();
      s.stdin.emit('data', '\u001b[A');
      s.stdin.emit('data', Buffer.from('q'));
      s.stdin.emit('data', 'x\u001b');
      expect(seen!.aborted).toBe(false);
      s.stdin.emit('data', esc);
      expect(seen!.aborted).toBe(true);
      expect(await pending).toBeInstanceOf(Cancelled);
    }
  });

  it('after the prompt, its listeners are gone: Esc and Ctrl-C no longer reach it', async () => {
    const s = setup();
    let seen: AbortSignal | undefined;
    next = async (ctx) => {
      seen = ctx.signal;
      return 'a';
    };
    const before = s.stdin.listenerCount('data');
    await s.p.input({ message: 'x' });
    expect(s.stdin.listenerCount('data')).toBe(before);
    s.stdin.emit('data', '\u001b');
    s.outer.abort();
    expect(seen!.aborted).toBe(false);
  });

  it('listeners are removed after a failure too', async () => {
    const s = setup();
    let seen: AbortSignal | undefined;
    next = async (ctx) => {
      seen = ctx.signal;
      throw named('ExitPromptError');
    };
    await s.p.password({ message: 'x' }).catch(() => undefined);
    expect(s.stdin.listenerCount('data')).toBe(0);
    s.outer.abort();
    expect(seen!.aborted).toBe(false);
  });

  it('the stdin listener is there while the prompt runs', async () => {
    const s = setup();
    let during = -1;
    next = async () => {
      during = s.stdin.listenerCount('data');
      return 'a';
    };
    await s.p.input({ message: 'x' });
    expect(during).toBe(1);
  });
});
