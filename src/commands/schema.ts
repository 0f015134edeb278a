import { Command } from 'commander';
import type { Context } from '../context';
import { examples } from './common';

export function defineSchema(ctx: Context): Command {
  const cmd = new Command('schema').description('Print the JSON Schema (draft 2020-12) of a definitions file, for editors');
  cmd.addHelpText(
    'after',
    examples(['vpcsvc schema > vpcsvc.schema.json', 'vpcsvc create -f db.json     # db.json may start with "$schema": "./vpcsvc.schema.json"']),
  );
  // Its own lazy import, not core: zod's JSON Schema conversion loads for this command only.
  cmd.action(async () => (await import('./schema.run')).runSchema(ctx));
  return cmd;
}
