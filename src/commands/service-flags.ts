import { Option, type Command } from 'commander';
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

/**
 * A single-value flag given twice with different values is an error, never a silent last-wins.
 * It is not thrown here (the parser would stop at it and hide every other problem): it is kept
 * under `repeated`, which the command reports with the rest. UUIDs compare case-insensitively
 * (cli.md section 10).
 */
const once =
  (cmd: Command, name: string, uuid: boolean) =>
  (value: string, previous: string | undefined): string => {
    if (previous === undefined) return value;
    // Stryker disable next-line MethodExpression: equivalent; upper or lower, both sides alike
    const same = (a: string) => (uuid ? a.trim().toLowerCase() : a.trim());
    if (same(previous) === same(value)) return value;
    const said = (cmd.getOptionValue('repeated') as string[] | undefined) ?? [];
    cmd.setOptionValue('repeated', [...said, `${name}: given twice with different values (${JSON.stringify(previous)} and ${JSON.stringify(value)})`]);
    return previous;
  };

export function addServiceFlags(cmd: Command): Command {
  for (const { flag } of serviceFlags()) {
    const option = new Option(`${flag.name} ${flag.arg}`, flag.help).helpGroup(flag.group);
    const uuid = flag.arg === '<uuid>';
    cmd.addOption(flag.list ? option.argParser(collectList) : option.argParser(once(cmd, flag.name, uuid)));
    if (flag.alias) cmd.addOption(new Option(`${flag.alias} ${flag.arg}`).argParser(once(cmd, flag.alias, uuid)).hideHelp().helpGroup(flag.group));
  }
  return cmd;
}
