import type { ChalkInstance } from 'chalk';

/**
 * Colour on a terminal only; never with NO_COLOR, TERM=dumb or --no-color; FORCE_COLOR forces it
 * (cli.md section 4). A chalk instance per stream, not the global one, so tests can decide.
 */
export function colorLevel(env: Record<string, string | undefined>, isTTY: boolean, noColorFlag: boolean): 0 | 1 | 2 | 3 {
  if (noColorFlag) return 0;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === '0' || force === 'false') return 0;
    if (force === '2' || force === '3') return Number(force) as 2 | 3;
    return 1;
  }
  if (env.TERM === 'dumb') return 0;
  return isTTY ? 1 : 0;
}

/** The styles the output uses. */
export type Theme = Pick<ChalkInstance, 'bold' | 'dim' | 'red' | 'green' | 'yellow'>;
export type ChalkCtor = new (options: { level: 0 | 1 | 2 | 3 }) => ChalkInstance;

const same = (s: unknown) => String(s);
const PLAIN: Theme = { bold: same, dim: same, red: same, green: same, yellow: same } as unknown as Theme;

/** No colour needs no chalk: pipes and NO_COLOR runs never load it. */
export const makeTheme = (level: 0 | 1 | 2 | 3, Chalk?: ChalkCtor): Theme => (level === 0 || !Chalk ? PLAIN : new Chalk({ level }));
