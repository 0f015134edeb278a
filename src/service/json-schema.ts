import * as z from 'zod/mini';
import { CERT_MODES, fieldHelp, fitsType, READ_ONLY_FIELDS, SERVICE_TYPES, writableTopLevel, type Field, type ServiceType } from './fields';

/**
 * The JSON Schema (draft 2020-12) of a definitions file, for editors. The validating schema in
 * schema.ts cleans values with transforms (trimming, digit strings for flags), which JSON Schema
 * cannot express, so the structure is restated here from the same facts (its enums, read-only
 * fields and known keys, the field help) and converted by zod. Tests hold the two together: every
 * key schema.ts knows is here, and every definition the e2e suite uses passes both.
 *
 * Only the `schema` command imports this module.
 */

const described = <T extends z.ZodMiniType>(schema: T, path: string): T => schema.check(z.describe(fieldHelp(path))) as T;
/** Absent and null mean the same to the tool, so an optional field may be null. */
const optional = <T extends z.ZodMiniType>(schema: T, path: string) => z.optional(described(z.nullable(schema), path));

const uuid = () => z.guid();
const port = () => z.int().check(z.gte(1), z.lte(65535));
const ipv4 = () => z.string().check(z.meta({ format: 'ipv4' }));
/**
 * An IPv6 address, or one with a zone id (`fe80::1%eth0`), which the tool takes as wrangler does
 * (Node's isIPv6) and the `ipv6` format does not: the zone form is matched by its shape.
 */
const ipv6 = () => z.union([z.string().check(z.meta({ format: 'ipv6' })), z.string().check(z.regex(/^[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*%[0-9A-Za-z.:-]+$/))]);
const ip = (format: 'ipv4' | 'ipv6') => (format === 'ipv4' ? ipv4() : ipv6());

/** A schema that the document defines once under `$defs/<id>` and refers to. */
const named = <T extends z.ZodMiniType>(schema: T, id: string): T => schema.check(z.meta({ id })) as T;

function buildDefinitions() {
  const network = named(described(z.strictObject({ tunnel_id: described(uuid(), 'host.network.tunnel_id') }), 'host.network'), 'network');
  const resolverNetwork = named(
    described(
      z.strictObject({
        tunnel_id: described(uuid(), 'host.resolver_network.tunnel_id'),
        resolver_ips: optional(z.array(z.union([ip('ipv4'), ip('ipv6')])), 'host.resolver_network.resolver_ips'),
      }),
      'host.resolver_network',
    ),
    'resolver_network',
  );
  // One host form per object: an address (or both) with a network, or a hostname with a resolver network.
  const host = named(
    described(
      z.union([
        z.strictObject({ ipv4: described(ip('ipv4'), 'host.ipv4'), ipv6: optional(ip('ipv6'), 'host.ipv6'), network }),
        z.strictObject({ ipv6: described(ip('ipv6'), 'host.ipv6'), network }),
        z.strictObject({
          hostname: described(z.string().check(z.minLength(1), z.maxLength(253), z.regex(/^[A-Za-z0-9_.-]+$/)), 'host.hostname'),
          resolver_network: resolverNetwork,
        }),
      ]),
      'host',
    ),
    'host',
  );
  // The tool refuses tls_settings without any value in it ({} or only nulls); a mode left out is
  // verify_full. So each variant requires one of the three, not null.
  const mode = () => z.enum(CERT_MODES);
  const tlsVariant = (required: 'cert_verification_mode' | 'certificate_authority' | 'client_certificate') => {
    const field = <T extends z.ZodMiniType>(key: typeof required, schema: T) => (key === required ? described(schema, `tls_settings.${key}`) : optional(schema, `tls_settings.${key}`));
    return z.strictObject({
      cert_verification_mode: field('cert_verification_mode', mode()),
      certificate_authority: field('certificate_authority', uuid()),
      client_certificate: field('client_certificate', uuid()),
    });
  };
  const tls = optional(
    named(z.union([tlsVariant('cert_verification_mode'), tlsVariant('certificate_authority'), tlsVariant('client_certificate')]), 'tls_settings'),
    'tls_settings',
  );
  const readOnly = Object.fromEntries(READ_ONLY_FIELDS.map((f) => [f, z.optional(described(z.unknown(), f))]));
  const name = described(z.string().check(z.minLength(1), z.regex(/\S/)), 'name');
  // The top level follows the field table: enums and ports need nothing beyond their kind.
  const own: Record<string, z.ZodMiniType> = { name, host, tls_settings: tls, tcp_port: described(port(), 'tcp_port') };
  const byKind = (f: Field): z.ZodMiniType => {
    if (f.kind === 'enum' && f.values) return optional(z.enum(f.values as [string, ...string[]]), f.path);
    if (f.kind === 'port') return optional(port(), f.path);
    throw new Error(`no JSON Schema for ${f.path} (${f.kind})`);
  };
  const fieldsOf = (type: ServiceType) => ({
    ...Object.fromEntries(
      writableTopLevel()
        .filter((f) => fitsType(f, type))
        .map((f) => [f.path, f.path === 'type' ? described(z.literal(type), 'type') : (own[f.path] ?? byKind(f))]),
    ),
    ...readOnly,
  });
  const [tcp, http] = SERVICE_TYPES;
  const tcpFields = fieldsOf(tcp);
  const httpFields = fieldsOf(http);
  const schemaKey = { $schema: z.optional(z.string().check(z.describe('URL or path of this JSON Schema, for editors; ignored by vpcsvc.'))) };
  return {
    /** An item of an array. */
    item: named(z.discriminatedUnion('type', [z.strictObject(tcpFields), z.strictObject(httpFields)]), 'definition'),
    /** A file of one definition, which may name its schema. */
    file: z.discriminatedUnion('type', [z.strictObject({ $schema: schemaKey.$schema, ...tcpFields }), z.strictObject({ $schema: schemaKey.$schema, ...httpFields })]),
  };
}

/** A definitions file: one definition (which may name its schema in `$schema`), or an array of them. */
export function definitionsFileSchema() {
  const { item, file } = buildDefinitions();
  return z.union([file, z.array(item)]).check(
    z.meta({ title: 'vpcsvc service definitions', description: 'One Workers VPC service definition, or an array of them, as `vpcsvc create -f`, `update -f` and `apply -f` read them.' }),
  );
}

export async function definitionsJsonSchema(): Promise<Record<string, unknown>> {
  // zod's converter is a bundle of its own (scripts/build.mjs), loaded by this command alone.
  const { toJSONSchema } = await import('zod/v4/core');
  return toJSONSchema(definitionsFileSchema(), { target: 'draft-2020-12' }) as Record<string, unknown>;
}
