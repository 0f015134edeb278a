import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeCloudflare, TOKEN, ACCOUNT, TUNNEL, TUNNEL_2 } from '../support/fake-api';
import { KEY, PtySession } from '../support/pty';
import { useFakeApi } from '../support/use-fake';
import { runCli, tempDir } from '../support/run-cli';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const fake = useFakeApi();
let session: PtySession | undefined;
afterEach(async () => {
  session?.kill();
  session = undefined;
});

const createArgs = (name: string, tunnel = TUNNEL) => ['create', name, '--type', 'tcp', '--ipv4', '10.0.0.1', '--tunnel', tunnel, '--tcp-port', '5432'];

describe('binding wiring', () => {
  it('on a terminal: the wrangler snippets on stderr, and a warning for a down tunnel', async () => {
    session = new PtySession([...createArgs('orders-db', TUNNEL_2), '--binding', 'ORDERS'], {
      HOME: tempDir(),
      CLOUDFLARE_API_BASE_URL: fake.url,
      CLOUDFLARE_API_TOKEN: TOKEN,
      CLOUDFLARE_ACCOUNT_ID: ACCOUNT,
    });
    expect(await session.exit()).toBe(0);
    const id = fake.list()[0]!.service_id;
    const text = session.text;
    expect(text).toContain('warning: tunnel lab-tunnel is down');
    expect(text).toContain('"vpc_services": [');
    expect(text).toContain(`{ "binding": "ORDERS", "service_id": "${id}", "remote": true }`);
    expect(text).toContain('[[vpc_services]]');
    expect(text).toContain('binding = "ORDERS"');
    expect(text).toContain('remote = true');
    expect(text).toMatch(/repeat the entry under each/);
    // doctor's tunnel checks: the tunnel and its connectors, read once each.
    expect(fake.sent('GET', /cfd_tunnel\//).map((r) => r.path.replace(/^.*cfd_tunnel/, ''))).toEqual([`/${TUNNEL_2}`, `/${TUNNEL_2}/connections`]);
  });

  it('the default binding name is the service name in SCREAMING_SNAKE_CASE; --no-check skips the tunnel', async () => {
    session = new PtySession([...createArgs('orders-db.v2'), '--no-check'], {
      HOME: tempDir(),
      CLOUDFLARE_API_BASE_URL: fake.url,
      CLOUDFLARE_API_TOKEN: TOKEN,
      CLOUDFLARE_ACCOUNT_ID: ACCOUNT,
    });
    expect(await session.exit()).toBe(0);
    expect(session.text).toContain('"binding": "ORDERS_DB_V2"');
    expect(fake.sent('GET', /cfd_tunnel/)).toHaveLength(0);
  });

});

describe('safe terminal output', () => {
  const evil = 'evil\u001b[31mRED\u001b[0m\u0007';
  it('on an 80-column terminal the list fits and ids stay whole', async () => {
    fake.seed(
      Array.from({ length: 3 }, (_, i) => ({
        name: `a-rather-long-service-name-number-${i}-for-the-table`,
        type: 'http',
        host: { hostname: `very-long-hostname-${i}.internal.example.com`, resolver_network: { tunnel_id: TUNNEL } },
        https_port: 8443,
      })),
    );
    session = new PtySession(['list'], { HOME: tempDir(), CLOUDFLARE_API_BASE_URL: fake.url, CLOUDFLARE_API_TOKEN: TOKEN, CLOUDFLARE_ACCOUNT_ID: ACCOUNT });
    expect(await session.exit()).toBe(0);
    const lines = session.text.split(/\r?\n/);
    expect(lines.every((l) => l.length <= 80)).toBe(true);
    for (const s of fake.list()) expect(session.text).toContain(s.service_id);
  });
});

describe('completion', () => {
  it.each(['bash', 'zsh'])('%s: a script bash -n accepts, with commands, flags and enum values', async (shell) => {
    const r = await runCli(['completion', shell], fake);
    expect(r.exitCode).toBe(0);
    const file = join(tempDir(), `c.${shell}`);
    writeFileSync(file, r.stdout);
    if (shell === 'bash') execFileSync('bash', ['-n', file]);
    for (const word of ['create', 'list', 'apply', 'export', '--tcp-port', '--cert-verification-mode', 'verify_ca', 'postgresql', 'tcp http']) {
      expect(r.stdout).toContain(word);
    }
  });

  it('bash completes commands, subcommands and values', () => {
    const script = execFileSync(process.execPath, [join(ROOT, 'bin/vpcsvc.js'), 'completion', 'bash'], { encoding: 'utf8' });
    const file = join(tempDir(), 'c.bash');
    writeFileSync(file, script);
    const complete = (words: string[]) =>
      execFileSync('bash', ['-c', `source ${file}; COMP_WORDS=(${words.map((w) => `"${w}"`).join(' ')}); COMP_CWORD=${words.length - 1}; _vpcsvc; echo "\${COMPREPLY[@]}"`], { encoding: 'utf8' }).trim();
    expect(complete(['vpcsvc', 'ap'])).toBe('apply');
    expect(complete(['vpcsvc', 'create', '--app-protocol', ''])).toBe('postgresql mysql');
    expect(complete(['vpcsvc', 'auth', 'lo'])).toBe('login logout');
    expect(complete(['vpcsvc', 'update', 'x', '--cert-verification-mode', 'v'])).toBe('verify_full verify_ca');
  });

});

describe('packaging', () => {
  it('npm pack holds only what runs, and the tarball works from a temp prefix', async () => {
    const out = tempDir();
    // --ignore-scripts: `npm test` has built dist/ already, and a rebuild (prepare) would pull it
    // from under the other test files running at the same time.
    const packed = await execa('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', out], { cwd: ROOT, reject: false });
    expect(packed.exitCode, String(packed.stderr)).toBe(0);
    const [info] = JSON.parse(String(packed.stdout)) as { filename: string; files: { path: string }[] }[];
    const files = info!.files.map((f) => f.path);
    expect(files.every((f) => /^(bin\/|dist\/|README\.md$|LICENSE$|package\.json$)/.test(f)), files.join('\n')).toBe(true);
    for (const must of ['bin/vpcsvc.js', 'dist/cli.cjs', 'dist/vendor/cli-table3.cjs', 'README.md', 'LICENSE', 'package.json']) expect(files).toContain(must);

    const prefix = join(tempDir(), 'prefix');
    const installed = await execa('npm', ['install', '--global', '--prefix', prefix, '--no-audit', '--no-fund', join(out, info!.filename)], { reject: false });
    expect(installed.exitCode, String(installed.stderr)).toBe(0);
    const bin = join(prefix, 'bin', 'vpcsvc');
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const version = await execa(bin, ['--version'], { reject: false });
    expect(String(version.stdout).trim()).toBe(pkg.version);
    const dry = await execa(bin, createArgs('packed').concat('--dry-run', '--json'), { reject: false, env: { CLOUDFLARE_API_TOKEN: '' } });
    expect(dry.exitCode, String(dry.stderr)).toBe(0);
    expect(JSON.parse(String(dry.stdout)).body.name).toBe('packed');
    expect(readdirSync(join(prefix, 'lib', 'node_modules', 'vpcsvc'))).not.toContain('node_modules');
    expect(pkg.engines.node).toBe('>=20');
  }, 120_000);
});
