import type { Service } from '../api/client';
import type { Connector, TunnelState } from '../api/tunnels';
import { isUuid } from './checks';

/** The `vpc_services` bindings of a wrangler config, as read (src/io/wrangler-read.ts). */
export interface WranglerBindings {
  path: string;
  /** The file name, as checks name it. */
  label: string;
  format: 'toml' | 'json';
  /** `vpc_services` at top level, as written (undefined when absent). */
  top: unknown;
  /** `env.<name>.vpc_services` for every environment, as written. */
  envs: Map<string, unknown>;
  /**
   * Per block (`top level`, `env.<name>`), the binding names its other binding lists
   * (kv_namespaces, d1_databases, ...) use, with the list's key: they share the Worker's env.
   */
  taken: Map<string, Map<string, string>>;
}

/**
 * The checks of `vpcsvc doctor`, as pure functions from what was read to results. `create` uses
 * the tunnel checks for its pre-flight warning, so both say the same thing.
 */

export type CheckStatus = 'ok' | 'warn' | 'fail' | 'skipped';

export interface CheckResult {
  check: string;
  subject: string;
  status: CheckStatus;
  /** One line saying what was found; self-contained, so it reads alone too (create's warning). */
  message: string;
  /** What to do; null when there is nothing to do. */
  hint: string | null;
}

const result = (check: string, subject: string, status: CheckStatus, message: string, hint: string | null = null): CheckResult => ({ check, subject, status, message, hint });

/** cloudflared older than this fails every Worker request through the service with `ProxyError: dns_error`. */
export const MIN_CLOUDFLARED = '2025.7.0';

/** Negative, zero or positive like a comparator; undefined when `v` is not a cloudflared version. */
export function compareVersion(v: string, min: string = MIN_CLOUDFLARED): number | undefined {
  const parse = (s: string) => /^(\d+)\.(\d+)\.(\d+)/.exec(s.trim())?.slice(1).map(Number);
  const a = parse(v);
  const b = parse(min) as number[];
  if (!a) return undefined;
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
  return 0;
}

/** The tunnel a service goes through: `network` for IP hosts, `resolver_network` for hostnames. */
export function tunnelIdOf(s: { host?: unknown }): string | undefined {
  const host = (s.host ?? {}) as { network?: { tunnel_id?: unknown }; resolver_network?: { tunnel_id?: unknown } };
  const id = host.network?.tunnel_id ?? host.resolver_network?.tunnel_id;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

export function tunnelSubject(state: TunnelState): string {
  if (state.kind === 'found') return state.tunnel.name ? `tunnel ${state.tunnel.name} (${state.tunnel.id})` : `tunnel ${state.tunnel.id}`;
  return `tunnel ${state.id}`;
}

const usedByText = (names: string[]) =>
  names.length === 0 ? '' : ` (used by ${names.slice(0, 3).join(', ')}${names.length > 3 ? ` and ${names.length - 3} more` : ''})`;

/**
 * Exists and not deleted, status, and every connector's version. `usedBy` names the services on
 * the tunnel (doctor); `serviceRef` is what the update hint names.
 */
export function tunnelChecks(state: TunnelState, o: { usedBy?: string[]; serviceRef?: string } = {}): CheckResult[] {
  const subject = tunnelSubject(state);
  const ref = o.serviceRef ?? '<service>';
  const moveHint = `point the service at a running tunnel: vpcsvc update ${ref} --tunnel <tunnel-id> (cloudflared tunnel list shows them)`;
  const skip = (check: string, why: string) => result(check, subject, 'skipped', `${check === 'tunnel.status' ? 'status' : 'connectors'} not checked: ${why}`);
  const used = usedByText(o.usedBy ?? []);
  if (state.kind === 'not_found') {
    return [result('tunnel.exists', subject, 'fail', `tunnel ${state.id} does not exist in this account${used}`, moveHint), skip('tunnel.status', 'the tunnel does not exist'), skip('tunnel.connectors', 'the tunnel does not exist')];
  }
  if (state.kind === 'denied') {
    const why = 'the credential cannot read tunnels';
    return [
      result('tunnel.exists', subject, 'skipped', `tunnel not checked: ${why} (${state.message})${used}`, 'give the token "Cloudflare Tunnel Read" on the account to check tunnels'),
      skip('tunnel.status', why),
      skip('tunnel.connectors', why),
    ];
  }
  if (state.kind === 'error') {
    const why = 'the tunnel could not be read';
    return [result('tunnel.exists', subject, 'fail', `tunnel ${state.id} could not be read: ${state.message}${used}`, 'run vpcsvc doctor again; if it persists, check https://www.cloudflarestatus.com'), skip('tunnel.status', why), skip('tunnel.connectors', why)];
  }
  const t = state.tunnel;
  const name = t.name || t.id;
  if (t.deleted_at) {
    const why = 'the tunnel is deleted';
    return [result('tunnel.exists', subject, 'fail', `tunnel ${name} was deleted (${t.deleted_at})${used}`, moveHint), skip('tunnel.status', why), skip('tunnel.connectors', why)];
  }
  const out = [result('tunnel.exists', subject, 'ok', `tunnel ${name} exists${used}`), statusCheck(subject, name, t.status, tunnelRef(t.id))];
  if (state.connectors.length === 0) {
    out.push(
      result('tunnel.connectors', subject, 'fail', `tunnel ${name} has no connector: no cloudflared is running for it`, `run cloudflared for this tunnel (cloudflared tunnel run ${tunnelRef(t.id)}, or the install command from the dashboard) on a host that reaches the service`),
    );
  } else {
    for (const c of state.connectors) out.push(connectorCheck(subject, c));
  }
  return out;
}

/** A tunnel in a cloudflared command: its id, which needs no shell quoting (a name may hold anything). */
const tunnelRef = (id: string) => (isUuid(id) ? id : '<tunnel-id>');

function statusCheck(subject: string, name: string, status: string | null | undefined, ref: string): CheckResult {
  switch (status) {
    case 'healthy':
      return result('tunnel.status', subject, 'ok', `tunnel ${name} is healthy`);
    case 'degraded':
      return result('tunnel.status', subject, 'warn', `tunnel ${name} is degraded: it serves requests, but some of its connections are down`, 'check the cloudflared hosts of this tunnel: logs and outbound connectivity to Cloudflare (UDP 7844)');
    case 'down':
      return result('tunnel.status', subject, 'fail', `tunnel ${name} is down: its services cannot be reached until cloudflared connects`, `start cloudflared for this tunnel (cloudflared tunnel run ${ref}) and check that its host reaches Cloudflare on UDP 7844`);
    case 'inactive':
      return result('tunnel.status', subject, 'fail', `tunnel ${name} is inactive: no cloudflared has connected since it was created, so its services cannot be reached`, `install and run cloudflared with this tunnel's token (cloudflared tunnel run ${ref}) on a host that reaches the service`);
    default:
      return result('tunnel.status', subject, 'warn', `tunnel ${name} reports an unknown status ${JSON.stringify(status ?? null)}`, 'check the tunnel in the Cloudflare dashboard (Networks, Tunnels)');
  }
}

function connectorCheck(subject: string, c: Connector): CheckResult {
  const version = c.version ?? '';
  const cmp = version ? compareVersion(version) : undefined;
  const detail = [c.arch, c.conns ? `${c.conns.length} connection${c.conns.length === 1 ? '' : 's'}` : undefined].filter(Boolean).join(', ');
  const where = `connector ${c.id}${detail ? ` (${detail})` : ''}`;
  if (cmp === undefined) {
    return result('tunnel.connector', subject, 'warn', `${where} reports no cloudflared version${version ? ` it understands (${JSON.stringify(version)})` : ''}`, `run cloudflared --version on that host: ${MIN_CLOUDFLARED} or later is needed`);
  }
  if (cmp < 0) {
    return result(
      'tunnel.connector',
      subject,
      'fail',
      `${where} runs cloudflared ${version}, older than ${MIN_CLOUDFLARED}: Worker requests through it fail with ProxyError: dns_error`,
      `upgrade cloudflared on the host of connector ${c.id} to ${MIN_CLOUDFLARED} or later and restart it`,
    );
  }
  return result('tunnel.connector', subject, 'ok', `${where} runs cloudflared ${version}`);
}

/**
 * How a hint's command names a service: by id, which needs no shell quoting and cannot be read as
 * a flag (a name may be `--yes` or hold `$(...)`). An id that is not a UUID is not pasted either.
 */
export function commandRef(s: { service_id: string }): string {
  return isUuid(s.service_id) ? s.service_id : '<service-id>';
}

export function serviceSubject(s: Service): string {
  return `service ${s.name} (${s.service_id})`;
}

/** What the definition itself says; what the API accepted is not always usable. */
export function definitionChecks(s: Service): CheckResult[] {
  const subject = serviceSubject(s);
  const tunnel = tunnelIdOf(s);
  const ref = commandRef(s);
  if (!tunnel) return [result('service.definition', subject, 'fail', `service ${s.name} names no tunnel in its host`, `set one: vpcsvc update ${ref} --tunnel <tunnel-id>`)];
  if (s.type === 'tcp' && (s.tcp_port === undefined || s.tcp_port === null)) {
    return [result('service.definition', subject, 'warn', `tcp service ${s.name} has no tcp_port: the API took it, but nothing says where to connect`, `set the port: vpcsvc update ${ref} --tcp-port <port>`)];
  }
  const host = s.host as { ipv4?: string; ipv6?: string; hostname?: string };
  const address = host.hostname ?? host.ipv4 ?? host.ipv6 ?? '?';
  const ports = s.type === 'tcp' ? `port ${String(s.tcp_port)}` : `ports ${String(s.http_port ?? 80)}/${String(s.https_port ?? 443)}`;
  return [result('service.definition', subject, 'ok', `${s.type} service ${s.name}: ${address}, ${ports}`)];
}

const ALLOWED_KEYS = ['binding', 'service_id', 'remote'];
/** vpcsvc keeps binding names to ASCII identifiers, as `create --binding` does. */
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** The account's services for service_id lookups; `listed` is false when they could not be read. */
interface Lookup {
  byId: Map<string, Service>;
  byName: Map<string, Service>;
  listed: boolean;
}

/**
 * The `vpc_services` bindings of a wrangler config: at top level and in each environment (or only
 * `onlyEnv`). `services` is every service of the account, or undefined when it could not be listed.
 */
export function bindingChecks(cfg: WranglerBindings, services: Service[] | undefined, onlyEnv?: string): CheckResult[] {
  const out: CheckResult[] = [];
  const toml = cfg.format === 'toml';
  const blocks: [string, unknown][] = onlyEnv !== undefined ? [[`env.${onlyEnv}`, cfg.envs.get(onlyEnv)]] : [['top level', cfg.top], ...[...cfg.envs].map(([n, v]): [string, unknown] => [`env.${n}`, v])];
  const known = services ?? [];
  const look: Lookup = {
    byId: new Map(known.map((s) => [s.service_id.toLowerCase(), s])),
    byName: new Map(known.map((s) => [s.name, s])),
    listed: services !== undefined,
  };
  const topEntries = Array.isArray(cfg.top) ? (cfg.top as unknown[]) : [];

  for (const [block, list] of blocks) {
    const listSubject = `${cfg.label} ${block} vpc_services`;
    if (list === undefined) {
      if (block === 'top level') out.push(result('binding.list', listSubject, 'ok', `${cfg.label} has no vpc_services at top level`));
    } else if (!Array.isArray(list)) {
      out.push(result('binding.list', listSubject, 'fail', `vpc_services in ${block} of ${cfg.label} is not an array`, toml ? 'write each binding as a [[vpc_services]] table' : 'make "vpc_services" an array of {binding, service_id, remote}'));
      continue;
    }
    const entries = Array.isArray(list) ? (list as unknown[]) : [];
    const names = namesOf(block, entries, cfg.taken.get(block));
    entries.forEach((entry, i) => out.push(...entryChecks(cfg, block, entry, i, names, look)));

    // Environments do not inherit vpc_services: a top-level binding missing here is absent at deploy.
    if (block !== 'top level') {
      const here = new Set(entries.map((e) => (e as { binding?: unknown } | null)?.binding));
      const topNames = namesOf('top level', topEntries, cfg.taken.get('top level'));
      topEntries.forEach((top, i) => {
        const t = top as { binding?: unknown } | null;
        if (typeof t?.binding !== 'string' || here.has(t.binding)) return;
        // A name used twice at top level is reported once, with its first entry.
        here.add(t.binding);
        out.push(environmentCheck(cfg, block, t as Record<string, unknown>, i, topNames, look));
      });
    }
  }
  return out;
}

/** Where each binding name of a block is used: its vpc_services entries, and the block's other binding lists. */
interface BlockNames {
  inBlock: string;
  prefix: string;
  positions: Map<string, number[]>;
  taken: Map<string, string>;
}

function namesOf(block: string, entries: unknown[], taken: Map<string, string> | undefined): BlockNames {
  const positions = new Map<string, number[]>();
  entries.forEach((e, i) => {
    const b = (e as { binding?: unknown } | null)?.binding;
    if (typeof b === 'string') positions.set(b, [...(positions.get(b) ?? []), i]);
  });
  return { inBlock: block === 'top level' ? 'at top level' : `in ${block}`, prefix: block === 'top level' ? '' : `${block}.`, positions, taken: taken ?? new Map() };
}

/** Why `name` cannot be this entry's binding, or undefined. Undefined too for the later uses of a name used twice (reported once). */
function nameProblem(name: string, index: number, n: BlockNames): { problem?: string; hint?: string; repeat?: boolean } {
  if (!IDENTIFIER.test(name)) return { problem: `binding name ${JSON.stringify(name)} must be ASCII letters, digits, _ or $, not starting with a digit`, hint: 'use a name such as ORDERS_DB' };
  const section = n.taken.get(name);
  // The other binding lists share the Worker's env, as create --wrangler-config holds too.
  if (section !== undefined) return { problem: `binding name ${name} is already a binding ${n.inBlock} (${section}): the Worker's env has one ${name}`, hint: 'give the vpc_services entry another binding name' };
  // Every name asked about is one of the block's own entries, so it has its positions.
  const at = n.positions.get(name) as number[];
  if (at.length > 1) {
    if (at[0] !== index) return { repeat: true };
    return { problem: `binding name ${name} is used ${at.length} times ${n.inBlock} (${at.map((i) => `${n.prefix}vpc_services[${i}]`).join(', ')})`, hint: 'give each vpc_services entry its own binding name' };
  }
  return {};
}

function entryChecks(cfg: WranglerBindings, block: string, entry: unknown, index: number, names: BlockNames, look: Lookup): CheckResult[] {
  const toml = cfg.format === 'toml';
  const where = `${names.prefix}vpc_services[${index}]`;
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
    return [result('binding.keys', `${cfg.label} ${block} ${where}`, 'fail', `${where} is not a table of binding, service_id and remote`, 'write it as { binding, service_id, remote = true }')];
  }
  const e = entry as Record<string, unknown>;
  const name = typeof e.binding === 'string' ? e.binding : undefined;
  const subject = `${cfg.label} ${block} ${name ?? where}`;
  const out: CheckResult[] = [];

  const extra = Object.keys(e).filter((k) => !ALLOWED_KEYS.includes(k));
  const missing = ['binding', 'service_id'].filter((k) => e[k] === undefined);
  if (missing.length) out.push(result('binding.keys', subject, 'fail', `${where} lacks ${missing.join(' and ')}: wrangler requires binding and service_id`, `add ${missing.join(' and ')} to ${where}`));
  else if (extra.length) out.push(result('binding.keys', subject, 'fail', `${where} has ${extra.map((k) => JSON.stringify(k)).join(', ')}: only binding, service_id and remote are allowed`, `remove ${extra.join(', ')} from ${where}`));
  else out.push(result('binding.keys', subject, 'ok', `${where} has only binding, service_id and remote`));

  if (name === undefined) {
    if (e.binding !== undefined) out.push(result('binding.name', subject, 'fail', `${where}.binding is not a string`, 'use a name such as ORDERS_DB'));
  } else {
    const p = nameProblem(name, index, names);
    if (p.problem) out.push(result('binding.name', subject, 'fail', p.problem, p.hint ?? null));
    else if (!p.repeat) out.push(result('binding.name', subject, 'ok', `binding name ${name} is valid and unique ${names.inBlock}`));
  }

  const set = toml ? 'remote = true' : '"remote": true';
  if (e.remote === true) out.push(result('binding.remote', subject, 'ok', `${where} has remote = true`));
  else if (e.remote === undefined) out.push(result('binding.remote', subject, 'warn', `${where} does not set remote: wrangler warns, since VPC services only work remotely`, `add ${set} to ${where}`));
  else out.push(result('binding.remote', subject, 'fail', `${where} has remote = ${JSON.stringify(e.remote)}: wrangler rejects it (there is no local simulator)`, `set ${set} in ${where}`));

  out.push(serviceIdCheck(subject, where, e.service_id, look, toml));
  return out;
}

/**
 * What a service_id refers to. `fixed` is the id a valid entry would hold instead (for a name, or
 * an id with spaces around it); `id` is set when the value is already valid as written.
 */
interface IdLookup {
  status: CheckStatus;
  message: string;
  hint: string | null;
  id?: string;
  fixed?: string;
}

function lookUpServiceId(where: string, raw: unknown, look: Lookup, toml: boolean): IdLookup {
  const key = toml ? 'service_id = ' : '"service_id": ';
  if (raw === undefined) return { status: 'skipped', message: `${where} has no service_id to look up`, hint: null };
  if (typeof raw !== 'string') return { status: 'fail', message: `${where}.service_id is not a string`, hint: 'use the service id shown by vpcsvc list' };
  const trimmed = raw.trim();
  // Wrangler sends the value as written, and no service has an id with spaces in it.
  if (trimmed !== raw && isUuid(trimmed)) {
    const hit = look.byId.get(trimmed.toLowerCase());
    const id = hit?.service_id ?? trimmed;
    return { status: 'fail', message: `service_id ${JSON.stringify(raw)} has surrounding spaces: wrangler sends it as written`, hint: `remove the spaces: ${key}"${id}"`, fixed: !look.listed || hit ? id : undefined };
  }
  if (!look.listed) {
    return { status: 'skipped', message: `service_id ${raw} not looked up: the services could not be listed`, hint: null, id: isUuid(raw) ? raw : undefined };
  }
  const byIdHit = isUuid(raw) ? look.byId.get(raw.toLowerCase()) : undefined;
  if (byIdHit) return { status: 'ok', message: `service_id ${raw} is service ${byIdHit.name}`, hint: null, id: raw };
  const byNameHit = look.byName.get(raw);
  if (byNameHit) return { status: 'fail', message: `service_id ${JSON.stringify(raw)} is a service name, not its id`, hint: `use the id: ${key}"${byNameHit.service_id}"`, fixed: byNameHit.service_id };
  return { status: 'fail', message: `service_id ${raw} is not a service of this account`, hint: 'vpcsvc list shows the ids; create the service or correct the id' };
}

function serviceIdCheck(subject: string, where: string, raw: unknown, look: Lookup, toml: boolean): CheckResult {
  const r = lookUpServiceId(where, raw, look, toml);
  return result('binding.service_id', subject, r.status, r.message, r.hint);
}

/**
 * A top-level binding that an environment lacks. The hint is an entry to paste, so it is offered
 * only when it would be valid: with the id when the top level names the service, and not at all
 * when the top-level entry cannot be mended here. A broken top-level entry makes this a failure,
 * so that `--env` (which checks no top-level entry itself) does not pass a copy of it.
 */
function environmentCheck(cfg: WranglerBindings, block: string, t: Record<string, unknown>, index: number, topNames: BlockNames, look: Lookup): CheckResult {
  const toml = cfg.format === 'toml';
  const env = block.slice(4);
  const name = t.binding as string;
  const where = `vpc_services[${index}]`;
  const base = `${name} is bound at top level but not in ${block}: environments do not inherit vpc_services, so a deploy with --env ${env} has no ${name}`;
  const subject = `${cfg.label} ${block} ${name}`;
  const np = nameProblem(name, index, topNames);
  const sid = lookUpServiceId(where, t.service_id, look, toml);
  const unlistedName = sid.status === 'skipped' && typeof t.service_id === 'string';
  const sidProblem = sid.id !== undefined ? undefined : unlistedName ? `service_id ${JSON.stringify(t.service_id)} is not a service id (a UUID)` : sid.message;
  const problem = np.problem ?? sidProblem;
  const id = sid.id ?? sid.fixed;
  const snippet = (serviceId: string) =>
    toml
      ? `add to ${cfg.label}: [[env.${env}.vpc_services]] binding = "${name}", service_id = "${serviceId}", remote = true`
      : `add { "binding": "${name}", "service_id": "${serviceId}", "remote": true } to env.${env}.vpc_services in ${cfg.label}`;
  // Without a problem the lookup found an id as written: sidProblem is set whenever sid.id is not.
  if (problem === undefined) return result('binding.environment', subject, 'warn', base, snippet(id as string));
  const message = `${base}; the top-level entry is broken too: ${problem}`;
  if (np.problem === undefined && id !== undefined) return result('binding.environment', subject, 'fail', message, `fix ${where} at top level, and ${snippet(id)}`);
  return result('binding.environment', subject, 'fail', message, `fix ${where} at top level first, then repeat it in env.${env}.vpc_services of ${cfg.label}`);
}

/** Config files beside the one read, which wrangler ignores too: an edit to one of them does nothing. */
export function ignoredConfigsCheck(label: string, ignored: string[]): CheckResult[] {
  if (ignored.length === 0) return [];
  const names = ignored.length === 1 ? (ignored[0] as string) : `${ignored.slice(0, -1).join(', ')} and ${ignored[ignored.length - 1] as string}`;
  return [
    result(
      'wrangler.ignored',
      label,
      'warn',
      `${names} ${ignored.length === 1 ? 'is' : 'are'} in the same folder: wrangler reads ${label} and ignores ${ignored.length === 1 ? 'it' : 'them'}, and so does doctor`,
      'delete or rename the config files wrangler does not read, so that nobody edits the wrong one',
    ),
  ];
}

export interface CheckCounts {
  ok: number;
  warn: number;
  fail: number;
  skipped: number;
}

export function countChecks(checks: Iterable<CheckResult>): CheckCounts {
  const c: CheckCounts = { ok: 0, warn: 0, fail: 0, skipped: 0 };
  for (const r of checks) c[r.status]++;
  return c;
}
