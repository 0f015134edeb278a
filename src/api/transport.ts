import { request as httpRequest } from 'node:http';

/**
 * The one place bytes leave the process. node:http rather than the global fetch: fetch's client
 * costs about 175 ms of start-up on Node 20 (architecture.md, rule 6).
 */

export interface TransportRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: string;
  /** Covers the whole exchange, the last byte of the body included. */
  timeoutMs: number;
  signal?: AbortSignal;
  /** A longer response is abandoned; see MAX_RESPONSE_BYTES. */
  maxBodyBytes?: number;
}

export interface TransportResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * The largest response read. A list page of 1,000 typical services is 0.3 MB; with every field set,
 * 200-character names and 253-character host names it is 0.96 MB. 8 MiB leaves eight times the
 * richest page; the worst case, an 8 MiB page of 27,000 services, peaks at about 160 MB.
 */
export const MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

/**
 * Why a request failed without a usable HTTP answer. `refused` and `unresolved` mean it cannot have
 * reached the server, which is what makes a create safe to send again; `too-large` means the server
 * answered but the body was abandoned at the cap.
 */
export type NetworkFailureKind = 'refused' | 'unresolved' | 'reset' | 'timeout' | 'tls' | 'too-large' | 'aborted' | 'other';

/** `message` is one sentence naming the host, ready to print. */
export class NetworkError extends Error {
  constructor(
    readonly kind: NetworkFailureKind,
    message: string,
  ) {
    super(message);
  }
}

export type Transport = (req: TransportRequest) => Promise<TransportResponse>;

const REFUSED: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  EHOSTUNREACH: 'no route to the host',
  ENETUNREACH: 'the network is unreachable',
  EADDRNOTAVAIL: 'the address is not available',
};
const UNRESOLVED = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL']);

/** OpenSSL's verification codes in words; others fall back to Node's own message. */
const TLS_WORDS: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'self-signed certificate in the certificate chain',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'unable to verify the first certificate',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'the certificate was issued by an unknown authority',
  UNABLE_TO_GET_ISSUER_CERT: 'the certificate was issued by an unknown authority',
  CERT_HAS_EXPIRED: 'the certificate has expired',
  CERT_NOT_YET_VALID: 'the certificate is not yet valid',
  ERR_TLS_CERT_ALTNAME_INVALID: 'the certificate is for another host name',
  CERT_REVOKED: 'the certificate has been revoked',
  CERT_UNTRUSTED: 'the certificate is not trusted',
};

// node:https brings tls and crypto; loopback http (tests, local gateways) never needs them.
let httpsRequest: typeof httpRequest | undefined;

export const nodeTransport: Transport = async (req) => {
  if (req.url.protocol === 'https:') httpsRequest ??= (await import('node:https')).request;
  return send(req.url.protocol === 'https:' ? (httpsRequest as typeof httpRequest) : httpRequest, req);
};

const send = (request: typeof httpRequest, req: TransportRequest): Promise<TransportResponse> =>
  new Promise((resolve, reject) => {
    if (req.signal?.aborted) {
      reject(new NetworkError('aborted', 'cancelled'));
      return;
    }
    const max = req.maxBodyBytes ?? MAX_RESPONSE_BYTES;
    const host = req.url.host;
    const headers: Record<string, string> = { ...req.headers };
    // Stryker disable next-line ConditionalExpression: end(body) makes node:http send this same Content-Length itself; said here so it never goes chunked
    if (req.body !== undefined) headers['content-length'] = String(Buffer.byteLength(req.body));
    let settled = false;
    let answering = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      // Stryker disable next-line BooleanLiteral: a promise settles once and clearing twice is harmless; the flag keeps later events from running fn
      settled = true;
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const tooLarge = () => {
      finish(() => reject(tooLargeError(req.url, max)));
      r.destroy();
    };
    const r = request(req.url, { method: req.method, headers }, (res) => {
      answering = true;
      if (Number(res.headers['content-length']) > max) return tooLarge();
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > max) tooLarge();
        else chunks.push(c);
      });
      res.on('end', () =>
        finish(() => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') })),
      );
      // Stryker disable next-line StringLiteral,ArrowFunction: node:http emits 'aborted' before 'error' on a response cut short, so 'aborted' settles it; kept for safety
      res.on('error', (e: NodeJS.ErrnoException) => finish(() => reject(classify(e, req.url))));
      res.on('aborted', () => finish(() => reject(new NetworkError('reset', `the connection to ${host} was closed in the middle of the response`))));
    });
    const timer = setTimeout(() => {
      finish(() => reject(timeoutError(req.url, req.timeoutMs, answering)));
      r.destroy();
    }, req.timeoutMs);
    const onAbort = () => {
      finish(() => reject(new NetworkError('aborted', 'cancelled')));
      r.destroy();
    };
    // Stryker disable next-line ObjectLiteral,BooleanLiteral: 'abort' fires at most once, and finish() removes the listener anyway
    req.signal?.addEventListener('abort', onAbort, { once: true });
    r.on('error', (e: NodeJS.ErrnoException) => finish(() => reject(classify(e, req.url))));
    r.end(req.body);
  });

/** The wording of a request that ran out of time: `answering` once the response has begun. */
export const timeoutError = (url: URL, timeoutMs: number, answering: boolean): NetworkError =>
  new NetworkError('timeout', `${url.host} ${answering ? 'did not finish answering' : 'did not answer'} within ${timeoutMs / 1000} s`);

export const tooLargeError = (url: URL, max: number): NetworkError =>
  new NetworkError('too-large', `the response from ${url.host} was larger than ${max / 1024 / 1024} MiB; stopped reading it`);

/** A socket error in words: the kind decides whether a request may be sent again. */
export function classify(e: NodeJS.ErrnoException, url: URL): NetworkError {
  // Stryker disable next-line StringLiteral: any fallback that is no known code and has no known prefix classifies the same
  const code = e.code ?? '';
  if (code in REFUSED) return new NetworkError('refused', `could not connect to ${url.host}: ${REFUSED[code]}`);
  if (UNRESOLVED.has(code)) return new NetworkError('unresolved', `could not resolve the host name ${url.hostname}`);
  if (code in TLS_WORDS || code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_') || code === 'EPROTO' || /certificate/i.test(e.message)) {
    return new NetworkError('tls', `TLS failure talking to ${url.protocol}//${url.host}: ${TLS_WORDS[code] ?? e.message}`);
  }
  if (code === 'ECONNRESET' || code === 'EPIPE' || e.message === 'socket hang up') {
    return new NetworkError('reset', `the connection to ${url.host} was reset`);
  }
  return new NetworkError('other', `the request to ${url.host} failed: ${e.message}`);
}
