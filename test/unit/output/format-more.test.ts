import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors';
import { argvAsksJson, outputFormat } from '../../../src/output/format';

describe('outputFormat, each flag alone and every pair', () => {
  it.each<[Record<string, boolean | undefined>, string]>([
    [{ ndjson: true, json: false, quiet: false }, 'ndjson'],
    [{ quiet: true, json: false, ndjson: false }, 'ids'],
    [{ json: undefined, ndjson: undefined, quiet: true }, 'ids'],
  ])('%j -> %s', (opts, format) => {
    expect(outputFormat(opts)).toBe(format);
  });

  it('two flags: a UsageError (exit 2) with no problems list, naming the flags in help order', () => {
    let caught: unknown;
    try {
      outputFormat({ quiet: true, ndjson: true });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(UsageError);
    expect((caught as UsageError).message).toBe('--ndjson and -q/--quiet cannot be combined: choose one');
    expect((caught as UsageError).problems).toEqual([]);
  });
});

describe('argvAsksJson', () => {
  it.each<[string[], boolean]>([
    [['--json'], true],
    [['--', '--json'], false],
    [['--json', '--'], true],
    [['list', '--ndjson'], false],
    [['list', '--', 'x', '--json'], false],
  ])('%j -> %s', (argv, want) => {
    expect(argvAsksJson(argv)).toBe(want);
  });
});
