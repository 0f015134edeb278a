import { Command, Option } from 'commander';
import type { RecordRun } from '../context';
import { addGlobalOptions, examples } from './options';
import type { ExportOptions } from './export.run';

export function defineExport(record: RecordRun): Command {
  const cmd = new Command('export')
    .description('Print services as an apply-ready JSON array (read-only fields dropped), or as Terraform')
    .argument('[id-or-name...]', 'only these services (ids or exact names); default: every service')
    .addOption(new Option('--type <type>', 'only this type: tcp or http').helpGroup('Filters:'))
    .addOption(new Option('--format <format>', 'json (the default), ndjson, or terraform (resources with import blocks)').helpGroup('Output:'))
    .addOption(new Option('--json', 'the default: one JSON array (= --format json)').helpGroup('Output:'))
    .addOption(new Option('--ndjson', 'one definition per line instead of an array (= --format ndjson)').helpGroup('Output:'))
    .addOption(new Option('-q, --quiet', 'print only the ids of the exported services').helpGroup('Output:'))
    .addOption(new Option('--account-var <name>', 'terraform: write account_id = var.<name> and declare the variable').helpGroup('Output:'))
    .addOption(new Option('--strict', 'terraform: exit 2 when a field cannot be expressed, instead of a comment and a warning').helpGroup('Output:'));
  addGlobalOptions(cmd);
  cmd.addHelpText(
    'after',
    examples(['vpcsvc export > services.json', 'vpcsvc export --type tcp --ndjson', 'vpcsvc export --type http -q', 'vpcsvc export --format terraform > vpc-services.tf', 'vpcsvc export db-main --format terraform --account-var account_id']),
  );
  cmd.action((refs: string[], opts: ExportOptions) => record(async (ctx) => (await import('./export.run')).runExport(ctx, refs, opts)));
  return cmd;
}
