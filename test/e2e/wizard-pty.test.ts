import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNT, ACCOUNT_2, FakeCloudflare, TOKEN, TUNNEL, TUNNEL_2 } from '../support/fake-api';
import { useFakeApi } from '../support/use-fake';
import { KEY, PtySession } from '../support/pty';
import { tempDir } from '../support/run-cli';

const fake = useFakeApi();
let session: PtySession | undefined;
afterEach(async () => {
  session?.kill();
  session = undefined;
});

const env = (extra: Record<string, string> = {}) => ({
  HOME: tempDir(),
  CLOUDFLARE_API_BASE_URL: fake.url,
  CLOUDFLARE_API_TOKEN: TOKEN,
  CLOUDFLARE_ACCOUNT_ID: ACCOUNT,
  ...extra,
});

describe('the create wizard in a terminal', () => {
  it('walks a new user through a PostgreSQL service and sends exactly that', async () => {
    session = new PtySession(['create'], env());
    const s = session;
    await s.answer('Service name:', `orders-db${KEY.enter}`);
    await s.answer('Type:', KEY.enter); // tcp is first
    await s.answer('How is the host reached?', KEY.enter); // IPv4
    await s.answer('IPv4 address:', `10.0.0.300${KEY.enter}`);
    await s.waitFor('must be a valid IPv4 address');
    await s.type(`${KEY.backspace}${KEY.backspace}${KEY.backspace}20${KEY.enter}`);
    await s.answer('lab-tunnel', `${KEY.down}${KEY.enter}`); // the second tunnel, marked down
    await s.answer('TCP port of the host:', `5432${KEY.enter}`);
    await s.answer('Application protocol:', `${KEY.down}${KEY.enter}`); // postgresql
    await s.answer('Certificate verification', KEY.enter); // verify_full
    await s.waitFor('Create this service?');
    expect(s.text).toContain('! down');
    expect(s.text).toMatch(/vpcsvc create orders-db --type tcp --ipv4 10\.0\.0\.20/);
    await s.type(KEY.enter);
    expect(await s.exit()).toBe(0);
    const posts = fake.sent('POST');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.body).toStrictEqual({
      name: 'orders-db',
      type: 'tcp',
      host: { ipv4: '10.0.0.20', network: { tunnel_id: TUNNEL_2 } },
      tcp_port: 5432,
      app_protocol: 'postgresql',
    });
    expect(fake.sent('GET', /cfd_tunnel$/)[0]!.query.is_deleted).toBe('false');
    expect(s.text).toContain('created orders-db');
  });

  it('asks only for what the flags left out: an http service by hostname', async () => {
    session = new PtySession(['create', 'web', '--type', 'http', '--tunnel', TUNNEL], env());
    const s = session;
    await s.answer('How is the host reached?', `${KEY.down}${KEY.down}${KEY.down}${KEY.enter}`);
    await s.answer('Hostname', `web.internal${KEY.enter}`);
    await s.answer('DNS resolver IPs', `10.0.0.53${KEY.enter}`);
    await s.answer('Ports:', KEY.enter);
    await s.answer('Certificate verification', KEY.enter);
    await s.answer('Create this service?', KEY.enter);
    expect(await s.exit()).toBe(0);
    expect(s.text).not.toContain('Service name:');
    expect(s.text).not.toContain('Tunnel:');
    expect(fake.sent('POST')[0]!.body).toStrictEqual({
      name: 'web',
      type: 'http',
      host: { hostname: 'web.internal', resolver_network: { tunnel_id: TUNNEL, resolver_ips: ['10.0.0.53'] } },
    });
  });

  it('Ctrl-C mid-way: exit 130, one line, no request', async () => {
    session = new PtySession(['create'], env());
    const s = session;
    await s.answer('Service name:', `half-done${KEY.enter}`);
    await s.answer('Type:', KEY.enter);
    await s.waitFor('How is the host reached?');
    await s.type(KEY.ctrlC);
    expect(await s.exit()).toBe(130);
    expect(s.text).toMatch(/cancelled/);
    expect(fake.mutations()).toHaveLength(0);
  });

  it('Esc cancels too', async () => {
    session = new PtySession(['create', 'x'], env());
    await session.waitFor('Type:');
    await session.type(KEY.esc);
    expect(await session.exit()).toBe(130);
    expect(fake.mutations()).toHaveLength(0);
  });

  it('declining the confirmation sends nothing: exit 130', async () => {
    session = new PtySession(['create', 'db', '--type', 'tcp', '--ipv4', '10.0.0.1', '--tunnel', TUNNEL], env());
    const s = session;
    await s.answer('TCP port of the host:', `5432${KEY.enter}`);
    await s.answer('Application protocol:', KEY.enter);
    await s.answer('Certificate verification', KEY.enter);
    await s.answer('Create this service?', `n${KEY.enter}`);
    expect(await s.exit()).toBe(130);
    expect(s.text).toContain('nothing was created');
    expect(fake.mutations()).toHaveLength(0);
  });

  it('with several accounts and none chosen, the account picker comes first', async () => {
    fake.accounts.push({ id: ACCOUNT_2, name: 'Second Account' });
    fake.tokens[TOKEN]!.accounts.push(ACCOUNT_2);
    session = new PtySession(['create', 'db', '--type', 'tcp', '--ipv4', '10.0.0.1', '--tcp-port', '5432', '--app-protocol', 'mysql', '--cert-verification-mode', 'verify_full'], env({ CLOUDFLARE_ACCOUNT_ID: '' }));
    const s = session;
    await s.answer('Which account?', `${KEY.down}${KEY.enter}`);
    await s.answer('Tunnel:', KEY.enter);
    await s.answer('Create this service?', KEY.enter);
    expect(await s.exit()).toBe(0);
    expect(s.text.indexOf('Which account?')).toBeLessThan(s.text.indexOf('Tunnel:'));
    expect(fake.sent('POST')[0]!.path).toContain(ACCOUNT_2);
  });

  it('auth login asks for the method and a hidden token', async () => {
    const config = join(tempDir(), 'cfg');
    session = new PtySession(['auth', 'login'], { HOME: tempDir(), CLOUDFLARE_API_BASE_URL: fake.url, VPCSVC_CONFIG_DIR: config });
    const s = session;
    await s.answer('How do you want to authenticate?', KEY.enter);
    await s.answer('API token:', `${TOKEN}${KEY.enter}`);
    expect(await s.exit()).toBe(0);
    expect(s.text).not.toContain(TOKEN);
    expect(s.text).toContain('stored the API token');
  });

  it('without a terminal it never prompts: exit 2 listing every missing flag', async () => {
    const { runCli } = await import('../support/run-cli');
    const r = await runCli(['create'], fake);
    expect(r.exitCode).toBe(2);
    for (const flag of ['--name', '--type', '--ipv4/--ipv6/--hostname', '--tunnel']) expect(r.stderr).toContain(`error: ${flag}: required`);
    expect(fake.requests).toHaveLength(0);
  });
});
