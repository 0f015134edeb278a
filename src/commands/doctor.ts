import { Command, Option } from 'commander';
import type { RecordRun } from '../context';
import { addGlobalOptions, examples } from './options';
import type { DoctorOptions } from './doctor.run';

export function defineDoctor(record: RecordRun): Command {
  const cmd = new Command('doctor')
    .description('Check credentials, services, their tunnels and a Worker\'s bindings; changes nothing')
    .argument('[id-or-name...]', 'services to check (default: every service of the account)')
    .addOption(new Option('--wrangler-config <path>', 'the wrangler.jsonc / wrangler.json / wrangler.toml to check (default: the one in this folder)').helpGroup('Worker bindings:'))
    .addOption(new Option('--env <name>', 'check only the bindings of env.<name>').helpGroup('Worker bindings:'))
    .addOption(new Option('--json', 'print one JSON array of {check, subject, status, message, hint}').helpGroup('Output:'))
    .addOption(new Option('--ndjson', 'print one JSON object per check and line, as checks finish').helpGroup('Output:'));
  addGlobalOptions(cmd);
  cmd.addHelpText(
    'after',
    `\nExit codes: 0 nothing failed (warnings allowed), 1 a check failed, 2 usage, 4 no usable credential.\n${examples([
      'vpcsvc doctor',
      'vpcsvc doctor orders-db --wrangler-config worker/wrangler.toml --env production',
      'vpcsvc doctor --json | jq \'.[] | select(.status == "fail")\'',
    ])}`,
  );
  cmd.action((refs: string[], opts: DoctorOptions) => record(async (ctx) => (await import('./doctor.run')).runDoctor(ctx, refs, opts)));
  return cmd;
}
