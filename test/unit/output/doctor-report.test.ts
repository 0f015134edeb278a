import { describe, expect, it } from 'vitest';
import { doctorText } from '../../../src/output/doctor-report';
import { Output } from '../../../src/output/stdout';
import type { Theme } from '../../../src/output/theme';
import type { TtyStream } from '../../../src/runtime';
import type { CheckResult } from '../../../src/service/doctor-checks';

/** A theme that shows each style as a tag, so the test sees which style each part gets. */
const tag = (name: string) => (s: unknown) => `<${name}>${String(s)}</${name}>`;
const THEME = { bold: tag('b'), dim: tag('d'), red: tag('r'), green: tag('g'), yellow: tag('y') } as unknown as Theme;

/** A stdout that keeps what is written; `full` makes every write ask for a drain. */
function stream(full = false) {
  const s = {
    text: '',
    writes: 0,
    drains: [] as (() => void)[],
    write(chunk: string) {
      s.text += chunk;
      s.writes++;
      return !full;
    },
    once(event: string, cb: () => void) {
      if (event === 'drain') s.drains.push(cb);
      return s;
    },
  };
  return s;
}

const r = (subject: string, status: CheckResult['status'], message: string, hint: string | null = null): CheckResult => ({ check: 'x', subject, status, message, hint });

describe('doctor text report', () => {
  it('groups lines under their subject, marks each status, shows hints only where something is to do, then the counts', async () => {
    const s = stream();
    const sink = doctorText(new Output(s as unknown as TtyStream, THEME));
    await sink.add(r('credentials', 'ok', 'found', 'ignored hint of an ok row'));
    await sink.add(r('credentials', 'fail', 'bad', 'do this'));
    await sink.add(r('tunnel t', 'warn', 'hmm', 'look'));
    await sink.add(r('tunnel t', 'skipped', 'not checked', 'why'));
    await sink.add(r('tunnel t', 'fail', 'no hint'));
    await sink.add(r('credentials', 'ok', 'again'));
    await sink.end({ ok: 2, warn: 1, fail: 2, skipped: 1 });
    expect(s.text).toBe(
      [
        '<b>credentials</b>',
        '  <g>✓</g> found',
        '  <r>✗</r> bad',
        '      <d>→</d> do this',
        '',
        '<b>tunnel t</b>',
        '  <y>!</y> hmm',
        '      <d>→</d> look',
        '  <d>-</d> not checked',
        '      <d>→</d> why',
        '  <r>✗</r> no hint',
        '',
        '<b>credentials</b>',
        '  <g>✓</g> again',
        '',
        '2 ok, 1 warning, 2 failed, 1 skipped',
        '',
      ].join('\n'),
    );
    // One write per row and one for the counts.
    expect(s.writes).toBe(7);
  });

  it.each<[number, string]>([
    [0, '0 ok, 0 warnings, 0 failed, 0 skipped\n'],
    [1, '0 ok, 1 warning, 0 failed, 0 skipped\n'],
    [2, '0 ok, 2 warnings, 0 failed, 0 skipped\n'],
  ])('no rows, %i warnings: only the counts, no blank line', async (warn, text) => {
    const s = stream();
    await doctorText(new Output(s as unknown as TtyStream, THEME)).end({ ok: 0, warn, fail: 0, skipped: 0 });
    expect(s.text).toBe(text);
  });

  it('control characters in subjects, messages and hints are escaped', async () => {
    const s = stream();
    const sink = doctorText(new Output(s as unknown as TtyStream, THEME));
    await sink.add(r('a\u001b[31mb', 'warn', 'm\u202en', 'h\nx'));
    expect(s.text).toBe('<b>a\\x1b[31mb</b>\n  <y>!</y> m\\u202en\n      <d>→</d> h\\nx\n');
  });

  it('waits for a drain when stdout is full', async () => {
    const s = stream(true);
    const sink = doctorText(new Output(s as unknown as TtyStream, THEME));
    let done = false;
    const p = sink.add(r('s', 'ok', 'm')).then(() => (done = true));
    await new Promise((res) => setImmediate(res));
    expect(done).toBe(false);
    expect(s.drains).toHaveLength(1);
    s.drains[0]!();
    await p;
    expect(done).toBe(true);
    let ended = false;
    const e = sink.end({ ok: 1, warn: 0, fail: 0, skipped: 0 }).then(() => (ended = true));
    await new Promise((res) => setImmediate(res));
    expect(ended).toBe(false);
    s.drains[1]!();
    await e;
    expect(s.text).toBe('<b>s</b>\n  <g>✓</g> m\n\n1 ok, 0 warnings, 0 failed, 0 skipped\n');
  });

  it('does not wait when stdout takes the text', async () => {
    const s = stream();
    const sink = doctorText(new Output(s as unknown as TtyStream, THEME));
    await sink.add(r('s', 'ok', 'm'));
    await sink.end({ ok: 1, warn: 0, fail: 0, skipped: 0 });
    expect(s.drains).toHaveLength(0);
  });
});
