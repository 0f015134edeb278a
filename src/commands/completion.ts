import { Command } from 'commander';
import type { RecordRun } from '../context';
import { UsageError } from '../errors';
import { examples } from './options';

export function defineCompletion(record: RecordRun): Command {
  const cmd = new Command('completion')
    .description('Print a shell completion script (commands, flags and their values)')
    .argument('<shell>', 'bash, zsh or fish');
  cmd.addHelpText(
    'after',
    examples(['source <(vpcsvc completion bash)', 'vpcsvc completion zsh > "${fpath[1]}/_vpcsvc"', 'vpcsvc completion fish > ~/.config/fish/completions/vpcsvc.fish']),
  );
  cmd.action((shell: string) =>
    record(async (ctx) => {
      const { completionScript, SHELLS } = await import('../completion');
      if (!(SHELLS as readonly string[]).includes(shell)) throw new UsageError(`<shell>: must be bash, zsh or fish (got ${JSON.stringify(shell)})`);
      ctx.out.raw(completionScript(shell as 'bash', cmd.parent as Command));
    }),
  );
  return cmd;
}
