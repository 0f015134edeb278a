import { UsageError } from '../errors';

/** The reasons a file cannot be read that users meet, in words (Node gives only the code). */
const REASONS = new Map<string, string>([
  ['ENOENT', 'there is no such file'],
  ['EACCES', 'permission denied'],
  ['EPERM', 'not permitted'],
  ['EISDIR', 'it is a folder'],
  ['ENOTDIR', 'a part of the path is not a folder'],
  ['ELOOP', 'too many symbolic links'],
  ['ENAMETOOLONG', 'the name is too long'],
  ['EMFILE', 'too many files are open'],
  ['ENFILE', 'too many files are open'],
  ['ENXIO', 'no such device'],
  ['EIO', 'an input/output error'],
]);

/** `<label>: cannot be read: <reason> (<code>)`, the usage error for a file given on the command line. */
export function unreadable(label: string, e: unknown): UsageError {
  const code = (e as NodeJS.ErrnoException).code;
  // Stryker disable next-line StringLiteral: equivalent; any text that is not a code finds nothing
  const reason = REASONS.get(code ?? '');
  return new UsageError(`${label}: cannot be read${reason ? `: ${reason}` : ''} (${code ?? (e as Error).message})`);
}
