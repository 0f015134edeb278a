import { execaSync } from 'execa';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ACCOUNT, API_KEY, EMAIL, FakeCloudflare, TOKEN, TUNNEL } from '../support/fake-api';
import { runCli } from '../support/run-cli';
import { at, host, useHostileServer } from '../support/use-hostile';

/** The built binary against a server that misbehaves on purpose (cli.md section 10, "Hostile servers"). */

const { started, hostile } = useHostileServer();

describe('response bodies are capped', () => {
  it('an endless chunked body stops at the cap with one line, exit 1', async () => {
    const s = await hostile({ kind: 'endless' });
    const r = await runCli(['list', '--retries', '0'], undefined, at(s));
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe(`error: the response from ${host(s)} was larger than 8 MiB; stopped reading it\n`);
    expect(s.requests).toHaveLength(1);
  });

  it('a declared 600 MB body is abandoned at the cap; retried like a server error, within --retries', async () => {
    const s = await hostile({ kind: 'huge', bytes: 600e6 });
    const r = await runCli(['get', 'x', '--retries', '1'], undefined, at(s));
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe(`error: the response from ${host(s)} was larger than 8 MiB; stopped reading it (after 2 attempts)\n`);
    expect(s.requests).toHaveLength(2);
  });

  it('a body that trickles for ever hits the per-request timeout', async () => {
    const s = await hostile({ kind: 'trickle', everyMs: 100 });
    const r = await runCli(['list', '--timeout', '1', '--retries', '0'], undefined, at(s));
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe(`error: ${host(s)} did not finish answering within 1 s\n  a slow network may need a longer --timeout\n`);
  });
});

describe('network errors read as one sentence', () => {
  it('a server that never answers', async () => {
    const s = await hostile({ kind: 'silent' });
    const r = await runCli(['list', '--timeout', '1', '--retries', '0'], undefined, at(s));
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe(`error: ${host(s)} did not answer within 1 s\n  a slow network may need a longer --timeout\n`);
  });

  it('connection refused', async () => {
    const s = await hostile({ kind: 'endless' });
    const url = s.url;
    await s.close();
    started.server = undefined;
    const r = await runCli(['list', '--retries', '0'], undefined, { env: { CLOUDFLARE_API_BASE_URL: url, CLOUDFLARE_API_TOKEN: TOKEN, CLOUDFLARE_ACCOUNT_ID: ACCOUNT } });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe(`error: could not connect to ${new URL(url).host}: connection refused\n  check the network, or CLOUDFLARE_API_BASE_URL if it is set\n`);
  });

  it('a host name that does not resolve', async () => {
    const r = await runCli(['list', '--retries', '0'], undefined, {
      env: { CLOUDFLARE_API_BASE_URL: 'https://api.vpcsvc-test.invalid/client/v4', CLOUDFLARE_API_TOKEN: TOKEN, CLOUDFLARE_ACCOUNT_ID: ACCOUNT },
    });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe('error: could not resolve the host name api.vpcsvc-test.invalid\n  check the network, or CLOUDFLARE_API_BASE_URL if it is set\n');
  });
});

describe('TLS', () => {
  const cert = (): { key: string; cert: string } | undefined => {
    // A throwaway self-signed certificate made for this test only.
    const dir = mkdtempSync(join(tmpdir(), 'vpcsvc-tls-'));
    try {
      const r = execaSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1'], { reject: false });
      if (r.exitCode !== 0) return undefined;
    } catch {
      return undefined;
    }
    return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  };

  it('a self-signed certificate is a TLS failure, in words, sent once', async (t) => {
    const tls = cert();
    if (!tls) return t.skip();
    const s = await hostile({ kind: 'success-false', errors: [] }, tls);
    const r = await runCli(['list'], undefined, at(s));
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe(`error: TLS failure talking to https://${host(s)}: self-signed certificate\n  the server's certificate was not accepted; check CLOUDFLARE_API_BASE_URL and any proxy that intercepts TLS\n`);
    expect(s.requests).toHaveLength(0);
    expect(s.connections).toBe(1);
  });
});

describe('batches', () => {
  it('--concurrency 20 prints no MaxListenersExceededWarning', async () => {
    const fake = (started.fake = await FakeCloudflare.start({ latencyMs: 100 }));
    const defs = Array.from({ length: 40 }, (_, i) => ({ name: `c-${i}`, type: 'tcp', host: { ipv4: '10.0.0.1', network: { tunnel_id: TUNNEL } }, tcp_port: 5432 }));
    const r = await runCli(['create', '-f', '-', '--concurrency', '20', '-q'], fake, { input: JSON.stringify(defs) });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(fake.list()).toHaveLength(40);
  });
});
