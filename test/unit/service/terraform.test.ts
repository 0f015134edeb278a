import { readFileSync } from 'node:fs';
import { getExpressionAst } from '@cdktf/hcl2json';
import { describe, expect, it } from 'vitest';
import { TF_ATTRIBUTES, hclString, labelBase, terraformLabels, terraformOf, variableNameProblem } from '../../../src/service/terraform';
import { literal, parseHcl } from '../../support/hcl';

const TUNNEL = '0191dce4-9ab4-7fce-b660-8e5dec5172da';
const ACCOUNT = '023e105f4ecef8ad9ca31a8372d0c353';

describe('hclString', () => {
  const hostile = [
    'plain',
    'q"uote',
    'back\\slash\\',
    '${x}',
    '$${x}',
    '$$${x}',
    '%{if a}b%{endif}',
    '%%{x}',
    '$',
    'a$',
    '%',
    '${',
    '\\${x}',
    '$\\{x}',
    'line\nbreak\r\n\ttab',
    '\u0000\u0001\u001f\u007f\u0085\u2028\u2029',
    '\u202e\u200b\u200d\ufeff\u061c\u2060\u2066\u2069',
    'Ünïcödé 日本 🎉👩‍👩‍👧',
    '"${"}"',
  ];

  it.each(hostile.map((s) => [s]))('%j reads back unchanged through HashiCorp\'s parser, as a literal', async (s) => {
    const parsed = await parseHcl(`a = ${hclString(s)}\n`);
    expect(literal(parsed.a as string)).toBe(s);
    // No interpolation or directive: the parser sees one literal part, or none for "".
    const ast = (await getExpressionAst('x.tf', hclString(s))) as { type: string; children: { type: string }[] };
    expect(ast.type).toBe('template');
    expect(ast.children.every((c) => c.type === 'literalValue')).toBe(true);
  });

  it('stays on one line and escapes controls as \\uXXXX', () => {
    expect(hclString('a\u0001b\u007fc\u2028')).toBe('"a\\u0001b\\u007Fc\\u2028"');
    // Bidi overrides, zero-width characters and the BOM would make the file read differently from what it holds.
    expect(hclString('a\u202eb\u200bc\ufeffd\u061c\u2066')).toBe('"a\\u202Eb\\u200Bc\\uFEFFd\\u061C\\u2066"');
    expect(hclString('x\ny')).toBe('"x\\ny"');
  });
});

describe('labels', () => {
  it.each([
    ['db-main', 'db-main'],
    ['DB Main', 'db_main'],
    ['café crème', 'cafe_creme'],
    ['9lives', 'service_9lives'],
    ['-x-', 'x'],
    ['🎉', 'service'],
    ['', 'service'],
    ['a..b//c', 'a_b_c'],
  ])('%j -> %j', (name, label) => {
    expect(labelBase(name)).toBe(label);
  });

  const services = [
    { service_id: 'aaaaaaaa-1111-4111-8111-111111111111', name: 'db main' },
    { service_id: 'bbbbbbbb-2222-4222-8222-222222222222', name: 'DB_Main' },
    { service_id: 'cccccccc-3333-4333-8333-333333333333', name: 'web' },
    { service_id: 'aaaaaaaa-1111-4999-8111-111111111111', name: 'db_main!' },
    { service_id: 'ffffffff-6666-4666-8666-666666666666', name: 'Web' },
    { service_id: 'eeeeeeee-5555-4555-8555-555555555555', name: '🎉' },
  ];
  const EXPECTED = {
    'aaaaaaaa-1111-4111-8111-111111111111': 'db_main-2de9e92c',
    'bbbbbbbb-2222-4222-8222-222222222222': 'DB_Main',
    'cccccccc-3333-4333-8333-333333333333': 'web',
    'aaaaaaaa-1111-4999-8111-111111111111': 'db_main-30be9a02',
    'ffffffff-6666-4666-8666-666666666666': 'Web',
    'eeeeeeee-5555-4555-8555-555555555555': 'service-6146299c',
  };

  it('a label is the name when it is an HCL identifier (case kept), else the cleaned name and a hash of the name', () => {
    expect(Object.fromEntries(terraformLabels(services))).toEqual(EXPECTED);
  });

  it('a label depends on its own name alone: not on the order, on what else is exported, or on the id', () => {
    for (const order of [[...services].reverse(), [services[2]!, services[5]!, services[0]!, services[4]!, services[1]!, services[3]!]]) {
      expect(Object.fromEntries(terraformLabels(order))).toEqual(EXPECTED);
    }
    for (const s of services) expect(terraformLabels([s]).get(s.service_id)).toBe(EXPECTED[s.service_id as keyof typeof EXPECTED]);
    // A new service named like another's label leaves the other labels alone.
    const more = [...services, { service_id: 'dddddddd-4444-4444-8444-444444444444', name: 'db_main_aaaaaaaa' }];
    expect(Object.fromEntries(terraformLabels(more))).toEqual({ ...EXPECTED, 'dddddddd-4444-4444-8444-444444444444': 'db_main_aaaaaaaa' });
    expect(terraformLabels([{ ...services[0]!, service_id: '99999999-1111-4111-8111-111111111111' }]).get('99999999-1111-4111-8111-111111111111')).toBe('db_main-2de9e92c');
  });

  it('a name that is exactly another\'s hashed label: the hashed one grows until they differ', () => {
    const clash = [services[0]!, { service_id: 'dddddddd-4444-4444-8444-444444444444', name: 'db_main-2de9e92c' }];
    expect(Object.fromEntries(terraformLabels(clash))).toEqual({
      'aaaaaaaa-1111-4111-8111-111111111111': 'db_main-2de9e92c80bd',
      'dddddddd-4444-4444-8444-444444444444': 'db_main-2de9e92c',
    });
  });
});

describe('variableNameProblem', () => {
  it.each([['account_id'], ['_a-b1']])('%j is fine', (n) => expect(variableNameProblem(n)).toBeUndefined());
  it.each([['1a'], ['a.b'], [''], ['count'], ['for_each'], ['é']])('%j is refused', (n) => expect(variableNameProblem(n)).toBeDefined());
});

describe('terraformOf', () => {
  const base = { service_id: 'aaaaaaaa-1111-4111-8111-111111111111', name: 'db', type: 'tcp', host: { ipv4: '10.0.0.1', network: { tunnel_id: TUNNEL } }, tcp_port: 5432 };

  it('a field the provider does not know (a newer API field) is a comment and reported, not dropped', async () => {
    const tf = terraformOf([{ ...base, created_at: '2026-01-01T00:00:00Z', weight: 3, host: { ...base.host, zone: 'a"b' } }], { accountId: ACCOUNT });
    expect(tf.services[0]!.unexpressible).toEqual([
      { path: 'host.zone', value: 'a"b' },
      { path: 'weight', value: 3 },
    ]);
    expect(tf.text).toContain('  #   host.zone = "a\\"b"\n  #   weight = 3\n');
    const parsed = await parseHcl(tf.text);
    expect(parsed.resource.cloudflare_connectivity_directory_service.db[0]).toEqual({
      account_id: ACCOUNT,
      name: 'db',
      type: 'tcp',
      host: { ipv4: '10.0.0.1', network: { tunnel_id: TUNNEL } },
      tcp_port: 5432,
    });
  });

  it('resources are sorted by label, whatever the input order', () => {
    const other = { ...base, service_id: 'bbbbbbbb-2222-4222-8222-222222222222', name: 'alpha' };
    expect(terraformOf([base, other], { accountId: ACCOUNT }).text).toBe(terraformOf([other, base], { accountId: ACCOUNT }).text);
    expect(terraformOf([base, other], { accountId: ACCOUNT }).services.map((s) => s.label)).toEqual(['alpha', 'db']);
  });

  it('the attribute tree is the provider\'s, as recorded in the fixture', () => {
    const fixture = JSON.parse(readFileSync(new URL('../../fixtures/terraform-connectivity-directory-service.json', import.meta.url), 'utf8'));
    type A = { type: string; required?: boolean; computed?: boolean; since?: string; attributes?: Record<string, A> };
    const shape = (tree: Record<string, A>): unknown =>
      Object.entries(tree).map(([k, a]) => [k, a.type, a.required === true, a.computed === true, a.since ?? null, a.attributes ? shape(a.attributes) : null]);
    expect(shape(TF_ATTRIBUTES as Record<string, A>)).toEqual(shape(fixture.attributes));
  });
});
