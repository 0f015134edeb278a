import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { definitionsJsonSchema } from '../../../src/service/json-schema';
import { fieldHelp, KNOWN_KEYS } from '../../../src/service/fields';
import { validateDefinition } from '../../../src/service/schema';
import { parseDefinitions } from '../../../src/io/definitions-file';
import { SERVICES } from '../../support/sample-definitions';

const TUNNEL = '0191dce4-9ab4-7fce-b660-8e5dec5172da';
const CA = '5a5d4a3b-2c1d-4e0f-9a8b-7c6d5e4f3a2b';

const schema = await definitionsJsonSchema();
const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
const validate = ajv.compile(schema);
const schemaAccepts = (v: unknown) => validate(v) === true;
const toolAccepts = (v: unknown) => validateDefinition(v, 'json').ok;

/** The shapes the e2e suite sends (json-apply, create, lifecycle), and the forms export prints. */
const tcp = (name: string, extra: Record<string, unknown> = {}) => ({ name, type: 'tcp', host: { ipv4: '10.0.0.1', network: { tunnel_id: TUNNEL } }, tcp_port: 5432, ...extra });
const web = (name: string) => ({ name, type: 'http', host: { hostname: `${name}.internal`, resolver_network: { tunnel_id: TUNNEL, resolver_ips: ['10.0.0.53'] } }, https_port: 443 });
const VALID: Record<string, unknown>[] = [
  ...SERVICES,
  tcp('a'),
  tcp('b', { app_protocol: 'postgresql', tls_settings: { cert_verification_mode: 'verify_ca' } }),
  tcp('c', { host: { ipv4: '10.0.0.2', ipv6: 'fd00::2', network: { tunnel_id: TUNNEL } } }),
  tcp('d', { tls_settings: { certificate_authority: CA } }),
  tcp('nulls', { app_protocol: null, tls_settings: null }),
  tcp('read-only', { service_id: '550e8400-e29b-41d4-a716-446655440000', created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z' }),
  web('w'),
  { name: 'h', type: 'http', host: { ipv4: '10.0.0.1', network: { tunnel_id: TUNNEL } } },
  { name: 'h2', type: 'http', host: { hostname: 'x.internal', resolver_network: { tunnel_id: TUNNEL, resolver_ips: null } }, http_port: 80, https_port: null },
  // An IPv6 address with a zone id: the tool (like wrangler, through Node's isIPv6) takes it.
  tcp('zone', { host: { ipv6: 'fe80::1%eth0', network: { tunnel_id: TUNNEL } } }),
  tcp('zone2', { host: { ipv4: '10.0.0.1', ipv6: 'fe80::1%2', network: { tunnel_id: TUNNEL } } }),
  { name: 'zone3', type: 'http', host: { hostname: 'x.internal', resolver_network: { tunnel_id: TUNNEL, resolver_ips: ['fe80::53%eth0.5'] } } },
  tcp('tls-ca-only', { tls_settings: { cert_verification_mode: null, certificate_authority: CA } }),
];

/** Structurally wrong: wrong types, unknown keys, fields of the other type, mixed host forms. */
const INVALID: [string, unknown][] = [
  ['a string', 'db'],
  ['a number as name', tcp('x', { name: 5 })],
  ['a port as text', tcp('x', { tcp_port: '5432' })],
  ['a port out of range', tcp('x', { tcp_port: 65536 })],
  ['a fractional port', tcp('x', { tcp_port: 54.5 })],
  ['a host as text', tcp('x', { host: '10.0.0.1' })],
  ['resolver_ips as text', { ...web('x'), host: { hostname: 'x.internal', resolver_network: { tunnel_id: TUNNEL, resolver_ips: '10.0.0.53' } } }],
  ['an unknown top-level key', tcp('x', { port: 1 })],
  ['an unknown host key', tcp('x', { host: { ipv4: '10.0.0.1', network: { tunnel_id: TUNNEL }, zone: 'a' } })],
  ['an unknown tls key', tcp('x', { tls_settings: { cert_verification_mode: 'verify_ca', mode: 'x' } })],
  ['tcp_port on http', { ...web('x'), tcp_port: 5432 }],
  ['app_protocol on http', { ...web('x'), app_protocol: 'mysql' }],
  ['http_port on tcp', tcp('x', { http_port: 80 })],
  ['tcp without tcp_port', { name: 'x', type: 'tcp', host: { ipv4: '10.0.0.1', network: { tunnel_id: TUNNEL } } }],
  ['no type', { name: 'x', host: { ipv4: '10.0.0.1', network: { tunnel_id: TUNNEL } } }],
  ['an unknown type', tcp('x', { type: 'udp' })],
  ['an unknown app_protocol', tcp('x', { app_protocol: 'redis' })],
  ['an unknown mode', tcp('x', { tls_settings: { cert_verification_mode: 'strict' } })],
  ['an address and a hostname', tcp('x', { host: { ipv4: '10.0.0.1', hostname: 'x.internal', network: { tunnel_id: TUNNEL } } })],
  ['a hostname with network', tcp('x', { host: { hostname: 'x.internal', network: { tunnel_id: TUNNEL } } })],
  ['an address with resolver_network', tcp('x', { host: { ipv4: '10.0.0.1', resolver_network: { tunnel_id: TUNNEL } } })],
  ['no tunnel', tcp('x', { host: { ipv4: '10.0.0.1' } })],
  ['a tunnel that is no UUID', tcp('x', { host: { ipv4: '10.0.0.1', network: { tunnel_id: 'office' } } })],
  ['empty tls_settings', tcp('x', { tls_settings: {} })],
  ['tls_settings with a null mode only', tcp('x', { tls_settings: { cert_verification_mode: null } })],
  ['tls_settings of nulls', tcp('x', { tls_settings: { cert_verification_mode: null, certificate_authority: null, client_certificate: null } })],
  ['a zone id alone', tcp('x', { host: { ipv6: '%eth0', network: { tunnel_id: TUNNEL } } })],
  ['an empty zone id', tcp('x', { host: { ipv6: 'fe80::1%', network: { tunnel_id: TUNNEL } } })],
  ['an empty name', tcp('')],
  ['a blank name', tcp('   ')],
];

describe('the JSON Schema of definition files', () => {
  it('is draft 2020-12 and compiles in ajv\'s strict mode', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(typeof validate).toBe('function');
  });

  it.each(VALID.map((d) => [String(d.name), d]))('accepts %j, as the tool does', (_, def) => {
    expect(toolAccepts(def)).toBe(true);
    expect(validate(def), JSON.stringify(validate.errors)).toBe(true);
  });

  it('accepts an array of them, and $schema at the top of a one-definition file only', () => {
    expect(schemaAccepts(VALID)).toBe(true);
    expect(schemaAccepts({ $schema: './vpcsvc.schema.json', ...tcp('a') })).toBe(true);
    expect(schemaAccepts([{ $schema: './vpcsvc.schema.json', ...tcp('a') }])).toBe(false);
    expect(schemaAccepts([])).toBe(true);
  });

  it.each(INVALID)('rejects %s, as the tool does', (_, def) => {
    expect(toolAccepts(def)).toBe(false);
    expect(schemaAccepts(def)).toBe(false);
    expect(schemaAccepts([tcp('fine'), def])).toBe(false);
  });

  it('agrees with the tool on every combination of type, host form and type-specific field', () => {
    const hosts = [
      { ipv4: '10.0.0.1', network: { tunnel_id: TUNNEL } },
      { ipv6: 'fd00::1', network: { tunnel_id: TUNNEL } },
      { ipv4: '10.0.0.1', ipv6: 'fd00::1', network: { tunnel_id: TUNNEL } },
      { hostname: 'db.internal', resolver_network: { tunnel_id: TUNNEL } },
      { hostname: 'db.internal', resolver_network: { tunnel_id: TUNNEL, resolver_ips: ['10.0.0.53', 'fd00::53'] } },
    ];
    const extras = [{}, { tcp_port: 5432 }, { tcp_port: 5432, app_protocol: 'mysql' }, { app_protocol: 'mysql' }, { http_port: 80 }, { https_port: 443 }, { http_port: 80, https_port: 443 }, { tcp_port: 1, http_port: 2 }];
    const tls = [undefined, { cert_verification_mode: 'disabled' }, { cert_verification_mode: 'verify_full', certificate_authority: CA, client_certificate: CA }];
    let compared = 0;
    for (const type of ['tcp', 'http'])
      for (const host of hosts)
        for (const extra of extras)
          for (const t of tls) {
            const def = { name: 'x', type, host, ...extra, ...(t && { tls_settings: t }) };
            expect(schemaAccepts(def), JSON.stringify(def)).toBe(toolAccepts(def));
            compared++;
          }
    expect(compared).toBe(2 * 5 * 8 * 3);
  });

  it('has the keys the tool knows at every level, each with its help text', () => {
    const defs = schema.$defs as Record<string, Record<string, any>>;
    const keysOf = (variants: Record<string, any>[]) => [...new Set(variants.flatMap((v) => Object.keys(v.properties)))].sort();
    expect(keysOf(defs.definition!.oneOf)).toEqual([...KNOWN_KEYS['']!].sort());
    expect(keysOf(defs.host!.anyOf)).toEqual([...KNOWN_KEYS.host!].sort());
    expect(keysOf([defs.network!])).toEqual([...KNOWN_KEYS['host.network']!].sort());
    expect(keysOf([defs.resolver_network!])).toEqual([...KNOWN_KEYS['host.resolver_network']!].sort());
    expect(keysOf(defs.tls_settings!.anyOf)).toEqual([...KNOWN_KEYS.tls_settings!].sort());

    const described: string[] = [];
    const check = (props: Record<string, any>, prefix: string) => {
      for (const [k, p] of Object.entries(props)) {
        const text = p.description ?? defs[String(p.$ref).replace('#/$defs/', '')]?.description;
        expect(text, `${prefix}${k}`).toBe(fieldHelp(`${prefix}${k}`));
        described.push(`${prefix}${k}`);
      }
    };
    for (const v of defs.definition!.oneOf) check(v.properties, '');
    for (const v of defs.host!.anyOf) check(v.properties, 'host.');
    check(defs.network!.properties, 'host.network.');
    check(defs.resolver_network!.properties, 'host.resolver_network.');
    for (const v of defs.tls_settings!.anyOf) check(v.properties, 'tls_settings.');
    expect(new Set(described).size).toBe(Object.values(KNOWN_KEYS).flat().length);
    expect(JSON.stringify(schema)).not.toMatch(/\{[a-z_][a-z0-9_.]*\}/);
  });
});

describe('$schema in a definitions file', () => {
  it('is dropped from a one-definition file', () => {
    expect(parseDefinitions('{"$schema": "./vpcsvc.schema.json", "name": "a"}', 'f')).toEqual({ items: [{ name: 'a' }], batch: false });
  });

  it('must be a string', () => {
    expect(() => parseDefinitions('{"$schema": 5, "name": "a"}', 'f')).toThrow('f: $schema: must be a string, the URL or path of the JSON Schema (got 5)');
  });

  it('stays in array items, where the schema reports it as an unknown field', () => {
    expect(parseDefinitions('[{"$schema": "x", "name": "a"}]', 'f').items).toEqual([{ $schema: 'x', name: 'a' }]);
  });
});
