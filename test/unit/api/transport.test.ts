import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getEventListeners } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { classify, MAX_RESPONSE_BYTES, NetworkError, nodeTransport, timeoutError, tooLargeError, type TransportRequest } from '../../../src/api/transport';

/** nodeTransport against a real loopback server (127.0.0.1 only), and classify() of socket errors. */

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

let server: Server | undefined;
afterEach(async () => {
  const s = server;
  server = undefined;
  if (s) {
    s.closeAllConnections();
    await new Promise<void>((r) => s.close(() => r()));
  }
});

/** A loopback server answering with `handle`; resolves to its base URL and what it received. */
async function serve(handle: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ base: string; seen: Seen[]; closed: Promise<void> }> {
  const seen: Seen[] = [];
  let closedResolve: () => void = () => {};
  const closed = new Promise<void>((r) => (closedResolve = r));
  server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      res.on('close', () => closedResolve());
      handle(req, res);
    });
  });
  await new Promise<void>((r) => server?.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return { base: `http://127.0.0.1:${port}`, seen, closed };
}

const req = (url: string, over: Partial<TransportRequest> = {}): TransportRequest => ({
  method: 'GET',
  url: new URL(url),
  headers: { accept: 'application/json' },
  timeoutMs: 10_000,
  ...over,
});

async function failure(p: Promise<unknown>): Promise<NetworkError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(Error);
  expect((e as Error).constructor.name).toBe('NetworkError');
  return e as NetworkError;
}

describe('nodeTransport', () => {
  it('sends method, path, query, headers and body, with the body length in bytes, and returns status, headers and body', async () => {
    const { base, seen } = await serve((_q, res) => {
      res.writeHead(201, { 'x-answer': 'yes', 'content-type': 'application/json' });
      res.end('{"ok":"é"}');
    });
    const r = await nodeTransport(req(`${base}/client/v4/things?page=2`, { method: 'POST', headers: { 'x-test': 'a' }, body: '{"name":"café"}' }));
    expect(r.status).toBe(201);
    expect(r.headers['x-answer']).toBe('yes');
    expect(r.body).toBe('{"ok":"é"}');
    expect(seen).toHaveLength(1);
    expect(seen[0]?.method).toBe('POST');
    expect(seen[0]?.url).toBe('/client/v4/things?page=2');
    expect(seen[0]?.headers['x-test']).toBe('a');
    expect(seen[0]?.headers['content-length']).toBe('16');
    expect(seen[0]?.body).toBe('{"name":"café"}');
  });

  it('sends no content-length and no body without a body', async () => {
    const { base, seen } = await serve((_q, res) => res.end(''));
    const r = await nodeTransport(req(`${base}/x`));
    expect(r).toMatchObject({ status: 200, body: '' });
    expect(seen[0]?.headers['content-length']).toBeUndefined();
    expect(seen[0]?.body).toBe('');
  });

  it('reads a body of exactly the cap, sent in several chunks', async () => {
    const { base } = await serve((_q, res) => {
      res.write('a'.repeat(6));
      setImmediate(() => res.end('b'.repeat(4)));
    });
    const r = await nodeTransport(req(`${base}/x`, { maxBodyBytes: 10 }));
    expect(r.body).toBe('aaaaaabbbb');
  });

  it('reads a body whose content-length is exactly the cap', async () => {
    const { base } = await serve((_q, res) => {
      res.writeHead(200, { 'content-length': '10' });
      res.end('0123456789');
    });
    expect((await nodeTransport(req(`${base}/x`, { maxBodyBytes: 10 }))).body).toBe('0123456789');
  });

  it('abandons a body that grows past the cap, and closes the connection', async () => {
    const { base, closed } = await serve((_q, res) => {
      res.write('x'.repeat(200_000));
      setImmediate(() => res.write('y'.repeat(100_000)));
      // Never ends: only the client closing the connection ends this exchange.
    });
    const e = await failure(nodeTransport(req(`${base}/x`, { maxBodyBytes: 256 * 1024 })));
    expect(e.kind).toBe('too-large');
    expect(e.message).toMatch(/^the response from 127\.0\.0\.1:\d+ was larger than 0\.25 MiB; stopped reading it$/);
    await closed;
  });

  it('refuses a content-length over the cap before reading the body', async () => {
    const { base, closed } = await serve((_q, res) => {
      res.writeHead(200, { 'content-length': String(MAX_RESPONSE_BYTES + 1) });
      res.write('x');
    });
    const e = await failure(nodeTransport(req(`${base}/x`)));
    expect(e.kind).toBe('too-large');
    expect(e.message).toMatch(/^the response from 127\.0\.0\.1:\d+ was larger than 8 MiB; stopped reading it$/);
    await closed;
  });

  it('refuses a content-length one byte over a given cap', async () => {
    const { base } = await serve((_q, res) => {
      res.writeHead(200, { 'content-length': '11' });
      res.end('01234567890');
    });
    expect((await failure(nodeTransport(req(`${base}/x`, { maxBodyBytes: 10 })))).kind).toBe('too-large');
  });

  it('times out a server that never answers, and closes the connection', async () => {
    const { base, closed } = await serve(() => {});
    const e = await failure(nodeTransport(req(`${base}/x`, { timeoutMs: 50 })));
    expect(e.kind).toBe('timeout');
    expect(e.message).toMatch(/^127\.0\.0\.1:\d+ did not answer within 0\.05 s$/);
    await closed;
  });

  it('times out a response that stops in the middle: "did not finish answering"', async () => {
    const { base, closed } = await serve((_q, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"partial":');
    });
    const e = await failure(nodeTransport(req(`${base}/x`, { timeoutMs: 50 })));
    expect(e.kind).toBe('timeout');
    expect(e.message).toMatch(/^127\.0\.0\.1:\d+ did not finish answering within 0\.05 s$/);
    await closed;
  });

  it('a signal aborted before the request sends nothing', async () => {
    const { base, seen } = await serve((_q, res) => res.end('x'));
    const c = new AbortController();
    c.abort();
    const e = await failure(nodeTransport(req(`${base}/x`, { signal: c.signal })));
    expect([e.kind, e.message]).toEqual(['aborted', 'cancelled']);
    expect(seen).toHaveLength(0);
  });

  it('a signal aborted during the request ends it as cancelled, and closes the connection', async () => {
    const c = new AbortController();
    const { base, closed } = await serve(() => c.abort());
    const e = await failure(nodeTransport(req(`${base}/x`, { signal: c.signal })));
    expect([e.kind, e.message]).toEqual(['aborted', 'cancelled']);
    await closed;
  });

  it('leaves no abort listener on the signal once answered', async () => {
    const { base } = await serve((_q, res) => res.end('x'));
    const c = new AbortController();
    await nodeTransport(req(`${base}/x`, { signal: c.signal }));
    expect(getEventListeners(c.signal, 'abort')).toHaveLength(0);
  });

  it('leaves no timer running once answered', async () => {
    const { base } = await serve((_q, res) => res.end('x'));
    const set = vi.spyOn(globalThis, 'setTimeout');
    const cleared = vi.spyOn(globalThis, 'clearTimeout');
    try {
      await nodeTransport(req(`${base}/x`, { timeoutMs: 600_000 }));
      const ours = set.mock.results.filter((_, i) => set.mock.calls[i]?.[1] === 600_000).map((r) => r.value as unknown);
      expect(ours).toHaveLength(1);
      expect(cleared.mock.calls.map((c) => c[0] as unknown)).toContain(ours[0]);
    } finally {
      set.mockRestore();
      cleared.mockRestore();
    }
  });

  it('a connection closed in the middle of the response is a reset', async () => {
    const { base } = await serve((_q, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('{"partial":', () => setImmediate(() => res.socket?.destroy()));
    });
    const e = await failure(nodeTransport(req(`${base}/x`)));
    expect(e.kind).toBe('reset');
    expect(e.message).toMatch(/^the connection to 127\.0\.0\.1:\d+ was closed in the middle of the response$/);
  });

  it('a connection closed before any answer is a reset', async () => {
    const { base } = await serve((q) => q.socket.destroy());
    const e = await failure(nodeTransport(req(`${base}/x`)));
    expect(e.kind).toBe('reset');
    expect(e.message).toMatch(/^the connection to 127\.0\.0\.1:\d+ was reset$/);
  });

  it('a refused connection is "refused"', async () => {
    // Bound, then closed: nothing listens on this port now.
    const { base } = await serve(() => {});
    const s = server as Server;
    server = undefined;
    await new Promise<void>((r) => s.close(() => r()));
    const e = await failure(nodeTransport(req(`${base}/x`)));
    expect(e.kind).toBe('refused');
    expect(e.message).toMatch(/^could not connect to 127\.0\.0\.1:\d+: connection refused$/);
  });

  it('https:// goes through TLS (a plain http server fails the handshake), even as the first request', async () => {
    const { base } = await serve((_q, res) => res.end('not tls'));
    // A fresh copy of the module: node:https is loaded on the first https request, not before.
    vi.resetModules();
    const fresh = await import('../../../src/api/transport');
    const e = await failure(fresh.nodeTransport(req(`${base.replace('http:', 'https:')}/x`)));
    expect(e.kind).toBe('tls');
    expect(e.message).toMatch(/^TLS failure talking to https:\/\/127\.0\.0\.1:\d+: /);
  });
});

describe('error wording', () => {
  const url = new URL('https://api.example.com:8443/client/v4');

  it('timeoutError', () => {
    expect(timeoutError(url, 2500, false).message).toBe('api.example.com:8443 did not answer within 2.5 s');
    expect(timeoutError(url, 30_000, true).message).toBe('api.example.com:8443 did not finish answering within 30 s');
    expect(timeoutError(url, 1, true).kind).toBe('timeout');
  });

  it('tooLargeError', () => {
    const e = tooLargeError(url, MAX_RESPONSE_BYTES);
    expect([e.kind, e.message]).toEqual(['too-large', 'the response from api.example.com:8443 was larger than 8 MiB; stopped reading it']);
  });

  it('MAX_RESPONSE_BYTES is 8 MiB', () => {
    expect(MAX_RESPONSE_BYTES).toBe(8_388_608);
  });
});

describe('classify', () => {
  const url = new URL('https://api.example.com:8443/client/v4');
  const err = (code: string | undefined, message = 'boom') => Object.assign(new Error(message), code === undefined ? {} : { code });

  it.each<[string | undefined, string, string, string]>([
    ['ECONNREFUSED', 'x', 'refused', 'could not connect to api.example.com:8443: connection refused'],
    ['EHOSTUNREACH', 'x', 'refused', 'could not connect to api.example.com:8443: no route to the host'],
    ['ENETUNREACH', 'x', 'refused', 'could not connect to api.example.com:8443: the network is unreachable'],
    ['EADDRNOTAVAIL', 'x', 'refused', 'could not connect to api.example.com:8443: the address is not available'],
    ['ENOTFOUND', 'x', 'unresolved', 'could not resolve the host name api.example.com'],
    ['EAI_AGAIN', 'x', 'unresolved', 'could not resolve the host name api.example.com'],
    ['EAI_NONAME', 'x', 'unresolved', 'could not resolve the host name api.example.com'],
    ['EAI_FAIL', 'x', 'unresolved', 'could not resolve the host name api.example.com'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'x', 'tls', 'TLS failure talking to https://api.example.com:8443: self-signed certificate'],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'x', 'tls', 'TLS failure talking to https://api.example.com:8443: self-signed certificate in the certificate chain'],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'x', 'tls', 'TLS failure talking to https://api.example.com:8443: unable to verify the first certificate'],
    ['UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'x', 'tls', 'TLS failure talking to https://api.example.com:8443: the certificate was issued by an unknown authority'],
    ['UNABLE_TO_GET_ISSUER_CERT', 'x', 'tls', 'TLS failure talking to https://api.example.com:8443: the certificate was issued by an unknown authority'],
    ['CERT_HAS_EXPIRED', 'x', 'tls', 'TLS failure talking to https://api.example.com:8443: the certificate has expired'],
    ['CERT_NOT_YET_VALID', 'x', 'tls', 'TLS failure talking to https://api.example.com:8443: the certificate is not yet valid'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'x', 'tls', 'TLS failure talking to https://api.example.com:8443: the certificate is for another host name'],
    ['CERT_REVOKED', 'x', 'tls', 'TLS failure talking to https://api.example.com:8443: the certificate has been revoked'],
    ['CERT_UNTRUSTED', 'x', 'tls', 'TLS failure talking to https://api.example.com:8443: the certificate is not trusted'],
    ['ERR_SSL_WRONG_VERSION_NUMBER', 'wrong version number', 'tls', 'TLS failure talking to https://api.example.com:8443: wrong version number'],
    ['ERR_TLS_HANDSHAKE_TIMEOUT', 'handshake', 'tls', 'TLS failure talking to https://api.example.com:8443: handshake'],
    ['EPROTO', 'protocol', 'tls', 'TLS failure talking to https://api.example.com:8443: protocol'],
    ['EWHATEVER', 'bad Certificate here', 'tls', 'TLS failure talking to https://api.example.com:8443: bad Certificate here'],
    ['XERR_SSL_', 'x', 'other', 'the request to api.example.com:8443 failed: x'],
    ['XERR_TLS_', 'x', 'other', 'the request to api.example.com:8443 failed: x'],
    ['ECONNRESET', 'x', 'reset', 'the connection to api.example.com:8443 was reset'],
    ['EPIPE', 'x', 'reset', 'the connection to api.example.com:8443 was reset'],
    ['EWHATEVER', 'socket hang up', 'reset', 'the connection to api.example.com:8443 was reset'],
    [undefined, 'socket hang up', 'reset', 'the connection to api.example.com:8443 was reset'],
    [undefined, 'socket hang up!', 'other', 'the request to api.example.com:8443 failed: socket hang up!'],
    ['EMFILE', 'too many open files', 'other', 'the request to api.example.com:8443 failed: too many open files'],
  ])('%s (%s)', (code, message, kind, words) => {
    const e = classify(err(code, message), url);
    expect(e).toBeInstanceOf(NetworkError);
    expect([e.kind, e.message]).toEqual([kind, words]);
  });
});
