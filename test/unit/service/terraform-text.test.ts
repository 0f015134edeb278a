import { describe, expect, it } from 'vitest';
import { compareVersions, hclString, isHclIdentifier, labelBase, terraformLabels, terraformOf, variableNameProblem } from '../../../src/service/terraform';

/*
 * The Terraform export as exact text: every escape of hclString at the edges of its ranges, the
 * labels as their hashes grow, variable names, and whole files (alignment, nesting, comments for
 * what the provider cannot hold, the provider release pinned).
 */

const ACCOUNT = '023e105f4ecef8ad9ca31a8372d0c353';
const TUNNEL = '0191dce4-9ab4-7fce-b660-8e5dec5172da';
const ID = 'aaaaaaaa-1111-4111-8111-111111111111';
const ID2 = 'bbbbbbbb-2222-4222-8222-222222222222';

const header = (version: string) => `terraform {
  required_version = ">= 1.5.0"
  required_providers {
    cloudflare = {
      source  = "cloudflare/cloudflare"
      version = ">= ${version}"
    }
  }
}
`;
const importOf = (label: string, id = ID) => `import {
  to = cloudflare_connectivity_directory_service.${label}
  id = "${ACCOUNT}/${id}"
}
`;

describe('hclString, character by character', () => {
  it.each<[string, string]>([
    ['', '""'],
    ['a"b', '"a\\"b"'],
    ['a\\b', '"a\\\\b"'],
    ['a\nb', '"a\\nb"'],
    ['a\rb', '"a\\rb"'],
    ['a\tb', '"a\\tb"'],
    ['\u0000', '"\\u0000"'],
    ['\u0001', '"\\u0001"'],
    ['\u000b', '"\\u000B"'],
    ['\u001f', '"\\u001F"'],
    ['\u007f', '"\\u007F"'],
    ['\u0080', '"\\u0080"'],
    ['\u009f', '"\\u009F"'],
    ['\u061c', '"\\u061C"'],
    ['\u200b', '"\\u200B"'],
    ['\u200f', '"\\u200F"'],
    ['\u2028', '"\\u2028"'],
    ['\u202e', '"\\u202E"'],
    ['\u2060', '"\\u2060"'],
    ['\u2069', '"\\u2069"'],
    ['\ufeff', '"\\uFEFF"'],
    // Lone surrogates have no UTF-8 form.
    ['a\ud800b', '"a\\uFFFDb"'],
    ['\udbff', '"\\uFFFD"'],
    ['\udc00', '"\\uFFFD"'],
    ['\udfff', '"\\uFFFD"'],
    // A pair is one character, written as itself.
    ['\ud83c\udf89', '"\ud83c\udf89"'],
    ['${a}${b}', '"$${a}$${b}"'],
    ['%{a}%{b}', '"%%{a}%%{b}"'],
    ['$a {b} %a', '"$a {b} %a"'],
  ])('%j -> %s', (s, out) => {
    expect(hclString(s)).toBe(out);
  });

  // The neighbours of every escaped range are written as they are.
  it.each([' ', '~', '\u00a0', '\u061b', '\u061d', '\u200a', '\u2010', '\u2027', '\u202f', '\u205f', '\u206a', '\ufefe', '\ud7ff', '\ue000', 'é'])('%j is kept as itself', (ch) => {
    expect(hclString(`a${ch}b`)).toBe(`"a${ch}b"`);
  });
});

describe('names', () => {
  it.each(['a', 'A', '_', 'Z9', 'a-b_9', '_x-Y'])('%j is an HCL identifier', (s) => {
    expect(isHclIdentifier(s)).toBe(true);
  });
  it.each(['', '9a', '-a', 'a.b', 'a b', 'é', 'a\n', '.a', 'ab!'])('%j is not', (s) => {
    expect(isHclIdentifier(s)).toBe(false);
  });

  it.each(['source', 'version', 'providers', 'count', 'for_each', 'lifecycle', 'depends_on', 'locals'])('%j is reserved by Terraform', (n) => {
    expect(variableNameProblem(n)).toBe(`"${n}" is reserved by Terraform; choose another name`);
  });

  it('a name that is no identifier: the rule and the name', () => {
    expect(variableNameProblem('1a')).toBe('must be an HCL identifier: a letter or "_", then letters, digits, "_" or "-" (got "1a")');
    expect(variableNameProblem('Count')).toBeUndefined();
  });

  it.each<[string, string]>([
    ['ＡＢ', 'ab'],
    ['ﬁle', 'file'],
    ['Ünïcödé', 'unicode'],
    ['a\u0301b', 'ab'],
    ['a__b', 'a__b'],
    ['a  b', 'a_b'],
    ['__a__', 'a'],
    ['_-a-_', 'a'],
    ['x-', 'x'],
    ['a-b', 'a-b'],
    ['1', 'service_1'],
    ['_1', 'service_1'],
    ['...', 'service'],
  ])('label base of %j is %j', (name, base) => {
    expect(labelBase(name)).toBe(base);
  });
});

describe('labels whose hash must grow', () => {
  const hashed = { service_id: ID, name: 'db main' };
  const bare = (id: string, name: string) => ({ service_id: id, name });
  // sha256("db main") = 2de9e92c 80bd 8e95 f0f27079b09e56ec0c66f07e7cd1cead07724e0500b885ed
  const full = 'db_main-2de9e92c80bd8e95f0f27079b09e56ec0c66f07e7cd1cead07724e0500b885ed';

  it('8, then 12, 16 and all 64 hex digits, only as far as a clash needs', () => {
    const steps = ['db_main-2de9e92c', 'db_main-2de9e92c80bd', 'db_main-2de9e92c80bd8e95'];
    const others = steps.map((name, i) => bare(`0000000${i}-0000-4000-8000-000000000000`, name));
    for (let n = 0; n <= others.length; n++) {
      const labels = terraformLabels([hashed, ...others.slice(0, n)]);
      expect(labels.get(ID)).toBe(n < steps.length ? steps[n] : full);
      for (const o of others.slice(0, n)) expect(labels.get(o.service_id)).toBe(o.name);
    }
  });

  it('past the whole hash (four crafted names take every length), the hashed label gets -2: labels never repeat', () => {
    const names = ['db_main-2de9e92c', 'db_main-2de9e92c80bd', 'db_main-2de9e92c80bd8e95', full];
    const labels = terraformLabels([hashed, ...names.map((name, i) => bare(`0000000${i}-0000-4000-8000-000000000000`, name))]);
    expect([...labels.values()]).toEqual([`${full}-2`, ...names]);
    // -2 taken as well: -3. A name keeps its own label; the hashed one moves.
    const more = terraformLabels([bare(ID2, `${full}-2`), hashed, ...names.map((name, i) => bare(`0000000${i}-0000-4000-8000-000000000000`, name))]);
    expect([more.get(ID), more.get(ID2)]).toEqual([`${full}-3`, `${full}-2`]);
    // The name keeps it even when the hashed label's service has the smaller id.
    const first = { service_id: '00000000-0000-4000-8000-000000000000', name: 'db main' };
    const nameOnly = terraformLabels([bare('ffffffff-0000-4000-8000-000000000000', full), ...names.slice(0, 3).map((name, i) => bare(`1000000${i}-0000-4000-8000-000000000000`, name)), first]);
    expect([nameOnly.get(first.service_id), nameOnly.get('ffffffff-0000-4000-8000-000000000000')]).toEqual([`${full}-2`, full]);
    // A name equal to the whole hash alone is no clash: the hashed label keeps 8 digits.
    expect(Object.fromEntries(terraformLabels([hashed, bare(ID2, full)]))).toEqual({ [ID]: 'db_main-2de9e92c', [ID2]: full });
  });

  it('two services with one name (a server that breaks the rule that names are unique): -2 for the larger id, whatever the order', () => {
    const a = bare('aaaaaaaa-0000-4000-8000-000000000000', 'web');
    const b = bare('bbbbbbbb-0000-4000-8000-000000000000', 'web');
    const c = bare('cccccccc-0000-4000-8000-000000000000', 'web');
    const want = { [a.service_id]: 'web', [b.service_id]: 'web-2', [c.service_id]: 'web-3' };
    expect(Object.fromEntries(terraformLabels([a, b, c]))).toEqual(want);
    expect(Object.fromEntries(terraformLabels([c, b, a]))).toEqual(want);
    const h1 = { service_id: 'bbbbbbbb-0000-4000-8000-000000000000', name: 'db main' };
    const h2 = { service_id: 'aaaaaaaa-0000-4000-8000-000000000000', name: 'db main' };
    expect(Object.fromEntries(terraformLabels([h1, h2]))).toEqual({ [h2.service_id]: full, [h1.service_id]: `${full}-2` });
  });

  it('a label used once does not grow, whatever else grows', () => {
    const labels = terraformLabels([hashed, bare(ID2, 'db_main-2de9e92c'), { service_id: 'cccccccc-3333-4333-8333-333333333333', name: 'x y' }]);
    expect(Object.fromEntries(labels)).toEqual({ [ID]: 'db_main-2de9e92c80bd', [ID2]: 'db_main-2de9e92c', 'cccccccc-3333-4333-8333-333333333333': 'x_y-887fcea6' });
  });
});

describe('compareVersions', () => {
  it.each<[string, string, number]>([
    ['5.13.0', '5.13.0', 0],
    ['5.9.0', '5.13.0', -1],
    ['5.13.0', '5.9.0', 1],
    ['5.19.0', '5.13.0', 1],
    ['4.99.9', '5.0.0', -1],
    ['5.13', '5.13.0', 0],
    ['5.13.0', '5.13', 0],
    ['5.13.1', '5.13', 1],
    ['5.13', '5.13.1', -1],
    ['5.13.0.1', '5.13.0', 1],
  ])('%s against %s: %i', (a, b, sign) => {
    expect(Math.sign(compareVersions(a, b))).toBe(sign);
  });
});

describe('terraformOf, whole files', () => {
  const http = { service_id: ID, name: 'web', type: 'http', host: { hostname: 'w.internal', resolver_network: { tunnel_id: TUNNEL, resolver_ips: ['10.0.0.53', 'fd00::53'] } }, http_port: 8080, https_port: 8443 };

  it('an http service: the resource\'s first release, nested objects, aligned groups, the import', () => {
    const tf = terraformOf([{ ...http, created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-02T00:00:00Z' }], { accountId: ACCOUNT });
    expect(tf.text).toBe(`${header('5.13.0')}
resource "cloudflare_connectivity_directory_service" "web" {
  account_id = "${ACCOUNT}"
  name       = "web"
  type       = "http"
  host = {
    hostname = "w.internal"
    resolver_network = {
      tunnel_id    = "${TUNNEL}"
      resolver_ips = ["10.0.0.53", "fd00::53"]
    }
  }
  http_port  = 8080
  https_port = 8443
}

${importOf('web')}`);
    expect(tf.services).toEqual([{ service_id: ID, name: 'web', label: 'web', unexpressible: [] }]);
  });

  it('--account-var: the variable in the resource and declared; the import id stays literal', () => {
    const tf = terraformOf([http], { accountId: ACCOUNT, accountVar: 'cf_account' });
    expect(tf.text.slice(0, tf.text.indexOf('resource '))).toBe(`${header('5.13.0')}
variable "cf_account" {
  description = "Cloudflare account id that owns the Workers VPC services"
  type        = string
}

`);
    expect(tf.text).toContain('resource "cloudflare_connectivity_directory_service" "web" {\n  account_id = var.cf_account\n  name       = "web"\n');
    expect(tf.text.endsWith(`\n\n${importOf('web')}`)).toBe(true);
  });

  it('no services: the terraform block alone', () => {
    expect(terraformOf([], { accountId: ACCOUNT })).toEqual({ text: header('5.13.0'), services: [] });
  });

  it('what the provider cannot hold: a comment per field, nested paths, values on one line; computed and account fields left out', () => {
    const svc = {
      service_id: ID,
      id: 'the-api-id',
      account_id: 'another-account',
      name: 'db',
      type: 'tcp',
      host: { ipv4: '10.0.0.1', network: { tunnel_id: TUNNEL, region: 'eu' }, zone: { a: 1 } },
      tcp_port: 5432,
      tls_settings: { cert_verification_mode: 'verify_ca', certificate_authority: 'ca"1' },
      weights: [1, 2],
      on: true,
    };
    const tf = terraformOf([svc], { accountId: ACCOUNT });
    expect(tf.text).toBe(`${header('5.19.0')}
resource "cloudflare_connectivity_directory_service" "db" {
  # Not expressible with cloudflare/cloudflare (set through wrangler or the API; a change applied by Terraform may drop it):
  #   host.network.region = "eu"
  #   host.zone = {"a":1}
  #   tls_settings.certificate_authority = "ca\\"1"
  #   weights = [1,2]
  #   on = true
  account_id = "${ACCOUNT}"
  name       = "db"
  type       = "tcp"
  host = {
    ipv4 = "10.0.0.1"
    network = {
      tunnel_id = "${TUNNEL}"
    }
  }
  tcp_port = 5432
  tls_settings = {
    cert_verification_mode = "verify_ca"
  }
}

${importOf('db')}`);
    expect(tf.services).toEqual([
      {
        service_id: ID,
        name: 'db',
        label: 'db',
        unexpressible: [
          { path: 'host.network.region', value: 'eu' },
          { path: 'host.zone', value: { a: 1 } },
          { path: 'tls_settings.certificate_authority', value: 'ca"1' },
          { path: 'weights', value: [1, 2] },
          { path: 'on', value: true },
        ],
      },
    ]);
  });

  it('values of an unexpected shape are still written as HCL values', () => {
    const odd = { service_id: ID, name: 'odd', type: { 'a b': true, c: [1, null], d: { e: 'f' } }, host: 'h.internal', app_protocol: ['x', 2], http_port: false, resolver: null };
    const tf = terraformOf([odd], { accountId: ACCOUNT });
    expect(tf.text).toBe(`${header('5.19.0')}
resource "cloudflare_connectivity_directory_service" "odd" {
  account_id   = "${ACCOUNT}"
  name         = "odd"
  type         = { "a b" = true, c = [1, null], d = { e = "f" } }
  host         = "h.internal"
  app_protocol = ["x", 2]
  http_port    = false
}

${importOf('odd')}`);
    expect(tf.services[0]!.unexpressible).toEqual([]);
  });

  it('services in label order, each resource followed by its import; an id or name that is not a string is written as text', () => {
    const tf = terraformOf(
      [
        { service_id: ID2, name: 'b b', type: 'tcp', tcp_port: 1 },
        { service_id: 7, name: 'a', type: 'tcp' },
      ],
      { accountId: ACCOUNT },
    );
    expect(tf.text).toBe(`${header('5.19.0')}
resource "cloudflare_connectivity_directory_service" "a" {
  account_id = "${ACCOUNT}"
  name       = "a"
  type       = "tcp"
}

${importOf('a', '7')}
resource "cloudflare_connectivity_directory_service" "b_b-32b857b3" {
  account_id = "${ACCOUNT}"
  name       = "b b"
  type       = "tcp"
  tcp_port   = 1
}

${importOf('b_b-32b857b3', ID2)}`);
    expect(tf.services.map((s) => [s.service_id, s.name, s.label])).toEqual([
      ['7', 'a', 'a'],
      [ID2, 'b b', 'b_b-32b857b3'],
    ]);
  });

  it('labels that differ only in case sort by code unit (upper case first)', () => {
    const svc = (id: string, name: string) => ({ service_id: id, name, type: 'http' });
    const tf = terraformOf([svc(ID, 'b'), svc(ID2, 'B'), svc('c', 'a')], { accountId: ACCOUNT });
    expect(tf.services.map((s) => s.label)).toEqual(['B', 'a', 'b']);
  });
});

describe('comments on a resource hold any field the API returns, on one line each', () => {
  it('a field name with a line break or quotes cannot end the comment and add attributes', async () => {
    const { parseHcl } = await import('../../support/hcl');
    const svc = { service_id: ID, name: 'db', type: 'tcp', tcp_port: 1, 'x\nname = "evil"': 1, 'a b': { 'c\nd': 2 }, ok_key: 3 };
    const tf = terraformOf([svc], { accountId: ACCOUNT });
    expect(tf.text).toContain(
      [
        '  #   "x\\nname = \\"evil\\"" = 1',
        '  #   "a b" = {"c\\nd":2}',
        '  #   ok_key = 3',
        '  account_id = ',
      ].join('\n'),
    );
    const parsed = await parseHcl(tf.text);
    expect(Object.keys(parsed.resource.cloudflare_connectivity_directory_service.db[0])).toEqual(['account_id', 'name', 'tcp_port', 'type']);
    // The warning's list of fields keeps the names as they are: the output layer escapes them.
    expect(tf.services[0]!.unexpressible.map((u) => u.path)).toEqual(['x\nname = "evil"', 'a b', 'ok_key']);
  });

  it('characters that would make the file read differently are escaped inside JSON values too', () => {
    const svc = { service_id: ID, name: 'db', type: 'tcp', tags: ['a\u202eb', 'c\u2028d', 'e\u0085f', 'g\u200bh\ufeff'], 'k\u202e': { 'l\u2066': 'é' } };
    const tf = terraformOf([svc], { accountId: ACCOUNT });
    expect(tf.text).toContain('  #   tags = ["a\\u202Eb","c\\u2028d","e\\u0085f","g\\u200Bh\\uFEFF"]\n  #   "k\\u202E" = {"l\\u2066":"é"}\n');
  });
});

describe('a string in a comment is written as an HCL string', () => {
  it('templates doubled and lone surrogates replaced, as in an attribute', () => {
    const tf = terraformOf([{ service_id: ID, name: 'db', type: 'tcp', note: '${x} %{y} \ud800' }], { accountId: ACCOUNT });
    expect(tf.text).toContain('  #   note = "$${x} %%{y} \\uFFFD"\n');
  });
});
