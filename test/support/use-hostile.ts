import { afterEach } from 'vitest';
import { ACCOUNT, TOKEN, type FakeCloudflare } from './fake-api';
import { HostileServer, type HostileMode } from './hostile-server';
import type { RunOptions } from './run-cli';

/**
 * Hostile servers for the calling file or describe: hostile() starts one, and after each test it is
 * closed, with any fake API a test parked in started.fake. A test that closes its server itself
 * clears started.server.
 */
export const useHostileServer = () => {
  const started: { server?: HostileServer | undefined; fake?: FakeCloudflare | undefined } = {};
  afterEach(async () => {
    await started.server?.close();
    await started.fake?.close();
    started.server = undefined;
    started.fake = undefined;
  });
  const hostile = async (mode: HostileMode, tls?: { key: string; cert: string }) => (started.server = await HostileServer.start(mode, tls));
  return { started, hostile };
};

/** Run options that point the CLI at s with valid-looking credentials; o.env wins. */
export const at = (s: HostileServer, o: RunOptions = {}): RunOptions => ({
  ...o,
  env: { CLOUDFLARE_API_BASE_URL: s.url, CLOUDFLARE_API_TOKEN: TOKEN, CLOUDFLARE_ACCOUNT_ID: ACCOUNT, ...o.env },
});
export const host = (s: HostileServer) => new URL(s.url).host;
