import { describe, expect, it } from 'vitest';
import type { Service } from '../../../src/api/client';
import { bindingChecks, type CheckResult, type WranglerBindings } from '../../../src/service/doctor-checks';

const ID = '0b1e0000-0000-4000-8000-0000000000aa';
const ID2 = '0b1e0000-0000-4000-8000-0000000000bb';
const UNKNOWN = '9b1f0000-0000-4000-8000-00000000beef';
const TUNNEL = '11111111-1111-4111-8111-111111111111';
const svc = (name: string, id = ID): Service => ({ service_id: id, name, type: 'tcp', host: { ipv4: '10.0.0.5', network: { tunnel_id: TUNNEL } }, tcp_port: 5432 }) as Service;
const SERVICES = [svc('orders-db'), svc('cache', ID2)];

const cfg = (top: unknown, envs: Record<string, unknown> = {}, o: { toml?: boolean; taken?: Record<string, Record<string, string>> } = {}): WranglerBindings => ({
  path: o.toml ? '/x/wrangler.toml' : '/x/wrangler.json',
  label: o.toml ? 'wrangler.toml' : 'wrangler.json',
  format: o.toml ? 'toml' : 'json',
  top,
  envs: new Map(Object.entries(envs)),
  taken: new Map(Object.entries(o.taken ?? {}).map(([k, v]) => [k, new Map(Object.entries(v))])),
});
const row = (check: string, subject: string, status: string, message: string, hint: string | null = null) => ({ check, subject, status, message, hint });
const only = (r: CheckResult[], check: string) => r.filter((x) => x.check === check);
const ok = (binding: string, where = 'vpc_services[0]', block = 'top level', label = 'wrangler.json') => {
  const s = `${label} ${block} ${binding}`;
  const inBlock = block === 'top level' ? 'at top level' : `in ${block}`;
  return [
    row('binding.keys', s, 'ok', `${where} has only binding, service_id and remote`),
    row('binding.name', s, 'ok', `binding name ${binding} is valid and unique ${inBlock}`),
    row('binding.remote', s, 'ok', `${where} has remote = true`),
  ];
};
const NO_TOP = row('binding.list', 'wrangler.json top level vpc_services', 'ok', 'wrangler.json has no vpc_services at top level');

describe('bindingChecks: the lists', () => {
  it('no vpc_services anywhere: one ok row for the top level, none for an environment without them', () => {
    expect(bindingChecks(cfg(undefined, { dev: undefined }), SERVICES)).toEqual([NO_TOP]);
    expect(bindingChecks(cfg(undefined), SERVICES)).toEqual([NO_TOP]);
  });

  it('only one environment: the top level is not checked, and an environment without the list is no row', () => {
    expect(bindingChecks(cfg(undefined, { dev: undefined, prod: [{ binding: 'A', service_id: ID, remote: true }] }), SERVICES, 'dev')).toEqual([]);
  });

  it('a list that is not an array fails, with the hint of the format, and nothing else is checked in it', () => {
    const entry = { binding: 'DB', service_id: ID, remote: true };
    expect(bindingChecks(cfg([entry], { dev: 'x' }), SERVICES, 'dev')).toEqual([
      row('binding.list', 'wrangler.json env.dev vpc_services', 'fail', 'vpc_services in env.dev of wrangler.json is not an array', 'make "vpc_services" an array of {binding, service_id, remote}'),
    ]);
    expect(bindingChecks(cfg({ binding: 'DB' }, {}, { toml: true }), SERVICES)).toEqual([
      row('binding.list', 'wrangler.toml top level vpc_services', 'fail', 'vpc_services in top level of wrangler.toml is not an array', 'write each binding as a [[vpc_services]] table'),
    ]);
  });

  it('a top level that is not an array gives environments nothing to miss', () => {
    expect(only(bindingChecks(cfg({ binding: 'DB', service_id: ID }, { dev: [] }), SERVICES), 'binding.environment')).toEqual([]);
  });

  it('a valid entry at top level and in an environment', () => {
    const e = { binding: 'DB', service_id: ID, remote: true };
    expect(bindingChecks(cfg([e], { dev: [e] }), SERVICES)).toEqual([
      ...ok('DB'),
      row('binding.service_id', 'wrangler.json top level DB', 'ok', `service_id ${ID} is service orders-db`),
      ...ok('DB', 'env.dev.vpc_services[0]', 'env.dev'),
      row('binding.service_id', 'wrangler.json env.dev DB', 'ok', `service_id ${ID} is service orders-db`),
    ]);
  });
});

describe('bindingChecks: one entry', () => {
  it.each<[string, unknown, string]>([
    ['null', null, 'vpc_services[0]'],
    ['a string', 'DB', 'vpc_services[0]'],
    ['a number', 5, 'vpc_services[0]'],
    ['an array', ['DB'], 'vpc_services[0]'],
  ])('%s is not a table', (_, entry, where) => {
    expect(bindingChecks(cfg([entry]), SERVICES)).toEqual([
      row('binding.keys', `wrangler.json top level ${where}`, 'fail', `${where} is not a table of binding, service_id and remote`, 'write it as { binding, service_id, remote = true }'),
    ]);
  });

  it('in an environment, the entry is named with its environment', () => {
    expect(bindingChecks(cfg(undefined, { dev: [null] }), SERVICES, 'dev')).toEqual([
      row('binding.keys', 'wrangler.json env.dev env.dev.vpc_services[0]', 'fail', 'env.dev.vpc_services[0] is not a table of binding, service_id and remote', 'write it as { binding, service_id, remote = true }'),
    ]);
  });

  it('an empty table lacks both keys; no name to check, nothing to look up', () => {
    const s = 'wrangler.json top level vpc_services[0]';
    expect(bindingChecks(cfg([{}]), SERVICES)).toEqual([
      row('binding.keys', s, 'fail', 'vpc_services[0] lacks binding and service_id: wrangler requires binding and service_id', 'add binding and service_id to vpc_services[0]'),
      row('binding.remote', s, 'warn', 'vpc_services[0] does not set remote: wrangler warns, since VPC services only work remotely', 'add "remote": true to vpc_services[0]'),
      row('binding.service_id', s, 'skipped', 'vpc_services[0] has no service_id to look up'),
    ]);
  });

  it('a missing binding with extra keys: the missing key is what is said', () => {
    const r = bindingChecks(cfg([{ service_id: ID, remote: true, port: 1 }]), SERVICES);
    expect(only(r, 'binding.keys')).toEqual([
      row('binding.keys', 'wrangler.json top level vpc_services[0]', 'fail', 'vpc_services[0] lacks binding: wrangler requires binding and service_id', 'add binding to vpc_services[0]'),
    ]);
  });

  it('extra keys are named', () => {
    const r = bindingChecks(cfg([{ binding: 'DB', service_id: ID, remote: true, port: 1, x: 2 }], {}, { toml: true }), SERVICES);
    expect(only(r, 'binding.keys')).toEqual([
      row('binding.keys', 'wrangler.toml top level DB', 'fail', 'vpc_services[0] has "port", "x": only binding, service_id and remote are allowed', 'remove port, x from vpc_services[0]'),
    ]);
  });

  it('a binding that is not a string', () => {
    const r = bindingChecks(cfg([{ binding: 5, service_id: ID, remote: true }]), SERVICES);
    expect(only(r, 'binding.name')).toEqual([row('binding.name', 'wrangler.json top level vpc_services[0]', 'fail', 'vpc_services[0].binding is not a string', 'use a name such as ORDERS_DB')]);
  });

  it.each<[string, unknown, boolean, string, string, string | null]>([
    ['true', true, false, 'ok', 'vpc_services[0] has remote = true', null],
    ['absent (json)', undefined, false, 'warn', 'vpc_services[0] does not set remote: wrangler warns, since VPC services only work remotely', 'add "remote": true to vpc_services[0]'],
    ['absent (toml)', undefined, true, 'warn', 'vpc_services[0] does not set remote: wrangler warns, since VPC services only work remotely', 'add remote = true to vpc_services[0]'],
    ['false (json)', false, false, 'fail', 'vpc_services[0] has remote = false: wrangler rejects it (there is no local simulator)', 'set "remote": true in vpc_services[0]'],
    ['false (toml)', false, true, 'fail', 'vpc_services[0] has remote = false: wrangler rejects it (there is no local simulator)', 'set remote = true in vpc_services[0]'],
    ['a string', 'true', false, 'fail', 'vpc_services[0] has remote = "true": wrangler rejects it (there is no local simulator)', 'set "remote": true in vpc_services[0]'],
  ])('remote %s', (_, remote, toml, status, message, hint) => {
    const r = bindingChecks(cfg([{ binding: 'DB', service_id: ID, remote }], {}, { toml }), SERVICES);
    expect(only(r, 'binding.remote')).toEqual([row('binding.remote', `wrangler.${toml ? 'toml' : 'json'} top level DB`, status, message, hint)]);
  });
});

describe('bindingChecks: service_id', () => {
  it.each<[string, unknown, Service[] | undefined, boolean, string, string, string | null]>([
    ['an id', ID, SERVICES, false, 'ok', `service_id ${ID} is service orders-db`, null],
    ['an id in capitals', ID.toUpperCase(), SERVICES, false, 'ok', `service_id ${ID.toUpperCase()} is service orders-db`, null],
    ['a name (json)', 'cache', SERVICES, false, 'fail', 'service_id "cache" is a service name, not its id', `use the id: "service_id": "${ID2}"`],
    ['a name (toml)', 'cache', SERVICES, true, 'fail', 'service_id "cache" is a service name, not its id', `use the id: service_id = "${ID2}"`],
    ['an unknown id', UNKNOWN, SERVICES, false, 'fail', `service_id ${UNKNOWN} is not a service of this account`, 'vpcsvc list shows the ids; create the service or correct the id'],
    ['an unknown name', 'nope', SERVICES, false, 'fail', 'service_id nope is not a service of this account', 'vpcsvc list shows the ids; create the service or correct the id'],
    ['a name with spaces', ' cache ', SERVICES, false, 'fail', 'service_id  cache  is not a service of this account', 'vpcsvc list shows the ids; create the service or correct the id'],
    ['a number', 5, SERVICES, false, 'fail', 'vpc_services[0].service_id is not a string', 'use the service id shown by vpcsvc list'],
    ['an id, services not listed', ID, undefined, false, 'skipped', `service_id ${ID} not looked up: the services could not be listed`, null],
    ['an id with spaces, services not listed (toml)', ` ${ID}`, undefined, true, 'fail', `service_id " ${ID}" has surrounding spaces: wrangler sends it as written`, `remove the spaces: service_id = "${ID}"`],
    ['a capital id with spaces: the hint has the id as the API has it', ` ${ID.toUpperCase()} `, SERVICES, false, 'fail', `service_id " ${ID.toUpperCase()} " has surrounding spaces: wrangler sends it as written`, `remove the spaces: "service_id": "${ID}"`],
    ['an unknown id with spaces', `${UNKNOWN} `, SERVICES, false, 'fail', `service_id "${UNKNOWN} " has surrounding spaces: wrangler sends it as written`, `remove the spaces: "service_id": "${UNKNOWN}"`],
  ])('%s', (_, service_id, services, toml, status, message, hint) => {
    const r = bindingChecks(cfg([{ binding: 'DB', service_id, remote: true }], {}, { toml }), services);
    expect(only(r, 'binding.service_id')).toEqual([row('binding.service_id', `wrangler.${toml ? 'toml' : 'json'} top level DB`, status, message, hint)]);
  });
});

describe('bindingChecks: names', () => {
  it('a name used three times is reported once, with every place', () => {
    const e = { binding: 'A', service_id: ID, remote: true };
    const r = bindingChecks(cfg(undefined, { dev: [e, { ...e, binding: 'B' }, e, e] }), SERVICES, 'dev');
    expect(only(r, 'binding.name')).toEqual([
      row('binding.name', 'wrangler.json env.dev A', 'fail', 'binding name A is used 3 times in env.dev (env.dev.vpc_services[0], env.dev.vpc_services[2], env.dev.vpc_services[3])', 'give each vpc_services entry its own binding name'),
      row('binding.name', 'wrangler.json env.dev B', 'ok', 'binding name B is valid and unique in env.dev'),
    ]);
  });

  it.each<[string, boolean]>([
    ['_a$1', true],
    ['$', true],
    ['A1', true],
    ['1A', false],
    ['A-B', false],
    ['A B', false],
    ['', false],
    ['AB\n', false],
  ])('%j is a valid identifier: %s', (name, valid) => {
    const r = only(bindingChecks(cfg([{ binding: name, service_id: ID, remote: true }]), SERVICES), 'binding.name');
    expect(r.map((x) => x.status)).toEqual([valid ? 'ok' : 'fail']);
  });

  it('a name another list of the same environment uses', () => {
    const r = bindingChecks(cfg(undefined, { dev: [{ binding: 'KV', service_id: ID, remote: true }] }, { taken: { 'env.dev': { KV: 'kv_namespaces' } } }), SERVICES, 'dev');
    expect(only(r, 'binding.name')).toEqual([
      row('binding.name', 'wrangler.json env.dev KV', 'fail', 'binding name KV is already a binding in env.dev (kv_namespaces): the Worker\'s env has one KV', 'give the vpc_services entry another binding name'),
    ]);
  });
});

describe('bindingChecks: environments do not inherit', () => {
  const base = (env: string, name: string) => `${name} is bound at top level but not in env.${env}: environments do not inherit vpc_services, so a deploy with --env ${env} has no ${name}`;
  const first = (i: number, env = 'dev', label = 'wrangler.json') => `fix vpc_services[${i}] at top level first, then repeat it in env.${env}.vpc_services of ${label}`;
  const json = (name: string, id: string, env = 'dev') => `add { "binding": "${name}", "service_id": "${id}", "remote": true } to env.${env}.vpc_services in wrangler.json`;
  const envRows = (top: unknown[], services: Service[] | undefined, o: { toml?: boolean; env?: unknown[]; taken?: Record<string, Record<string, string>> } = {}) =>
    only(bindingChecks(cfg(top, { dev: o.env ?? [] }, o), services, 'dev'), 'binding.environment');

  it('a valid entry: a warning with the entry to add (json and toml)', () => {
    expect(envRows([{ binding: 'DB', service_id: ID, remote: true }], SERVICES)).toEqual([row('binding.environment', 'wrangler.json env.dev DB', 'warn', base('dev', 'DB'), json('DB', ID))]);
    expect(envRows([{ binding: 'DB', service_id: ID, remote: true }], SERVICES, { toml: true })).toEqual([
      row('binding.environment', 'wrangler.toml env.dev DB', 'warn', base('dev', 'DB'), `add to wrangler.toml: [[env.dev.vpc_services]] binding = "DB", service_id = "${ID}", remote = true`),
    ]);
  });

  it('bound in the environment too, or not a named entry: nothing to say', () => {
    expect(envRows([{ binding: 'DB', service_id: ID, remote: true }, null, { binding: 5 }, 'x'], SERVICES, { env: [null, { binding: 'DB', service_id: ID, remote: true }] })).toEqual([]);
  });

  it('a name used twice at top level is reported once, with its first entry', () => {
    const e = { binding: 'DB', service_id: ID, remote: true };
    expect(envRows([e, e], SERVICES)).toEqual([
      row('binding.environment', 'wrangler.json env.dev DB', 'fail', `${base('dev', 'DB')}; the top-level entry is broken too: binding name DB is used 2 times at top level (vpc_services[0], vpc_services[1])`, first(0)),
    ]);
  });

  it('a top-level name another list uses', () => {
    expect(envRows([{ binding: 'KV', service_id: ID, remote: true }], SERVICES, { taken: { 'top level': { KV: 'd1_databases' } } })).toEqual([
      row('binding.environment', 'wrangler.json env.dev KV', 'fail', `${base('dev', 'KV')}; the top-level entry is broken too: binding name KV is already a binding at top level (d1_databases): the Worker's env has one KV`, first(0)),
    ]);
  });

  it('services not listed: an id is suggested as written, a name is not an id', () => {
    expect(envRows([{ binding: 'DB', service_id: ID }, { binding: 'C', service_id: 'cache' }], undefined)).toEqual([
      row('binding.environment', 'wrangler.json env.dev DB', 'warn', base('dev', 'DB'), json('DB', ID)),
      row('binding.environment', 'wrangler.json env.dev C', 'fail', `${base('dev', 'C')}; the top-level entry is broken too: service_id "cache" is not a service id (a UUID)`, first(1)),
    ]);
  });

  it('no service_id, or one that is not a string', () => {
    expect(envRows([{ binding: 'DB' }, { binding: 'N', service_id: 7 }], SERVICES)).toEqual([
      row('binding.environment', 'wrangler.json env.dev DB', 'fail', `${base('dev', 'DB')}; the top-level entry is broken too: vpc_services[0] has no service_id to look up`, first(0)),
      row('binding.environment', 'wrangler.json env.dev N', 'fail', `${base('dev', 'N')}; the top-level entry is broken too: vpc_services[1].service_id is not a string`, first(1)),
    ]);
  });

  it('an id with spaces: fixed in the entry to add when the service is known or not listed, else fix first', () => {
    const spaced = { binding: 'DB', service_id: ` ${ID.toUpperCase()}` };
    const problem = `; the top-level entry is broken too: service_id " ${ID.toUpperCase()}" has surrounding spaces: wrangler sends it as written`;
    expect(envRows([spaced], SERVICES)).toEqual([row('binding.environment', 'wrangler.json env.dev DB', 'fail', `${base('dev', 'DB')}${problem}`, `fix vpc_services[0] at top level, and ${json('DB', ID)}`)]);
    expect(envRows([spaced], undefined)).toEqual([row('binding.environment', 'wrangler.json env.dev DB', 'fail', `${base('dev', 'DB')}${problem}`, `fix vpc_services[0] at top level, and ${json('DB', ID.toUpperCase())}`)]);
    expect(envRows([{ binding: 'DB', service_id: ` ${UNKNOWN}` }], SERVICES)).toEqual([
      row('binding.environment', 'wrangler.json env.dev DB', 'fail', `${base('dev', 'DB')}; the top-level entry is broken too: service_id " ${UNKNOWN}" has surrounding spaces: wrangler sends it as written`, first(0)),
    ]);
  });

  it('a bad name with a good id: fix first; the toml hint names the file', () => {
    expect(envRows([{ binding: 'A-B', service_id: ID }], SERVICES, { toml: true })).toEqual([
      row('binding.environment', 'wrangler.toml env.dev A-B', 'fail', `${base('dev', 'A-B')}; the top-level entry is broken too: binding name "A-B" must be ASCII letters, digits, _ or $, not starting with a digit`, first(0, 'dev', 'wrangler.toml')),
    ]);
  });

  it('every environment is checked when none is chosen', () => {
    const r = bindingChecks(cfg([{ binding: 'DB', service_id: ID, remote: true }], { a: [], b: [{ binding: 'DB', service_id: ID, remote: true }], c: undefined }), SERVICES);
    expect(only(r, 'binding.environment')).toEqual([
      row('binding.environment', 'wrangler.json env.a DB', 'warn', base('a', 'DB'), json('DB', ID, 'a')),
      row('binding.environment', 'wrangler.json env.c DB', 'warn', base('c', 'DB'), json('DB', ID, 'c')),
    ]);
  });
});

describe('bindingChecks: only a UUID is looked up as an id', () => {
  it('a service_id equal to an id that is not a UUID is not taken as that id', () => {
    const legacy = { ...svc('legacy-db'), service_id: 'legacy-id' } as Service;
    const r = bindingChecks(cfg([{ binding: 'DB', service_id: 'legacy-id', remote: true }]), [legacy]);
    expect(only(r, 'binding.service_id')).toEqual([
      row('binding.service_id', 'wrangler.json top level DB', 'fail', 'service_id legacy-id is not a service of this account', 'vpcsvc list shows the ids; create the service or correct the id'),
    ]);
  });
});
