import { Command, Option } from 'commander';
import type { RecordRun } from '../context';
import { addGlobalOptions, addOutputOptions, examples } from './options';
import type { DeleteOptions } from './delete.run';

export function defineDelete(record: RecordRun): Command {
  const cmd = new Command('delete')
    .alias('rm')
    .description('Delete services, by id or by exact name')
    .argument('<id-or-name...>', 'service ids (UUIDs) or exact names')
    .addOption(new Option('-y, --yes', 'do not ask for confirmation (required without a terminal)').helpGroup('Input:'))
    .addOption(new Option('--if-exists', 'a service that does not exist is not an error').helpGroup('Input:'))
    .addOption(new Option('--dry-run', 'print the requests; send nothing').helpGroup('Input:'))
    .addOption(new Option('--concurrency <n>', 'deletes in flight at once (default 4)').helpGroup('Input:'));
  addOutputOptions(cmd, { ndjson: true });
  addGlobalOptions(cmd);
  cmd.addHelpText('after', examples(['vpcsvc delete web-server', 'vpcsvc rm old-db 550e8400-e29b-41d4-a716-446655440000 --yes', 'vpcsvc delete maybe-gone --if-exists --yes --json']));
  cmd.action((refs: string[], opts: DeleteOptions) => record(async (ctx) => (await import('./delete.run')).runDelete(ctx, refs, opts)));
  return cmd;
}
