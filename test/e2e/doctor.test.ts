import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ACCOUNT, ACCOUNT_2, TOKEN, TUNNEL, TUNNEL_2 } from '../support/fake-api';
import { C1, C2, svc, T, TUNNELS } from '../support/doctor-tunnels';
import { runCli, tempDir } from '../support/run-cli';
import { useFakeApi } from '../support/use-fake';
import { PtySession } from '../support/pty';

const fake = useFakeApi();

// Doctor never changes anything: every request of every test in this file is a GET.
afterEach(() => {
  expect(fake.mutations()).toEqual([]);
});

describe('doctor: services and tunnels', () => {
  it('everything healthy: exit 0, the exact terminal-style report, one GET per read', async () => {
    fake.tunnels.set(ACCOUNT, [TUNNELS[0]!]);
    const [s] = fake.seed([svc('orders-db', T.healthy)]);
    const r = await runCli(['doctor'], fake, { cwd: tempDir() });
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 7)).toEqual([
      'credentials',
      '  ✓ an API token from environment CLOUDFLARE_API_TOKEN',
      '  ✓ the credential is valid and active (user token)',
      `  ✓ account ${ACCOUNT} (from environment CLOUDFLARE_ACCOUNT_ID) is reachable`,
      `  ✓ can read the services of account ${ACCOUNT} (1 service)`,
      '  - whether the credential may create, change or delete services (Connectivity Directory Admin) or deploy a Worker with these bindings (Connectivity Directory Bind) is not checked: only a change would tell, and doctor changes nothing',
      '',
    ]);
    expect(lines.slice(7, 16)).toEqual([
      `service orders-db (${s!.service_id})`,
      '  ✓ tcp service orders-db: 10.0.0.5, port 5432',
      '',
      `tunnel healthy-t (${T.healthy})`,
      '  ✓ tunnel healthy-t exists (used by orders-db)',
      '  ✓ tunnel healthy-t is healthy',
      `  ✓ connector ${C1} (linux_amd64, 4 connections) runs cloudflared 2025.10.0`,
      `  ✓ connector ${C2} (linux_arm64, 2 connections) runs cloudflared 2025.7.0`,
      '',
    ]);
    expect(lines.at(-2)).toBe('9 ok, 0 warnings, 0 failed, 3 skipped');
    expect(fake.requests.map((q) => q.path)).toEqual([
      '/user/tokens/verify',
      `/accounts/${ACCOUNT}/connectivity/directory/services`,
      `/accounts/${ACCOUNT}/cfd_tunnel/${T.healthy}`,
      `/accounts/${ACCOUNT}/cfd_tunnel/${T.healthy}/connections`,
    ]);
  });

});

describe('create uses the same tunnel checks', () => {
  let session: PtySession | undefined;
  afterEach(() => session?.kill());

  it('on a terminal, create warns about a connector older than 2025.7.0 and still creates', async () => {
    fake.tunnels.set(ACCOUNT, TUNNELS);
    session = new PtySession(['create', 'db', '--type', 'tcp', '--ipv4', '10.0.0.1', '--tunnel', T.old, '--tcp-port', '5432', '--binding', 'DB'], {
      HOME: tempDir(),
      CLOUDFLARE_API_BASE_URL: fake.url,
      CLOUDFLARE_API_TOKEN: TOKEN,
      CLOUDFLARE_ACCOUNT_ID: ACCOUNT,
    });
    expect(await session.exit()).toBe(0);
    expect(session.text).toContain(`warning: connector ${C1.replace('1', '5')} (linux_amd64, 2 connections) runs cloudflared 2025.6.1, older than 2025.7.0: Worker requests through it fail with ProxyError: dns_error`);
    expect(fake.list()).toHaveLength(1);
    // Only the create itself changes anything.
    expect(fake.mutations().map((q) => q.method)).toEqual(['POST']);
    fake.requests.splice(0, fake.requests.length);
  });
});
