import { UsageError } from '../errors';

/** What a command prints its results as (cli.md section 4). */
export type OutputFormat = 'table' | 'json' | 'ndjson' | 'ids';

/**
 * The one decision between the output flags: `--json`, `--ndjson` and `-q` exclude each other
 * (cli.md section 10), whatever the command, so two of them is a usage error naming both rather
 * than one silently winning.
 */
export function outputFormat(opts: { json?: boolean; ndjson?: boolean; quiet?: boolean }): OutputFormat {
  const given = ([['--json', 'json'], ['--ndjson', 'ndjson'], ['-q/--quiet', 'ids']] as const).filter(([, f]) =>
    f === 'json' ? opts.json : f === 'ndjson' ? opts.ndjson : opts.quiet,
  );
  if (given.length > 1) throw new UsageError(`${given[0]![0]} and ${given[1]![0]} cannot be combined: choose one`);
  return given[0]?.[1] ?? 'table';
}

/** Whether `--json` is among the arguments (before `--`), for errors raised before they are parsed. */
export function argvAsksJson(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).includes('--json');
}
