import { describe, expect, it } from 'vitest';
import type { Service } from '../../../src/api/client';
import { bindingChecks, definitionChecks, tunnelChecks, type CheckResult } from '../../../src/service/doctor-checks';
import type { WranglerBindings } from '../../../src/service/doctor-checks';

const ID = '0b1e0000-0000-4000-8000-0000000000aa';
const TUNNEL = '11111111-1111-4111-8111-111111111111';
const hostile = 'my "db" $(touch /tmp/x)';
const svc = (name: string, extra: Record<string, unknown> = {}): Service =>
  ({ service_id: ID, name, type: 'tcp', host: { ipv4: '10.0.0.5', network: { tunnel_id: TUNNEL } }, tcp_port: 5432, ...extra }) as Service;

const cfg = (top: unknown, envs: Record<string, unknown> = {}, taken: Record<string, Record<string, string>> = {}): WranglerBindings => ({
  path: '/x/wrangler.json',
  label: 'wrangler.json',
  format: 'json',
  top,
  envs: new Map(Object.entries(envs)),
  taken: new Map(Object.entries(taken).map(([k, v]) => [k, new Map(Object.entries(v))])),
});
const rows = (r: CheckResult[], check: string) => r.filter((x) => x.check === check).map((x) => [x.subject, x.status, x.message, x.hint]);

describe('doctor hints name services by id, never by a name that the shell would read', () => {
  it('a tcp service without a port, a service without a tunnel', () => {
    expect(definitionChecks(svc(hostile, { tcp_port: null }))[0]!.hint).toBe(`set the port: vpcsvc update ${ID} --tcp-port <port>`);
    expect(definitionChecks(svc('--yes', { host: { ipv4: '10.0.0.5' } }))[0]!.hint).toBe(`set one: vpcsvc update ${ID} --tunnel <tunnel-id>`);
  });

  it('a missing tunnel', () => {
    const r = tunnelChecks({ kind: 'not_found', id: TUNNEL }, { usedBy: [hostile], serviceRef: ID });
    expect(r[0]!.hint).toBe(`point the service at a running tunnel: vpcsvc update ${ID} --tunnel <tunnel-id> (cloudflared tunnel list shows them)`);
  });
});

describe('the environment hint suggests only a valid entry', () => {
  const services = [svc('orders-db')];
  it('a top-level service_id given as a name: the hint uses the id, and the check fails', () => {
    const r = bindingChecks(cfg([{ binding: 'DB', service_id: 'orders-db', remote: true }], { dev: [] }), services, 'dev');
    expect(rows(r, 'binding.environment')).toEqual([
      [
        'wrangler.json env.dev DB',
        'fail',
        'DB is bound at top level but not in env.dev: environments do not inherit vpc_services, so a deploy with --env dev has no DB; the top-level entry is broken too: service_id "orders-db" is a service name, not its id',
        `fix vpc_services[0] at top level, and add { "binding": "DB", "service_id": "${ID}", "remote": true } to env.dev.vpc_services in wrangler.json`,
      ],
    ]);
  });

  it('a top-level entry with an unknown id or a bad binding name: no entry is suggested, fix it first', () => {
    const r = bindingChecks(
      cfg([{ binding: 'DB', service_id: '9b1f0000-0000-4000-8000-00000000beef', remote: true }, { binding: '2X', service_id: ID, remote: true }], { dev: [] }),
      services,
      'dev',
    );
    expect(rows(r, 'binding.environment')).toEqual([
      [
        'wrangler.json env.dev DB',
        'fail',
        'DB is bound at top level but not in env.dev: environments do not inherit vpc_services, so a deploy with --env dev has no DB; the top-level entry is broken too: service_id 9b1f0000-0000-4000-8000-00000000beef is not a service of this account',
        'fix vpc_services[0] at top level first, then repeat it in env.dev.vpc_services of wrangler.json',
      ],
      [
        'wrangler.json env.dev 2X',
        'fail',
        '2X is bound at top level but not in env.dev: environments do not inherit vpc_services, so a deploy with --env dev has no 2X; the top-level entry is broken too: binding name "2X" must be ASCII letters, digits, _ or $, not starting with a digit',
        'fix vpc_services[1] at top level first, then repeat it in env.dev.vpc_services of wrangler.json',
      ],
    ]);
  });

  it('a valid top-level entry is suggested as written (a warning)', () => {
    const r = bindingChecks(cfg([{ binding: 'DB', service_id: ID, remote: true }], { dev: [] }), services, 'dev');
    expect(rows(r, 'binding.environment').map((x) => x[1])).toEqual(['warn']);
  });
});

describe('binding names', () => {
  it('a name another binding list of the same block uses is not unique', () => {
    const r = bindingChecks(cfg([{ binding: 'KV', service_id: ID, remote: true }], { dev: [{ binding: 'KV', service_id: ID, remote: true }] }, { 'top level': { KV: 'kv_namespaces' } }), [svc('db')]);
    expect(rows(r, 'binding.name')).toEqual([
      ['wrangler.json top level KV', 'fail', 'binding name KV is already a binding at top level (kv_namespaces): the Worker\'s env has one KV', 'give the vpc_services entry another binding name'],
      ['wrangler.json env.dev KV', 'ok', 'binding name KV is valid and unique in env.dev', null],
    ]);
  });

  it('a name used twice in one list is reported once', () => {
    const r = bindingChecks(cfg([{ binding: 'A', service_id: ID, remote: true }, { binding: 'A', service_id: ID, remote: true }]), [svc('db')]);
    expect(rows(r, 'binding.name')).toEqual([['wrangler.json top level A', 'fail', 'binding name A is used 2 times at top level (vpc_services[0], vpc_services[1])', 'give each vpc_services entry its own binding name']]);
  });

  it('a non-ASCII name is refused for what it is', () => {
    const r = bindingChecks(cfg([{ binding: 'ÄB', service_id: ID, remote: true }]), [svc('db')]);
    expect(rows(r, 'binding.name')).toEqual([['wrangler.json top level ÄB', 'fail', 'binding name "ÄB" must be ASCII letters, digits, _ or $, not starting with a digit', 'use a name such as ORDERS_DB']]);
  });

  it('a service_id with surrounding spaces fails: wrangler sends it as written', () => {
    const r = bindingChecks(cfg([{ binding: 'A', service_id: ` ${ID} `, remote: true }]), [svc('db')]);
    expect(rows(r, 'binding.service_id')).toEqual([['wrangler.json top level A', 'fail', `service_id " ${ID} " has surrounding spaces: wrangler sends it as written`, `remove the spaces: "service_id": "${ID}"`]]);
  });
});

describe('cloudflared commands in hints name the tunnel by id', () => {
  it('a down, inactive or connector-less tunnel with a name the shell would run', () => {
    const tunnel = (status: string) => ({ kind: 'found' as const, tunnel: { id: TUNNEL, name: 't; rm -rf ~', status }, connectors: [] });
    expect(tunnelChecks(tunnel('down')).map((r) => r.hint).filter((h) => h?.includes('cloudflared tunnel run'))).toEqual([
      `start cloudflared for this tunnel (cloudflared tunnel run ${TUNNEL}) and check that its host reaches Cloudflare on UDP 7844`,
      `run cloudflared for this tunnel (cloudflared tunnel run ${TUNNEL}, or the install command from the dashboard) on a host that reaches the service`,
    ]);
    expect(tunnelChecks(tunnel('inactive'))[1]!.hint).toBe(`install and run cloudflared with this tunnel's token (cloudflared tunnel run ${TUNNEL}) on a host that reaches the service`);
  });
});
