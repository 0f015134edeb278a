#!/usr/bin/env node
// Produces the README's `vpcsvc export --format terraform` sample by running the built binary
// against the test suite's fake API with three services. Prints stdout, then stderr.
//
//   npm run build && node scripts/terraform-sample.mjs
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { BIN, loadFake } from '../bench/lib/fake.mjs';

const { FakeCloudflare, TOKEN, ACCOUNT, TUNNEL } = await loadFake();
const fake = await FakeCloudflare.start();
fake.seed([
  { name: 'postgres-db', type: 'tcp', host: { ipv4: '10.0.0.1', network: { tunnel_id: TUNNEL } }, tcp_port: 5432, app_protocol: 'postgresql', tls_settings: { cert_verification_mode: 'verify_full' } },
  { name: 'web-server', type: 'http', host: { hostname: 'web.internal', resolver_network: { tunnel_id: TUNNEL, resolver_ips: ['10.0.0.53'] } }, http_port: 80, https_port: 443 },
  {
    name: 'billing api',
    type: 'http',
    host: { hostname: 'billing.internal', resolver_network: { tunnel_id: TUNNEL } },
    https_port: 443,
    tls_settings: { cert_verification_mode: 'verify_ca', certificate_authority: '5a5d4a3b-2c1d-4e0f-9a8b-7c6d5e4f3a2b' },
  },
]);
const dir = mkdtempSync(join(tmpdir(), 'vpcsvc-terraform-'));
try {
  const r = await execa(process.execPath, [BIN, 'export', '--format', 'terraform'], {
    cwd: dir,
    env: { PATH: process.env.PATH, HOME: dir, CLOUDFLARE_API_BASE_URL: fake.url, CLOUDFLARE_API_TOKEN: TOKEN, CLOUDFLARE_ACCOUNT_ID: ACCOUNT },
    extendEnv: false,
    reject: false,
    stripFinalNewline: false,
  });
  process.stdout.write(`${r.stdout}--- stderr ---\n${r.stderr}--- exit ${r.exitCode} ---\n`);
} finally {
  await fake.close();
}
