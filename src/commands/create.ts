import { Command, Option } from 'commander';
import type { RecordRun } from '../context';
import { addServiceFlags } from './service-flags';
import { addGlobalOptions, addOutputOptions, examples } from './options';
import type { CreateOptions } from './create.run';

export function defineCreate(record: RecordRun): Command {
  const cmd = new Command('create')
    .description('Create a Workers VPC service from flags, a JSON file, or the wizard')
    .argument('[name]', 'service name (same as --name)');
  addServiceFlags(cmd);
  cmd.addOption(new Option('-f, --file <path>', 'read definitions from a JSON file (object, array or NDJSON); - for stdin').helpGroup('Input:'));
  cmd.addOption(new Option('--concurrency <n>', 'parallel creates for a file of several definitions (default 4)').helpGroup('Input:'));
  cmd.addOption(new Option('-i, --interactive', 'ask for every field, with the flags as defaults').helpGroup('Input:'));
  cmd.addOption(new Option('--dry-run', 'print the request instead of sending it (needs no credentials)').helpGroup('Input:'));
  cmd.addOption(new Option('--binding <NAME>', 'binding name for the wrangler snippet (default: the name in SCREAMING_SNAKE_CASE)').helpGroup('Worker binding:'));
  cmd.addOption(new Option('--wrangler-config <path>', 'add the vpc_services entry to this wrangler.jsonc / wrangler.json').helpGroup('Worker binding:'));
  cmd.addOption(new Option('--no-check', 'skip the tunnel health check before creating').helpGroup('Worker binding:'));
  addOutputOptions(cmd, { ndjson: true });
  addGlobalOptions(cmd);
  cmd.addHelpText(
    'after',
    examples([
      'vpcsvc create web --type http --hostname api.internal --tunnel <uuid> --https-port 443',
      'vpcsvc create db --type tcp --ipv4 10.0.0.5 --tunnel <uuid> --tcp-port 5432 --app-protocol postgresql',
      'vpcsvc create db --type tcp --hostname db.internal:5432 --tunnel <uuid> --dry-run',
    ]),
  );
  cmd.action((name: string | undefined, opts: CreateOptions) => record(async (ctx) => (await import('./create.run')).runCreate(ctx, name, opts)));
  return cmd;
}
