import { Option, type Command } from 'commander';
import type { Problem } from './problems';
import { checkValues } from './schema';

/*
 * Enumerated flags carry their values in the description rather than commander's `choices`, which
 * would stop at the first bad value: the schema reports every problem of a run at once.
 */

/**
 * The service flags shared by `create` and `update` (cli.md section 2), and the conversion of
 * their values into a partial definition in the API's shape. Values stay text here; the schema
 * decides what is valid, so flags and JSON get the same messages.
 */

export interface ServiceFlagValues {
  name?: string;
  type?: string;
  ipv4?: string;
  ipv6?: string;
  hostname?: string;
  resolverIps?: string[];
  tunnel?: string;
  tunnelId?: string;
  tcpPort?: string;
  appProtocol?: string;
  httpPort?: string;
  httpsPort?: string;
  certVerificationMode?: string;
  certificateAuthority?: string;
  clientCertificate?: string;
}

const collectList = (value: string, previous: string[] | undefined): string[] => [
  ...(previous ?? []),
  ...value.split(','),
];

export function addServiceFlags(cmd: Command): Command {
  const group = (heading: string, options: Option[]) => {
    for (const o of options) cmd.addOption(o.helpGroup(heading));
  };
  group('Service:', [
    new Option('--name <name>', 'service name (or give it as the first argument)'),
    new Option('--type <type>', 'service type: tcp or http'),
  ]);
  group('Host (one form: --ipv4, --ipv6, both, or --hostname):', [
    new Option('--ipv4 <addr>', 'IPv4 address of the host, e.g. 10.0.0.1'),
    new Option('--ipv6 <addr>', 'IPv6 address of the host; with --ipv4 = dual stack'),
    new Option('--hostname <host>', 'hostname resolved inside the private network (tcp: host:port sets --tcp-port)'),
    new Option('--resolver-ips <ip,...>', 'DNS resolvers for --hostname (comma list or repeat the flag)').argParser(collectList),
    new Option('--tunnel <uuid>', 'UUID of the Cloudflare Tunnel that reaches the host'),
    new Option('--tunnel-id <uuid>').hideHelp(),
  ]);
  group('Ports and protocol:', [
    new Option('--tcp-port <n>', 'tcp: port of the host (required for tcp)'),
    new Option('--app-protocol <protocol>', 'tcp: application protocol: postgresql or mysql'),
    new Option('--http-port <n>', 'http: plain HTTP port'),
    new Option('--https-port <n>', 'http: HTTPS port'),
  ]);
  group('TLS to the host:', [
    new Option('--cert-verification-mode <mode>', 'certificate check: verify_full (the default), verify_ca or disabled'),
    new Option('--certificate-authority <uuid>', 'CA certificate id (not with disabled)'),
    new Option('--client-certificate <uuid>', 'mTLS client certificate id'),
  ]);
  return cmd;
}

/** `--hostname host:port`, which sets --tcp-port when the resulting type is tcp. */
export const hasPortShortcut = (flags: ServiceFlagValues): boolean => flags.hostname !== undefined && /^[^:\s]+:\d+$/.test(flags.hostname.trim());

/** The flags above that name a field of the definition, by their option key. */
export const SERVICE_FLAG_KEYS = [
  'name', 'type', 'ipv4', 'ipv6', 'hostname', 'resolverIps', 'tunnel', 'tunnelId', 'tcpPort', 'appProtocol',
  'httpPort', 'httpsPort', 'certVerificationMode', 'certificateAuthority', 'clientCertificate',
] as const;

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
  const name = flags.name ?? positionalName;
  if (name !== undefined) out.name = name;
  if (flags.type !== undefined) out.type = flags.type;

  if (flags.tunnel !== undefined && flags.tunnelId !== undefined && flags.tunnel.trim() !== flags.tunnelId.trim()) {
    problems.push({ path: ['host', 'network', 'tunnel_id'], message: '--tunnel and --tunnel-id are the same flag and were given different values' });
  }
  const tunnel = flags.tunnel ?? flags.tunnelId;
  let hostname = flags.hostname;
  let tcpPort = flags.tcpPort;

  // wrangler's shortcut: `--hostname db.internal:5432` on a tcp service sets the port. The type is
  // the resulting one: --type, else the type of the service or file item the flags apply to.
  const type = flags.type ?? o.type;
  const shortcut = hostname !== undefined && typeof type === 'string' && type.trim() === 'tcp' ? /^([^:\s]+):(\d+)$/.exec(hostname.trim()) : null;
  if (shortcut) {
    const [, host, port] = shortcut as unknown as [string, string, string];
    if (tcpPort !== undefined && tcpPort.trim() !== port) {
      problems.push({ path: ['host', 'hostname'], message: `the port in ${JSON.stringify(hostname)} differs from --tcp-port ${tcpPort}` });
    }
    hostname = host;
    tcpPort ??= port;
  }

  const host: PartialDefinition = {};
  if (flags.ipv4 !== undefined) host.ipv4 = flags.ipv4;
  if (flags.ipv6 !== undefined) host.ipv6 = flags.ipv6;
  if (hostname !== undefined) host.hostname = hostname;
  const byName = hostname !== undefined && flags.ipv4 === undefined && flags.ipv6 === undefined;
  if (byName || flags.resolverIps !== undefined) {
    const rn: PartialDefinition = {};
    if (byName && tunnel !== undefined) rn.tunnel_id = tunnel;
    if (flags.resolverIps !== undefined) rn.resolver_ips = flags.resolverIps;
    if (Object.keys(rn).length > 0) host.resolver_network = rn;
  }
  if (!byName && tunnel !== undefined) host.network = { tunnel_id: tunnel };
  if (Object.keys(host).length > 0) out.host = host;

  if (tcpPort !== undefined) out.tcp_port = tcpPort;
  if (flags.appProtocol !== undefined) out.app_protocol = flags.appProtocol;
  if (flags.httpPort !== undefined) out.http_port = flags.httpPort;
  if (flags.httpsPort !== undefined) out.https_port = flags.httpsPort;

  const tls: PartialDefinition = {};
  if (flags.certVerificationMode !== undefined) tls.cert_verification_mode = flags.certVerificationMode;
  if (flags.certificateAuthority !== undefined) tls.certificate_authority = flags.certificateAuthority;
  if (flags.clientCertificate !== undefined) tls.client_certificate = flags.clientCertificate;
  if (Object.keys(tls).length > 0) out.tls_settings = tls;

  return { partial: out, problems };
}

/**
 * The flags as a partial definition with every value checked on its own and cleaned (trimmed,
 * ports as numbers), so it can be laid over JSON and validated as JSON. Whether the flags fit the
 * service they apply to is for the schema to say once the rest is known.
 */
export function flagValues(flags: ServiceFlagValues, positionalName?: string, o: { type?: unknown } = {}): FlagConversion {
  const { partial, problems } = flagsToPartial(flags, positionalName, o);
  const checked = checkValues(partial, 'text');
  return { partial: checked.value, problems: [...problems, ...checked.problems] };
}
