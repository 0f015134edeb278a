import { Command } from 'commander';
import type { Context } from '../context';
import { addGlobalOptions, addOutputOptions, examples } from './common';

export function defineGet(ctx: Context): Command {
  const cmd = new Command('get').description('Show one service, by id or by exact name').argument('<id-or-name>', 'service id (UUID) or exact name');
  addOutputOptions(cmd);
  addGlobalOptions(cmd);
  cmd.addHelpText('after', examples(['vpcsvc get postgres-db', 'vpcsvc get 550e8400-e29b-41d4-a716-446655440000 --json']));
  cmd.action(async (ref: string, opts: { json?: boolean; quiet?: boolean }) => (await import('../core')).runGet(ctx, ref, opts));
  return cmd;
}
