import * as z from 'zod/mini';
import { hostnameProblem, isIPv4, isIPv6, isIp, isUuid, listWords, show } from './checks';
import { CERT_MODES, fieldAt, fieldRank, fitsType, KNOWN_KEYS, SERVICE_TYPES, writableTopLevel, type AppProtocol, type CertVerificationMode, type Field } from './fields';
import type { Problem } from './problems';

/**
 * The one schema for a service definition. Flags, wizard answers and JSON files all end up as an
 * object in the API's own shape (snake_case) and go through here, so every source gets the same
 * rules and the same messages. Messages may refer to other fields as `{path}`; the renderer turns
 * that into the flag name or the JSON path, whichever the user typed.
 *
 * Every field is checked on its own and the rules between fields run even when a field failed,
 * so one run reports every problem at once.
 */

export type { AppProtocol, CertVerificationMode, ServiceType } from './fields';

export type Network = { tunnel_id: string };
export type ResolverNetwork = { tunnel_id: string; resolver_ips?: string[] };
export type Host =
  | { ipv4: string; network: Network }
  | { ipv6: string; network: Network }
  | { ipv4: string; ipv6: string; network: Network }
  | { hostname: string; resolver_network: ResolverNetwork };

export interface TlsSettings {
  cert_verification_mode: CertVerificationMode;
  certificate_authority?: string;
  client_certificate?: string;
}

interface Common {
  name: string;
  host: Host;
  tls_settings?: TlsSettings;
}
export interface TcpServiceDefinition extends Common {
  type: 'tcp';
  tcp_port: number;
  app_protocol?: AppProtocol;
}
export interface HttpServiceDefinition extends Common {
  type: 'http';
  http_port?: number;
  https_port?: number;
}
export type ServiceDefinition = TcpServiceDefinition | HttpServiceDefinition;

const absent = (v: unknown): boolean => v === undefined || v === null;

type Issues = { issues: { push: (issue: { code: 'custom'; message: string; input: unknown; path?: PropertyKey[]; params?: { missing: true } }) => void } };
const fail = (ctx: Issues, value: unknown, message: string): never => {
  ctx.issues.push({ code: 'custom', message, input: value });
  return z.NEVER as never;
};

/** A field checked and cleaned by `clean`; absent (missing or null) stays undefined. */
const field = <T>(clean: (v: unknown, ctx: Issues) => T) =>
  z.optional(z.pipe(z.unknown(), z.transform((v: unknown, ctx) => (absent(v) ? undefined : clean(v, ctx as unknown as Issues)))));

/** A trimmed string field with a check on its trimmed value. */
function text(check: (s: string) => string | undefined) {
  return field((v, ctx) => {
    if (typeof v !== 'string') return fail(ctx, v, `must be a string (got ${show(v)})`);
    const s = v.trim();
    const problem = check(s);
    return problem ? fail(ctx, v, problem) : s;
  });
}

const oneOf = (values: readonly string[]) =>
  text((s) => (values.includes(s) ? undefined : `must be ${listWords(values)} (got ${show(s)})`));

const uuid = (what: string) =>
  text((s) => (isUuid(s) ? undefined : `must be ${what}, a UUID such as 0191dce4-9ab4-7fce-b660-8e5dec5172da (got ${show(s)})`));

/**
 * Ports are integers from 1 to 65535. Text sources (flags, wizard) give digits as strings; JSON
 * must give a number, since the API's type is an integer.
 */
function port(acceptText: boolean) {
  return field((v, ctx) => {
    let n: unknown = v;
    // Number() ignores the spaces around the digits.
    if (acceptText && typeof v === 'string' && /^\s*\d+\s*$/.test(v)) n = Number(v);
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 65535) {
      return fail(ctx, v, `must be an integer from 1 to 65535 (got ${show(v)})`);
    }
    return n;
  });
}

const resolverIps = () => field((v, ctx) => {
  if (!Array.isArray(v)) return fail(ctx, v, `must be a list of IP addresses (got ${show(v)})`);
  const out: string[] = [];
  v.forEach((item, i) => {
    const s = typeof item === 'string' ? item.trim() : item;
    if (typeof s !== 'string' || !isIp(s)) {
      ctx.issues.push({ code: 'custom', path: [i], input: item, message: `each must be a valid IPv4 or IPv6 address (got ${show(item)})` });
    } else out.push(s);
  });
  return out;
});

const objectOf = <T extends z.core.$ZodLooseShape>(shape: T) =>
  z.optional(z.nullable(z.strictObject(shape, { error: (iss) => (iss.code === 'invalid_type' ? `must be an object (got ${show(iss.input)})` : undefined) })));

/** The check of a top-level field that needs nothing beyond its kind: an enum or a port. */
function byKind(f: Field, acceptText: boolean): z.ZodMiniType {
  if (f.values) return oneOf(f.values);
  if (f.kind === 'port') return port(acceptText);
  throw new Error(`no check for ${f.path} (${f.kind}): give it one in buildSchema`);
}

function buildSchema(acceptText: boolean, clientRules: boolean) {
  const network = objectOf({ tunnel_id: uuid('the tunnel id') });
  const resolverNetwork = objectOf({ tunnel_id: uuid('the tunnel id'), resolver_ips: resolverIps() });
  const host = objectOf({
    ipv4: text((s) => (isIPv4(s) ? undefined : `must be a valid IPv4 address such as 10.0.0.1 (got ${show(s)})`)),
    ipv6: text((s) => (isIPv6(s) ? undefined : `must be a valid IPv6 address such as fd00::1 (got ${show(s)})`)),
    hostname: text(hostnameProblem),
    network,
    resolver_network: resolverNetwork,
  });
  const tls = objectOf({
    cert_verification_mode: oneOf(CERT_MODES),
    certificate_authority: uuid('a certificate authority id'),
    client_certificate: uuid('a client certificate id'),
  });
  // The top level follows the field table; the fields below need checks of their own.
  const own: Record<string, z.ZodMiniType> = { name: text((s) => (s.length === 0 ? 'must not be empty' : undefined)), host, tls_settings: tls };
  const base = z.strictObject(
      Object.fromEntries(KNOWN_KEYS['']!.map((k) => {
        const f = fieldAt(k)!;
        return [k, own[k] ?? (f.readOnly ? z.optional(z.unknown()) : byKind(f, acceptText))];
      })),
      { error: (iss) => (iss.code === 'invalid_type' ? `must be a JSON object (got ${show(iss.input)})` : undefined) },
    );
  // The rules between fields run even when a field failed (`when`), so every problem is reported.
  const checked = base.check(z.superRefine((v, ctx) => crossFieldRules(v as Loose, ctx as unknown as Issues, clientRules), { when: () => true }));
  return { full: z.pipe(checked, z.transform((v) => toDefinition(v as Loose))), values: base, rules: checked };
}

/**
 * The one rule our client adds to the API's: a tcp service needs a port (wrangler's rule; the API
 * accepts a tcp service without one). It applies to what the user creates or changes; a live
 * service that lacks the port is compared and exported as it is (cli.md section 10).
 */
const TCP_PORT_REQUIRED = 'required with {type} tcp';

type Loose = Record<string, unknown>;
const obj = (v: unknown): Loose | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Loose) : undefined;

/** Why a field of the other type is refused, where the bare rule would not say enough. */
const OTHER_TYPE: Record<string, string> = {
  tcp_port: 'only with {type} tcp (an http service uses {http_port} / {https_port})',
  http_port: 'only with {type} http (a tcp service has one port: {tcp_port})',
  https_port: 'only with {type} http (a tcp service has one port: {tcp_port})',
};

/** Rules between fields. Runs on partly-parsed input, so it only looks at presence. */
function crossFieldRules(value: Loose, ctx: Issues, clientRules: boolean): void {
  if (!obj(value)) return;
  const add = (path: (string | number)[], message: string) => ctx.issues.push({ code: 'custom', path, message, input: undefined });
  // A field that is missing, as opposed to one that is wrong: a partial definition may lack it.
  const need = (path: (string | number)[], message: string) => ctx.issues.push({ code: 'custom', path, message, input: undefined, params: { missing: true } });
  if (absent(value.name)) need(['name'], 'required: the service name');
  if (absent(value.type)) need(['type'], `required: ${listWords(SERVICE_TYPES)}`);

  const host = obj(value.host);
  const noTunnel = (h: Loose) => absent(obj(h.network)?.tunnel_id) && absent(obj(h.resolver_network)?.tunnel_id);
  const tunnelRequired = 'required: the UUID of the Cloudflare Tunnel that reaches the host';
  if (absent(value.host)) {
    need(['host'], 'required: an IPv4 address, an IPv6 address, both, or a hostname');
    need(['host', 'network', 'tunnel_id'], tunnelRequired);
  } else if (host) {
    const hasIp = !absent(host.ipv4) || !absent(host.ipv6);
    const hasName = !absent(host.hostname);
    if (!hasIp && !hasName) {
      need(['host'], 'required: an IPv4 address, an IPv6 address, both, or a hostname');
      if (noTunnel(host)) need(['host', 'network', 'tunnel_id'], tunnelRequired);
    }
    if (hasIp && hasName) {
      add(['host', 'hostname'], 'cannot be combined with {host.ipv4} or {host.ipv6}: a service has one host form');
    }
    if (hasIp) {
      const rn = obj(host.resolver_network);
      if (rn && !absent(rn.resolver_ips)) add(['host', 'resolver_network', 'resolver_ips'], 'only with {host.hostname}');
      else if (!absent(host.resolver_network) && !hasName) {
        add(['host', 'resolver_network'], 'only with {host.hostname}; an IP address uses {host.network}');
      }
      const net = obj(host.network);
      if (!hasName && (absent(host.network) || (net && absent(net.tunnel_id)))) {
        need(['host', 'network', 'tunnel_id'], tunnelRequired);
      }
    } else if (hasName) {
      if (!absent(host.network)) add(['host', 'network'], 'only with an IP address; a hostname uses {host.resolver_network}');
      const rn = obj(host.resolver_network);
      if (absent(host.resolver_network) || (rn && absent(rn.tunnel_id))) {
        need(['host', 'resolver_network', 'tunnel_id'], tunnelRequired);
      }
    }
  }

  // Values that passed their own checks are already trimmed here; a failed one fits no rule below.
  const type = value.type;
  if (type === 'tcp' && absent(value.tcp_port) && clientRules) need(['tcp_port'], TCP_PORT_REQUIRED);
  if (type === 'tcp' || type === 'http') {
    for (const f of writableTopLevel()) {
      if (!fitsType(f, type) && !absent(value[f.path])) add([f.path], OTHER_TYPE[f.path] ?? `only with {type} ${f.only}`);
    }
  }

  const tls = obj(value.tls_settings);
  if (tls) {
    if (tls.cert_verification_mode === 'disabled' && !absent(tls.certificate_authority)) {
      add(['tls_settings', 'certificate_authority'], 'not allowed with {tls_settings.cert_verification_mode} disabled');
    }
    if (absent(tls.cert_verification_mode) && absent(tls.certificate_authority) && absent(tls.client_certificate)) {
      need(['tls_settings', 'cert_verification_mode'], `required in tls_settings: ${listWords(CERT_MODES)}`);
    }
  }
}

/** Builds the canonical request body: only the fields given, in a stable order. */
function toDefinition(v: Loose): ServiceDefinition {
  const h = v.host as Loose;
  let host: Host;
  if (h.hostname !== undefined) {
    const rn = h.resolver_network as Loose;
    const resolver: ResolverNetwork = { tunnel_id: rn.tunnel_id as string };
    if (rn.resolver_ips !== undefined) resolver.resolver_ips = rn.resolver_ips as string[];
    host = { hostname: h.hostname as string, resolver_network: resolver };
  } else {
    const network = { tunnel_id: (h.network as Loose).tunnel_id as string };
    host = { ...(h.ipv4 !== undefined && { ipv4: h.ipv4 }), ...(h.ipv6 !== undefined && { ipv6: h.ipv6 }), network } as Host;
  }

  let tls: TlsSettings | undefined;
  const t = v.tls_settings as Loose | undefined | null;
  if (t) {
    // The API requires a mode inside tls_settings; verify_full is its own default (cli.md section 10).
    tls = { cert_verification_mode: (t.cert_verification_mode as CertVerificationMode | undefined) ?? (fieldAt('tls_settings.cert_verification_mode')!.apiDefault as CertVerificationMode) };
    if (t.certificate_authority !== undefined) tls.certificate_authority = t.certificate_authority as string;
    if (t.client_certificate !== undefined) tls.client_certificate = t.client_certificate as string;
  }
  // The fields of the service's type, in the table's order.
  const def: Loose = {};
  for (const f of writableTopLevel()) {
    if (fitsType(f, v.type)) def[f.path] = f.path === 'host' ? host : f.path === 'tls_settings' ? tls : v[f.path];
  }
  for (const k of Object.keys(def)) if (def[k] === undefined) delete def[k];
  return def as unknown as ServiceDefinition;
}

type Schemas = ReturnType<typeof buildSchema>;
const built = new Map<string, Schemas>();

/**
 * The schemas for a source, built on first use: text sources (flags, wizard answers) may give ports
 * as digit strings; JSON must use the API's own types. Nothing is built at import time.
 */
function schemas(source: 'text' | 'json', clientRules = true): Schemas {
  const key = `${source}/${clientRules}`;
  let s = built.get(key);
  if (!s) built.set(key, (s = buildSchema(source === 'text', clientRules)));
  return s;
}

export function serviceDefinitionSchema(source: 'text' | 'json') {
  return schemas(source).full;
}

export type ValidationResult =
  | { ok: true; value: ServiceDefinition }
  /** `relaxed`: the definition, when the only problems are the client's own rules (see TCP_PORT_REQUIRED). */
  | { ok: false; problems: Problem[]; relaxed?: ServiceDefinition };

export function validateDefinition(input: unknown, source: 'text' | 'json'): ValidationResult {
  const r = z.safeParse(schemas(source).full, input);
  if (r.success) return { ok: true, value: r.data };
  const problems = toProblems(r.error.issues);
  // Valid without the client's own rules: the only problems were those (see TCP_PORT_REQUIRED).
  const again = z.safeParse(schemas(source, false).full, input);
  return again.success ? { ok: false, problems, relaxed: again.data } : { ok: false, problems };
}

/**
 * Each value on its own, without the rules between fields: what can be refused before the service
 * a partial definition applies to is known (update checks its flags before the GET). Returns the
 * cleaned values (trimmed text, ports as numbers) in the same shape.
 */
export function checkValues(partial: Record<string, unknown>, source: 'text' | 'json'): { value: Record<string, unknown>; problems: Problem[] } {
  const r = z.safeParse(schemas(source).values, partial);
  if (r.success) return { value: dropUndefined(r.data as Record<string, unknown>), problems: [] };
  return { value: partial, problems: toProblems(r.error.issues) };
}

/**
 * A partial definition's own problems: each value, and the rules between the fields it gives (a
 * hostname with an address, a field of another type than its type, a certificate authority with
 * verification off). What it lacks is no problem here, since what it is laid over may have it; what
 * it gives is kept by the merge (merge.ts drops no given field), so these are the result's problems
 * too, whatever the partial is laid over. Returns the cleaned values as checkValues does.
 */
export function checkPartial(partial: Record<string, unknown>, source: 'text' | 'json'): { value: Record<string, unknown>; problems: Problem[] } {
  const r = z.safeParse(schemas(source).rules, partial);
  const missing = (issue: z.core.$ZodIssue) => issue.code === 'custom' && (issue.params as { missing?: boolean } | undefined)?.missing === true;
  const problems = r.success ? [] : toProblems(r.error.issues.filter((issue) => !missing(issue)));
  return { value: checkValues(partial, source).value, problems };
}

function dropUndefined(v: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (x === undefined) continue;
    out[k] = x !== null && typeof x === 'object' && !Array.isArray(x) ? dropUndefined(x as Record<string, unknown>) : x;
  }
  return out;
}

function toProblems(issues: z.core.$ZodIssue[]): Problem[] {
  const problems: Problem[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) problems.push({ path: [...issue.path, key] as (string | number)[], message: 'unknown field', unknownKey: true });
    } else {
      problems.push({ path: issue.path as (string | number)[], message: issue.message, ...(issue.message === TCP_PORT_REQUIRED && { clientOnly: true }) });
    }
  }
  // Report in the order of the definition, so the lines read like the command line. A list item
  // (`resolver_ips.1`) ranks with its list: fieldRank walks up to the nearest known path.
  problems.sort((a, b) => fieldRank(a.path.join('.')) - fieldRank(b.path.join('.')));
  return problems;
}
