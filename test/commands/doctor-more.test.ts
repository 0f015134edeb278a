import { describe, expect, it } from 'vitest';
import { ACCOUNT, ACCOUNT_2, API_KEY, EMAIL, TUNNEL, TUNNEL_2 } from '../support/fake-api';
import type { FakeTunnel } from '../support/fake-tunnels';
import { parse, pick, svc, T, TUNNELS, type Row } from '../support/doctor-tunnels';
import { runInProcess, tempDirWith } from '../support/in-process';
import { tempDir } from '../support/run-cli';
import { useFakeApi } from '../support/use-fake';

const fake = useFakeApi();

const WRITE = '  - whether the credential may create, change or delete services (Connectivity Directory Admin) or deploy a Worker with these bindings (Connectivity Directory Bind) is not checked: only a change would tell, and doctor changes nothing';
const TOKEN_FOUND = '  ✓ an API token from environment CLOUDFLARE_API_TOKEN';
const TOKEN_OK = '  ✓ the credential is valid and active (user token)';
const FROM_ENV = `account ${ACCOUNT} (from environment CLOUDFLARE_ACCOUNT_ID)`;
const noConfig = (cwd: string) => [
  'wrangler config',
  `  - no wrangler.json, wrangler.jsonc, wrangler.toml in ${cwd}: Worker bindings not checked`,
  "      → give --wrangler-config <path> to check a Worker's vpc_services bindings",
];
const SKIPPED_UNUSABLE = ['services', '  - services and tunnels not checked: the credential could not be used'];
const text = (...lines: string[]) => `${lines.join('\n')}\n`;
const credRows = (rows: Row[]) => rows.filter((r) => r.subject === 'credentials').map((r) => [r.check, r.status, r.message, r.hint]);

/** The credentials block of a report whose credential works, reading `services` (e.g. "2 services"). */
const credentialsOk = (services: string) => ['credentials', TOKEN_FOUND, TOKEN_OK, `  ✓ ${FROM_ENV} is reachable`, `  ✓ can read the services of account ${ACCOUNT} (${services})`, WRITE];

describe('doctor: the text report, line by line', () => {
  it('one service on a healthy tunnel, no wrangler config: exit 0', async () => {
    const [a] = fake.seed([svc('alpha', TUNNEL)]);
    const cwd = tempDir();
    const r = await runInProcess(['doctor'], fake, { cwd });
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(
      text(
        ...credentialsOk('1 service'),
        '',
        `service alpha (${a!.service_id})`,
        '  ✓ tcp service alpha: 10.0.0.5, port 5432',
        '',
        `tunnel office-tunnel (${TUNNEL})`,
        '  ✓ tunnel office-tunnel exists (used by alpha)',
        '  ✓ tunnel office-tunnel is healthy',
        '  ✓ connector a1f0c2d3-0000-4000-8000-00000000c001 (linux_amd64, 4 connections) runs cloudflared 2025.10.0',
        '',
        'tunnels',
        '  - whether cloudflared runs over QUIC or http2 is not checked: the API does not say. Over http2 (outbound UDP 7844 blocked) Worker requests also fail with ProxyError: dns_error',
        '      → on each cloudflared host, check that its log shows protocol=quic (or run it with --protocol quic)',
        '',
        ...noConfig(cwd),
        '',
        '8 ok, 0 warnings, 0 failed, 3 skipped',
      ),
    );
  });

  it('two services on a missing tunnel: the hint cannot name one service; one failure is "1 check failed"', async () => {
    const [a, b] = fake.seed([svc('alpha', T.missing), svc('beta', T.missing)]);
    const cwd = tempDir();
    const r = await runInProcess(['doctor'], fake, { cwd });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe('error: 1 check failed\n');
    expect(r.stdout).toBe(
      text(
        ...credentialsOk('2 services'),
        '',
        `service alpha (${a!.service_id})`,
        '  ✓ tcp service alpha: 10.0.0.5, port 5432',
        '',
        `service beta (${b!.service_id})`,
        '  ✓ tcp service beta: 10.0.0.5, port 5432',
        '',
        `tunnel ${T.missing}`,
        `  ✗ tunnel ${T.missing} does not exist in this account (used by alpha, beta)`,
        '      → point the service at a running tunnel: vpcsvc update <service> --tunnel <tunnel-id> (cloudflared tunnel list shows them)',
        '  - status not checked: the tunnel does not exist',
        '  - connectors not checked: the tunnel does not exist',
        '',
        ...noConfig(cwd),
        '',
        '6 ok, 0 warnings, 1 failed, 4 skipped',
      ),
    );
  });

  it('a global API key, and no services', async () => {
    const cwd = tempDir();
    const r = await runInProcess(['doctor'], fake, { cwd, env: { CLOUDFLARE_API_TOKEN: undefined, CLOUDFLARE_API_KEY: API_KEY, CLOUDFLARE_EMAIL: EMAIL } });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(
      text(
        'credentials',
        `  ✓ a global API key of ${EMAIL} from environment CLOUDFLARE_API_KEY`,
        '  ✓ the credential is valid and active (global API key)',
        `  ✓ ${FROM_ENV} is reachable`,
        `  ✓ can read the services of account ${ACCOUNT} (0 services)`,
        WRITE,
        '',
        ...noConfig(cwd),
        '',
        '4 ok, 0 warnings, 0 failed, 2 skipped',
      ),
    );
  });
});

describe('doctor: which account', () => {
  it('no account given and the credential sees one: that one, said so', async () => {
    fake.tokens['one-token-0123456789abcdefghij'] = { kind: 'user', accounts: [ACCOUNT], permission: 'read', tunnelRead: true };
    const r = await runInProcess(['doctor', '--json'], fake, { cwd: tempDir(), env: { CLOUDFLARE_API_TOKEN: 'one-token-0123456789abcdefghij', CLOUDFLARE_ACCOUNT_ID: undefined } });
    expect(r.exitCode).toBe(0);
    expect(pick(parse(r.stdout), 'credentials.account', 'credentials').map((x) => x.message)).toEqual([`account ${ACCOUNT} (the only account the credential can see) is reachable`]);
  });

  it('no account given and the credential sees two: the account check fails (exit 1, not 4), nothing is listed', async () => {
    fake.accounts.push({ id: ACCOUNT_2, name: 'two' });
    fake.tokens['two-token-0123456789abcdefghijk'] = { kind: 'user', accounts: [ACCOUNT, ACCOUNT_2], permission: 'read' };
    const cwd = tempDir();
    const r = await runInProcess(['doctor'], fake, { cwd, env: { CLOUDFLARE_API_TOKEN: 'two-token-0123456789abcdefghijk', CLOUDFLARE_ACCOUNT_ID: undefined } });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe('error: 1 check failed\n');
    expect(r.stdout).toBe(
      text(
        'credentials',
        TOKEN_FOUND,
        TOKEN_OK,
        '  ✗ no account chosen: these credentials can see 2 accounts; choose one with --account or CLOUDFLARE_ACCOUNT_ID',
        '      → give --account <id> or set CLOUDFLARE_ACCOUNT_ID',
        '',
        ...SKIPPED_UNUSABLE,
        '',
        ...noConfig(cwd),
        '',
        '2 ok, 0 warnings, 1 failed, 2 skipped',
      ),
    );
    expect(fake.sent('GET', /connectivity/)).toHaveLength(0);
  });

  it('a credential that sees no account: exit 4', async () => {
    fake.tokens['zero-token-0123456789abcdefghij'] = { kind: 'user', accounts: [], permission: 'read' };
    const cwd = tempDir();
    const r = await runInProcess(['doctor'], fake, { cwd, env: { CLOUDFLARE_API_TOKEN: 'zero-token-0123456789abcdefghij', CLOUDFLARE_ACCOUNT_ID: undefined } });
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toBe('error: no usable credential: these credentials can see no account\n');
    expect(r.stdout).toBe(
      text(
        'credentials',
        TOKEN_FOUND,
        TOKEN_OK,
        '  ✗ no account chosen: these credentials can see no account',
        "      → check the token's account resources",
        '',
        ...SKIPPED_UNUSABLE,
        '',
        ...noConfig(cwd),
        '',
        '2 ok, 0 warnings, 1 failed, 2 skipped',
      ),
    );
  });
});

describe('doctor: failures that are not the credential', () => {
  it('the verify request fails on the server: the credential could not be checked (not "not accepted"), exit 1, not 4; nothing else is read', async () => {
    fake.faults.push({ path: /verify$/, nth: 1, action: { status: 500 } });
    const cwd = tempDir();
    const r = await runInProcess(['doctor', '--retries', '0'], fake, { cwd });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe('error: 1 check failed\n');
    expect(r.stdout).toBe(
      text('credentials', TOKEN_FOUND, '  ✗ the credential could not be checked: [10001] injected 500', '', ...SKIPPED_UNUSABLE, '', ...noConfig(cwd), '', '1 ok, 0 warnings, 1 failed, 2 skipped'),
    );
    expect(fake.requests.map((q) => q.path)).toEqual(['/user/tokens/verify']);
  });

  it('the list fails on the server: the account row is ok but not "reachable", the read fails without a hint', async () => {
    fake.faults.push({ path: /services$/, nth: 1, action: { status: 500 } });
    const r = await runInProcess(['doctor', '--json', '--retries', '0'], fake, { cwd: tempDir() });
    expect(r.exitCode).toBe(1);
    expect(credRows(parse(r.stdout))).toEqual([
      ['credentials.found', 'ok', 'an API token from environment CLOUDFLARE_API_TOKEN', null],
      ['credentials.verified', 'ok', 'the credential is valid and active (user token)', null],
      ['credentials.account', 'ok', FROM_ENV, null],
      ['credentials.read', 'fail', `the services of account ${ACCOUNT} could not be listed: [10001] injected 500`, null],
    ]);
  });

  it('a credential that may not read services: exit 4 with the permission to give', async () => {
    fake.tokens['noread-token-0123456789abcdef'] = { kind: 'user', accounts: [ACCOUNT], permission: 'none' };
    const r = await runInProcess(['doctor', '--json'], fake, { cwd: tempDir(), env: { CLOUDFLARE_API_TOKEN: 'noread-token-0123456789abcdef' } });
    expect(r.exitCode).toBe(4);
    expect(JSON.parse(r.stderr)).toEqual({ error: { code: 'auth', message: 'no usable credential: [10000] Authentication error', status: null } });
    expect(credRows(parse(r.stdout)).slice(2)).toEqual([
      ['credentials.account', 'ok', FROM_ENV, null],
      [
        'credentials.read',
        'fail',
        `the services of account ${ACCOUNT} could not be listed: [10000] Authentication error`,
        `give the token "Connectivity Directory Read" (or Connectivity Directory Admin) on account ${ACCOUNT}, and check the account id`,
      ],
    ]);
  });

  it('an account out of the credential\'s reach: the read is skipped, exit 4', async () => {
    fake.tokens['other-token-0123456789abcdefgh'] = { kind: 'user', accounts: [ACCOUNT_2], permission: 'admin' };
    const r = await runInProcess(['doctor', '--json'], fake, { cwd: tempDir(), env: { CLOUDFLARE_API_TOKEN: 'other-token-0123456789abcdefgh' } });
    expect(r.exitCode).toBe(4);
    const message = `${FROM_ENV} is not reachable with this credential: [9109] Unauthorized to access requested resource`;
    expect(JSON.parse(r.stderr).error.message).toBe(`no usable credential: ${message}`);
    expect(credRows(parse(r.stdout)).slice(2)).toEqual([
      ['credentials.account', 'fail', message, 'check the account id (--account, CLOUDFLARE_ACCOUNT_ID or the profile) and the accounts the token is scoped to'],
      ['credentials.read', 'skipped', 'services not listed: the account is not reachable', null],
    ]);
    expect(pick(parse(r.stdout), 'services', 'services').map((x) => x.message)).toEqual(['services and tunnels not checked: the services could not be listed']);
  });
});

describe('doctor: a token that is not accepted', () => {
  it.each<[string, 'expired' | 'disabled']>([
    ['expired', 'expired'],
    ['disabled', 'disabled'],
  ])('%s: the hint says to create a new one; exit 4', async (_, status) => {
    fake.tokens['bad-token-0123456789abcdefghijk'] = { kind: 'user', accounts: [ACCOUNT], permission: 'admin', status };
    const r = await runInProcess(['doctor', '--json'], fake, { cwd: tempDir(), env: { CLOUDFLARE_API_TOKEN: 'bad-token-0123456789abcdefghijk' } });
    expect(r.exitCode).toBe(4);
    const message = `the credential was not accepted: the API token is ${status}`;
    expect(JSON.parse(r.stderr).error.message).toBe(`no usable credential: ${message}`);
    expect(credRows(parse(r.stdout))).toEqual([
      ['credentials.found', 'ok', 'an API token from environment CLOUDFLARE_API_TOKEN', null],
      ['credentials.verified', 'fail', message, 'an expired, disabled or mistyped token fails here: create a new one (My Profile, API Tokens) and set it again'],
    ]);
    expect(pick(parse(r.stdout), 'services', 'services').map((x) => x.message)).toEqual(['services and tunnels not checked: the credential could not be used']);
  });
});

describe('doctor: usage errors, before any request', () => {
  it.each<[string, string[], Record<string, string>, string]>([
    ['an empty --env', ['--env', ' '], {}, 'error: --env: must name an environment (got "")\n'],
    ['--env without a config', ['--env', 'x'], {}, 'error: --env x: there is no wrangler config to read (give --wrangler-config, or run where wrangler.json, wrangler.jsonc, wrangler.toml is)\n'],
    ['--env and a config without environments', ['--env', 'x'], { 'wrangler.toml': 'name = "w"\n' }, 'error: --env x: wrangler.toml has no env.x (it has no environments)\n'],
    ['--env and a config with others', ['--env', 'x'], { 'wrangler.toml': 'name = "w"\n[env.a]\n[env.b]\n' }, 'error: --env x: wrangler.toml has no env.x (it has env.a, env.b)\n'],
    ['a bad --timeout', ['--timeout', 'abc'], {}, 'error: --timeout: must be a number of seconds from 0.1 to 3600 (got "abc")\n'],
    ['an empty reference', [''], {}, 'error: <id-or-name>: must not be empty (got "")\n'],
    ['a bad --account', ['--account', 'xyz'], {}, 'error: --account: must be 32 hexadecimal characters (got "xyz")\n'],
  ])('%s', async (_, args, files, stderr) => {
    const r = await runInProcess(['doctor', ...args], fake, { cwd: tempDirWith(files) });
    expect([r.exitCode, r.stdout, r.stderr]).toEqual([2, '', stderr]);
    expect(fake.requests).toHaveLength(0);
  });

  it('--env is trimmed', async () => {
    const r = await runInProcess(['doctor', '--env', ' a ', '--json'], fake, { cwd: tempDirWith({ 'wrangler.toml': 'name = "w"\n[env.a]\n' }) });
    expect(r.exitCode).toBe(0);
    expect(pick(parse(r.stdout), 'wrangler.config', 'wrangler.toml').map((x) => x.message)).toEqual(['read wrangler.toml: vpc_services bindings 0 in env.a']);
  });

  it('--env with a config that does not parse: the config check fails instead, with the ignored files', async () => {
    const r = await runInProcess(['doctor', '--env', 'x', '--json'], fake, { cwd: tempDirWith({ 'wrangler.toml': 'name = "w\n', 'wrangler.json': '{' }) });
    expect(r.exitCode).toBe(1);
    expect(parse(r.stdout).filter((x) => x.check.startsWith('wrangler.') || x.check.startsWith('binding.'))).toEqual([
      { check: 'wrangler.config', subject: 'wrangler.json', status: 'fail', message: 'wrangler.json is not valid JSONC (line 1, column 2: the text ends too early: "}" expected (truncated?))', hint: 'fix the file; wrangler cannot read it either' },
      {
        check: 'wrangler.ignored',
        subject: 'wrangler.json',
        status: 'warn',
        message: 'wrangler.toml is in the same folder: wrangler reads wrangler.json and ignores it, and so does doctor',
        hint: 'delete or rename the config files wrangler does not read, so that nobody edits the wrong one',
      },
    ]);
  });
});

describe('doctor: services and their tunnels', () => {
  it('references are trimmed; a UUID in capitals is an id; a UUID no service has is looked up as a name', async () => {
    const nameLikeId = 'dddddddd-0000-4000-8000-000000000001';
    const [a, b, c] = fake.seed([svc('alpha', TUNNEL), svc('beta', TUNNEL), svc(nameLikeId, TUNNEL), svc('other', TUNNEL)]);
    const r = await runInProcess(['doctor', ' alpha ', b!.service_id.toUpperCase(), nameLikeId, ' 99999999-0000-4000-8000-000000000009 ', '--json'], fake, { cwd: tempDir() });
    expect(r.exitCode).toBe(1);
    const rows = parse(r.stdout);
    expect(rows.filter((x) => x.check.startsWith('service.')).map((x) => [x.check, x.subject, x.status])).toEqual([
      ['service.found', 'service 99999999-0000-4000-8000-000000000009', 'fail'],
      ['service.definition', `service alpha (${a!.service_id})`, 'ok'],
      ['service.definition', `service beta (${b!.service_id})`, 'ok'],
      ['service.definition', `service ${nameLikeId} (${c!.service_id})`, 'ok'],
    ]);
    expect(pick(rows, 'service.found', /./)[0]!.message).toBe(`no service with id or name "99999999-0000-4000-8000-000000000009" in account ${ACCOUNT}`);
  });

  it('one service on a tunnel: its id is the hint\'s reference; tunnel ids in other cases are one tunnel', async () => {
    const [a] = fake.seed([svc('alpha', T.missing), svc('beta', TUNNEL), svc('gamma', TUNNEL.toUpperCase())]);
    const r = await runInProcess(['doctor', '--json'], fake, { cwd: tempDir() });
    const rows = parse(r.stdout);
    expect(pick(rows, 'tunnel.exists', /./).map((x) => [x.subject, x.status, x.message, x.hint])).toEqual([
      [`tunnel ${T.missing}`, 'fail', `tunnel ${T.missing} does not exist in this account (used by alpha)`, `point the service at a running tunnel: vpcsvc update ${a!.service_id} --tunnel <tunnel-id> (cloudflared tunnel list shows them)`],
      [`tunnel office-tunnel (${TUNNEL})`, 'ok', 'tunnel office-tunnel exists (used by beta, gamma)', null],
    ]);
    expect(fake.sent('GET', /cfd_tunnel\/[^/]+$/)).toHaveLength(2);
  });

  it.each<[string, FakeTunnel[], string[], boolean]>([
    ['a found tunnel, then a missing one', [TUNNELS[0]!], [T.healthy, T.missing], true],
    ['a missing tunnel, then a found one', [TUNNELS[0]!], [T.missing, T.healthy], true],
    ['only a deleted tunnel', [TUNNELS[4]!], [T.deleted], false],
    ['only a missing tunnel', [], [T.missing], false],
  ])('the transport row is there only when a tunnel is found: %s', async (_, tunnels, on, shown) => {
    fake.tunnels.set(ACCOUNT, tunnels);
    fake.seed(on.map((t, i) => svc(`s${i}`, t)));
    const rows = parse((await runInProcess(['doctor', '--json'], fake, { cwd: tempDir() })).stdout);
    expect(rows.filter((x) => x.subject === 'tunnels')).toEqual(
      shown
        ? [
            {
              check: 'tunnel.transport',
              subject: 'tunnels',
              status: 'skipped',
              message: 'whether cloudflared runs over QUIC or http2 is not checked: the API does not say. Over http2 (outbound UDP 7844 blocked) Worker requests also fail with ProxyError: dns_error',
              hint: 'on each cloudflared host, check that its log shows protocol=quic (or run it with --protocol quic)',
            },
          ]
        : [],
    );
  });

  it('results come in the order the tunnels were first named', async () => {
    fake.tunnels.set(ACCOUNT, TUNNELS);
    fake.seed([svc('a', T.down), svc('b', T.healthy), svc('c', T.down), svc('d', T.degraded)]);
    const rows = parse((await runInProcess(['doctor', '--json'], fake, { cwd: tempDir() })).stdout);
    expect(pick(rows, 'tunnel.exists', /./).map((x) => x.message)).toEqual([
      'tunnel down-t exists (used by a, c)',
      'tunnel healthy-t exists (used by b)',
      'tunnel degraded-t exists (used by d)',
    ]);
  });

  it('at most four tunnels are read at once (eight requests in flight)', async () => {
    const ids = Array.from({ length: 6 }, (_, i) => `aaaaaaaa-0000-4000-8000-${String(i).padStart(12, '0')}`);
    fake.tunnels.set(ACCOUNT, ids.map((id, i) => ({ id, name: `t${i}`, status: 'healthy', connectors: [{ id: `c-${i}`, version: '2025.7.0' }] })));
    fake.seed(ids.map((id, i) => svc(`s${i}`, id)));
    const inner = fake.transport;
    let now = 0;
    let max = 0;
    Object.assign(fake, {
      transport: async (req: Parameters<typeof inner>[0]) => {
        const tunnel = req.url.pathname.includes('/cfd_tunnel/');
        if (tunnel) max = Math.max(max, ++now);
        try {
          return await inner(req);
        } finally {
          if (tunnel) now--;
        }
      },
    });
    const r = await runInProcess(['doctor', '--json'], fake, { cwd: tempDir() });
    expect(r.exitCode).toBe(0);
    expect(max).toBe(8);
    expect(pick(parse(r.stdout), 'tunnel.exists', /./)).toHaveLength(6);
    expect(fake.sent('GET', /cfd_tunnel/)).toHaveLength(12);
  });

  it('a service on a second tunnel of the default account', async () => {
    fake.seed([svc('lab', TUNNEL_2)]);
    const r = await runInProcess(['doctor', '--json'], fake, { cwd: tempDir() });
    expect(r.exitCode).toBe(1);
    expect(pick(parse(r.stdout), 'tunnel.status', /lab-tunnel/).map((x) => x.status)).toEqual(['fail']);
  });
});

describe('doctor: the config summary', () => {
  it('counts each list, and a list that is not an array as 0', async () => {
    const cwd = tempDirWith({ 'wrangler.json': JSON.stringify({ vpc_services: { binding: 'A' }, env: { a: { vpc_services: [{}, {}] }, b: {} } }) });
    const r = await runInProcess(['doctor', '--json'], fake, { cwd });
    expect(r.exitCode).toBe(1);
    expect(pick(parse(r.stdout), 'wrangler.config', 'wrangler.json').map((x) => [x.status, x.message, x.hint])).toEqual([
      ['ok', 'read wrangler.json: vpc_services bindings 0 at top level, 2 in env.a, 0 in env.b', null],
    ]);
  });
});

describe('doctor --help', () => {
  it('names the arguments, the options by group, the exit codes and examples', async () => {
    const r = await runInProcess(['doctor', '--help'], undefined, { columns: 200 });
    expect(r.exitCode).toBe(0);
    const [head, rest] = r.stdout.split('Global options:\n');
    expect(head).toBe(
      text(
        'Usage: vpcsvc doctor [options] [id-or-name...]',
        '',
        "Check credentials, services, their tunnels and a Worker's bindings; changes nothing",
        '',
        'Arguments:',
        '  id-or-name                services to check (default: every service of the account)',
        '',
        'Worker bindings:',
        '  --wrangler-config <path>  the wrangler.jsonc / wrangler.json / wrangler.toml to check (default:',
        '                            the one in this folder)',
        '  --env <name>              check only the bindings of env.<name>',
        '',
        'Output:',
        '  --json                    print one JSON array of {check, subject, status, message, hint}',
        '  --ndjson                  print one JSON object per check and line, as checks finish',
        '',
      ),
    );
    expect(rest!.slice(rest!.indexOf('Exit codes:'))).toBe(
      text(
        'Exit codes: 0 nothing failed (warnings allowed), 1 a check failed, 2 usage, 4 no usable credential.',
        '',
        'Examples:',
        '  vpcsvc doctor',
        '  vpcsvc doctor orders-db --wrangler-config worker/wrangler.toml --env production',
        '  vpcsvc doctor --json | jq \'.[] | select(.status == "fail")\'',
        '',
      ),
    );
  });

  it('the options reach the run: --wrangler-config and --env', async () => {
    const dir = tempDirWith({ 'w.toml': 'name = "w"\n[env.prod]\nvpc_services = []\n' });
    const r = await runInProcess(['doctor', '--wrangler-config', `${dir}/w.toml`, '--env', 'prod', '--json'], fake, { cwd: tempDir() });
    expect(r.exitCode).toBe(0);
    expect(pick(parse(r.stdout), 'wrangler.config', 'w.toml').map((x) => x.message)).toEqual(['read w.toml: vpc_services bindings 0 in env.prod']);
  });
});

describe('doctor: cancelled while tunnels are read', () => {
  it('Ctrl-C during the tunnel reads: exit 130, and the other reads fail quietly (no unhandled rejection)', async () => {
    const ids = [T.healthy, T.degraded, T.down];
    fake.tunnels.set(ACCOUNT, TUNNELS);
    fake.seed(ids.map((id, i) => svc(`s${i}`, id)));
    const ctrl = new AbortController();
    const inner = fake.transport;
    Object.assign(fake, {
      transport: async (req: Parameters<typeof inner>[0]) => {
        if (req.url.pathname.includes('/cfd_tunnel/')) ctrl.abort();
        return inner(req);
      },
    });
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    try {
      const r = await runInProcess(['doctor', '--json'], fake, { cwd: tempDir(), signal: ctrl.signal });
      await new Promise((res) => setImmediate(res));
      expect(r.exitCode).toBe(130);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});

describe('doctor: only a UUID reference is an id', () => {
  it('a reference equal to an id that is not a UUID is not found by it', async () => {
    const [s] = fake.seed([svc('legacy-db', TUNNEL)]);
    s!.service_id = 'legacy-id';
    const r = await runInProcess(['doctor', 'legacy-id', '--json'], fake, { cwd: tempDir() });
    expect(r.exitCode).toBe(1);
    expect(parse(r.stdout).filter((x) => x.check.startsWith('service.')).map((x) => [x.check, x.subject, x.status])).toEqual([['service.found', 'service legacy-id', 'fail']]);
  });
});

describe('doctor: Ctrl-C is not a failed check', () => {
  it.each<[string, RegExp, string[]]>([
    ['while the credential is verified', /\/tokens\/verify$/, ['credentials.found']],
    ['while the services are listed', /\/connectivity\/directory\/services$/, ['credentials.found', 'credentials.verified']],
  ])('%s: exit 130, and no row says the check failed', async (_, path, checks) => {
    const ctrl = new AbortController();
    const inner = fake.transport;
    Object.assign(fake, {
      transport: async (req: Parameters<typeof inner>[0]) => {
        if (path.test(req.url.pathname)) ctrl.abort();
        return inner(req);
      },
    });
    const r = await runInProcess(['doctor', '--ndjson'], fake, { cwd: tempDir(), signal: ctrl.signal });
    expect(r.exitCode).toBe(130);
    expect(r.stdout.trimEnd().split('\n').map((l) => (JSON.parse(l) as Row).check)).toEqual(checks);
    expect(JSON.parse(r.stderr).error.code).toBe('cancelled');
  });
});

describe('doctor: every credential row by its check name (--json)', () => {
  it('a usable token: found, verified, account, read ok; write not checked', async () => {
    const r = await runInProcess(['doctor', '--json'], fake, { cwd: tempDir() });
    expect(r.exitCode).toBe(0);
    expect(credRows(parse(r.stdout))).toEqual([
      ['credentials.found', 'ok', 'an API token from environment CLOUDFLARE_API_TOKEN', null],
      ['credentials.verified', 'ok', 'the credential is valid and active (user token)', null],
      ['credentials.account', 'ok', `${FROM_ENV} is reachable`, null],
      ['credentials.read', 'ok', `can read the services of account ${ACCOUNT} (0 services)`, null],
      ['credentials.write', 'skipped', WRITE.slice(4), null],
    ]);
  });

  it('half a key pair: credentials.found fails with the hint of the error', async () => {
    const r = await runInProcess(['doctor', '--json'], fake, { cwd: tempDir(), noCredentials: true, env: { CLOUDFLARE_EMAIL: EMAIL } });
    expect(r.exitCode).toBe(4);
    expect(credRows(parse(r.stdout))).toEqual([['credentials.found', 'fail', 'CLOUDFLARE_EMAIL is set but CLOUDFLARE_API_KEY is missing', 'set CLOUDFLARE_API_KEY too, or use an API token']]);
  });

  it('no account chosen among two: credentials.account fails', async () => {
    fake.accounts.push({ id: ACCOUNT_2, name: 'two' });
    fake.tokens['two-token-0123456789abcdefghijk'] = { kind: 'user', accounts: [ACCOUNT, ACCOUNT_2], permission: 'read' };
    const r = await runInProcess(['doctor', '--json'], fake, { cwd: tempDir(), env: { CLOUDFLARE_API_TOKEN: 'two-token-0123456789abcdefghijk', CLOUDFLARE_ACCOUNT_ID: undefined } });
    expect(credRows(parse(r.stdout)).slice(2)).toEqual([
      ['credentials.account', 'fail', 'no account chosen: these credentials can see 2 accounts; choose one with --account or CLOUDFLARE_ACCOUNT_ID', 'give --account <id> or set CLOUDFLARE_ACCOUNT_ID'],
    ]);
  });

  it.each<[string, RegExp, string, string]>([
    ['verify', /\/tokens\/verify$/, 'credentials.verified', 'the credential could not be checked: '],
    ['list', /\/connectivity\/directory\/services$/, 'credentials.read', `the services of account ${ACCOUNT} could not be listed: `],
  ])('a %s request that times out: the failed row carries the error\'s own hint', async (_, path, check, prefix) => {
    fake.faults.push({ path, nth: 1, action: { delayMs: 5000 } });
    const r = await runInProcess(['doctor', '--json', '--timeout', '1', '--retries', '0'], fake, { cwd: tempDir() });
    expect(r.exitCode).toBe(1);
    const [row] = pick(parse(r.stdout), check, 'credentials');
    expect(row!.status).toBe('fail');
    expect(row!.message.startsWith(prefix)).toBe(true);
    expect(row!.hint).toBe('a slow network may need a longer --timeout');
  });

  it('Ctrl-C while the accounts are listed: exit 130, not a failed account check', async () => {
    const ctrl = new AbortController();
    const inner = fake.transport;
    Object.assign(fake, {
      transport: async (req: Parameters<typeof inner>[0]) => {
        if (/\/accounts$/.test(req.url.pathname)) ctrl.abort();
        return inner(req);
      },
    });
    const r = await runInProcess(['doctor', '--ndjson'], fake, { cwd: tempDir(), signal: ctrl.signal, env: { CLOUDFLARE_ACCOUNT_ID: undefined } });
    expect(r.exitCode).toBe(130);
    expect(r.stdout.trimEnd().split('\n').map((l) => (JSON.parse(l) as Row).check)).toEqual(['credentials.found', 'credentials.verified']);
  });
});
