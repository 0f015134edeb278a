import { Command } from 'commander';
import type { RecordRun } from '../context';
import { examples } from './options';

export function defineSchema(record: RecordRun): Command {
  const cmd = new Command('schema').description('Print the JSON Schema (draft 2020-12) of a definitions file, for editors');
  cmd.addHelpText(
    'after',
    examples(['vpcsvc schema > vpcsvc.schema.json', 'vpcsvc create -f db.json     # db.json may start with "$schema": "./vpcsvc.schema.json"']),
  );
  // zod's JSON Schema conversion loads for this command only.
  cmd.action(() => record(async (ctx) => (await import('./schema.run')).runSchema(ctx)));
  return cmd;
}
