import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { addGlobalOptions, addOutputOptions, environmentProblems, examples, parseConcurrency, parseGlobalOptions } from '../../../src/commands/options';
import { UsageError } from '../../../src/errors';

const limitsOf = (raw: Parameters<typeof parseGlobalOptions>[0]) => parseGlobalOptions(raw).limits;
const problemsOf = (raw: Parameters<typeof parseGlobalOptions>[0]) => parseGlobalOptions(raw).problems;
const timeoutProblem = (got: string) => `--timeout: must be a number of seconds from 0.1 to 3600 (got ${JSON.stringify(got)})`;
const retriesProblem = (got: string) => `--retries: must be an integer from 0 to 10 (got ${JSON.stringify(got)})`;
const accountProblem = (got: string) => `--account: must be 32 hexadecimal characters (got ${JSON.stringify(got)})`;
const ACCOUNT = '023e105f4ecef8ad9ca31a8372d0c353';

describe('parseGlobalOptions', () => {
  it('defaults: 30 s, 4 retries not given, input allowed, no debug, no problems', () => {
    expect(parseGlobalOptions({})).toEqual({ account: undefined, profile: undefined, debug: false, input: true, limits: { timeoutMs: 30_000, maxRetries: 4, retriesGiven: false }, problems: [] });
  });

  it('passes account and profile through, and reads the switches', () => {
    expect(parseGlobalOptions({ account: ` ${ACCOUNT.toUpperCase()} `, profile: 'p', debug: true, input: false })).toEqual({
      account: ` ${ACCOUNT.toUpperCase()} `,
      profile: 'p',
      debug: true,
      input: false,
      limits: { timeoutMs: 30_000, maxRetries: 4, retriesGiven: false },
      problems: [],
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
    expect(problemsOf({ timeout: raw })).toEqual([]);
  });

  it.each(['0', '0.0', '0.05', '3600.5', '3601', '-1', '1.', '.5', 'x5', '5x', '', '1e3', '5 s'])('--timeout %j is a problem; the limit stays the default', (raw) => {
    expect(parseGlobalOptions({ timeout: raw })).toMatchObject({ limits: { timeoutMs: 30_000 }, problems: [timeoutProblem(raw)] });
  });

  it.each([
    ['0', 0],
    ['10', 10],
    [' 3 ', 3],
  ])('--retries %j is %d, given', (raw, n) => {
    expect(limitsOf({ retries: raw })).toEqual({ timeoutMs: 30_000, maxRetries: n, retriesGiven: true });
    expect(problemsOf({ retries: raw })).toEqual([]);
  });

  it.each(['11', '-1', '1.5', 'x1', '1x', ''])('--retries %j is a problem', (raw) => {
    expect(parseGlobalOptions({ retries: raw })).toMatchObject({ limits: { maxRetries: 4 }, problems: [retriesProblem(raw)] });
  });

  it.each([['zz'], ['..'], [`${ACCOUNT}0`], [ACCOUNT.slice(1)], [`${ACCOUNT.slice(1)}g`]])('--account %j is a problem, named trimmed', (raw) => {
    expect(problemsOf({ account: ` ${raw} ` })).toEqual([accountProblem(raw)]);
  });

  it('a blank --account is none, not a problem (as everywhere else)', () => {
    expect(problemsOf({ account: '  ' })).toEqual([]);
  });

  it('every problem: --timeout, --retries, --profile, --account', () => {
    expect(problemsOf({ timeout: 'no', retries: 'no', account: 'x', profile: ' ' })).toEqual([timeoutProblem('no'), retriesProblem('no'), '--profile: must name a profile (got "")', accountProblem('x')]);
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

describe('environmentProblems', () => {
  const ACCOUNT_ID = '023e105f4ecef8ad9ca31a8372d0c353';
  it.each<[Record<string, string>, Parameters<typeof environmentProblems>[1], string[]]>([
    [{}, {}, []],
    [{ VPCSVC_PROFILE: ' prototype ', CLOUDFLARE_ACCOUNT_ID: ' x ' }, {}, ['VPCSVC_PROFILE: "prototype" is a reserved name; choose another profile name', 'CLOUDFLARE_ACCOUNT_ID: must be 32 hexadecimal characters (got "x")']],
    [{ VPCSVC_PROFILE: '__proto__', CLOUDFLARE_ACCOUNT_ID: 'x' }, { profile: 'p', account: ACCOUNT_ID }, []],
    [{ VPCSVC_PROFILE: 'ok', CLOUDFLARE_ACCOUNT_ID: ACCOUNT_ID.toUpperCase() }, {}, []],
    [{ VPCSVC_PROFILE: ' ', CLOUDFLARE_ACCOUNT_ID: ' ' }, {}, []],
    [{ CLOUDFLARE_ACCOUNT_ID: 'x' }, { account: ' ' }, ['CLOUDFLARE_ACCOUNT_ID: must be 32 hexadecimal characters (got "x")']],
  ])('%j with %j', (env, raw, problems) => {
    expect(environmentProblems(env, raw)).toEqual(problems);
  });
});
