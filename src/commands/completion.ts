import { Command } from 'commander';
import type { Context } from '../context';
import { UsageError } from '../errors';
import { examples } from './common';

export function defineCompletion(ctx: Context): Command {
  const cmd = new Command('completion')
    .description('Print a shell completion script (commands, flags and their values)')
    .argument('<shell>', 'bash, zsh or fish');
  cmd.addHelpText(
    'after',
    examples(['source <(vpcsvc completion bash)', 'vpcsvc completion zsh > "${fpath[1]}/_vpcsvc"', 'vpcsvc completion fish > ~/.config/fish/completions/vpcsvc.fish']),
  );
  cmd.action(async (shell: string) => {
    const { completionScript, SHELLS } = await import('../completion');
    if (!(SHELLS as readonly string[]).includes(shell)) throw new UsageError(`<shell>: must be bash, zsh or fish (got ${JSON.stringify(shell)})`);
    ctx.out.raw(completionScript(shell as 'bash', cmd.parent as Command));
  });
  return cmd;
}
