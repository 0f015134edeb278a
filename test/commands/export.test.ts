import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ACCOUNT, TUNNEL, TUNNEL_2 } from '../support/fake-api';
import { useFakeApi } from '../support/use-fake';
import { runInProcess } from '../support/in-process';
import { literals, parseHcl } from '../support/hcl';
import { CA, CLIENT, SERVICES } from '../support/sample-definitions';

describe("export", () => {
const fake = useFakeApi();

/** The provider's attribute tree, recorded from terraform-provider-cloudflare v5.22.0. */
const PROVIDER = JSON.parse(readFileSync(new URL('../fixtures/terraform-connectivity-directory-service.json', import.meta.url), 'utf8')) as {
  resource: string;
  provider: string;
  attributes: Record<string, ProviderAttr>;
};
type ProviderAttr = { type: string; required?: boolean; optional?: boolean; computed?: boolean; attributes?: Record<string, ProviderAttr> };

const RESOURCE = 'cloudflare_connectivity_directory_service';
type Parsed = Record<string, any>;
const resourcesOf = (p: Parsed): Record<string, Record<string, unknown>> =>
  Object.fromEntries(Object.entries(p.resource?.[RESOURCE] ?? {}).map(([label, bodies]) => [label, (bodies as Record<string, unknown>[])[0]!]));

/** What the resource must hold for a service: its fields the provider knows, nothing else. */
function expectedAttributes(def: Record<string, unknown>, account: string): Record<string, unknown> {
  const out: Record<string, unknown> = { account_id: account, ...structuredClone(def) };
  const tls = out.tls_settings as Record<string, unknown> | undefined;
  if (tls) {
    delete tls.certificate_authority;
    delete tls.client_certificate;
  }
  return out;
}

/** Problems of a parsed resource against the provider's tree: unknown or computed attributes, missing required ones. */
function treeProblems(value: Record<string, unknown>, tree: Record<string, ProviderAttr>, at = ''): string[] {
  const problems: string[] = [];
  for (const [k, v] of Object.entries(value)) {
    const attr = tree[k];
    if (!attr) problems.push(`${at}${k}: not an attribute of the provider`);
    else if (attr.computed) problems.push(`${at}${k}: computed, cannot be set`);
    else if (attr.attributes) problems.push(...treeProblems(v as Record<string, unknown>, attr.attributes, `${at}${k}.`));
    else if (attr.type === 'number' && typeof v !== 'number') problems.push(`${at}${k}: not a number`);
    else if (attr.type === 'string' && typeof v !== 'string') problems.push(`${at}${k}: not a string`);
    else if (attr.type === 'list(string)' && !(Array.isArray(v) && v.every((x) => typeof x === 'string'))) problems.push(`${at}${k}: not a list of strings`);
  }
  for (const [k, attr] of Object.entries(tree)) if (attr.required && !(k in value)) problems.push(`${at}${k}: required, missing`);
  return problems;
}

describe('export --format terraform', () => {
  it('every service becomes a resource and an import that HashiCorp\'s parser reads back field by field', async () => {
    const seeded = fake.seed(SERVICES);
    const r = await runInProcess(['export', '--format', 'terraform'], fake);
    expect(r.exitCode).toBe(0);
    const mtls = seeded.find((s) => s.name === 'mtls-api')!;

    const parsed = await parseHcl(r.stdout);
    expect(parsed.terraform).toEqual([
      { required_version: '>= 1.5.0', required_providers: [{ cloudflare: { source: 'cloudflare/cloudflare', version: '>= 5.19.0' } }] },
    ]);
    expect(Object.keys(parsed).sort()).toEqual(['import', 'resource', 'terraform']);
    const resources = resourcesOf(parsed);
    const labels = Object.keys(resources);
    expect(labels).toHaveLength(SERVICES.length);
    for (const label of labels) expect(label).toMatch(/^[A-Za-z_][A-Za-z0-9_-]*$/);

    // One import per service, each pointing at a resource of the file, with the provider's id form.
    const imports = parsed.import as { to: string; id: string }[];
    expect(imports).toHaveLength(SERVICES.length);
    const labelOf = new Map<string, string>();
    for (const imp of imports) {
      const m = /^\$\{cloudflare_connectivity_directory_service\.([A-Za-z0-9_-]+)\}$/.exec(imp.to);
      expect(m, imp.to).not.toBeNull();
      const [account, id] = imp.id.split('/');
      expect(account).toBe(ACCOUNT);
      labelOf.set(id!, m![1]!);
    }
    expect([...labelOf.values()].sort()).toEqual([...labels].sort());

    for (const s of seeded) {
      const label = labelOf.get(s.service_id)!;
      expect(label, s.name).toBeDefined();
      const { service_id: _i, created_at: _c, updated_at: _u, ...def } = s as unknown as Record<string, unknown>;
      expect(literals(resources[label]), s.name).toStrictEqual(expectedAttributes(def, ACCOUNT));
      expect(treeProblems(resources[label]!, PROVIDER.attributes), s.name).toEqual([]);
    }

    // A name that is an HCL identifier is its own label; another that cleans to the same text gets a hash of its name.
    const dbs = seeded.filter((s) => s.name === 'db main' || s.name === 'DB_Main');
    expect(dbs.map((s) => [s.name, labelOf.get(s.service_id)])).toEqual([
      ['db main', 'db_main-2de9e92c'],
      ['DB_Main', 'DB_Main'],
    ]);
    // Each label is the same when its service is exported alone.
    for (const s of dbs) {
      const alone = await runInProcess(['export', s.service_id, '--format', 'terraform'], fake);
      expect(Object.keys(resourcesOf(await parseHcl(alone.stdout)))).toEqual([labelOf.get(s.service_id)]);
    }

    // The fields the provider cannot hold: one warning per service, and a comment on its resource.
    expect(r.stderr).toBe(
      `warning: mtls-api (${mtls.service_id}): tls_settings.certificate_authority, tls_settings.client_certificate cannot be expressed with cloudflare/cloudflare; left as a comment on ${RESOURCE}.mtls-api\n`,
    );
    const block = r.stdout.slice(r.stdout.indexOf(`resource "${RESOURCE}" "mtls-api"`));
    expect(block.slice(0, block.indexOf('\n}\n'))).toContain(
      `  #   tls_settings.certificate_authority = "${CA}"\n  #   tls_settings.client_certificate = "${CLIENT}"\n`,
    );
  });

  it('prints the same file on every run', async () => {
    fake.seed(SERVICES);
    const a = await runInProcess(['export', '--format', 'terraform'], fake);
    const b = await runInProcess(['export', '--format', 'terraform'], fake);
    expect(a.exitCode).toBe(0);
    expect(b.stdout).toBe(a.stdout);
  });

  it('the exact file for one service', async () => {
    const [s] = fake.seed([SERVICES[2]!]);
    const r = await runInProcess(['export', '--format', 'terraform'], fake);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`terraform {
  required_version = ">= 1.5.0"
  required_providers {
    cloudflare = {
      source  = "cloudflare/cloudflare"
      version = ">= 5.19.0"
    }
  }
}

resource "cloudflare_connectivity_directory_service" "x_and_if_true_y_endif_z-85a24001" {
  account_id = "${ACCOUNT}"
  name       = "$\${x} and %%{if true}y%%{endif} $$\${z}"
  type       = "tcp"
  host = {
    ipv4 = "10.0.0.2"
    ipv6 = "fd00::2"
    network = {
      tunnel_id = "${TUNNEL_2}"
    }
  }
  app_protocol = "postgresql"
  tcp_port     = 6543
  tls_settings = {
    cert_verification_mode = "verify_ca"
  }
}

import {
  to = cloudflare_connectivity_directory_service.x_and_if_true_y_endif_z-85a24001
  id = "${ACCOUNT}/${s!.service_id}"
}
`);
  });

  it('pins the resource\'s first release when no later attribute is used', async () => {
    fake.seed([{ name: 'web', type: 'http', host: { ipv4: '10.0.0.1', network: { tunnel_id: TUNNEL } }, http_port: 80 }]);
    const parsed = await parseHcl((await runInProcess(['export', '--format', 'terraform'], fake)).stdout);
    expect(parsed.terraform[0].required_providers[0].cloudflare.version).toBe('>= 5.13.0');
  });

  it('an empty account: only the terraform block', async () => {
    const r = await runInProcess(['export', '--format', 'terraform'], fake);
    expect(r.exitCode).toBe(0);
    expect(Object.keys(await parseHcl(r.stdout))).toEqual(['terraform']);
  });

  it('--account-var writes the variable instead of the id and declares it', async () => {
    const [s] = fake.seed([SERVICES[0]!]);
    const r = await runInProcess(['export', '--format', 'terraform', '--account-var', 'cf_account'], fake);
    expect(r.exitCode).toBe(0);
    const parsed = await parseHcl(r.stdout);
    expect(parsed.variable).toEqual({ cf_account: [{ description: 'Cloudflare account id that owns the Workers VPC services', type: '${string}' }] });
    expect(resourcesOf(parsed)['plain-tcp']!.account_id).toBe('${var.cf_account}');
    expect(parsed.import).toEqual([{ to: `\${${RESOURCE}.plain-tcp}`, id: `${ACCOUNT}/${s!.service_id}` }]);
  });

  it.each([['1acct'], ['a b'], ['count'], ['x"y']])('--account-var %j is exit 2 before any request', async (name) => {
    const r = await runInProcess(['export', '--format', 'terraform', '--account-var', name], fake);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^error: --account-var: /);
    expect(fake.requests).toHaveLength(0);
  });

  it('--strict: exit 2 and nothing on stdout when a field cannot be expressed; exit 0 when all can', async () => {
    fake.seed([SERVICES[0]!, SERVICES[9]!]);
    const r = await runInProcess(['export', '--format', 'terraform', '--strict'], fake);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('tls_settings.certificate_authority, tls_settings.client_certificate cannot be expressed with cloudflare/cloudflare; not exported');
    expect(r.stderr).toContain('error: --strict: 1 of 2 services have fields Terraform cannot express; nothing was printed');
    const ok = await runInProcess(['export', 'plain-tcp', '--format', 'terraform', '--strict'], fake);
    expect(ok.exitCode).toBe(0);
    expect(Object.keys(resourcesOf(await parseHcl(ok.stdout)))).toEqual(['plain-tcp']);
  });

  it('--type and references select services', async () => {
    const seeded = fake.seed(SERVICES);
    const tcp = await runInProcess(['export', '--format', 'terraform', '--type', 'tcp'], fake);
    const types = Object.values(resourcesOf(await parseHcl(tcp.stdout))).map((x) => x.type);
    expect(types).toEqual(Array(SERVICES.filter((s) => s.type === 'tcp').length).fill('tcp'));

    const byId = seeded.find((s) => s.name === '✨')!.service_id;
    const refs = await runInProcess(['export', 'plain-tcp', byId, 'plain-tcp', '--format', 'terraform'], fake);
    expect(refs.exitCode).toBe(0);
    expect(Object.keys(resourcesOf(await parseHcl(refs.stdout))).sort()).toEqual(['plain-tcp', 'service-c0cc703f']);
  });
});

describe('export: --format and references', () => {
  const tcp = (name: string) => ({ name, type: 'tcp', host: { ipv4: '10.0.0.1', network: { tunnel_id: TUNNEL } }, tcp_port: 5432 });

  it('--format json is the default, --format ndjson equals --ndjson', async () => {
    fake.seed([tcp('a'), tcp('b')]);
    const plain = await runInProcess(['export'], fake);
    expect((await runInProcess(['export', '--format', 'json'], fake)).stdout).toBe(plain.stdout);
    const nd = await runInProcess(['export', '--format', 'ndjson'], fake);
    expect(nd.stdout).toBe((await runInProcess(['export', '--ndjson'], fake)).stdout);
    expect(nd.stdout).toBe(`${JSON.stringify(tcp('a'))}\n${JSON.stringify(tcp('b'))}\n`);
  });

  it('references: in the order given, once each, for json and ndjson', async () => {
    const [a] = fake.seed([tcp('a'), tcp('b'), tcp('c')]);
    const r = await runInProcess(['export', 'c', a!.service_id, 'c'], fake);
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([tcp('c'), tcp('a')]);
    const nd = await runInProcess(['export', 'b', '--format', 'ndjson'], fake);
    expect(nd.stdout).toBe(`${JSON.stringify(tcp('b'))}\n`);
  });

  it('a reference that matches nothing is exit 1 and prints nothing', async () => {
    fake.seed([tcp('a')]);
    const r = await runInProcess(['export', 'a', 'nope'], fake);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('error: no such service: "nope"; nothing was exported\n');
  });

  it('a referenced service of another type than --type is left out with a warning', async () => {
    fake.seed([tcp('a'), { name: 'w', type: 'http', host: { ipv4: '10.0.0.1', network: { tunnel_id: TUNNEL } }, http_port: 80 }]);
    const r = await runInProcess(['export', 'a', 'w', '--type', 'tcp'], fake);
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([tcp('a')]);
    expect(r.stderr).toBe('warning: w: left out, its type is http (--type tcp)\n');
  });

  it.each([
    [['--format', 'yaml'], 'error: --format: must be json, ndjson or terraform (got "yaml")'],
    // --ndjson makes errors JSON objects, as on every command.
    [['--format', 'json', '--ndjson'], '{"error":{"code":"usage","message":"--ndjson and --format json cannot be combined: choose one format","status":null}}'],
    [['--account-var', 'acct'], 'error: --account-var: only with --format terraform'],
    [['--format', 'ndjson', '--strict'], 'error: --strict: only with --format terraform'],
  ])('%j is exit 2 before any request', async (args, line) => {
    const r = await runInProcess(['export', ...args], fake);
    expect(r.exitCode).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(line);
    expect(fake.requests).toHaveLength(0);
  });
});
});
