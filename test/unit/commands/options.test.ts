import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { addGlobalOptions, addOutputOptions, examples, parseConcurrency, parseGlobalOptions } from '../../../src/commands/options';
import { UsageError } from '../../../src/errors';

const limitsOf = (raw: Parameters<typeof parseGlobalOptions>[0]) => parseGlobalOptions(raw).limits;
const timeoutError = (got: string) => new UsageError(`--timeout: must be a number of seconds from 0.1 to 3600 (got ${JSON.stringify(got)})`);
const retriesError = (got: string) => new UsageError(`--retries: must be an integer from 0 to 10 (got ${JSON.stringify(got)})`);

describe('parseGlobalOptions', () => {
  it('defaults: 30 s, 4 retries not given, input allowed, no debug', () => {
    expect(parseGlobalOptions({})).toEqual({ account: undefined, profile: undefined, debug: false, input: true, limits: { timeoutMs: 30_000, maxRetries: 4, retriesGiven: false } });
  });

  it('passes account and profile through, and reads the switches', () => {
    expect(parseGlobalOptions({ account: 'a', profile: 'p', debug: true, input: false })).toEqual({
      account: 'a',
      profile: 'p',
      debug: true,
      input: false,
      limits: { timeoutMs: 30_000, maxRetries: 4, retriesGiven: false },
    });
  });

  it.each([
    ['0.1', 100],
    ['3600', 3_600_000],
    [' 5 ', 5000],
    ['2.5', 2500],
    ['1.0004', 1000],
  ])('--timeout %j is %d ms', (raw, ms) => {
    expect(limitsOf({ timeout: raw })).toEqual({ timeoutMs: ms, maxRetries: 4, retriesGiven: false });
  });

  it.each(['0', '0.0', '0.05', '3600.5', '3601', '-1', '1.', '.5', 'x5', '5x', '', '1e3', '5 s'])('--timeout %j is refused, held for the first request', (raw) => {
    expect(limitsOf({ timeout: raw })).toEqual(timeoutError(raw));
  });

  it.each([
    ['0', 0],
    ['10', 10],
    [' 3 ', 3],
  ])('--retries %j is %d, given', (raw, n) => {
    expect(limitsOf({ retries: raw })).toEqual({ timeoutMs: 30_000, maxRetries: n, retriesGiven: true });
  });

  it.each(['11', '-1', '1.5', 'x1', '1x', ''])('--retries %j is refused', (raw) => {
    expect(limitsOf({ retries: raw })).toEqual(retriesError(raw));
  });

  it('a bad --timeout is reported before a bad --retries', () => {
    expect(limitsOf({ timeout: 'no', retries: 'no' })).toEqual(timeoutError('no'));
  });
});

describe('parseConcurrency', () => {
  it.each([
    [undefined, 4],
    ['1', 1],
    ['32', 32],
    [' 8 ', 8],
  ])('%j is %d', (raw, n) => {
    expect(parseConcurrency(raw)).toBe(n);
  });

  it.each(['0', '33', '-1', '2.5', 'x2', '2x', ''])('%j is refused', (raw) => {
    expect(() => parseConcurrency(raw)).toThrow(new UsageError(`--concurrency: must be an integer from 1 to 32 (got ${JSON.stringify(raw)})`));
  });
});

describe('option definitions', () => {
  it('examples are indented under a heading, with a blank line before and a newline after', () => {
    expect(examples(['a', 'b'])).toBe('\nExamples:\n  a\n  b\n');
  });

  it('global options come last in their own group; output options optionally include --ndjson', () => {
    const cmd = addOutputOptions(addGlobalOptions(new Command('x')), { ndjson: true });
    expect(cmd.options.map((o) => [o.flags, o.helpGroupHeading])).toEqual([
      ['--account <id>', 'Global options:'],
      ['--profile <name>', 'Global options:'],
      ['--timeout <seconds>', 'Global options:'],
      ['--retries <n>', 'Global options:'],
      ['--no-input', 'Global options:'],
      ['--no-color', 'Global options:'],
      ['--debug', 'Global options:'],
      ['--json', 'Output:'],
      ['--ndjson', 'Output:'],
      ['-q, --quiet', 'Output:'],
    ]);
    expect(addOutputOptions(new Command('y')).options.map((o) => o.flags)).toEqual(['--json', '-q, --quiet']);
  });
});
