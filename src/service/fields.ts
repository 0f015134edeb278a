/**
 * THE table of a service definition's fields. Flags and their help, completion values, wizard
 * questions and choices, table rows, problem labels, known keys, type fit (merge, schema), the
 * order of problems and diffs, the API's defaults and the JSON Schema's descriptions are derived
 * from it; the rules between fields live in schema.ts. Adding an API field means one row here plus
 * its rules there.
 *
 * Rows are in the order of the definition as a user writes it (JSON keys, problems, diffs).
 */

export const SERVICE_TYPES = ['tcp', 'http'] as const;
export const APP_PROTOCOLS = ['postgresql', 'mysql'] as const;
export const CERT_MODES = ['verify_full', 'verify_ca', 'disabled'] as const;

export type ServiceType = (typeof SERVICE_TYPES)[number];
export type AppProtocol = (typeof APP_PROTOCOLS)[number];
export type CertVerificationMode = (typeof CERT_MODES)[number];

export type FlagGroup = 'Service:' | 'Host (one form: --ipv4, --ipv6, both, or --hostname):' | 'Ports and protocol:' | 'TLS to the host:';

export interface FieldFlag {
  /** `--tcp-port`; commander's option key is its camelCase (`tcpPort`). */
  name: string;
  arg: string;
  help: string;
  group: FlagGroup;
  /** A hidden second name with the same meaning (`--tunnel-id`). */
  alias?: string;
  /** Takes a comma list and may be repeated; the value is a list. */
  list?: true;
}

export interface Field {
  /** Dotted path in the API's shape. */
  path: string;
  /** What the field means, for the JSON Schema; `{path}` names another field. */
  description: string;
  /** What the value is; enums have `values`, objects have fields below them. */
  kind: 'object' | 'text' | 'enum' | 'port' | 'uuid' | 'ipv4' | 'ipv6' | 'hostname' | 'ip list' | 'read-only';
  values?: readonly string[];
  /** The flag that sets it (create and update). A flag may set several paths (`--tunnel`). */
  flag?: FieldFlag;
  /** An object's name in a problem about it when flags were given (`--ipv4/--ipv6/--hostname`). */
  flagLabel?: string;
  /** Only meaningful for this type; the other type's flags and keys are refused. */
  only?: ServiceType;
  /** The row label in a one-service table; rows with the same label show the first value set. */
  label?: string;
  /** Flags, rows and commands list it after this path rather than at its own place. */
  shownAfter?: string;
  /** Filled in by the API; accepted on input and ignored. */
  readOnly?: true;
  /** The API's value when the field is absent; comparisons fill it in, requests never do. */
  apiDefault?: string | number;
  /** The wizard's question. */
  prompt?: string;
  /** The wizard's words for each value of an enum. */
  valueHelp?: Readonly<Record<string, string>>;
  /** An optional enum's wizard choice for "not set". */
  noneChoice?: string;
}

const HOST_GROUP = 'Host (one form: --ipv4, --ipv6, both, or --hostname):';
const TUNNEL_FLAG = { name: '--tunnel', arg: '<uuid>', help: 'UUID of the Cloudflare Tunnel that reaches the host', group: HOST_GROUP, alias: '--tunnel-id' } as const;

export const FIELDS = [
  { path: 'service_id', kind: 'read-only', readOnly: true, label: 'id', description: 'Read-only, set by the API: accepted (so `get --json` output can be given back) and ignored.' },
  {
    path: 'name',
    kind: 'text',
    label: 'name',
    prompt: 'Service name:',
    description: 'Service name, unique in the account; `apply` matches services by it.',
    flag: { name: '--name', arg: '<name>', help: 'service name (or give it as the first argument)', group: 'Service:' },
  },
  {
    path: 'type',
    kind: 'enum',
    values: SERVICE_TYPES,
    label: 'type',
    prompt: 'Type:',
    valueHelp: { tcp: 'a TCP service (databases, SSH, ...)', http: 'an HTTP(S) service' },
    description: 'Service type: tcp (one port, optionally with {app_protocol}) or http ({http_port} / {https_port}).',
    flag: { name: '--type', arg: '<type>', help: 'service type: tcp or http', group: 'Service:' },
  },
  {
    path: 'host',
    kind: 'object',
    flagLabel: '--ipv4/--ipv6/--hostname',
    description: 'Where the service runs, in one form: {host.ipv4}, {host.ipv6}, both (dual stack), or {host.hostname}.',
  },
  {
    path: 'host.ipv4',
    kind: 'ipv4',
    label: 'ipv4',
    prompt: 'IPv4 address:',
    description: 'IPv4 address of the host, e.g. 10.0.0.1; with {host.ipv6} = dual stack. Needs {host.network}.',
    flag: { name: '--ipv4', arg: '<addr>', help: 'IPv4 address of the host, e.g. 10.0.0.1', group: HOST_GROUP },
  },
  {
    path: 'host.ipv6',
    kind: 'ipv6',
    label: 'ipv6',
    prompt: 'IPv6 address:',
    description: 'IPv6 address of the host, e.g. fd00::1; with {host.ipv4} = dual stack. Needs {host.network}.',
    flag: { name: '--ipv6', arg: '<addr>', help: 'IPv6 address of the host; with --ipv4 = dual stack', group: HOST_GROUP },
  },
  {
    path: 'host.hostname',
    kind: 'hostname',
    label: 'hostname',
    prompt: 'Hostname (no scheme, path or port):',
    description: 'Hostname resolved inside the private network, e.g. db.internal. Needs {host.resolver_network}.',
    flag: { name: '--hostname', arg: '<host>', help: 'hostname resolved inside the private network (tcp: host:port sets --tcp-port)', group: HOST_GROUP },
  },
  { path: 'host.network', kind: 'object', flagLabel: '--tunnel', description: 'The tunnel that reaches an IP host.' },
  {
    path: 'host.network.tunnel_id',
    kind: 'uuid',
    label: 'tunnel',
    shownAfter: 'host.resolver_network.resolver_ips',
    prompt: 'Tunnel id (UUID):',
    description: 'UUID of the Cloudflare Tunnel that reaches the host.',
    flag: TUNNEL_FLAG,
  },
  { path: 'host.resolver_network', kind: 'object', flagLabel: '--tunnel', description: 'The tunnel (and optionally the DNS resolvers) that reach a hostname.' },
  {
    path: 'host.resolver_network.tunnel_id',
    kind: 'uuid',
    label: 'tunnel',
    shownAfter: 'host.resolver_network.resolver_ips',
    description: 'UUID of the Cloudflare Tunnel that reaches the host.',
    flag: TUNNEL_FLAG,
  },
  {
    path: 'host.resolver_network.resolver_ips',
    kind: 'ip list',
    label: 'resolver ips',
    prompt: 'DNS resolver IPs, comma-separated (empty: the host\'s default resolver):',
    description: 'DNS resolvers (IPv4 or IPv6 addresses) that resolve {host.hostname}; default: the tunnel\'s own.',
    flag: { name: '--resolver-ips', arg: '<ip,...>', help: 'DNS resolvers for --hostname (comma list or repeat the flag)', group: HOST_GROUP, list: true },
  },
  {
    path: 'tcp_port',
    kind: 'port',
    only: 'tcp',
    label: 'tcp port',
    prompt: 'TCP port of the host:',
    description: 'tcp only, required: port of the host, 1 to 65535.',
    flag: { name: '--tcp-port', arg: '<n>', help: 'tcp: port of the host (required for tcp)', group: 'Ports and protocol:' },
  },
  {
    path: 'app_protocol',
    kind: 'enum',
    values: APP_PROTOCOLS,
    only: 'tcp',
    label: 'app protocol',
    prompt: 'Application protocol:',
    noneChoice: 'none (plain TCP)',
    description: 'tcp only: application protocol spoken on {tcp_port}: postgresql or mysql.',
    flag: { name: '--app-protocol', arg: '<protocol>', help: 'tcp: application protocol: postgresql or mysql', group: 'Ports and protocol:' },
  },
  {
    path: 'http_port',
    kind: 'port',
    only: 'http',
    label: 'http port',
    apiDefault: 80,
    prompt: 'HTTP port',
    description: 'http only: plain HTTP port, 1 to 65535 (the API\'s default: 80).',
    flag: { name: '--http-port', arg: '<n>', help: 'http: plain HTTP port', group: 'Ports and protocol:' },
  },
  {
    path: 'https_port',
    kind: 'port',
    only: 'http',
    label: 'https port',
    apiDefault: 443,
    prompt: 'HTTPS port',
    description: 'http only: HTTPS port, 1 to 65535 (the API\'s default: 443).',
    flag: { name: '--https-port', arg: '<n>', help: 'http: HTTPS port', group: 'Ports and protocol:' },
  },
  { path: 'tls_settings', kind: 'object', flagLabel: '--cert-verification-mode', description: 'TLS to the host. Omitted: the API\'s default, verify_full.' },
  {
    path: 'tls_settings.cert_verification_mode',
    kind: 'enum',
    values: CERT_MODES,
    label: 'cert verification',
    apiDefault: 'verify_full',
    prompt: 'Certificate verification to the host:',
    valueHelp: { verify_full: 'check the chain and the hostname (default)', verify_ca: 'check the chain only', disabled: 'no verification' },
    description: 'Certificate check: verify_full (the default), verify_ca or disabled.',
    flag: { name: '--cert-verification-mode', arg: '<mode>', help: 'certificate check: verify_full (the default), verify_ca or disabled', group: 'TLS to the host:' },
  },
  {
    path: 'tls_settings.certificate_authority',
    kind: 'uuid',
    label: 'certificate authority',
    description: 'Id (UUID) of the CA certificate that signs the host\'s certificate; not with disabled.',
    flag: { name: '--certificate-authority', arg: '<uuid>', help: 'CA certificate id (not with disabled)', group: 'TLS to the host:' },
  },
  {
    path: 'tls_settings.client_certificate',
    kind: 'uuid',
    label: 'client certificate',
    description: 'Id (UUID) of the client certificate presented to the host (mTLS).',
    flag: { name: '--client-certificate', arg: '<uuid>', help: 'mTLS client certificate id', group: 'TLS to the host:' },
  },
  { path: 'created_at', kind: 'read-only', readOnly: true, label: 'created', description: 'Read-only, set by the API: accepted and ignored.' },
  { path: 'updated_at', kind: 'read-only', readOnly: true, label: 'updated', description: 'Read-only, set by the API: accepted and ignored.' },
] as const satisfies readonly Field[];

const all: readonly Field[] = FIELDS;

export const fieldAt = (path: string): Field | undefined => all.find((f) => f.path === path);

const parentOf = (path: string): string => (path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : '');
const keyOf = (path: string): string => path.slice(path.lastIndexOf('.') + 1);

/** The fields directly below an object (`''` for the top level), in table order. */
export const childrenOf = (path: string): Field[] => all.filter((f) => parentOf(f.path) === path);

/** Top-level fields a user writes (not read-only), in table order. */
export const writableTopLevel = (): Field[] => childrenOf('').filter((f) => !f.readOnly);

/** The fields the API fills in; accepted on input and ignored. */
export const READ_ONLY_FIELDS: readonly string[] = all.filter((f) => f.readOnly).map((f) => f.path);

/** Known keys at each level, for "did you mean" suggestions: the fields a user writes first. */
export const KNOWN_KEYS: Record<string, readonly string[]> = Object.fromEntries(
  ['', ...all.filter((f) => f.kind === 'object').map((f) => f.path)].map((p) => {
    const below = childrenOf(p);
    return [p, [...below.filter((f) => !f.readOnly), ...below.filter((f) => f.readOnly)].map((f) => keyOf(f.path))];
  }),
);

/** The table in the order flags, rows and commands list it (`shownAfter` moves a row). */
export function shownOrder(): Field[] {
  const moved = all.filter((f) => f.shownAfter !== undefined);
  const out = all.filter((f) => f.shownAfter === undefined);
  for (const f of moved) {
    let at = out.findIndex((x) => x.path === f.shownAfter) + 1;
    while (at < out.length && out[at]!.shownAfter === f.shownAfter) at++;
    out.splice(at, 0, f);
  }
  return out;
}

/** One entry per flag, in the order help lists them, with every path it sets. */
export function serviceFlags(): { flag: FieldFlag; fields: Field[] }[] {
  const out: { flag: FieldFlag; fields: Field[] }[] = [];
  for (const f of shownOrder()) {
    if (!f.flag) continue;
    const seen = out.find((x) => x.flag.name === f.flag!.name);
    if (seen) seen.fields.push(f);
    else out.push({ flag: f.flag, fields: [f] });
  }
  return out;
}

/** `--resolver-ips` -> `resolverIps`, as commander names the option's value. */
export const flagKey = (flag: string): string => flag.replace(/^--/, '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** How a problem names a path when flags set it: the flag, or an object's `flagLabel`. */
export function flagFor(path: string): string | undefined {
  const f = fieldAt(path);
  return f?.flag?.name ?? f?.flagLabel;
}

/** The values each enumerated flag takes, for completion. */
export const flagEnumValues = (): [string, readonly string[]][] =>
  serviceFlags().flatMap(({ flag, fields }) => (fields[0]?.values ? [[flag.name, fields[0].values] as [string, readonly string[]]] : []));

/** The field fits a service of this type. */
export const fitsType = (f: Field, type: unknown): boolean => f.only === undefined || f.only === type;

/** Every leaf a user writes, in table order: the order of problems and diffs. */
const LEAF_PATHS = all.filter((f) => f.kind !== 'object' && !f.readOnly).map((f) => f.path);

/**
 * Where a field (or a whole object such as `host`) stands in that order. An unknown key stands with
 * its parent object (`host.network.tunnel` with `host.network`); unknown top-level keys go last.
 */
export function fieldRank(path: string): number {
  for (let p = path; p !== ''; p = parentOf(p)) {
    const i = LEAF_PATHS.findIndex((f) => f === p || f.startsWith(`${p}.`));
    if (i !== -1) return i;
  }
  return LEAF_PATHS.length;
}

/** The description of a field with `{path}` references written as JSON paths. */
export function fieldHelp(path: string): string {
  return (fieldAt(path)?.description ?? '').replace(/\{([a-z0-9_.]+)\}/g, '$1');
}

type Loose = Record<string, unknown>;

/** The value at a dotted path, or undefined. */
export function getPath(v: unknown, path: string): unknown {
  let cur = v;
  for (const k of path.split('.')) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    cur = (cur as Loose)[k];
  }
  return cur;
}

/** Sets a value at a dotted path, creating the objects on the way. */
export function setPath(target: Loose, path: string, value: unknown): void {
  const keys = path.split('.');
  let cur = target;
  for (const k of keys.slice(0, -1)) {
    const next = cur[k];
    cur = next !== null && typeof next === 'object' && !Array.isArray(next) ? (next as Loose) : (cur[k] = {}) as Loose;
  }
  cur[keys[keys.length - 1]!] = value;
}

type FlagNames<F> = F extends { flag: { name: infer N extends string; alias: infer A extends string } } ? N | A : F extends { flag: { name: infer N extends string } } ? N : never;
type ListFlagNames<F> = F extends { flag: { name: infer N extends string; list: true } } ? N : never;
type Camel<S extends string> = S extends `${infer H}-${infer T}` ? `${H}${Capitalize<Camel<T>>}` : S;
type KeyOfFlag<N> = N extends `--${infer R}` ? Camel<R> : never;

/** commander's option keys of the service flags (`tcpPort`, `tunnelId`...). */
export type ServiceFlagKey = KeyOfFlag<FlagNames<(typeof FIELDS)[number]>>;
type ListFlagKey = KeyOfFlag<ListFlagNames<(typeof FIELDS)[number]>>;

/** The service flags' values as commander gives them: text, lists for list flags. */
export type ServiceFlagValues = { [K in ServiceFlagKey]?: K extends ListFlagKey ? string[] : string };
