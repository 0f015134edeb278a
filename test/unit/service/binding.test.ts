import { describe, expect, it } from 'vitest';
import { bindingNameProblem, defaultBindingName, jsoncSnippet, tomlSnippet } from '../../../src/service/binding';
import { editText } from '../../../src/io/wrangler-config';

const ID = '550e8400-e29b-41d4-a716-446655440000';
const entry = { binding: 'ORDERS_DB', service_id: ID, remote: true as const };

describe('binding names', () => {
  it.each([
    ['orders-db', 'ORDERS_DB'],
    ['ordersDb', 'ORDERS_DB'],
    ['api.v2 gateway', 'API_V2_GATEWAY'],
    ['9lives', '_9LIVES'],
  ])('%s -> %s', (name, binding) => {
    expect(defaultBindingName(name)).toBe(binding);
    expect(bindingNameProblem(binding)).toBeUndefined();
  });

  // Two such services would otherwise share one fallback name (both were VPC_SERVICE).
  it.each(['---', '数据库', 'база', 'ü'])('%j gives no binding name', (name) => {
    expect(defaultBindingName(name)).toBeUndefined();
  });

  it.each(['9lives', 'my-db', '', 'a b'])('%j is refused', (name) => {
    expect(bindingNameProblem(name)).toContain('--binding');
  });

  it('snippets for both formats', () => {
    expect(jsoncSnippet(entry)).toBe(`"vpc_services": [\n  { "binding": "ORDERS_DB", "service_id": "${ID}", "remote": true }\n]`);
    expect(tomlSnippet(entry)).toBe(`[[vpc_services]]\nbinding = "ORDERS_DB"\nservice_id = "${ID}"\nremote = true`);
  });
});

describe('editing wrangler.jsonc', () => {
  const parse = (t: string) => JSON.parse(t.replace(/\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '').replace(/,(\s*[}\]])/g, '$1'));

  it('adds the list, keeping comments and the layout of the rest', () => {
    const text = '{\n  // worker\n  "name": "w",\n  "kv_namespaces": [{ "binding": "K", "id": "1" }],\n}\n';
    const r = editText(text, entry);
    expect(r.kind).toBe('added');
    expect(r.text).toContain('// worker');
    expect(r.text).toContain('"kv_namespaces": [{ "binding": "K", "id": "1" }]');
    expect(parse(r.text).vpc_services).toEqual([entry]);
  });

  // cli.md section 10: a binding name bound to a different service is refused, never replaced.
  it('appends to an existing list, renames this service\'s own entry, and refuses a name bound elsewhere', () => {
    const text = `{\n\t"vpc_services": [\n\t\t{ "binding": "OTHER", "service_id": "x", "remote": true }\n\t]\n}\n`;
    const added = editText(text, entry);
    expect(parse(added.text).vpc_services).toEqual([{ binding: 'OTHER', service_id: 'x', remote: true }, entry]);
    expect(() => editText(added.text, { ...entry, service_id: 'new-id' }, 'w.jsonc')).toThrow(
      '--binding: ORDERS_DB is already bound to service 550e8400-e29b-41d4-a716-446655440000 in w.jsonc; choose another name with --binding (the file was not changed)',
    );
    const renamed = editText(added.text, { ...entry, binding: 'ORDERS' });
    expect(renamed.kind).toBe('updated');
    expect(parse(renamed.text).vpc_services).toEqual([{ binding: 'OTHER', service_id: 'x', remote: true }, { ...entry, binding: 'ORDERS' }]);
    expect(() => editText('{"d1_databases":[{"binding":"ORDERS_DB"}]}', entry, 'w.jsonc')).toThrow('--binding: ORDERS_DB is already a binding in w.jsonc (d1_databases)');
  });

  it.each(['{ "name": ', '[]', '{ "vpc_services": {} }'])('refuses %j', (text) => {
    expect(() => editText(text, entry)).toThrow(/--wrangler-config/);
  });
});

describe('a config with a UTF-8 byte order mark', () => {
  it('is read past the mark, and written back with it', () => {
    const r = editText('\ufeff{\n  "name": "w"\n}\n', entry);
    expect(r.text).toBe(`\ufeff{\n  "name": "w",\n  "vpc_services": [\n    {\n      "binding": "ORDERS_DB",\n      "service_id": "${ID}",\n      "remote": true\n    }\n  ]\n}\n`);
    expect(() => editText('\ufeff{"kv_namespaces":[{"binding":"ORDERS_DB"}]}', entry, 'w.jsonc')).toThrow('--binding: ORDERS_DB is already a binding in w.jsonc (kv_namespaces)');
  });
});
