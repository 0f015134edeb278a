import { describe, expect, it } from 'vitest';
import { ApiError, alongWith, refuseAll, UsageError } from '../../src/errors';
import { ProbeStop } from '../../src/context';

describe('alongWith', () => {
  it('more lines after a usage error\'s own, its hints kept, a line said twice once', () => {
    const e = alongWith(new UsageError('a', ['a', 'b'], ['h']), ['b', 'c']) as UsageError;
    expect([e, e.message, e.problems, e.hints]).toEqual([expect.any(UsageError), 'a', ['a', 'b', 'c'], ['h']]);
    expect((alongWith(new UsageError('only'), ['x']) as UsageError).problems).toEqual(['only', 'x']);
  });

  it('nothing more, or not a usage error: the very same error back', () => {
    const usage = new UsageError('a');
    expect(alongWith(usage, [])).toBe(usage);
    const api = new ApiError('down');
    expect(alongWith(api, ['x'])).toBe(api);
    expect(alongWith('text', ['x'])).toBe('text');
  });
});

describe('refuseAll', () => {
  it('nothing to say: nothing thrown; else one usage error with every line', () => {
    expect(() => refuseAll([])).not.toThrow();
    let caught: unknown;
    try {
      refuseAll(['x', 'y']);
    } catch (e) {
      caught = e;
    }
    expect([caught, (caught as UsageError).message, (caught as UsageError).problems]).toEqual([expect.any(UsageError), 'x', ['x', 'y']]);
  });
});

describe('ProbeStop', () => {
  it('says what it is, if it is ever seen', () => {
    expect(new ProbeStop().message).toBe('a probe stops before anything is read, sent or asked');
  });
});
