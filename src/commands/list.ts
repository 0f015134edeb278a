import { Command, Option } from 'commander';
import type { RecordRun } from '../context';
import { addGlobalOptions, addOutputOptions, examples } from './options';
import type { ListOptions } from './list.run';

export function defineList(record: RecordRun): Command {
  const cmd = new Command('list')
    .alias('ls')
    .description('List services (every page), as a table, JSON, NDJSON or ids')
    .addOption(new Option('--type <type>', 'only this type: tcp or http (filtered by the API)').helpGroup('Filters:'))
    .addOption(new Option('--name-contains <text>', 'only names containing this text (case-insensitive)').helpGroup('Filters:'))
    .addOption(new Option('--limit <n>', 'stop after n services').helpGroup('Filters:'));
  addOutputOptions(cmd, { ndjson: true });
  addGlobalOptions(cmd);
  cmd.addHelpText('after', examples(['vpcsvc list', 'vpcsvc ls --type tcp --json', 'vpcsvc list --name-contains db -q | xargs vpcsvc delete --yes']));
  cmd.action((opts: ListOptions) => record(async (ctx) => (await import('./list.run')).runList(ctx, opts)));
  return cmd;
}
