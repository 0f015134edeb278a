import { HttpClient, type HttpOptions } from '../../../src/api/http';
import type { TransportRequest, TransportResponse } from '../../../src/api/transport';

/** An HttpClient whose transport answers from a script, one step per request, and records what was sent. */

export type Step = TransportResponse | Error | ((req: TransportRequest) => TransportResponse);

export const answer = (status: number, result: unknown, errors: { code: number; message: string }[] = [], extra: Record<string, unknown> = {}): TransportResponse => ({
  status,
  headers: {},
  body: JSON.stringify({ success: status < 300, errors, messages: [], result, ...extra }),
});

/**
 * `fullPath` records paths with the base URL's `/client/v4`; `cancelSleep` makes every backoff fail
 * as a cancelled wait does. Retries are off unless `retry` is given (`retry: undefined` means the
 * client's defaults).
 */
export function scriptedHttp(steps: Step[], over: Partial<HttpOptions> & { cancelSleep?: boolean; fullPath?: boolean } = {}) {
  const { cancelSleep, fullPath, ...options } = over;
  const sent: string[] = [];
  const bodies: (string | undefined)[] = [];
  const http = new HttpClient({
    baseUrl: new URL('http://127.0.0.1:1/client/v4'),
    transport: async (req) => {
      sent.push(`${req.method} ${fullPath ? req.url.pathname : req.url.pathname.replace(/^\/client\/v4/, '')}${req.url.search}`);
      bodies.push(req.body);
      const step = steps.shift();
      if (!step) throw new Error(`unexpected ${req.method} ${req.url.pathname}`);
      if (step instanceof Error) throw step;
      return typeof step === 'function' ? step(req) : step;
    },
    timeoutMs: 1000,
    userAgent: 'vpcsvc/test',
    sleep: async () => {
      if (cancelSleep) throw new Error('aborted');
    },
    now: () => 0,
    // A backoff above zero when sleeping is to be cancelled: a zero backoff does not sleep.
    random: () => (cancelSleep ? 0.5 : 0),
    retry: { maxRetries: 0 },
    ...options,
  });
  return { http, sent, bodies, left: steps };
}

export async function caught(p: Promise<unknown>): Promise<Error> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  if (!(e instanceof Error)) throw new Error(`expected a rejection with an Error, got ${String(e)}`);
  return e;
}
