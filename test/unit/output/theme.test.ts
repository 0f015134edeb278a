import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { colorLevel, makeTheme, type ChalkCtor } from '../../../src/output/theme';

describe('colorLevel: colour on a terminal only, NO_COLOR / TERM=dumb / --no-color off, FORCE_COLOR on', () => {
  it.each<[Record<string, string | undefined>, boolean, boolean, number]>([
    [{}, true, false, 1],
    [{}, false, false, 0],
    [{}, true, true, 0],
    [{ FORCE_COLOR: '3' }, true, true, 0],
    [{ NO_COLOR: '1' }, true, false, 0],
    [{ NO_COLOR: 'anything' }, true, false, 0],
    // An empty NO_COLOR is unset (no-color.org): a terminal still gets colour.
    [{ NO_COLOR: '' }, true, false, 1],
    [{ NO_COLOR: '' }, false, false, 0],
    [{ NO_COLOR: undefined }, true, false, 1],
    [{ NO_COLOR: '1', FORCE_COLOR: '3' }, true, false, 0],
    [{ NO_COLOR: '', FORCE_COLOR: '2' }, false, false, 2],
    [{ FORCE_COLOR: '0' }, true, false, 0],
    [{ FORCE_COLOR: 'false' }, true, false, 0],
    [{ FORCE_COLOR: '1' }, false, false, 1],
    [{ FORCE_COLOR: '2' }, false, false, 2],
    [{ FORCE_COLOR: '3' }, false, false, 3],
    [{ FORCE_COLOR: '' }, false, false, 1],
    [{ FORCE_COLOR: 'true' }, false, false, 1],
    [{ FORCE_COLOR: '4' }, false, false, 1],
    // FORCE_COLOR wins over TERM=dumb; TERM=dumb wins over a terminal.
    [{ FORCE_COLOR: '1', TERM: 'dumb' }, false, false, 1],
    [{ FORCE_COLOR: '2', TERM: 'dumb' }, true, false, 2],
    [{ TERM: 'dumb' }, true, false, 0],
    [{ TERM: 'dumb' }, false, false, 0],
    [{ TERM: 'xterm-256color' }, true, false, 1],
    [{ TERM: 'xterm-256color' }, false, false, 0],
  ])('%j tty=%s --no-color=%s -> %i', (env, tty, flag, level) => {
    expect(colorLevel(env, tty, flag)).toBe(level);
  });
});

describe('makeTheme', () => {
  const styles = ['bold', 'dim', 'red', 'green', 'yellow'] as const;

  it.each(styles)('level 0: %s is the plain text, without loading chalk', (style) => {
    let built = 0;
    const Counting = class {
      constructor() {
        built++;
      }
    } as unknown as ChalkCtor;
    const t = makeTheme(0, Counting);
    expect(t[style]('text')).toBe('text');
    expect(t[style](42 as never)).toBe('42');
    expect(built).toBe(0);
  });

  it.each(styles)('no chalk given: %s is the plain text even at level 3', (style) => {
    expect(makeTheme(3)[style]('x')).toBe('x');
  });

  it.each([1, 2, 3] as const)('level %i builds a chalk of that level', (level) => {
    const levels: number[] = [];
    const Recording = class {
      constructor(o: { level: number }) {
        levels.push(o.level);
      }
    } as unknown as ChalkCtor;
    makeTheme(level, Recording);
    expect(levels).toEqual([level]);
  });

  it('a real chalk colours: bold and red at level 1', () => {
    const t = makeTheme(1, Chalk as unknown as ChalkCtor);
    expect(t.bold('b')).toBe('\u001b[1mb\u001b[22m');
    expect(t.red('r')).toBe('\u001b[31mr\u001b[39m');
  });
});
