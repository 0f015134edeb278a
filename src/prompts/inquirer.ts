import { confirm, input, password, select } from '@inquirer/prompts';
import { Cancelled } from '../errors';
import type { Choice, Prompter } from './prompter';

/**
 * The Prompter on @inquirer/prompts, drawn on stderr so stdout stays pure data. Loaded only when a
 * prompt is really shown. Esc cancels like Ctrl-C.
 */
export class InquirerPrompter implements Prompter {
  constructor(
    private readonly stdin: NodeJS.ReadableStream,
    private readonly stderr: NodeJS.WritableStream,
    private readonly signal: AbortSignal,
  ) {}

  private async ask<T>(run: (context: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream; signal: AbortSignal; clearPromptOnDone: boolean }) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    const onAbort = () => controller.abort();
    this.signal.addEventListener('abort', onAbort);
    const onKey = (data: Buffer | string) => {
      // A lone ESC byte is the Esc key; longer sequences starting with ESC are arrows and the like.
      if (data.toString() === '\u001b') controller.abort();
    };
    this.stdin.on('data', onKey);
    try {
      return await run({ input: this.stdin, output: this.stderr, signal: controller.signal, clearPromptOnDone: false });
    } catch (e) {
      const name = e instanceof Error ? e.name : '';
      if (name === 'ExitPromptError' || name === 'AbortPromptError' || name === 'CancelPromptError' || controller.signal.aborted) {
        throw new Cancelled('cancelled');
      }
      throw e;
    } finally {
      this.stdin.off('data', onKey);
      this.signal.removeEventListener('abort', onAbort);
    }
  }

  input(q: { message: string; default?: string; validate?: (value: string) => true | string }): Promise<string> {
    return this.ask((ctx) => input({ message: q.message, default: q.default, validate: q.validate }, ctx));
  }

  select<T extends string>(q: { message: string; choices: Choice<T>[]; default?: T }): Promise<T> {
    return this.ask((ctx) => select<T>({ message: q.message, choices: q.choices, default: q.default, pageSize: 12 }, ctx));
  }

  confirm(q: { message: string; default?: boolean }): Promise<boolean> {
    return this.ask((ctx) => confirm({ message: q.message, default: q.default }, ctx));
  }

  password(q: { message: string; validate?: (value: string) => true | string }): Promise<string> {
    return this.ask((ctx) => password({ message: q.message, mask: '*', validate: q.validate }, ctx));
  }
}
