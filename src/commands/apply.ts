import { Command, Option } from 'commander';
import type { RecordRun } from '../context';
import { addGlobalOptions, examples } from './options';
import type { ApplyOptions } from './apply.run';

export function defineApply(record: RecordRun): Command {
  const cmd = new Command('apply')
    .description('Make the account match a list of definitions, matched by name')
    .addOption(new Option('-f, --file <path>', 'the desired definitions: JSON object, array or NDJSON; - for stdin').makeOptionMandatory().helpGroup('Input:'))
    .addOption(new Option('--prune', 'also delete services that the file does not name').helpGroup('Input:'))
    .addOption(new Option('--dry-run', 'print the plan; send nothing').helpGroup('Input:'))
    .addOption(new Option('-y, --yes', 'do not ask for confirmation (required without a terminal)').helpGroup('Input:'))
    .addOption(new Option('--concurrency <n>', 'requests in flight at once (default 4)').helpGroup('Input:'))
    .addOption(new Option('--json', 'print the plan and the outcome as one JSON object').helpGroup('Output:'))
    .addOption(new Option('--ndjson', 'print one JSON line per service outcome').helpGroup('Output:'))
    .addOption(new Option('-q, --quiet', 'print only the ids of services created, updated, deleted').helpGroup('Output:'));
  addGlobalOptions(cmd);
  cmd.addHelpText(
    'after',
    examples(['vpcsvc apply -f services.json --dry-run', 'vpcsvc apply -f services.json --yes', 'vpcsvc export > services.json && vpcsvc apply -f services.json   # no-op']),
  );
  cmd.action((opts: ApplyOptions) => record(async (ctx) => (await import('./apply.run')).runApply(ctx, opts)));
  return cmd;
}
