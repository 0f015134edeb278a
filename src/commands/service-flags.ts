import { InvalidArgumentError, Option, type Command } from 'commander';
import { serviceFlags } from '../service/fields';

/*
 * The service flags shared by `create` and `update` (cli.md section 2), generated from the field
 * table. Enumerated flags carry their values in the help rather than commander's `choices`, which
 * would stop at the first bad value: the schema reports every problem of a run at once.
 */

const collectList = (value: string, previous: string[] | undefined): string[] => [
  ...(previous ?? []),
  ...value.split(','),
];

/** A single-value flag given twice with different values is an error, never a silent last-wins. */
const once =
  (name: string) =>
  (value: string, previous: string | undefined): string => {
    if (previous !== undefined && previous.trim() !== value.trim()) {
      throw new InvalidArgumentError(`${name} is given twice with different values (${JSON.stringify(previous)} and ${JSON.stringify(value)})`);
    }
    return value;
  };

export function addServiceFlags(cmd: Command): Command {
  for (const { flag } of serviceFlags()) {
    const option = new Option(`${flag.name} ${flag.arg}`, flag.help).helpGroup(flag.group);
    cmd.addOption(flag.list ? option.argParser(collectList) : option.argParser(once(flag.name)));
    if (flag.alias) cmd.addOption(new Option(`${flag.alias} ${flag.arg}`).hideHelp().helpGroup(flag.group));
  }
  return cmd;
}
