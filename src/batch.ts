import { ApiError, AuthError, Cancelled, CliError, MaybeApplied, PartialFailure } from './errors';

/**
 * One runner for every batch (create -f, delete, apply), so their outcomes, Ctrl-C reports and
 * exit codes cannot drift apart (cli.md sections 8 and 10).
 */

export type ItemOutcome<R> =
  | { state: 'done'; value: R }
  /** Failed; a MaybeApplied error when it was sent, not answered, and could not be checked. */
  | { state: 'failed'; error: CliError }
  /** In flight when the batch was stopped: it may have been applied. */
  | { state: 'uncertain'; error: MaybeApplied };

export interface BatchRun<R> {
  /** One per item, in input order; undefined for an item never sent (or sent and surely not applied). */
  outcomes: (ItemOutcome<R> | undefined)[];
  cancelled: boolean;
}

export interface BatchOptions<T, R> {
  concurrency: number;
  signal: AbortSignal;
  /** The name `vpcsvc get` checks an item by. */
  name: (item: T) => string;
  /** Called as each item settles, uncertain ones included, so results stream as they come. */
  onSettled?: (outcome: NoInfer<ItemOutcome<R>>, index: number) => void;
}

/**
 * Runs `work` over `items` with at most `concurrency` in flight. Rate-limit pauses are shared
 * through the HTTP client, so the whole batch slows down together. Once stopped (Ctrl-C), no new
 * item starts, and the runner waits for the items in flight to settle before it returns, so the
 * report covers every item.
 */
export async function runBatch<T, R>(items: T[], o: BatchOptions<T, R>, work: (item: T, index: number) => Promise<R>): Promise<BatchRun<R>> {
  const outcomes: (ItemOutcome<R> | undefined)[] = new Array(items.length).fill(undefined);
  let cancelled = false;
  let bug: unknown;
  let next = 0;
  const settle = (i: number, outcome: ItemOutcome<R>) => {
    outcomes[i] = outcome;
    o.onSettled?.(outcome, i);
  };
  const worker = async () => {
    while (next < items.length && !cancelled && !o.signal.aborted && bug === undefined) {
      const i = next++;
      const item = items[i] as T;
      try {
        settle(i, { state: 'done', value: await work(item, i) });
      } catch (e) {
        if (e instanceof Cancelled) {
          cancelled = true;
          if (e.inFlight) settle(i, { state: 'uncertain', error: new MaybeApplied(`may have been applied: cancelled while in flight; check with \`vpcsvc get ${o.name(item)}\``) });
        } else if (e instanceof CliError) {
          settle(i, { state: 'failed', error: e });
        } else {
          bug ??= e;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(o.concurrency, items.length) }, worker));
  if (bug !== undefined) throw bug;
  return { outcomes, cancelled: cancelled || o.signal.aborted };
}

export interface BatchWords<T> {
  /** What one item is: `create`, `delete`, `change`. */
  noun: string;
  /** What a successful item was: `created`, `deleted`, `done`. */
  past: string;
  /** How an item is named in the summary. */
  label: (item: T) => string;
  name: (item: T) => string;
}

/**
 * The error a batch ends with; undefined when every item succeeded. Exit 3 only when some items
 * succeeded and some failed; when all failed, the code one item would give: 4 when every failure
 * was credentials or permission, otherwise 1 (with one item, its own error).
 */
export function batchError<T, R>(items: T[], run: BatchRun<R>, w: BatchWords<T>): CliError | undefined {
  const pick = (state: ItemOutcome<R>['state']) => items.filter((_, i) => run.outcomes[i]?.state === state);
  if (run.cancelled) {
    const list = (xs: T[]) => xs.map(w.label).join(', ');
    const done = pick('done');
    // A failure that may have been applied is reported with the in-flight ones.
    const maybe = (i: number) => {
      const x = run.outcomes[i];
      // Stryker disable next-line ConditionalExpression,StringLiteral: equivalent; a done outcome has no error, so instanceof is false anyway (the check narrows the type)
      return x !== undefined && x.state !== 'done' && x.error instanceof MaybeApplied;
    };
    const failed = items.filter((_, i) => run.outcomes[i]?.state === 'failed' && !maybe(i));
    const uncertain = items.filter((_, i) => maybe(i));
    const notSent = items.filter((_, i) => run.outcomes[i] === undefined);
    const parts = [`${done.length} ${w.past}${done.length ? ` (${list(done)})` : ''}`];
    if (failed.length) parts.push(`failed: ${list(failed)}`);
    if (uncertain.length) parts.push(`may have been applied: ${uncertain.map((x) => `${w.label(x)} (check with \`vpcsvc get ${w.name(x)}\`)`).join(', ')}`);
    parts.push(`not ${w.past}: ${list(notSent) || 'none'}`);
    return new Cancelled(`cancelled: ${parts.join('; ')}`, { inFlight: uncertain.length > 0 });
  }
  const errors = run.outcomes.flatMap((x) => (x && x.state !== 'done' ? [x.error] : []));
  if (errors.length === 0) return undefined;
  if (errors.length < items.length) {
    return new PartialFailure(`${errors.length} of ${items.length} ${w.noun}s failed; ${items.length - errors.length} ${w.past}`);
  }
  const [first] = errors as [CliError];
  if (items.length === 1) return first;
  if (errors.every((e) => e instanceof AuthError)) {
    return new AuthError(`all ${items.length} ${w.noun}s failed: ${first.message}`, first.hints, first.status);
  }
  return new ApiError(`all ${items.length} ${w.noun}s failed`);
}
