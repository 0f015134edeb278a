import { Command, Option } from 'commander';
import type { RecordRun } from '../context';
import { addServiceFlags } from './service-flags';
import { addGlobalOptions, addOutputOptions, examples } from './options';
import type { UpdateOptions } from './update.run';

export function defineUpdate(record: RecordRun): Command {
  const cmd = new Command('update')
    .description('Change a service: read it, merge the flags over it, write the whole definition back')
    .argument('<id-or-name>', 'service id (UUID) or exact name');
  addServiceFlags(cmd);
  cmd.addOption(new Option('-f, --file <path>', 'replace the whole definition with this JSON (- for stdin); flags override it').helpGroup('Input:'));
  cmd.addOption(new Option('--dry-run', 'print the field-by-field difference and the request; send nothing').helpGroup('Input:'));
  addOutputOptions(cmd);
  addGlobalOptions(cmd);
  cmd.addHelpText(
    'after',
    `
Fields no flag names are kept (the API replaces the whole service, so the tool sends them back).
Changing --type drops the other type's ports; --hostname on an address host (or an address on a
hostname host) switches the host form and keeps the tunnel.
${examples([
  'vpcsvc update web-server --https-port 8443',
  'vpcsvc update postgres-db --ipv4 10.0.0.7 --dry-run',
  'vpcsvc get web-server --json | jq ".http_port = 8080" | vpcsvc update web-server -f -',
])}`,
  );
  cmd.action((ref: string, opts: UpdateOptions) => record(async (ctx) => (await import('./update.run')).runUpdate(ctx, ref, opts)));
  return cmd;
}
