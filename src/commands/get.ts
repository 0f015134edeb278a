import { Command } from 'commander';
import type { RecordRun } from '../context';
import { addGlobalOptions, addOutputOptions, examples } from './options';

export function defineGet(record: RecordRun): Command {
  const cmd = new Command('get').description('Show one service, by id or by exact name').argument('<id-or-name>', 'service id (UUID) or exact name');
  addOutputOptions(cmd);
  addGlobalOptions(cmd);
  cmd.addHelpText('after', examples(['vpcsvc get postgres-db', 'vpcsvc get 550e8400-e29b-41d4-a716-446655440000 --json']));
  cmd.action((ref: string) => record(async (ctx) => (await import('./get.run')).runGet(ctx, ref)));
  return cmd;
}
