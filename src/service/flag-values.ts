import { flagKey, serviceFlags, setPath, type ServiceFlagKey, type ServiceFlagValues } from './fields';
import type { Problem } from './problems';
import { checkPartial, checkValues } from './schema';

/**
 * The service flags' values turned into a partial definition in the API's shape. Values stay text
 * here; the schema decides what is valid, so flags and JSON get the same messages.
 */

export type { ServiceFlagValues } from './fields';

/** `--hostname host:port`, which sets --tcp-port when the resulting type is tcp. */
export const hasPortShortcut = (flags: ServiceFlagValues): boolean => flags.hostname !== undefined && /^[^:\s]+:\d+$/.test(flags.hostname.trim());

/** The option keys of the service flags, hidden aliases included. */
export const SERVICE_FLAG_KEYS = serviceFlags().flatMap(({ flag }) => [flag.name, ...(flag.alias ? [flag.alias] : [])].map(flagKey)) as ServiceFlagKey[];

export type PartialDefinition = Record<string, unknown>;

export interface FlagConversion {
  partial: PartialDefinition;
  problems: Problem[];
}

/**
 * Flag values to a partial definition in the API's shape. Only what was given appears; the host
 * is shaped by the address flags given (a tunnel goes into `resolver_network` for a hostname and
 * into `network` for addresses).
 */
export function flagsToPartial(flags: ServiceFlagValues, positionalName?: string, o: { type?: unknown } = {}): FlagConversion {
  const problems: Problem[] = [];
  const out: PartialDefinition = {};

  if (flags.name !== undefined && positionalName !== undefined && flags.name.trim() !== positionalName.trim()) {
    problems.push({ path: ['name'], message: `the name is given twice and differently (${JSON.stringify(positionalName)} and ${JSON.stringify(flags.name)})` });
  }
  // UUIDs compare case-insensitively (cli.md section 10).
  if (flags.tunnel !== undefined && flags.tunnelId !== undefined && flags.tunnel.trim().toLowerCase() !== flags.tunnelId.trim().toLowerCase()) {
    problems.push({ path: ['host', 'network', 'tunnel_id'], message: '--tunnel and --tunnel-id are the same flag and were given different values' });
  }
  let hostname = flags.hostname;
  let tcpPort = flags.tcpPort;

  // wrangler's shortcut: `--hostname db.internal:5432` on a tcp service sets the port. The type is
  // the resulting one: --type, else the type of the service or file item the flags apply to.
  const type = flags.type ?? o.type;
  const shortcut = hostname !== undefined && typeof type === 'string' && type.trim() === 'tcp' ? /^([^:\s]+):(\d+)$/.exec(hostname.trim()) : null;
  if (shortcut) {
    const [, host, port] = shortcut as unknown as [string, string, string];
    // The port came with --hostname, so a bad one is named there, not on a --tcp-port never typed.
    const valid = Number(port) >= 1 && Number(port) <= 65535;
    if (!valid) {
      problems.push({ path: ['host', 'hostname'], message: `the port in ${JSON.stringify(hostname)} must be an integer from 1 to 65535` });
    } else if (tcpPort !== undefined && tcpPort.trim() !== port) {
      problems.push({ path: ['host', 'hostname'], message: `the port in ${JSON.stringify(hostname)} differs from --tcp-port ${tcpPort}` });
    }
    hostname = host;
    // A refused port is not passed on: the definition's check would name --tcp-port, never typed.
    if (valid) tcpPort ??= port;
  }

  // Values that are not simply the flag's own: the positional name, the shortcut's results.
  const given: Record<string, unknown> = { ...flags, name: flags.name ?? positionalName, hostname, tcpPort, tunnel: flags.tunnel ?? flags.tunnelId };
  const byName = hostname !== undefined && flags.ipv4 === undefined && flags.ipv6 === undefined;
  for (const { flag, fields } of serviceFlags()) {
    const value = given[flagKey(flag.name)];
    if (value === undefined) continue;
    // A flag that sets several paths (the tunnel) sets the one the host form needs.
    const field = fields.length > 1 ? (fields.find((f) => f.path.includes('resolver_network') === byName) ?? fields[0]!) : fields[0]!;
    setPath(out, field.path, value);
  }
  return { partial: out, problems };
}

/**
 * The flags as a partial definition with every value checked on its own and cleaned (trimmed,
 * ports as numbers), so it can be laid over JSON and validated as JSON. Whether the flags fit the
 * service they apply to is for the schema to say once the rest is known.
 */
export function flagValues(flags: ServiceFlagValues, positionalName?: string, o: { type?: unknown } = {}): FlagConversion {
  return converted(flags, positionalName, o, checkValues);
}

/**
 * As flagValues, and also every rule the flags break among themselves (`--hostname` with `--ipv4`,
 * `--tcp-port` with `--type http`): no service they are laid over can mend those, so update
 * refuses them with the values, before it reads the service.
 */
export function flagsOnTheirOwn(flags: ServiceFlagValues, o: { type?: unknown } = {}): FlagConversion {
  return converted(flags, undefined, o, checkPartial);
}

function converted(flags: ServiceFlagValues, positionalName: string | undefined, o: { type?: unknown }, check: typeof checkValues): FlagConversion {
  const { partial, problems } = flagsToPartial(flags, positionalName, o);
  // A bad port given inside --hostname is said there once: flagsToPartial does not pass it on.
  const checked = check(partial, 'text');
  return { partial: checked.value, problems: [...problems, ...checked.problems] };
}
