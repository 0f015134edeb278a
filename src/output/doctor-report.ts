import type { CheckCounts, CheckResult } from '../service/doctor-checks';
import { escapeControl } from './escape';
import type { Output } from './stdout';

/** How `doctor` prints its results as they come, then the counts. Results arrive grouped. */
export interface DoctorSink {
  add(r: CheckResult): Promise<void>;
  end(counts: CheckCounts): Promise<void>;
}

/**
 * The text form, on stdout: one line per check grouped under its subject with a mark, the hint
 * under anything that is not ok, and a last line of counts. (JSON and NDJSON: output/results.ts.)
 */
export function doctorText(out: Output): DoctorSink {
  const write = async (text: string) => {
    if (!out.raw(text)) await out.drain();
  };
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
