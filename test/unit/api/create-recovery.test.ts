import { describe, expect, it } from 'vitest';
import { Api, type Service } from '../../../src/api/client';
import { HttpClient } from '../../../src/api/http';
import { MaybeApplied } from '../../../src/errors';
import { NetworkError, type TransportRequest, type TransportResponse } from '../../../src/api/transport';
import type { ServiceDefinition } from '../../../src/service/schema';

/** Api.create and Api.remove against a scripted transport: one step per request, in order. */

type Step = (req: TransportRequest) => TransportResponse;
const ACCOUNT = '023e105f4ecef8ad9ca31a8372d0c353';
const def = { name: 'db', type: 'tcp', host: { ipv4: '10.0.0.1', network: { tunnel_id: '0191dce4-9ab4-7fce-b660-8e5dec5172da' } }, tcp_port: 5432 } as unknown as ServiceDefinition;
const service = (over: Record<string, unknown> = {}): Service => ({ service_id: '550e8400-e29b-41d4-a716-446655440000', ...def, ...over }) as unknown as Service;
const answer = (status: number, result: unknown, errors: { code: number; message: string }[] = []): Step => () => ({
  status,
  headers: {},
  body: JSON.stringify({ success: status < 300, errors, messages: [], result }),
});
const reset: Step = () => {
  throw new NetworkError('reset', 'the connection was reset (ECONNRESET)');
};
const exists = answer(409, null, [{ code: 5101, message: 'service already exists' }]);

function api(steps: Step[]) {
  const sent: string[] = [];
  const http = new HttpClient({
    baseUrl: new URL('http://127.0.0.1:1/client/v4'),
    transport: async (req) => {
      sent.push(req.method);
      const step = steps.shift();
      if (!step) throw new Error(`unexpected ${req.method} ${req.url.pathname}`);
      return step(req);
    },
    timeoutMs: 1000,
    userAgent: 'vpcsvc/test',
    sleep: async () => {},
    now: () => 0,
    random: () => 0,
  });
  return { api: new Api(http, ACCOUNT), sent };
}

describe('a create answered "already exists" after one of its own attempts got no answer', () => {
  it('is its success when the service found has the same definition', async () => {
    const { api: a, sent } = api([reset, answer(200, []), exists, answer(200, [service()])]);
    await expect(a.create(def)).resolves.toStrictEqual(service());
    expect(sent).toEqual(['POST', 'GET', 'POST', 'GET']);
  });

  it('stays "already exists" when the service found has another definition', async () => {
    const { api: a } = api([reset, answer(200, []), exists, answer(200, [service({ tcp_port: 1 })])]);
    await expect(a.create(def)).rejects.toThrow('[5101] service already exists');
  });

  it('may have been applied when the lookup after it fails', async () => {
    const down = answer(500, null, [{ code: 10002, message: 'Internal server error' }]);
    const { api: a } = api([reset, answer(200, []), exists, down, down, down, down, down]);
    const e = await a.create(def).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(MaybeApplied);
    expect((e as Error).message).toBe(
      'create db may have been applied: [5101] service already exists (after 2 attempts), and looking it up failed ([10002] Internal server error (after 5 attempts)); check with `vpcsvc get db`',
    );
  });

  it('is not looked up when no attempt was lost: the name was taken before', async () => {
    const { api: a, sent } = api([exists]);
    await expect(a.create(def)).rejects.toThrow('[5101] service already exists');
    expect(sent).toEqual(['POST']);
  });
});

describe('a DELETE answered 404', () => {
  it('after a lost attempt is a success', async () => {
    const { api: a, sent } = api([reset, answer(404, null, [{ code: 5104, message: 'service not found' }])]);
    await expect(a.remove(service().service_id, 'db')).resolves.toBeUndefined();
    expect(sent).toEqual(['DELETE', 'DELETE']);
  });

  it('after a refused attempt (never reached the server) is still not found', async () => {
    const refused: Step = () => {
      throw new NetworkError('refused', 'ECONNREFUSED');
    };
    const { api: a } = api([refused, answer(404, null, [{ code: 5104, message: 'service not found' }])]);
    await expect(a.remove(service().service_id, 'db')).rejects.toThrow('no service with id');
  });
});
