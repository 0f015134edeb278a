import { fitsType, writableTopLevel } from './fields';
import type { PartialDefinition } from './flag-values';

type Loose = Record<string, unknown>;
const obj = (v: unknown): Loose => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Loose) : {});
const has = (o: Loose, k: string) => o[k] !== undefined && o[k] !== null;

/**
 * The flags of `update` laid over the current definition. The API replaces the whole service on
 * PUT, so every field no flag names is kept. Changing the type drops the service's fields of the other type;
 * changing the host form (address <-> hostname) drops the old form's fields and keeps the tunnel.
 * Address flags on an address host replace just that address, so `--ipv4` on a dual-stack host
 * keeps its IPv6. Turning verification off drops a certificate authority the flags do not set,
 * since the API refuses the two together.
 */
export function mergeOverCurrent(current: Loose, flags: PartialDefinition, o: { base: 'service' | 'file' } = { base: 'service' }): Loose {
  const out: Loose = { ...current };
  // Only the current service's fields are dropped when the type changes. A flag is never dropped
  // (cli.md section 10), and neither is a field of a file: the user wrote both, so the schema
  // refuses them by name when they do not fit.
  const next = flags.type ?? out.type;
  const type = typeof next === 'string' ? next.trim() : next;
  const topLevel = writableTopLevel().filter((f) => f.kind !== 'object');
  if (o.base === 'service' && (type === 'tcp' || type === 'http')) {
    for (const f of topLevel) if (!fitsType(f, type)) delete out[f.path];
  }
  for (const { path } of topLevel) {
    if (flags[path] !== undefined) out[path] = flags[path];
  }

  const cur = obj(current.host);
  const given = obj(flags.host);
  if (Object.keys(given).length > 0) {
    const tunnel = obj(given.network).tunnel_id ?? obj(given.resolver_network).tunnel_id ?? obj(cur.network).tunnel_id ?? obj(cur.resolver_network).tunnel_id;
    const wantsName = has(given, 'hostname') || (!has(given, 'ipv4') && !has(given, 'ipv6') && has(cur, 'hostname'));
    const wantsIp = has(given, 'ipv4') || has(given, 'ipv6') || (!has(given, 'hostname') && (has(cur, 'ipv4') || has(cur, 'ipv6')));
    const host: Loose = {};
    if (wantsIp) {
      // Address flags merge with the current addresses unless the host was a hostname.
      const keep = has(cur, 'hostname') ? {} : cur;
      for (const k of ['ipv4', 'ipv6']) {
        const v = given[k] ?? keep[k];
        if (v !== undefined) host[k] = v;
      }
    }
    if (wantsName) host.hostname = given.hostname ?? cur.hostname;
    if (wantsIp && !wantsName) {
      if (tunnel !== undefined) host.network = { tunnel_id: tunnel };
      // --resolver-ips on an address host is kept so the schema can refuse it by name.
      if (obj(given.resolver_network).resolver_ips !== undefined) host.resolver_network = { resolver_ips: obj(given.resolver_network).resolver_ips };
    } else if (wantsName && !wantsIp) {
      const rn: Loose = {};
      if (tunnel !== undefined) rn.tunnel_id = tunnel;
      const ips = obj(given.resolver_network).resolver_ips ?? (has(cur, 'hostname') ? obj(cur.resolver_network).resolver_ips : undefined);
      if (ips !== undefined) rn.resolver_ips = ips;
      host.resolver_network = rn;
    } else {
      // Both forms named at once: hand the schema both so it reports the conflict.
      Object.assign(host, given);
    }
    out.host = host;
  }

  const givenTls = obj(flags.tls_settings);
  if (Object.keys(givenTls).length > 0) {
    const tls: Loose = { ...obj(current.tls_settings), ...givenTls };
    if (tls.cert_verification_mode === 'disabled' && givenTls.certificate_authority === undefined) delete tls.certificate_authority;
    out.tls_settings = tls;
  }
  return out;
}
