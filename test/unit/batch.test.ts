import { describe, expect, it } from 'vitest';
import { batchError, runBatch, type BatchRun } from '../../src/batch';
import { ApiError, AuthError, Cancelled, MaybeApplied, NotFoundError, PartialFailure, UsageError } from '../../src/errors';

const never = new AbortController().signal;
const name = (s: string) => `n-${s}`;
const words = { noun: 'create', past: 'created', label: (s: string) => `L-${s}`, name };

/** Resolves each item when the test says so, recording the order work started in. */
function gate() {
  const started: string[] = [];
  const waiting = new Map<string, { resolve: (v: string) => void; reject: (e: unknown) => void }>();
  const work = (item: string) =>
    new Promise<string>((resolve, reject) => {
      started.push(item);
      waiting.set(item, { resolve, reject });
    });
  return { started, waiting, work };
}
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('runBatch', () => {
  it('keeps at most `concurrency` items in flight, and reports each outcome in input order', async () => {
    const g = gate();
    const settled: [string, number][] = [];
    const p = runBatch(['a', 'b', 'c', 'd'], { concurrency: 2, signal: never, name, onSettled: (o, i) => settled.push([o.state, i]) }, g.work);
    await tick();
    expect(g.started).toEqual(['a', 'b']);
    g.waiting.get('b')!.resolve('B');
    await tick();
    expect(g.started).toEqual(['a', 'b', 'c']);
    g.waiting.get('a')!.reject(new ApiError('boom'));
    await tick();
    expect(g.started).toEqual(['a', 'b', 'c', 'd']);
    g.waiting.get('c')!.resolve('C');
    g.waiting.get('d')!.resolve('D');
    const run = await p;
    expect(run.cancelled).toBe(false);
    expect(run.outcomes).toEqual([{ state: 'failed', error: new ApiError('boom') }, { state: 'done', value: 'B' }, { state: 'done', value: 'C' }, { state: 'done', value: 'D' }]);
    expect(settled).toEqual([['done', 1], ['failed', 0], ['done', 2], ['done', 3]]);
  });

  it('passes each item its index, and runs one at a time with concurrency 1', async () => {
    const seen: [string, number][] = [];
    let inFlight = 0;
    let most = 0;
    const run = await runBatch(['x', 'y', 'z'], { concurrency: 1, signal: never, name }, async (item, i) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await tick();
      inFlight--;
      seen.push([item, i]);
      return i * 10;
    });
    expect(most).toBe(1);
    expect(seen).toEqual([['x', 0], ['y', 1], ['z', 2]]);
    expect(run).toEqual({ outcomes: [{ state: 'done', value: 0 }, { state: 'done', value: 10 }, { state: 'done', value: 20 }], cancelled: false });
  });

  it('an empty list starts nothing and is not cancelled', async () => {
    expect(await runBatch([], { concurrency: 4, signal: never, name }, async () => 1)).toEqual({ outcomes: [], cancelled: false });
  });

  it('a Cancelled item stops new items; in flight it is uncertain, naming the check command', async () => {
    const settled: unknown[] = [];
    const run = await runBatch(['a', 'b', 'c'], { concurrency: 1, signal: never, name, onSettled: (o, i) => settled.push([o, i]) }, async (item) => {
      if (item === 'b') throw new Cancelled('stop', { inFlight: true });
      return item;
    });
    const uncertain = { state: 'uncertain', error: new MaybeApplied('may have been applied: cancelled while in flight; check with `vpcsvc get n-b`') };
    expect(run).toEqual({ outcomes: [{ state: 'done', value: 'a' }, uncertain, undefined], cancelled: true });
    expect((run.outcomes[1] as { error: unknown }).error).toBeInstanceOf(MaybeApplied);
    expect(settled).toEqual([[{ state: 'done', value: 'a' }, 0], [uncertain, 1]]);
  });

  it('a Cancelled item that was not in flight has no outcome', async () => {
    const settled: number[] = [];
    const run = await runBatch(['a', 'b'], { concurrency: 1, signal: never, name, onSettled: (_o, i) => settled.push(i) }, async () => {
      throw new Cancelled('stop');
    });
    expect(run).toEqual({ outcomes: [undefined, undefined], cancelled: true });
    expect(settled).toEqual([]);
  });

  it('an aborted signal starts nothing more, and the run says it was cancelled', async () => {
    const ac = new AbortController();
    const started: string[] = [];
    const run = await runBatch(['a', 'b', 'c'], { concurrency: 1, signal: ac.signal, name }, async (item) => {
      started.push(item);
      if (item === 'a') ac.abort();
      return item;
    });
    expect(started).toEqual(['a']);
    expect(run).toEqual({ outcomes: [{ state: 'done', value: 'a' }, undefined, undefined], cancelled: true });
  });

  it('a bug (not a CliError) is thrown after the items in flight settle, and nothing new starts', async () => {
    const g = gate();
    const p = runBatch(['a', 'b', 'c'], { concurrency: 2, signal: never, name }, g.work);
    await tick();
    const bug = new TypeError('bug');
    g.waiting.get('a')!.reject(bug);
    await tick();
    expect(g.started).toEqual(['a', 'b']);
    let done = false;
    void p.catch(() => (done = true));
    await tick();
    expect(done).toBe(false);
    g.waiting.get('b')!.reject(new RangeError('second bug'));
    await expect(p).rejects.toBe(bug);
    expect(g.started).toEqual(['a', 'b']);
  });
});

const done = (v = 'ok') => ({ state: 'done' as const, value: v });
const failed = (e: ApiError | AuthError | MaybeApplied | UsageError) => ({ state: 'failed' as const, error: e });

describe('batchError', () => {
  it('is undefined when every item succeeded', () => {
    expect(batchError(['a', 'b'], { outcomes: [done(), done()], cancelled: false }, words)).toBeUndefined();
  });

  it('some failed: exit 3 counting both', () => {
    const e = batchError(['a', 'b', 'c'], { outcomes: [done(), failed(new ApiError('x')), done()], cancelled: false }, words);
    expect(e).toBeInstanceOf(PartialFailure);
    expect(e?.message).toBe('1 of 3 creates failed; 2 created');
  });

  it('one item: its own error', () => {
    const own = new NotFoundError('gone');
    expect(batchError(['a'], { outcomes: [{ state: 'failed', error: own }], cancelled: false }, words)).toBe(own);
  });

  it('all failed on credentials: exit 4 with the first message, hints and status', () => {
    const run: BatchRun<string> = { outcomes: [failed(new AuthError('denied', ['h1'], 403)), failed(new AuthError('other', [], 401))], cancelled: false };
    const e = batchError(['a', 'b'], run, words) as AuthError;
    expect(e).toBeInstanceOf(AuthError);
    expect(e.message).toBe('all 2 creates failed: denied');
    expect(e.hints).toEqual(['h1']);
    expect(e.status).toBe(403);
  });

  it('all failed, not all on credentials: exit 1', () => {
    const e = batchError(['a', 'b'], { outcomes: [failed(new AuthError('denied')), failed(new ApiError('x'))], cancelled: false }, words);
    expect(e).toBeInstanceOf(ApiError);
    expect(e).not.toBeInstanceOf(AuthError);
    expect(e?.message).toBe('all 2 creates failed');
  });

  it('cancelled: what was done, failed, maybe applied and not done', () => {
    const run: BatchRun<string> = {
      outcomes: [done(), failed(new ApiError('x')), { state: 'uncertain', error: new MaybeApplied('m') }, failed(new MaybeApplied('sent, unanswered')), undefined, done()],
      cancelled: true,
    };
    const e = batchError(['a', 'b', 'c', 'd', 'e', 'f'], run, words) as Cancelled;
    expect(e).toBeInstanceOf(Cancelled);
    expect(e.inFlight).toBe(true);
    expect(e.message).toBe(
      'cancelled: 2 created (L-a, L-f); failed: L-b; may have been applied: L-c (check with `vpcsvc get n-c`), L-d (check with `vpcsvc get n-d`); not created: L-e',
    );
  });

  it('cancelled before anything finished: nothing done, nothing in flight', () => {
    const e = batchError(['a', 'b'], { outcomes: [undefined, undefined], cancelled: true }, words) as Cancelled;
    expect(e.message).toBe('cancelled: 0 created; not created: L-a, L-b');
    expect(e.inFlight).toBe(false);
  });

  it('cancelled after everything finished: not done is none', () => {
    const e = batchError(['a'], { outcomes: [done()], cancelled: true }, words) as Cancelled;
    expect(e.message).toBe('cancelled: 1 created (L-a); not created: none');
    expect(e.inFlight).toBe(false);
  });
});
