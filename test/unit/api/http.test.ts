import { getEventListeners } from 'node:events';
import * as z from 'zod/mini';
import { describe, expect, it, vi } from 'vitest';
import { authHeaders, HttpClient, maskHeaders, maskSecret, type ApiRequest, type HttpOptions } from '../../../src/api/http';
import type { AttemptOutcome } from '../../../src/api/retry-policy';
import { NetworkError, type TransportRequest, type TransportResponse } from '../../../src/api/transport';
import { ApiError, AuthError, Cancelled } from '../../../src/errors';

/** HttpClient against a scripted transport: exact requests, traces, errors and retry sleeps. */

const TOKEN = 'tok-0123456789abcdefghijklmnopqrWXYZ';
const START = Date.parse('2026-01-01T00:00:00Z');
type Reply = TransportResponse | Error | ((req: TransportRequest) => TransportResponse | Promise<TransportResponse>);

function client(replies: Reply[], over: Partial<HttpOptions> = {}) {
  const sent: TransportRequest[] = [];
  const sleeps: number[] = [];
  const lines: string[] = [];
  let t = START;
  const http = new HttpClient({
    baseUrl: new URL('https://api.example.com/client/v4'),
    credential: { kind: 'token', token: TOKEN },
    transport: async (req) => {
      sent.push(req);
      const r = replies.shift();
      if (!r) throw new Error(`unexpected ${req.method} ${req.url.href}`);
      if (r instanceof Error) throw r;
      return typeof r === 'function' ? r(req) : r;
    },
    timeoutMs: 30_000,
    userAgent: 'vpcsvc/1.2.3',
    sleep: async (ms) => {
      sleeps.push(ms);
      t += ms;
    },
    now: () => t,
    random: () => 0.5,
    trace: (l) => lines.push(l),
    ...over,
  });
  return { http, sent, sleeps, lines, tick: (ms: number) => (t += ms), left: replies };
}

const envelope = (status: number, body: Record<string, unknown>, headers: TransportResponse['headers'] = {}): TransportResponse => ({
  status,
  headers,
  body: JSON.stringify({ success: status < 300, errors: [], messages: [], ...body }),
});
const ok = (result: unknown, extra: Record<string, unknown> = {}) => envelope(200, { result, ...extra });
const bad = (status: number, errors: { code: number; message: string }[] = [], headers: TransportResponse['headers'] = {}) =>
  envelope(status, { result: null, errors }, headers);
const raw = (status: number, body = '', headers: TransportResponse['headers'] = {}): TransportResponse => ({ status, headers, body });
const get = (over: Partial<ApiRequest<unknown>> = {}): ApiRequest<unknown> => ({ method: 'GET', path: '/things', result: z.unknown(), ...over });

async function caught(p: Promise<unknown>): Promise<Error> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(Error);
  return e as Error;
}

describe('the request sent', () => {
  it('GET: url with query (undefined values left out), headers, no body, timeout, a signal', async () => {
    const { http, sent } = client([ok([])]);
    await http.request(get({ path: '/accounts/a%2Fb/services', query: { page: 2, type: undefined, name: 'x y' } }));
    expect(sent).toHaveLength(1);
    const r = sent[0] as TransportRequest;
    expect(r.method).toBe('GET');
    expect(r.url.href).toBe('https://api.example.com/client/v4/accounts/a%2Fb/services?page=2&name=x+y');
    expect(r.headers).toStrictEqual({ accept: 'application/json', 'user-agent': 'vpcsvc/1.2.3', authorization: `Bearer ${TOKEN}` });
    expect(r.body).toBeUndefined();
    expect(r.timeoutMs).toBe(30_000);
    expect(r.signal).toBeInstanceOf(AbortSignal);
    expect(r.signal?.aborted).toBe(false);
  });

  it('POST: JSON body and content-type; a key pair sends email and key', async () => {
    const { http, sent } = client([ok({ id: 1 })], { credential: { kind: 'key', email: 'me@example.com', key: 'k'.repeat(37) } });
    await http.request({ method: 'POST', path: '/things', body: { name: 'db', n: 1 }, result: z.unknown() });
    expect(sent[0]?.headers).toStrictEqual({
      accept: 'application/json',
      'user-agent': 'vpcsvc/1.2.3',
      'x-auth-email': 'me@example.com',
      'x-auth-key': 'k'.repeat(37),
      'content-type': 'application/json',
    });
    expect(sent[0]?.body).toBe('{"name":"db","n":1}');
  });

  it('without a credential: no auth header', async () => {
    const { http, sent } = client([ok(null)], { credential: undefined });
    await http.request(get());
    expect(sent[0]?.headers).toStrictEqual({ accept: 'application/json', 'user-agent': 'vpcsvc/1.2.3' });
  });

  it('url(): trailing slashes of the base are dropped, the path kept as given', () => {
    const { http } = client([], { baseUrl: new URL('http://127.0.0.1:9/client/v4//') });
    expect(http.url('/x/y').href).toBe('http://127.0.0.1:9/client/v4/x/y');
    expect(http.url('/x', { a: 0, b: '' }).href).toBe('http://127.0.0.1:9/client/v4/x?a=0&b=');
    const { http: root } = client([], { baseUrl: new URL('http://127.0.0.1:9') });
    expect(root.url('/x').href).toBe('http://127.0.0.1:9/x');
  });
});

describe('successful answers', () => {
  it('returns result, result_info and the attempt count', async () => {
    const { http } = client([ok([1, 2], { result_info: { page: 1, per_page: 2, total_count: 9 } })]);
    await expect(http.request(get({ result: z.array(z.number()) }))).resolves.toStrictEqual({
      result: [1, 2],
      resultInfo: { page: 1, per_page: 2, total_count: 9 },
      attempts: 1,
    });
  });

  it('a null result_info is none', async () => {
    const { http } = client([ok(1, { result_info: null })]);
    await expect(http.request(get())).resolves.toStrictEqual({ result: 1, resultInfo: undefined, attempts: 1 });
  });

  it.each([200, 201, 299])('%i is a success', async (status) => {
    const { http } = client([envelope(status, { success: true, result: 'r' })]);
    await expect(http.request(get())).resolves.toMatchObject({ result: 'r' });
  });

  it.each([199, 300])('%i is not a success', async (status) => {
    const { http } = client([envelope(status, { success: true, result: 'r' })]);
    const e = await caught(http.request(get()));
    expect(e).toBeInstanceOf(ApiError);
    expect(e.message).toBe(`HTTP ${status}`);
  });

  it('an empty 204 is a success without a result', async () => {
    const { http } = client([raw(204, '')]);
    await expect(http.request(get({ result: z.string() }))).resolves.toStrictEqual({ result: undefined, attempts: 1 });
  });

  it('a blank body where one may be empty is a success without a result', async () => {
    const { http } = client([raw(200, ' \n')]);
    await expect(http.request(get({ result: z.string(), allowEmpty: true }))).resolves.toStrictEqual({ result: undefined, attempts: 1 });
  });

  it('a blank 200 where a result is expected is not the envelope', async () => {
    const { http } = client([raw(200, '')]);
    const e = await caught(http.request(get()));
    expect(e).toBeInstanceOf(ApiError);
    expect(e.message).toBe("the API answered 200 with a body that is not Cloudflare's envelope");
    expect((e as ApiError).httpStatus).toBe(200);
  });

  it.each(['not json', '[1]', '{"success":"yes","result":1}'])('%s is not the envelope', async (body) => {
    const { http } = client([raw(201, body)]);
    const e = await caught(http.request(get()));
    expect(e.message).toBe("the API answered 201 with a body that is not Cloudflare's envelope");
  });

  it('a result of the wrong shape names the path of the first problem', async () => {
    const { http } = client([ok({ id: 5, name: 'n' })]);
    const e = await caught(http.request(get({ result: z.looseObject({ id: z.string() }) })));
    expect(e).toBeInstanceOf(ApiError);
    expect(e.message).toMatch(/^the API answered with an unexpected result \(id: .+\)$/);
    expect((e as ApiError).httpStatus).toBe(200);
  });

  it('a wrong result at the top is named "result"', async () => {
    const { http } = client([ok(5)]);
    const e = await caught(http.request(get({ result: z.array(z.string()) })));
    expect(e.message).toMatch(/^the API answered with an unexpected result \(result: .+\)$/);
  });

  it('a nested path is joined with dots', async () => {
    const { http } = client([ok([{ a: 'x' }, { a: 1 }])]);
    const e = await caught(http.request(get({ result: z.array(z.object({ a: z.string() })) })));
    expect(e.message).toMatch(/^the API answered with an unexpected result \(1\.a: .+\)$/);
  });

  it('a wrong result where the body may be empty is taken as none', async () => {
    const { http } = client([ok({ id: 5 })]);
    await expect(http.request(get({ result: z.string(), allowEmpty: true }))).resolves.toStrictEqual({ result: undefined, attempts: 1 });
  });

  it('a 200 saying success: false with errors is a failure with those errors', async () => {
    const { http } = client([envelope(200, { success: false, result: null, errors: [{ code: 7000, message: 'nope' }] })]);
    const e = await caught(http.request(get({ allowEmpty: true })));
    expect(e).toBeInstanceOf(ApiError);
    expect(e.message).toBe('[7000] nope');
    expect((e as ApiError).apiErrors).toStrictEqual([{ code: 7000, message: 'nope' }]);
    expect((e as ApiError).hints).toStrictEqual([]);
  });

  it('a 200 saying success: false without errors is a failure', async () => {
    const { http } = client([envelope(200, { success: false, result: null, errors: null })]);
    const e = await caught(http.request(get()));
    expect(e.message).toBe('the API answered 200 with success: false and no error');
    expect((e as ApiError).httpStatus).toBe(200);
  });

  it('success: false without errors where the body may be empty passes', async () => {
    const { http } = client([envelope(200, { success: false, result: 'gone', errors: [] })]);
    await expect(http.request(get({ allowEmpty: true }))).resolves.toMatchObject({ result: 'gone' });
  });
});

describe('failures', () => {
  const once = { retry: { maxRetries: 0 } };

  it('an API error: codes and messages, status, attempts, no hints', async () => {
    const { http } = client([bad(400, [{ code: 1, message: 'a' }, { code: 2, message: 'b' }])]);
    const e = (await caught(http.request(get()))) as ApiError;
    expect(e).toBeInstanceOf(ApiError);
    expect(e.message).toBe('[1] a; [2] b');
    expect([e.httpStatus, e.attempts, e.hints, e.apiErrors]).toStrictEqual([400, 1, [], [{ code: 1, message: 'a' }, { code: 2, message: 'b' }]]);
  });

  it('no body: "HTTP <status> with no body"; a body that is not the envelope: "HTTP <status>"', async () => {
    const { http } = client([raw(404, '  '), raw(404, '<html>')]);
    expect((await caught(http.request(get()))).message).toBe('HTTP 404 with no body');
    expect((await caught(http.request(get()))).message).toBe('HTTP 404');
  });

  it('a 300 saying success: false without errors is "HTTP 300"', async () => {
    const { http } = client([envelope(300, { success: false, result: null })]);
    expect((await caught(http.request(get()))).message).toBe('HTTP 300');
  });

  it('errors without a code and message make the body something other than the envelope', async () => {
    const { http } = client([envelope(400, { result: null, errors: [{ message: 'no code' }] }), envelope(200, { result: 1, errors: [{ code: '1', message: 'm' }] })]);
    expect((await caught(http.request(get()))).message).toBe('HTTP 400');
    expect((await caught(http.request(get()))).message).toBe("the API answered 200 with a body that is not Cloudflare's envelope");
  });

  it('an envelope answering 500 with success: false and no errors is "HTTP 500"', async () => {
    const { http } = client([bad(500)], once);
    expect((await caught(http.request(get()))).message).toBe('HTTP 500');
  });

  it('the credential is redacted from API error messages', async () => {
    const { http } = client([bad(400, [{ code: 3, message: `bad header Bearer ${TOKEN} and ${TOKEN}` }])]);
    const e = (await caught(http.request(get()))) as ApiError;
    expect(e.message).toBe('[3] bad header Bearer [REDACTED] and [REDACTED]');
    expect(e.apiErrors).toStrictEqual([{ code: 3, message: 'bad header Bearer [REDACTED] and [REDACTED]' }]);
  });

  it('a global key is redacted too; a secret under 8 characters is not (it would blank words)', async () => {
    const key = 'abcdefgh';
    const { http } = client([bad(400, [{ code: 3, message: 'xabcdefghx' }])], { credential: { kind: 'key', email: 'e@x.io', key } });
    expect((await caught(http.request(get()))).message).toBe('[3] x[REDACTED]x');
    const { http: short } = client([bad(400, [{ code: 3, message: 'xabcdefgx' }])], { credential: { kind: 'token', token: 'abcdefg' } });
    expect((await caught(short.request(get()))).message).toBe('[3] xabcdefgx');
    const { http: none } = client([bad(400, [{ code: 3, message: 'undefined' }])], { credential: undefined });
    expect((await caught(none.request(get()))).message).toBe('[3] undefined');
  });

  it('401 is an unaccepted credential, whatever the errors', async () => {
    const { http } = client([bad(401, [{ code: 10000, message: 'Authentication error' }])]);
    const e = (await caught(http.request(get({ permission: 'P' })))) as AuthError;
    expect(e).toBeInstanceOf(AuthError);
    expect(e.message).toBe('[10000] Authentication error');
    expect(e.hints).toStrictEqual(['the credentials were not accepted: the API token (or the email and global API key) is wrong, malformed or no longer active']);
    expect(e.httpStatus).toBe(401);
  });

  it('403 without a credential error lacks a permission: the request names it', async () => {
    const { http } = client([bad(403, [{ code: 9109, message: 'Unauthorized to access requested resource' }]), bad(403)]);
    const e = (await caught(http.request(get({ permission: 'Connectivity Directory Read' })))) as AuthError;
    expect(e).toBeInstanceOf(AuthError);
    expect(e.message).toBe('[9109] Unauthorized to access requested resource');
    expect(e.hints).toStrictEqual(['the credentials lack a permission: this needs "Connectivity Directory Read" on the account']);
    expect(e.httpStatus).toBe(403);
    const d = (await caught(http.request(get()))) as AuthError;
    expect(d.hints).toStrictEqual(['the credentials lack a permission: this needs "Connectivity Directory Admin" on the account']);
    expect(d.message).toBe('HTTP 403');
  });

  const credentialHint = 'the credentials were not accepted: the API token (or the email and global API key) is wrong, malformed or no longer active';
  it.each<[number, number, string, boolean]>([
    [403, 1000, 'x', true],
    [400, 1000, 'x', true],
    [403, 6003, 'x', true],
    [403, 9103, 'x', true],
    [403, 9106, 'x', true],
    [403, 9107, 'x', true],
    [400, 6100, 'x', true],
    [400, 6199, 'x', true],
    [400, 6099, 'x', false],
    [400, 6200, 'x', false],
    [403, 9108, 'x', false],
    [403, 1, 'Invalid API Token', true],
    [403, 1, 'invalid access token', true],
    [403, 1, 'Invalid token', true],
    [403, 1, 'Unknown X-Auth-Key or X-Auth-Email', true],
    [403, 1, 'expired token', true],
    [403, 1, 'Token expired', true],
    [403, 1, 'the token is expired', true],
    [403, 1, 'invalid  token', false],
    [403, 1, 'invalid user token', false],
    [403, 1, 'token was expired', false],
    [404, 1000, 'Invalid API Token', false],
    [409, 1000, 'x', false],
  ])('%i [%i] %s: unrecognised credential = %s', async (status, code, message, credential) => {
    const { http } = client([bad(status, [{ code, message }])]);
    const e = (await caught(http.request(get({ permission: 'P' })))) as AuthError;
    if (credential) {
      expect(e).toBeInstanceOf(AuthError);
      expect(e.hints).toStrictEqual([credentialHint]);
    } else if (status === 403) {
      expect(e.hints).toStrictEqual(['the credentials lack a permission: this needs "P" on the account']);
    } else {
      expect(e).toBeInstanceOf(ApiError);
      expect(e.hints).toStrictEqual([]);
    }
    expect(e.message).toBe(`[${code}] ${message}`);
  });

  it.each<[NetworkError['kind'], string[]]>([
    ['tls', ["the server's certificate was not accepted; check CLOUDFLARE_API_BASE_URL and any proxy that intercepts TLS"]],
    ['timeout', ['a slow network may need a longer --timeout']],
    ['refused', ['check the network, or CLOUDFLARE_API_BASE_URL if it is set']],
    ['unresolved', ['check the network, or CLOUDFLARE_API_BASE_URL if it is set']],
    ['reset', []],
    ['too-large', []],
    ['other', []],
  ])('no answer (%s): the network message and its hints', async (kind, hints) => {
    const { http } = client([new NetworkError(kind, `it went ${kind}`)], once);
    const e = (await caught(http.request(get()))) as ApiError;
    expect(e).toBeInstanceOf(ApiError);
    expect(e.message).toBe(`it went ${kind}`);
    expect(e.hints).toStrictEqual(hints);
    expect([e.attempts, e.httpStatus]).toStrictEqual([1, undefined]);
  });

  it('after several attempts, the count is said', async () => {
    const { http, sent } = client([new NetworkError('timeout', 't'), new NetworkError('timeout', 't'), new NetworkError('timeout', 't')], { retry: { maxRetries: 2 } });
    const e = (await caught(http.request(get()))) as ApiError;
    expect(e.message).toBe('t (after 3 attempts)');
    expect(e.attempts).toBe(3);
    expect(sent).toHaveLength(3);
  });

  it('a 5xx retried to the end says the attempts; a 401 after a retry does not', async () => {
    const { http } = client([bad(502), bad(502), raw(503, '')], { retry: { maxRetries: 2 } });
    const e = (await caught(http.request(get()))) as ApiError;
    expect(e.message).toBe('HTTP 503 with no body (after 3 attempts)');
    expect([e.httpStatus, e.attempts]).toStrictEqual([503, 3]);
    const { http: h2 } = client([bad(502), bad(401)]);
    expect((await caught(h2.request(get()))).message).toBe('HTTP 401');
  });

  it('a thrown error that is not a network error is not retried', async () => {
    const boom = new TypeError('bug');
    const { http, sent } = client([boom]);
    expect(await caught(http.request(get()))).toBe(boom);
    expect(sent).toHaveLength(1);
  });
});

describe('retries', () => {
  it('backs off with jitter between attempts, and says which attempt it is', async () => {
    const { http, sleeps, sent } = client([bad(500), new NetworkError('reset', 'r'), bad(502), ok('done')]);
    await expect(http.request(get())).resolves.toStrictEqual({ result: 'done', resultInfo: undefined, attempts: 4 });
    expect(sleeps).toStrictEqual([250, 500, 1000]);
    expect(sent).toHaveLength(4);
  });

  it('a zero backoff does not sleep', async () => {
    const { http, sleeps } = client([bad(500), ok('x')], { random: () => 0 });
    await http.request(get());
    expect(sleeps).toStrictEqual([]);
  });

  it('uses Math.random without an injected one', async () => {
    // Stubbed: a real draw below 1/500 gives a 0 ms backoff, which does not sleep at all.
    const spy = vi.spyOn(Math, 'random').mockReturnValue(0.5);
    try {
      const { http, sleeps } = client([bad(500), ok('x')], { random: undefined });
      await http.request(get());
      expect(sleeps).toStrictEqual([250]);
      expect(spy).toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });

  it('waits what Retry-After says on a 429 (the first value when repeated)', async () => {
    const { http, sleeps } = client([bad(429, [], { 'retry-after': '3' }), bad(429, [], { 'retry-after': ['2', '9'] }), ok('x')]);
    await expect(http.request(get())).resolves.toMatchObject({ attempts: 3 });
    expect(sleeps).toStrictEqual([3000, 2000]);
  });

  it('a Retry-After over a minute fails at once with the time to wait', async () => {
    const { http, sent } = client([bad(429, [{ code: 971, message: 'Please wait' }], { 'retry-after': '120' })]);
    const e = (await caught(http.request(get()))) as ApiError;
    expect(e.message).toBe('[971] Please wait');
    expect(e.hints).toStrictEqual(['rate limited: try again in 120 s (after 2026-01-01T00:02:00Z)']);
    expect(sent).toHaveLength(1);
  });

  it('429 waits add up to a budget per request', async () => {
    const { http, sleeps } = client([bad(429, [], { 'retry-after': '3' }), bad(429, [], { 'retry-after': '3' })], { retry: { maxThrottledWaitMs: 5000 } });
    const e = (await caught(http.request(get()))) as ApiError;
    expect(e.hints).toStrictEqual(['still rate limited after waiting 3 s; try again later']);
    expect(e.message).toBe('HTTP 429 (after 2 attempts)');
    expect(sleeps).toStrictEqual([3000]);
  });

  it('backoff after other failures does not count against the 429 budget', async () => {
    const { http, sleeps } = client([bad(500), bad(429, [], { 'retry-after': '3' }), ok('x')], { retry: { maxThrottledWaitMs: 3000 } });
    await expect(http.request(get())).resolves.toMatchObject({ attempts: 3 });
    expect(sleeps).toStrictEqual([250, 3000]);
  });

  it('429s do not use up the retries of other failures', async () => {
    const { http, sent } = client([bad(429, [], { 'retry-after': '1' }), bad(500), bad(500), ok('x')], { retry: { maxRetries: 1 } });
    const e = (await caught(http.request(get()))) as ApiError;
    expect(e.message).toBe('HTTP 500 (after 3 attempts)');
    expect(sent).toHaveLength(3);
  });

  /** A client answering each path from its own script, on a virtual clock shared by concurrent sleeps. */
  function concurrentClient(answers: Record<string, Reply[]>) {
    const sleeps: number[] = [];
    let t = START;
    const http = new HttpClient({
      baseUrl: new URL('https://api.example.com'),
      transport: async (req) => {
        const r = answers[req.url.pathname]?.shift();
        if (!r || r instanceof Error) throw new Error('unexpected');
        return typeof r === 'function' ? r(req) : r;
      },
      timeoutMs: 1000,
      userAgent: 'u',
      sleep: async (ms) => {
        // Each second slept is one turn of the event loop, so concurrent sleeps interleave.
        sleeps.push(ms);
        const wake = t + ms;
        for (let i = 0; i < Math.ceil(ms / 1000); i++) await new Promise((r) => setImmediate(r));
        t = Math.max(t, wake);
      },
      now: () => t,
      random: () => 0,
    });
    return { http, sleeps };
  }

  it('a 429 pauses every request of the client until its Retry-After has passed', async () => {
    const answers: Record<string, Reply[]> = {
      '/a': [bad(429, [], { 'retry-after': '2' }), ok('a')],
      '/b': [async () => {
        await new Promise((r) => setImmediate(r));
        return bad(500);
      }, ok('b')],
    };
    const { http, sleeps } = concurrentClient(answers);
    const [a, b] = await Promise.all([http.request(get({ path: '/a' })), http.request(get({ path: '/b' }))]);
    expect([a.result, b.result]).toStrictEqual(['a', 'b']);
    // /a waits its 2 s; /b, failed meanwhile with no backoff, waits for the pause too.
    expect(sleeps).toStrictEqual([2000, 2000]);
  });

  it('a longer pause is not shortened by a later, shorter one', async () => {
    const answers: Record<string, Reply[]> = {
      '/a': [bad(429, [], { 'retry-after': '5' }), ok('a')],
      '/b': [async () => {
        await new Promise((r) => setImmediate(r));
        return bad(429, [], { 'retry-after': '1' });
      }, ok('b')],
    };
    const { http, sleeps } = concurrentClient(answers);
    await Promise.all([http.request(get({ path: '/a' })), http.request(get({ path: '/b' }))]);
    // /b sleeps its own 1 s, then waits what is left of /a's 5 s pause.
    expect(sleeps).toStrictEqual([5000, 1000, 4000]);
  });

  it('a create whose outcome is unknown is looked up before it is sent again', async () => {
    const outcomes: AttemptOutcome[] = [];
    let lookups = 0;
    const { http, sleeps, sent } = client([bad(502), new NetworkError('timeout', 't'), ok('made')]);
    const r = await http.request({
      method: 'POST',
      path: '/s',
      body: {},
      result: z.string(),
      onAttempt: (o) => outcomes.push(o),
      recover: async () => {
        lookups++;
        return undefined;
      },
    });
    expect(r).toStrictEqual({ result: 'made', resultInfo: undefined, attempts: 3 });
    expect(lookups).toBe(2);
    expect(sleeps).toStrictEqual([250, 500]);
    expect(sent).toHaveLength(3);
    expect(outcomes).toStrictEqual([{ status: 502, retryAfter: undefined }, { network: 'timeout' }, { status: 200, retryAfter: undefined }]);
  });

  it('a create found by the lookup is the result', async () => {
    const { http, sleeps, sent } = client([new NetworkError('reset', 'r')]);
    const r = await http.request({ method: 'POST', path: '/s', body: {}, result: z.string(), recover: async () => 'found' });
    expect(r).toStrictEqual({ result: 'found', attempts: 1 });
    expect(sleeps).toStrictEqual([250]);
    expect(sent).toHaveLength(1);
  });

  it('a create that cannot have arrived (refused, or turned away with 429) is sent again without a lookup', async () => {
    let lookups = 0;
    const { http, sleeps, sent } = client([new NetworkError('refused', 'no'), bad(429, [], { 'retry-after': '1' }), ok('made')]);
    const recover = async () => {
      lookups++;
      return 'found';
    };
    await expect(http.request({ method: 'POST', path: '/s', body: {}, result: z.string(), recover })).resolves.toStrictEqual({ result: 'made', resultInfo: undefined, attempts: 3 });
    expect(lookups).toBe(0);
    expect(sleeps).toStrictEqual([250, 1000]);
    expect(sent).toHaveLength(3);
  });

  it('a create without a lookup is sent again after the backoff', async () => {
    const { http, sleeps } = client([bad(500), ok('x')]);
    await expect(http.request({ method: 'POST', path: '/s', body: {}, result: z.string() })).resolves.toMatchObject({ attempts: 2 });
    expect(sleeps).toStrictEqual([250]);
  });

  it('onAttempt hears each answer with its Retry-After', async () => {
    const outcomes: AttemptOutcome[] = [];
    const { http } = client([bad(503, [], { 'retry-after': '1' }), ok(1)]);
    await http.request(get({ onAttempt: (o) => outcomes.push(o) }));
    expect(outcomes).toStrictEqual([{ status: 503, retryAfter: '1' }, { status: 200, retryAfter: undefined }]);
  });
});

describe('cancelling', () => {
  it('an aborted transport is Cancelled, after onAttempt hears it', async () => {
    const outcomes: AttemptOutcome[] = [];
    const { http, sent } = client([new NetworkError('aborted', 'cancelled'), ok(1)]);
    const e = await caught(http.request(get({ onAttempt: (o) => outcomes.push(o) })));
    expect(e).toBeInstanceOf(Cancelled);
    expect(e.message).toBe('cancelled');
    expect(outcomes).toStrictEqual([{ network: 'aborted' }]);
    expect(sent).toHaveLength(1);
  });

  it("the caller's signal aborts the request in flight; its failure is then Cancelled", async () => {
    const c = new AbortController();
    const { http, sent } = client(
      [
        (req) =>
          new Promise((_, reject) => {
            req.signal?.addEventListener('abort', () => reject(new NetworkError('reset', 'gone')));
            c.abort();
          }),
      ],
      { signal: c.signal },
    );
    const e = await caught(http.request(get()));
    expect(e).toBeInstanceOf(Cancelled);
    expect(sent[0]?.signal?.aborted).toBe(true);
  });

  it('a network failure after the caller cancelled is Cancelled', async () => {
    const c = new AbortController();
    const { http } = client(
      [
        () => {
          c.abort();
          throw new NetworkError('reset', 'gone');
        },
      ],
      { signal: c.signal },
    );
    expect(await caught(http.request(get()))).toBeInstanceOf(Cancelled);
  });

  it('a request started after the caller cancelled gets an aborted signal', async () => {
    const c = new AbortController();
    c.abort();
    const { http, sent } = client([ok(1)], { signal: c.signal });
    await http.request(get());
    expect(sent[0]?.signal?.aborted).toBe(true);
  });

  it('a finished request is not aborted by a later cancel; one in flight is', async () => {
    const c = new AbortController();
    let release: (r: TransportResponse) => void = () => {};
    const { http, sent } = client([ok(1), () => new Promise((r) => (release = r))], { signal: c.signal });
    await http.request(get());
    const second = http.request(get());
    await new Promise((r) => setImmediate(r));
    c.abort();
    release(ok(2));
    await second;
    expect(sent.map((s) => s.signal?.aborted)).toStrictEqual([false, true]);
  });

  it("leaves no listener on the caller's signal once it has fired", async () => {
    const c = new AbortController();
    client([], { signal: c.signal });
    expect(getEventListeners(c.signal, 'abort')).toHaveLength(1);
    c.abort();
    expect(getEventListeners(c.signal, 'abort')).toHaveLength(0);
  });

  it('a sleep interrupted is Cancelled', async () => {
    const { http } = client([bad(500)], {
      sleep: async () => {
        throw new Error('aborted');
      },
    });
    const e = await caught(http.request(get()));
    expect(e).toBeInstanceOf(Cancelled);
    expect(e.message).toBe('cancelled');
  });

  it('the sleep gets the request signal', async () => {
    const signals: (AbortSignal | undefined)[] = [];
    const { http, sent } = client([bad(500), ok(1)], {
      sleep: async (_ms, signal) => {
        signals.push(signal);
      },
    });
    await http.request(get());
    expect(signals).toStrictEqual([sent[0]?.signal]);
  });
});

describe('--debug traces', () => {
  it('request line, masked headers, body, status with time, response body', async () => {
    const c = client([]);
    c.left.push(
      () => {
        c.tick(42);
        return bad(500, [{ code: 1, message: `echo ${TOKEN}` }]);
      },
      new NetworkError('timeout', 'api.example.com did not answer within 30 s'),
      raw(204, ''),
    );
    await c.http.request({ method: 'PUT', path: '/s/1', body: { a: 1 }, result: z.unknown() });
    const body = JSON.stringify({ success: false, errors: [{ code: 1, message: 'echo [REDACTED]' }], messages: [], result: null });
    expect(c.lines).toStrictEqual([
      '> PUT https://api.example.com/client/v4/s/1',
      '>   accept: application/json',
      '>   user-agent: vpcsvc/1.2.3',
      '>   authorization: Bearer ****WXYZ',
      '>   content-type: application/json',
      '>   {"a":1}',
      '< 500 in 42 ms',
      `<   ${body}`,
      '> PUT https://api.example.com/client/v4/s/1 (attempt 2)',
      '>   accept: application/json',
      '>   user-agent: vpcsvc/1.2.3',
      '>   authorization: Bearer ****WXYZ',
      '>   content-type: application/json',
      '>   {"a":1}',
      '< no answer: api.example.com did not answer within 30 s',
      '> PUT https://api.example.com/client/v4/s/1 (attempt 3)',
      '>   accept: application/json',
      '>   user-agent: vpcsvc/1.2.3',
      '>   authorization: Bearer ****WXYZ',
      '>   content-type: application/json',
      '>   {"a":1}',
      '< 204 in 0 ms',
    ]);
  });

  it('a GET traces no body line, and an answer with a body traces it', async () => {
    const { http, lines } = client([ok(1)]);
    await http.request(get());
    expect(lines).toStrictEqual([
      '> GET https://api.example.com/client/v4/things',
      '>   accept: application/json',
      '>   user-agent: vpcsvc/1.2.3',
      '>   authorization: Bearer ****WXYZ',
      '< 200 in 0 ms',
      '<   {"success":true,"errors":[],"messages":[],"result":1}',
    ]);
  });

  it('a key pair shows the email and a masked key', async () => {
    const { http, lines } = client([ok(1)], { credential: { kind: 'key', email: 'me@example.com', key: 'secretkey-0123456789-ABCD' } });
    await http.request(get());
    expect(lines.slice(1, 5)).toStrictEqual(['>   accept: application/json', '>   user-agent: vpcsvc/1.2.3', '>   x-auth-email: me@example.com', '>   x-auth-key: ****ABCD']);
  });

  it('a long response body is cut at 2,000 characters', async () => {
    const long = raw(200, JSON.stringify({ success: true, errors: [], messages: [], result: 'x'.repeat(3000) }));
    const exact = raw(200, `${JSON.stringify({ success: true, result: 'y' })}`.padEnd(2000, ' '));
    const { http, lines } = client([long, exact]);
    await http.request(get());
    await http.request(get());
    const bodies = lines.filter((l) => l.startsWith('<   '));
    expect(bodies[0]).toBe(`<   ${long.body.slice(0, 2000)}...`);
    expect(bodies[1]).toBe(`<   ${exact.body}`);
    expect(exact.body).toHaveLength(2000);
  });
});

describe('masking', () => {
  it('maskSecret shows the last four characters only of secrets of 16 or more', () => {
    expect(maskSecret('0123456789abcdef')).toBe('****cdef');
    expect(maskSecret('0123456789abcde')).toBe('****');
    expect(maskSecret('')).toBe('****');
  });

  it('maskHeaders masks authorization and x-auth-key, and nothing else', () => {
    expect(maskHeaders({ authorization: 'Bearer 0123456789abcdefWXYZ', 'x-auth-key': '0123456789abcdefQRST', 'x-auth-email': 'a@b.c', accept: 'Bearer x' })).toStrictEqual({
      authorization: 'Bearer ****WXYZ',
      'x-auth-key': '****QRST',
      'x-auth-email': 'a@b.c',
      accept: 'Bearer x',
    });
    expect(maskHeaders({ authorization: 'Bearer short' })).toStrictEqual({ authorization: 'Bearer ****' });
    // A value that does not start with "Bearer " is masked whole.
    expect(maskHeaders({ authorization: 'xBearer 12345678' })).toStrictEqual({ authorization: 'Bearer ****5678' });
    // Only a leading "Bearer " is taken off: a token that ends in it still shows its last four.
    expect(maskHeaders({ authorization: 'Bearer 0123456789abcdefXBearer ' })).toStrictEqual({ authorization: 'Bearer ****rer ' });
  });

  it('authHeaders', () => {
    expect(authHeaders(undefined)).toStrictEqual({});
    expect(authHeaders({ kind: 'token', token: 't' })).toStrictEqual({ authorization: 'Bearer t' });
    expect(authHeaders({ kind: 'key', email: 'e', key: 'k' })).toStrictEqual({ 'x-auth-email': 'e', 'x-auth-key': 'k' });
  });
});
