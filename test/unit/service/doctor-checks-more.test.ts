import { describe, expect, it } from 'vitest';
import type { Service } from '../../../src/api/client';
import type { Connector, TunnelState } from '../../../src/api/tunnels';
import {
  commandRef,
  compareVersion,
  countChecks,
  definitionChecks,
  ignoredConfigsCheck,
  MIN_CLOUDFLARED,
  serviceSubject,
  tunnelChecks,
  tunnelIdOf,
  tunnelSubject,
  type CheckResult,
} from '../../../src/service/doctor-checks';

const TUNNEL = '11111111-1111-4111-8111-111111111111';
const ID = '0b1e0000-0000-4000-8000-0000000000aa';
const C = 'c0000000-0000-4000-8000-000000000001';
const row = (check: string, subject: string, status: string, message: string, hint: string | null = null) => ({ check, subject, status, message, hint });
const MOVE = (ref: string) => `point the service at a running tunnel: vpcsvc update ${ref} --tunnel <tunnel-id> (cloudflared tunnel list shows them)`;

describe('compareVersion', () => {
  it.each<[string, string | undefined, number | undefined]>([
    ['2025.7.0', undefined, 0],
    ['2025.10.0', undefined, 3],
    ['2025.6.9', undefined, -1],
    ['2024.12.2', undefined, -1],
    ['2026.1.0', undefined, 1],
    ['2025.7.4', undefined, 4],
    [' 2025.8.0 ', undefined, 1],
    ['2025.7.0-rc1', undefined, 0],
    ['2025.7', undefined, undefined],
    ['v2025.7.0', undefined, undefined],
    ['DEV', undefined, undefined],
    ['', undefined, undefined],
    ['1.2.5', '1.2.3', 2],
    ['1.2.3', '1.2.3', 0],
    ['1.0.9', '1.2.3', -2],
    ['2025.7.12', undefined, 12],
    ['1.2.9', '1.2.10', -1],
  ])('%j against %j is %j', (v, min, expected) => {
    expect(min === undefined ? compareVersion(v) : compareVersion(v, min)).toBe(expected);
  });

  it('the minimum is 2025.7.0', () => {
    expect(MIN_CLOUDFLARED).toBe('2025.7.0');
  });
});

describe('tunnelIdOf', () => {
  it.each<[string, unknown, string | undefined]>([
    ['network', { host: { ipv4: '10.0.0.1', network: { tunnel_id: 'a' } } }, 'a'],
    ['resolver_network', { host: { hostname: 'x', resolver_network: { tunnel_id: 'b' } } }, 'b'],
    ['network before resolver_network', { host: { network: { tunnel_id: 'a' }, resolver_network: { tunnel_id: 'b' } } }, 'a'],
    ['an empty id', { host: { network: { tunnel_id: '' } } }, undefined],
    ['a number', { host: { network: { tunnel_id: 7 } } }, undefined],
    ['no network', { host: { ipv4: '10.0.0.1' } }, undefined],
    ['no host', {}, undefined],
    ['a null host', { host: null }, undefined],
  ])('%s', (_, s, expected) => {
    expect(tunnelIdOf(s as { host?: unknown })).toBe(expected);
  });
});

describe('subjects and references', () => {
  it('tunnelSubject names the tunnel by name and id when it has a name', () => {
    expect(tunnelSubject({ kind: 'found', tunnel: { id: TUNNEL, name: 'office' }, connectors: [] })).toBe(`tunnel office (${TUNNEL})`);
    expect(tunnelSubject({ kind: 'found', tunnel: { id: TUNNEL, name: '' }, connectors: [] })).toBe(`tunnel ${TUNNEL}`);
    expect(tunnelSubject({ kind: 'not_found', id: 'x' })).toBe('tunnel x');
    expect(tunnelSubject({ kind: 'error', id: 'y', message: 'm' })).toBe('tunnel y');
  });

  it('commandRef pastes only a UUID; serviceSubject has name and id', () => {
    expect(commandRef({ service_id: ID })).toBe(ID);
    expect(commandRef({ service_id: 'not-an-id' })).toBe('<service-id>');
    expect(serviceSubject({ service_id: ID, name: 'db' } as Service)).toBe(`service db (${ID})`);
  });
});

describe('tunnelChecks: a tunnel that is not there', () => {
  it('not found, without users or a service reference', () => {
    const s = `tunnel ${TUNNEL}`;
    expect(tunnelChecks({ kind: 'not_found', id: TUNNEL })).toEqual([
      row('tunnel.exists', s, 'fail', `tunnel ${TUNNEL} does not exist in this account`, MOVE('<service>')),
      row('tunnel.status', s, 'skipped', 'status not checked: the tunnel does not exist'),
      row('tunnel.connectors', s, 'skipped', 'connectors not checked: the tunnel does not exist'),
    ]);
  });

  it.each<[string[], string]>([
    [[], ''],
    [['a'], ' (used by a)'],
    [['a', 'b', 'c'], ' (used by a, b, c)'],
    [['a', 'b', 'c', 'd'], ' (used by a, b, c and 1 more)'],
    [['a', 'b', 'c', 'd', 'e'], ' (used by a, b, c and 2 more)'],
  ])('used by %j', (usedBy, text) => {
    expect(tunnelChecks({ kind: 'not_found', id: 'x' }, { usedBy, serviceRef: ID })[0]!.message).toBe(`tunnel x does not exist in this account${text}`);
  });

  it('denied: skipped with the permission to give', () => {
    const s = `tunnel ${TUNNEL}`;
    expect(tunnelChecks({ kind: 'denied', id: TUNNEL, message: '[10000] Authentication error' }, { usedBy: ['db'] })).toEqual([
      row('tunnel.exists', s, 'skipped', 'tunnel not checked: the credential cannot read tunnels ([10000] Authentication error) (used by db)', 'give the token "Cloudflare Tunnel Read" on the account to check tunnels'),
      row('tunnel.status', s, 'skipped', 'status not checked: the credential cannot read tunnels'),
      row('tunnel.connectors', s, 'skipped', 'connectors not checked: the credential cannot read tunnels'),
    ]);
  });

  it('a read error fails', () => {
    const s = `tunnel ${TUNNEL}`;
    expect(tunnelChecks({ kind: 'error', id: TUNNEL, message: 'boom' }, { usedBy: ['db'] })).toEqual([
      row('tunnel.exists', s, 'fail', `tunnel ${TUNNEL} could not be read: boom (used by db)`, 'run vpcsvc doctor again; if it persists, check https://www.cloudflarestatus.com'),
      row('tunnel.status', s, 'skipped', 'status not checked: the tunnel could not be read'),
      row('tunnel.connectors', s, 'skipped', 'connectors not checked: the tunnel could not be read'),
    ]);
  });

  it('deleted, named by id when it has no name', () => {
    const s = `tunnel ${TUNNEL}`;
    expect(tunnelChecks({ kind: 'found', tunnel: { id: TUNNEL, name: '', status: 'inactive', deleted_at: '2026-10-01T12:00:00Z' }, connectors: [] }, { serviceRef: ID })).toEqual([
      row('tunnel.exists', s, 'fail', `tunnel ${TUNNEL} was deleted (2026-10-01T12:00:00Z)`, MOVE(ID)),
      row('tunnel.status', s, 'skipped', 'status not checked: the tunnel is deleted'),
      row('tunnel.connectors', s, 'skipped', 'connectors not checked: the tunnel is deleted'),
    ]);
  });
});

describe('tunnelChecks: status', () => {
  const found = (status: string | null | undefined, id = TUNNEL): TunnelState => ({ kind: 'found', tunnel: { id, name: 'office', status }, connectors: [{ id: C, version: '2025.7.0' }] });
  const s = `tunnel office (${TUNNEL})`;
  it.each<[string | null | undefined, string, string, string | null]>([
    ['healthy', 'ok', 'tunnel office is healthy', null],
    ['degraded', 'warn', 'tunnel office is degraded: it serves requests, but some of its connections are down', 'check the cloudflared hosts of this tunnel: logs and outbound connectivity to Cloudflare (UDP 7844)'],
    ['down', 'fail', 'tunnel office is down: its services cannot be reached until cloudflared connects', `start cloudflared for this tunnel (cloudflared tunnel run ${TUNNEL}) and check that its host reaches Cloudflare on UDP 7844`],
    [
      'inactive',
      'fail',
      'tunnel office is inactive: no cloudflared has connected since it was created, so its services cannot be reached',
      `install and run cloudflared with this tunnel's token (cloudflared tunnel run ${TUNNEL}) on a host that reaches the service`,
    ],
    ['rebooting', 'warn', 'tunnel office reports an unknown status "rebooting"', 'check the tunnel in the Cloudflare dashboard (Networks, Tunnels)'],
    [null, 'warn', 'tunnel office reports an unknown status null', 'check the tunnel in the Cloudflare dashboard (Networks, Tunnels)'],
    [undefined, 'warn', 'tunnel office reports an unknown status null', 'check the tunnel in the Cloudflare dashboard (Networks, Tunnels)'],
  ])('%j', (status, st, message, hint) => {
    const rows = tunnelChecks(found(status));
    expect(rows).toHaveLength(3);
    expect(rows[0]).toEqual(row('tunnel.exists', s, 'ok', 'tunnel office exists'));
    expect(rows[1]).toEqual(row('tunnel.status', s, st, message, hint));
    expect(rows[2]).toEqual(row('tunnel.connector', s, 'ok', `connector ${C} runs cloudflared 2025.7.0`));
  });

  it('a tunnel id that is not a UUID is not pasted into a cloudflared command', () => {
    const rows = tunnelChecks({ kind: 'found', tunnel: { id: 't-1', name: 'x', status: 'down' }, connectors: [] });
    expect(rows).toEqual([
      row('tunnel.exists', 'tunnel x (t-1)', 'ok', 'tunnel x exists'),
      row('tunnel.status', 'tunnel x (t-1)', 'fail', 'tunnel x is down: its services cannot be reached until cloudflared connects', 'start cloudflared for this tunnel (cloudflared tunnel run <tunnel-id>) and check that its host reaches Cloudflare on UDP 7844'),
      row(
        'tunnel.connectors',
        'tunnel x (t-1)',
        'fail',
        'tunnel x has no connector: no cloudflared is running for it',
        'run cloudflared for this tunnel (cloudflared tunnel run <tunnel-id>, or the install command from the dashboard) on a host that reaches the service',
      ),
    ]);
  });
});

describe('tunnelChecks: connectors', () => {
  const conns = (n: number) => Array.from({ length: n }, () => ({ colo_name: 'ams' }));
  const one = (c: Connector): CheckResult => tunnelChecks({ kind: 'found', tunnel: { id: TUNNEL, name: 'o', status: 'healthy' }, connectors: [c] })[2]!;
  const upgrade = `upgrade cloudflared on the host of connector ${C} to 2025.7.0 or later and restart it`;
  const ask = 'run cloudflared --version on that host: 2025.7.0 or later is needed';
  it.each<[string, Connector, string, string, string | null]>([
    ['current, no detail', { id: C, version: '2025.10.0' }, 'ok', `connector ${C} runs cloudflared 2025.10.0`, null],
    ['arch only', { id: C, version: '2025.7.0', arch: 'linux_arm64' }, 'ok', `connector ${C} (linux_arm64) runs cloudflared 2025.7.0`, null],
    ['one connection', { id: C, version: '2025.7.0', conns: conns(1) }, 'ok', `connector ${C} (1 connection) runs cloudflared 2025.7.0`, null],
    ['arch and connections', { id: C, version: '2025.7.0', arch: 'amd64', conns: conns(4) }, 'ok', `connector ${C} (amd64, 4 connections) runs cloudflared 2025.7.0`, null],
    ['no connections listed', { id: C, version: '2025.7.0', arch: null, conns: null }, 'ok', `connector ${C} runs cloudflared 2025.7.0`, null],
    ['an empty connection list', { id: C, version: '2025.7.0', conns: [] }, 'ok', `connector ${C} (0 connections) runs cloudflared 2025.7.0`, null],
    ['older', { id: C, version: '2025.6.9', conns: conns(2) }, 'fail', `connector ${C} (2 connections) runs cloudflared 2025.6.9, older than 2025.7.0: Worker requests through it fail with ProxyError: dns_error`, upgrade],
    ['no version', { id: C }, 'warn', `connector ${C} reports no cloudflared version`, ask],
    ['a null version', { id: C, version: null }, 'warn', `connector ${C} reports no cloudflared version`, ask],
    ['an empty version', { id: C, version: '' }, 'warn', `connector ${C} reports no cloudflared version`, ask],
    ['a version it does not understand', { id: C, version: 'DEV', arch: 'arm' }, 'warn', `connector ${C} (arm) reports no cloudflared version it understands ("DEV")`, ask],
  ])('%s', (_, c, status, message, hint) => {
    expect(one(c)).toEqual(row('tunnel.connector', `tunnel o (${TUNNEL})`, status, message, hint));
  });

  it('every connector gets its own row, in order', () => {
    const rows = tunnelChecks({ kind: 'found', tunnel: { id: TUNNEL, name: 'o', status: 'healthy' }, connectors: [{ id: 'a', version: '2025.7.0' }, { id: 'b', version: '2024.1.0' }] });
    expect(rows.map((r) => [r.check, r.status, r.message.slice(0, 11)])).toEqual([
      ['tunnel.exists', 'ok', 'tunnel o ex'],
      ['tunnel.status', 'ok', 'tunnel o is'],
      ['tunnel.connector', 'ok', 'connector a'],
      ['tunnel.connector', 'fail', 'connector b'],
    ]);
  });
});

describe('definitionChecks', () => {
  const base = { service_id: ID, name: 'db', type: 'tcp', tcp_port: 5432 };
  const s = `service db (${ID})`;
  it.each<[string, Record<string, unknown>, string, string, string | null]>([
    ['no tunnel', { host: { ipv4: '10.0.0.1' } }, 'fail', 'service db names no tunnel in its host', `set one: vpcsvc update ${ID} --tunnel <tunnel-id>`],
    ['tcp without a port', { host: { ipv4: '10.0.0.1', network: { tunnel_id: TUNNEL } }, tcp_port: undefined }, 'warn', 'tcp service db has no tcp_port: the API took it, but nothing says where to connect', `set the port: vpcsvc update ${ID} --tcp-port <port>`],
    ['tcp, ipv4', { host: { ipv4: '10.0.0.1', network: { tunnel_id: TUNNEL } } }, 'ok', 'tcp service db: 10.0.0.1, port 5432', null],
    ['tcp, ipv6', { host: { ipv6: '::1', network: { tunnel_id: TUNNEL } } }, 'ok', 'tcp service db: ::1, port 5432', null],
    ['tcp, both addresses', { host: { ipv4: '10.0.0.1', ipv6: '::1', network: { tunnel_id: TUNNEL } } }, 'ok', 'tcp service db: 10.0.0.1, port 5432', null],
    ['hostname', { host: { hostname: 'db.internal', resolver_network: { tunnel_id: TUNNEL } } }, 'ok', 'tcp service db: db.internal, port 5432', null],
    ['no address', { host: { network: { tunnel_id: TUNNEL } } }, 'ok', 'tcp service db: ?, port 5432', null],
    ['http with ports', { type: 'http', tcp_port: undefined, http_port: 8080, https_port: 8443, host: { ipv4: '10.0.0.1', network: { tunnel_id: TUNNEL } } }, 'ok', 'http service db: 10.0.0.1, ports 8080/8443', null],
    ['http without a tcp port is fine', { type: 'http', tcp_port: null, host: { ipv4: '10.0.0.1', network: { tunnel_id: TUNNEL } } }, 'ok', 'http service db: 10.0.0.1, ports 80/443', null],
  ])('%s', (_, extra, status, message, hint) => {
    expect(definitionChecks({ ...base, ...extra } as unknown as Service)).toEqual([row('service.definition', s, status, message, hint)]);
  });

  it('a service id that is not a UUID is not pasted into a hint', () => {
    expect(definitionChecks({ ...base, service_id: 'x', host: {} } as Service)[0]!.hint).toBe('set one: vpcsvc update <service-id> --tunnel <tunnel-id>');
  });
});

describe('ignoredConfigsCheck', () => {
  const hint = 'delete or rename the config files wrangler does not read, so that nobody edits the wrong one';
  it.each<[string[], string]>([
    [['wrangler.toml'], 'wrangler.toml is in the same folder: wrangler reads wrangler.json and ignores it, and so does doctor'],
    [['wrangler.jsonc', 'wrangler.toml'], 'wrangler.jsonc and wrangler.toml are in the same folder: wrangler reads wrangler.json and ignores them, and so does doctor'],
    [['a', 'b', 'c'], 'a, b and c are in the same folder: wrangler reads wrangler.json and ignores them, and so does doctor'],
  ])('%j', (ignored, message) => {
    expect(ignoredConfigsCheck('wrangler.json', ignored)).toEqual([row('wrangler.ignored', 'wrangler.json', 'warn', message, hint)]);
  });

  it('nothing ignored, nothing said', () => {
    expect(ignoredConfigsCheck('wrangler.json', [])).toEqual([]);
  });
});

describe('countChecks', () => {
  it('counts each status', () => {
    const r = (status: CheckResult['status']) => row('c', 's', status, 'm') as CheckResult;
    expect(countChecks([r('ok'), r('fail'), r('ok'), r('skipped'), r('warn'), r('ok'), r('fail')])).toEqual({ ok: 3, warn: 1, fail: 2, skipped: 1 });
    expect(countChecks([])).toEqual({ ok: 0, warn: 0, fail: 0, skipped: 0 });
  });
});
