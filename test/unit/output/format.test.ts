import { describe, expect, it } from 'vitest';
import { argvAsksJson, outputFormat } from '../../../src/output/format';

describe('the output format, decided once', () => {
  it.each<[Record<string, boolean>, string]>([
    [{}, 'table'],
    [{ json: true }, 'json'],
    [{ ndjson: true }, 'ndjson'],
    [{ quiet: true }, 'ids'],
    [{ json: false, ndjson: false, quiet: false }, 'table'],
    [{ json: true, quiet: false }, 'json'],
  ])('%j -> %s', (opts, format) => {
    expect(outputFormat(opts)).toBe(format);
  });

  it.each<[Record<string, boolean>, string]>([
    [{ json: true, ndjson: true }, '--json and --ndjson cannot be combined: choose one'],
    [{ json: true, quiet: true }, '--json and -q/--quiet cannot be combined: choose one'],
    [{ ndjson: true, quiet: true }, '--ndjson and -q/--quiet cannot be combined: choose one'],
    [{ json: true, ndjson: true, quiet: true }, '--json and --ndjson cannot be combined: choose one'],
  ])('%j is a usage error naming both', (opts, message) => {
    expect(() => outputFormat(opts)).toThrow(expect.objectContaining({ exitCode: 2, message }));
  });

  it.each<[string[], boolean]>([
    [['list', '--json'], true],
    [['list', '--jsonx'], false],
    [['get', '--', '--json'], false],
    [['--json', 'list', '--'], true],
    [[], false],
  ])('%j asks for JSON: %s', (argv, want) => {
    expect(argvAsksJson(argv)).toBe(want);
  });
});
