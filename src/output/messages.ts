import type { TtyStream } from '../runtime';
import { CliError, UsageError, Cancelled, errorJson } from '../errors';
import type { Theme } from './theme';
import { escapeControl, stringifyJson } from './escape';

/** Everything that is not a result goes to stderr through here: errors, warnings, progress. */
export class Messages {
  constructor(
    private readonly stream: TtyStream,
    private readonly theme: Theme,
    private readonly opts: { json: () => boolean; debug: () => boolean },
  ) {}

  get isTTY(): boolean {
    return this.stream.isTTY === true;
  }

  info(line: string) {
    this.stream.write(`${escapeControl(line)}\n`);
  }

  /** Several lines at once, each escaped; for snippets and summaries meant to be copied. */
  block(text: string) {
    this.stream.write(`${text.split('\n').map(escapeControl).join('\n')}\n`);
  }

  success(line: string) {
    this.stream.write(`${this.theme.green('✓')} ${escapeControl(line)}\n`);
  }

  /**
   * One failed item of a batch. With --json or --ndjson the failure is in the results on stdout
   * and stderr holds only the closing JSON error object, so nothing is written here.
   */
  itemFailed(line: string) {
    if (!this.opts.json()) this.stream.write(`${this.theme.red('error:')} ${escapeControl(line)}\n`);
  }

  warn(line: string) {
    this.stream.write(`${this.theme.yellow('warning:')} ${escapeControl(line)}\n`);
  }

  debug(line: string) {
    if (this.opts.debug()) this.stream.write(`${this.theme.dim(`debug: ${escapeControl(line)}`)}\n`);
  }

  error(e: unknown) {
    const debug = this.opts.debug();
    if (!(e instanceof CliError)) {
      const message = e instanceof Error ? e.message : String(e);
      if (this.opts.json()) this.json({ code: 'internal', message });
      else {
        this.stream.write(`${this.theme.red('error:')} ${escapeControl(message)}\n`);
        if (!debug) this.stream.write('  (run again with --debug for details)\n');
      }
      if (debug && e instanceof Error && e.stack) this.stream.write(`${e.stack}\n`);
      return;
    }
    if (e instanceof Cancelled && !this.opts.json()) {
      // The user asked for it: one plain line, not an error.
      this.stream.write(`${escapeControl(e.message === 'cancelled' ? 'cancelled: nothing was sent' : e.message)}\n`);
      return;
    }
    const lines = e instanceof UsageError && e.problems.length > 0 ? e.problems : [e.message];
    if (this.opts.json()) {
      this.json({ ...errorJson(e), message: lines.join('\n'), ...(lines.length > 1 && { problems: lines }), ...(e.hints.length > 0 && { hints: e.hints }) });
    } else {
      for (const line of lines) this.stream.write(`${this.theme.red('error:')} ${escapeControl(line)}\n`);
      for (const hint of e.hints) this.stream.write(`  ${escapeControl(hint)}\n`);
    }
    if (debug && e.stack) this.stream.write(`${e.stack}\n`);
  }

  private json(error: Record<string, unknown>) {
    this.stream.write(`${stringifyJson({ error })}\n`);
  }
}
