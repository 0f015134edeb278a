import { describe, expect, it } from 'vitest';
import { definitionsJsonSchema } from '../../../src/service/json-schema';
import { fieldHelp } from '../../../src/service/fields';

/*
 * The JSON Schema `vpcsvc schema` prints, fragment by fragment and exactly. The help texts come
 * from the field table (fieldHelp), so rewording a help line does not break this test; any change
 * of structure (a bound, a pattern, a required key, the order of variants) does.
 */

// Built inside each test (not once at import), so that a mutation run sees each test build it.
const build = async () => {
  const schema = await definitionsJsonSchema();
  return { schema, defs: schema.$defs as Record<string, unknown> };
};
const d = (path: string) => ({ description: fieldHelp(path) });

const UUID = { type: 'string', format: 'uuid', pattern: '^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$' };
const IPV4 = { type: 'string', format: 'ipv4' };
const IPV6 = { anyOf: [{ type: 'string', format: 'ipv6' }, { type: 'string', pattern: '^[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*%[0-9A-Za-z.:-]+$' }] };
const PORT = { type: 'integer', minimum: 1, maximum: 65535 };
const NULL = { type: 'null' };
const MODE = { type: 'string', enum: ['verify_full', 'verify_ca', 'disabled'] };
const orNull = (s: object, path: string) => ({ anyOf: [s, NULL], ...d(path) });

const NAME = { type: 'string', minLength: 1, pattern: '\\S', ...d('name') };
const READ_ONLY = { service_id: d('service_id'), created_at: d('created_at'), updated_at: d('updated_at') };
const TCP = {
  type: 'object',
  properties: {
    name: NAME,
    type: { type: 'string', const: 'tcp', ...d('type') },
    host: { $ref: '#/$defs/host' },
    tcp_port: { ...PORT, ...d('tcp_port') },
    app_protocol: orNull({ type: 'string', enum: ['postgresql', 'mysql'] }, 'app_protocol'),
    tls_settings: orNull({ $ref: '#/$defs/tls_settings' }, 'tls_settings'),
    ...READ_ONLY,
  },
  required: ['name', 'type', 'host', 'tcp_port'],
  additionalProperties: false,
};
const HTTP = {
  type: 'object',
  properties: {
    name: NAME,
    type: { type: 'string', const: 'http', ...d('type') },
    host: { $ref: '#/$defs/host' },
    http_port: orNull(PORT, 'http_port'),
    https_port: orNull(PORT, 'https_port'),
    tls_settings: orNull({ $ref: '#/$defs/tls_settings' }, 'tls_settings'),
    ...READ_ONLY,
  },
  required: ['name', 'type', 'host'],
  additionalProperties: false,
};
const SCHEMA_KEY = { type: 'string', description: 'URL or path of this JSON Schema, for editors; ignored by vpcsvc.' };
const withSchemaKey = (v: typeof TCP | typeof HTTP) => ({ ...v, properties: { $schema: SCHEMA_KEY, ...v.properties } });

describe('the JSON Schema, exactly', () => {
  it('the top level: one definition (which may name its schema) or an array of definitions, titled and described', async () => {
    const { schema, defs } = await build();
    const { $defs: _defs, ...top } = schema;
    expect(top).toEqual({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      anyOf: [{ oneOf: [withSchemaKey(TCP), withSchemaKey(HTTP)] }, { type: 'array', items: { $ref: '#/$defs/definition' } }],
      title: 'vpcsvc service definitions',
      description: 'One Workers VPC service definition, or an array of them, as `vpcsvc create -f`, `update -f` and `apply -f` read them.',
    });
    expect(Object.keys(defs).sort()).toEqual(['definition', 'host', 'network', 'resolver_network', 'tls_settings']);
  });

  it('an array item: a tcp or an http definition, without $schema', async () => {
    const { defs } = await build();
    expect(defs.definition).toEqual({ oneOf: [TCP, HTTP] });
  });

  it('the host: an address (IPv4, optionally with IPv6), IPv6 alone, or a hostname, each with its own network', async () => {
    const { defs } = await build();
    expect(defs.host).toEqual({
      anyOf: [
        {
          type: 'object',
          properties: { ipv4: { ...IPV4, ...d('host.ipv4') }, ipv6: orNull(IPV6, 'host.ipv6'), network: { $ref: '#/$defs/network' } },
          required: ['ipv4', 'network'],
          additionalProperties: false,
        },
        {
          type: 'object',
          properties: { ipv6: { ...IPV6, ...d('host.ipv6') }, network: { $ref: '#/$defs/network' } },
          required: ['ipv6', 'network'],
          additionalProperties: false,
        },
        {
          type: 'object',
          properties: {
            hostname: { type: 'string', minLength: 1, maxLength: 253, pattern: '^[A-Za-z0-9_.-]+$', ...d('host.hostname') },
            resolver_network: { $ref: '#/$defs/resolver_network' },
          },
          required: ['hostname', 'resolver_network'],
          additionalProperties: false,
        },
      ],
      ...d('host'),
    });
  });

  it('the networks: a tunnel id, and resolver IPs of either family on a resolver network', async () => {
    const { defs } = await build();
    expect(defs.network).toEqual({
      type: 'object',
      properties: { tunnel_id: { ...UUID, ...d('host.network.tunnel_id') } },
      required: ['tunnel_id'],
      additionalProperties: false,
      ...d('host.network'),
    });
    expect(defs.resolver_network).toEqual({
      type: 'object',
      properties: {
        tunnel_id: { ...UUID, ...d('host.resolver_network.tunnel_id') },
        resolver_ips: orNull({ type: 'array', items: { anyOf: [IPV4, IPV6] } }, 'host.resolver_network.resolver_ips'),
      },
      required: ['tunnel_id'],
      additionalProperties: false,
      ...d('host.resolver_network'),
    });
  });

  it('tls_settings: one variant per field that must be present (not null), the others optional', async () => {
    const { defs } = await build();
    const variant = (required: string) => {
      const field = (key: string, s: object) => (key === required ? { ...s, ...d(`tls_settings.${key}`) } : orNull(s, `tls_settings.${key}`));
      return {
        type: 'object',
        properties: { cert_verification_mode: field('cert_verification_mode', MODE), certificate_authority: field('certificate_authority', UUID), client_certificate: field('client_certificate', UUID) },
        required: [required],
        additionalProperties: false,
      };
    };
    expect(defs.tls_settings).toEqual({ anyOf: [variant('cert_verification_mode'), variant('certificate_authority'), variant('client_certificate')] });
  });

  it('a fresh document on every call (nothing cached is shared with a caller that edits it)', async () => {
    const { schema } = await build();
    const again = await definitionsJsonSchema();
    expect(again).toEqual(schema);
    expect(again).not.toBe(schema);
  });
});
