import type { CheckCounts, CheckResult } from '../service/doctor-checks';
import { escapeControl, stringifyJson } from './escape';
import type { Output } from './stdout';

/**
 * How `doctor` prints its results: on stdout, one line per check grouped under its subject with a
 * mark, the hint under anything that is not ok, and a last line of counts; or `--json` (one array,
 * written as results come) or `--ndjson` (one object per line). Results arrive grouped.
 */
export interface DoctorSink {
  add(r: CheckResult): Promise<void>;
  end(counts: CheckCounts): Promise<void>;
}

export function doctorSink(out: Output, mode: 'text' | 'json' | 'ndjson'): DoctorSink {
  const write = async (text: string) => {
    if (!out.raw(text)) await out.drain();
  };
  if (mode === 'json') {
    const array = out.jsonArray();
    return { add: (r) => array.items([r]), end: () => array.end() };
  }
  if (mode === 'ndjson') return { add: (r) => write(`${stringifyJson(r)}\n`), end: async () => {} };
  const t = out.theme;
  const MARKS = { ok: t.green('✓'), warn: t.yellow('!'), fail: t.red('✗'), skipped: t.dim('-') };
  let subject: string | undefined;
  return {
    add: async (r) => {
      let text = '';
      if (r.subject !== subject) {
        text += `${subject === undefined ? '' : '\n'}${t.bold(escapeControl(r.subject))}\n`;
        subject = r.subject;
      }
      text += `  ${MARKS[r.status]} ${escapeControl(r.message)}\n`;
      if (r.hint !== null && r.status !== 'ok') text += `      ${t.dim('→')} ${escapeControl(r.hint)}\n`;
      await write(text);
    },
    end: async (c) =>
      write(`${subject === undefined ? '' : '\n'}${c.ok} ok, ${c.warn} warning${c.warn === 1 ? '' : 's'}, ${c.fail} failed, ${c.skipped} skipped\n`),
  };
}
