import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors';
import { unreadable } from '../../../src/io/unreadable';

// "cannot be read (ENOENT)" is Node's code, not a sentence (cli.md section 10): the reason is said
// in words, the code kept after it for searching.
const sys = (code: string) => Object.assign(new Error(`${code}: simulated`), { code, syscall: 'open' });

describe('unreadable', () => {
  it.each<[string, string]>([
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
  ])('%s', (code, words) => {
    expect(unreadable('--file x.json', sys(code))).toEqual(new UsageError(`--file x.json: cannot be read: ${words} (${code})`));
  });

  it('a code it does not know is given as it is; an error without a code by its message', () => {
    expect(unreadable('--file x', sys('EWHATEVER')).message).toBe('--file x: cannot be read (EWHATEVER)');
    expect(unreadable('--file x', new Error('disk on fire')).message).toBe('--file x: cannot be read (disk on fire)');
  });
});

describe('unreadable: codes named like object members', () => {
  it.each(['toString', 'constructor', '__proto__'])('%s is a code it does not know', (code) => {
    expect(unreadable('--file x', Object.assign(new Error('x'), { code })).message).toBe(`--file x: cannot be read (${code})`);
  });
});
