import { Command, Option } from 'commander';
import type { Context } from '../context';
import { addGlobalOptions, examples } from './common';

export function defineExport(ctx: Context): Command {
  const cmd = new Command('export')
    .description('Print every service as an apply-ready JSON array (read-only fields dropped)')
    .addOption(new Option('--type <type>', 'only this type: tcp or http').helpGroup('Filters:'))
    .addOption(new Option('--ndjson', 'one definition per line instead of an array').helpGroup('Output:'));
  addGlobalOptions(cmd);
  cmd.addHelpText('after', examples(['vpcsvc export > services.json', 'vpcsvc export --type tcp --ndjson']));
  cmd.action(async (opts: { type?: string; ndjson?: boolean }) => (await import('../core')).runExport(ctx, opts));
  return cmd;
}
