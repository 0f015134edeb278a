import type { Service } from '../api/client';
import type { Connector, TunnelState } from '../api/tunnels';
import { isUuid } from './checks';
import type { WranglerBindings } from '../io/wrangler-read';

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
  const out = [result('tunnel.exists', subject, 'ok', `tunnel ${name} exists${used}`), statusCheck(subject, name, t.status)];
  if (state.connectors.length === 0) {
    out.push(
      result('tunnel.connectors', subject, 'fail', `tunnel ${name} has no connector: no cloudflared is running for it`, `run cloudflared for this tunnel (cloudflared tunnel run ${name}, or the install command from the dashboard) on a host that reaches the service`),
    );
  } else {
    for (const c of state.connectors) out.push(connectorCheck(subject, c));
  }
  return out;
}

function statusCheck(subject: string, name: string, status: string | null | undefined): CheckResult {
  switch (status) {
    case 'healthy':
      return result('tunnel.status', subject, 'ok', `tunnel ${name} is healthy`);
    case 'degraded':
      return result('tunnel.status', subject, 'warn', `tunnel ${name} is degraded: it serves requests, but some of its connections are down`, 'check the cloudflared hosts of this tunnel: logs and outbound connectivity to Cloudflare (UDP 7844)');
    case 'down':
      return result('tunnel.status', subject, 'fail', `tunnel ${name} is down: its services cannot be reached until cloudflared connects`, `start cloudflared for this tunnel (cloudflared tunnel run ${name}) and check that its host reaches Cloudflare on UDP 7844`);
    case 'inactive':
      return result('tunnel.status', subject, 'fail', `tunnel ${name} is inactive: no cloudflared has connected since it was created, so its services cannot be reached`, `install and run cloudflared with this tunnel's token (cloudflared tunnel run ${name}) on a host that reaches the service`);
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

export function serviceSubject(s: Service): string {
  return `service ${s.name} (${s.service_id})`;
}

/** What the definition itself says; what the API accepted is not always usable. */
export function definitionChecks(s: Service): CheckResult[] {
  const subject = serviceSubject(s);
  const tunnel = tunnelIdOf(s);
  if (!tunnel) return [result('service.definition', subject, 'fail', `service ${s.name} names no tunnel in its host`, `set one: vpcsvc update ${s.name} --tunnel <tunnel-id>`)];
  if (s.type === 'tcp' && (s.tcp_port === undefined || s.tcp_port === null)) {
    return [result('service.definition', subject, 'warn', `tcp service ${s.name} has no tcp_port: the API took it, but nothing says where to connect`, `set the port: vpcsvc update ${s.name} --tcp-port <port>`)];
  }
  const host = s.host as { ipv4?: string; ipv6?: string; hostname?: string };
  const address = host.hostname ?? host.ipv4 ?? host.ipv6 ?? '?';
  const ports = s.type === 'tcp' ? `port ${String(s.tcp_port)}` : `ports ${String(s.http_port ?? 80)}/${String(s.https_port ?? 443)}`;
  return [result('service.definition', subject, 'ok', `${s.type} service ${s.name}: ${address}, ${ports}`)];
}

const ALLOWED_KEYS = ['binding', 'service_id', 'remote'];
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * The `vpc_services` bindings of a wrangler config: at top level and in each environment (or only
 * `onlyEnv`). `services` is every service of the account, or undefined when it could not be listed.
 */
export function bindingChecks(cfg: WranglerBindings, services: Service[] | undefined, onlyEnv?: string): CheckResult[] {
  const out: CheckResult[] = [];
  const toml = cfg.format === 'toml';
  const blocks: [string, unknown][] = onlyEnv !== undefined ? [[`env.${onlyEnv}`, cfg.envs.get(onlyEnv)]] : [['top level', cfg.top], ...[...cfg.envs].map(([n, v]): [string, unknown] => [`env.${n}`, v])];
  const byId = new Map((services ?? []).map((s) => [s.service_id.toLowerCase(), s]));
  const byName = new Map((services ?? []).map((s) => [s.name, s]));
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
    const seen = new Map<string, number>();
    for (const e of entries) {
      const b = (e as { binding?: unknown } | null)?.binding;
      if (typeof b === 'string') seen.set(b, (seen.get(b) ?? 0) + 1);
    }
    entries.forEach((entry, i) => out.push(...entryChecks(cfg, block, entry, i, seen, byId, byName, services !== undefined)));

    // Environments do not inherit vpc_services: a top-level binding missing here is absent at deploy.
    if (block !== 'top level') {
      const here = new Set(entries.map((e) => (e as { binding?: unknown } | null)?.binding));
      const env = block.slice(4);
      for (const top of topEntries) {
        const t = top as { binding?: unknown; service_id?: unknown } | null;
        if (typeof t?.binding !== 'string' || here.has(t.binding)) continue;
        const sid = typeof t.service_id === 'string' ? t.service_id : '<service-id>';
        const snippet = toml
          ? `add to ${cfg.label}: [[env.${env}.vpc_services]] binding = "${t.binding}", service_id = "${sid}", remote = true`
          : `add { "binding": "${t.binding}", "service_id": "${sid}", "remote": true } to env.${env}.vpc_services in ${cfg.label}`;
        out.push(
          result(
            'binding.environment',
            `${cfg.label} ${block} ${t.binding}`,
            'warn',
            `${t.binding} is bound at top level but not in ${block}: environments do not inherit vpc_services, so a deploy with --env ${env} has no ${t.binding}`,
            snippet,
          ),
        );
      }
    }
  }
  return out;
}

function entryChecks(
  cfg: WranglerBindings,
  block: string,
  entry: unknown,
  index: number,
  seen: Map<string, number>,
  byId: Map<string, Service>,
  byName: Map<string, Service>,
  listed: boolean,
): CheckResult[] {
  const toml = cfg.format === 'toml';
  const where = `${block === 'top level' ? '' : `${block}.`}vpc_services[${index}]`;
  const inBlock = block === 'top level' ? 'at top level' : `in ${block}`;
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
  } else if (!IDENTIFIER.test(name)) {
    out.push(result('binding.name', subject, 'fail', `binding name ${JSON.stringify(name)} is not a JavaScript identifier (it becomes env.${name} in the Worker)`, 'use letters, digits, _ or $, not starting with a digit, e.g. ORDERS_DB'));
  } else if ((seen.get(name) ?? 0) > 1) {
    out.push(result('binding.name', subject, 'fail', `binding name ${name} is used ${String(seen.get(name))} times ${inBlock}`, 'give each vpc_services entry its own binding name'));
  } else {
    out.push(result('binding.name', subject, 'ok', `binding name ${name} is valid and unique ${inBlock}`));
  }

  const set = toml ? 'remote = true' : '"remote": true';
  if (e.remote === true) out.push(result('binding.remote', subject, 'ok', `${where} has remote = true`));
  else if (e.remote === undefined) out.push(result('binding.remote', subject, 'warn', `${where} does not set remote: wrangler warns, since VPC services only work remotely`, `add ${set} to ${where}`));
  else out.push(result('binding.remote', subject, 'fail', `${where} has remote = ${JSON.stringify(e.remote)}: wrangler rejects it (there is no local simulator)`, `set ${set} in ${where}`));

  out.push(serviceIdCheck(subject, where, e.service_id, byId, byName, listed, toml));
  return out;
}

function serviceIdCheck(subject: string, where: string, raw: unknown, byId: Map<string, Service>, byName: Map<string, Service>, listed: boolean, toml: boolean): CheckResult {
  if (raw === undefined) return result('binding.service_id', subject, 'skipped', `${where} has no service_id to look up`);
  if (typeof raw !== 'string') return result('binding.service_id', subject, 'fail', `${where}.service_id is not a string`, 'use the service id shown by vpcsvc list');
  if (!listed) return result('binding.service_id', subject, 'skipped', `service_id ${raw} not looked up: the services could not be listed`);
  const byIdHit = isUuid(raw.trim()) ? byId.get(raw.trim().toLowerCase()) : undefined;
  if (byIdHit) return result('binding.service_id', subject, 'ok', `service_id ${raw} is service ${byIdHit.name}`);
  const byNameHit = byName.get(raw);
  if (byNameHit) {
    return result('binding.service_id', subject, 'fail', `service_id ${JSON.stringify(raw)} is a service name, not its id`, `use the id: ${toml ? 'service_id = ' : '"service_id": '}"${byNameHit.service_id}"`);
  }
  return result('binding.service_id', subject, 'fail', `service_id ${raw} is not a service of this account`, 'vpcsvc list shows the ids; create the service or correct the id');
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
