import { HttpClient, type HttpOptions } from '../../../src/api/http';
import type { TransportRequest, TransportResponse } from '../../../src/api/transport';

/** An HttpClient whose transport answers from a script, one step per request, and records what was sent. */

export type Step = TransportResponse | Error | ((req: TransportRequest) => TransportResponse);

export const answer = (status: number, result: unknown, errors: { code: number; message: string }[] = []): TransportResponse => ({
  status,
  headers: {},
  body: JSON.stringify({ success: status < 300, errors, messages: [], result }),
});

export function scriptedHttp(steps: Step[], over: Partial<HttpOptions> = {}) {
  const sent: string[] = [];
  const http = new HttpClient({
    baseUrl: new URL('http://127.0.0.1:1/client/v4'),
    transport: async (req) => {
      sent.push(`${req.method} ${req.url.pathname.replace(/^\/client\/v4/, '')}${req.url.search}`);
      const step = steps.shift();
      if (!step) throw new Error(`unexpected ${req.method} ${req.url.pathname}`);
      if (step instanceof Error) throw step;
      return typeof step === 'function' ? step(req) : step;
    },
    timeoutMs: 1000,
    userAgent: 'vpcsvc/test',
    sleep: async () => {},
    now: () => 0,
    random: () => 0,
    retry: { maxRetries: 0 },
    ...over,
  });
  return { http, sent, left: steps };
}

export async function caught(p: Promise<unknown>): Promise<Error> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  if (!(e instanceof Error)) throw new Error(`expected a rejection with an Error, got ${String(e)}`);
  return e;
}
