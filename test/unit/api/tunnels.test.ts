import { describe, expect, it } from 'vitest';
import { Api } from '../../../src/api/client';
import { NetworkError } from '../../../src/api/transport';
import { readTunnelState, TUNNEL_READ_PERMISSION } from '../../../src/api/tunnels';
import { Cancelled } from '../../../src/errors';
import { answer, caught, scriptedHttp, type Step } from './scripted-http';

/** readTunnelState against a scripted API: the two requests, and what each failure becomes. */

const ACCOUNT = '023e105f4ecef8ad9ca31a8372d0c353';
const T = '0191dce4-9ab4-7fce-b660-8e5dec5172da';

function api(steps: Step[]) {
  const { http, sent } = scriptedHttp(steps);
  return { api: new Api(http, ACCOUNT), sent };
}

describe('readTunnelState', () => {
  it('asks for the tunnel and its connections', async () => {
    const { api: a, sent } = api([
      answer(200, { id: T, status: 'healthy' }),
      answer(200, [{ id: 'c1', version: '2024.1.0', arch: 'linux_amd64', conns: [{ colo_name: 'ams01' }] }]),
    ]);
    await expect(readTunnelState(a, T)).resolves.toStrictEqual({
      kind: 'found',
      tunnel: { id: T, name: '', status: 'healthy' },
      connectors: [{ id: 'c1', version: '2024.1.0', arch: 'linux_amd64', conns: [{ colo_name: 'ams01' }] }],
    });
    expect(sent).toStrictEqual([`GET /accounts/${ACCOUNT}/cfd_tunnel/${T}`, `GET /accounts/${ACCOUNT}/cfd_tunnel/${T}/connections`]);
  });

  it('encodes the account and the id', async () => {
    const { http, sent } = scriptedHttp([answer(200, { id: 'x' }), answer(200, [])]);
    await readTunnelState(new Api(http, 'a/b'), 'c d');
    expect(sent).toStrictEqual(['GET /accounts/a%2Fb/cfd_tunnel/c%20d', 'GET /accounts/a%2Fb/cfd_tunnel/c%20d/connections']);
  });

  it('a 404 on either is not found', async () => {
    const { api: a } = api([answer(404, null), answer(200, []), answer(200, { id: T }), answer(404, null)]);
    await expect(readTunnelState(a, T)).resolves.toStrictEqual({ kind: 'not_found', id: T });
    await expect(readTunnelState(a, T)).resolves.toStrictEqual({ kind: 'not_found', id: T });
  });

  it('a refusal is denied, naming Cloudflare Tunnel Read', async () => {
    const { api: a } = api([answer(403, null, [{ code: 9109, message: 'no' }]), answer(200, [])]);
    await expect(readTunnelState(a, T)).resolves.toStrictEqual({ kind: 'denied', id: T, message: '[9109] no' });
    const { api: b } = api([answer(200, { id: T }), answer(403, null)]);
    await expect(readTunnelState(b, T)).resolves.toStrictEqual({ kind: 'denied', id: T, message: 'HTTP 403' });
  });

  it('the tunnel\'s failure is told before the connections\'', async () => {
    const { api: a } = api([answer(400, null, [{ code: 1, message: 'tunnel' }]), answer(403, null)]);
    await expect(readTunnelState(a, T)).resolves.toStrictEqual({ kind: 'error', id: T, message: '[1] tunnel' });
  });

  it('other failures are errors with their message', async () => {
    const { api: a } = api([answer(200, { id: T }), new NetworkError('reset', 'gone')]);
    await expect(readTunnelState(a, T)).resolves.toStrictEqual({ kind: 'error', id: T, message: 'gone' });
  });

  it('a cancel is thrown', async () => {
    const { api: a } = api([answer(200, { id: T }), new NetworkError('aborted', 'cancelled')]);
    expect(await caught(readTunnelState(a, T))).toBeInstanceOf(Cancelled);
  });
});

describe('readTunnelState: permission and shapes', () => {
  it('the permission it names is Cloudflare Tunnel Read', () => {
    expect(TUNNEL_READ_PERMISSION).toBe('Cloudflare Tunnel Read');
  });

  it('a tunnel or a connector without an id is an error', async () => {
    const { api: a } = api([answer(200, { name: 'x' }), answer(200, [])]);
    expect(await readTunnelState(a, T)).toMatchObject({ kind: 'error', id: T, message: expect.stringMatching(/^the API answered with an unexpected result \(id: /) });
    const { api: b } = api([answer(200, { id: T }), answer(200, [{ version: '1' }])]);
    expect(await readTunnelState(b, T)).toMatchObject({ kind: 'error', id: T, message: expect.stringMatching(/^the API answered with an unexpected result \(0\.id: /) });
  });
});
