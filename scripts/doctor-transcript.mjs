#!/usr/bin/env node
// Produces the README's `vpcsvc doctor` transcript by running the built binary against the test
// suite's fake API: a tunnel that is down, a connector older than 2025.7.0, and a binding missing
// from env.production. Prints what the command wrote (stdout, then stderr) and its exit code.
//
//   npm run build && node scripts/doctor-transcript.mjs
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { BIN, loadFake } from '../bench/lib/fake.mjs';

const { FakeCloudflare, TOKEN, ACCOUNT, TUNNEL, TUNNEL_2 } = await loadFake();
const fake = await FakeCloudflare.start();
fake.tunnels.set(ACCOUNT, [
  {
    id: TUNNEL,
    name: 'office-tunnel',
    status: 'healthy',
    connectors: [
      { id: '5f0c1a9e-2d3b-4c5d-8e6f-7a8b9c0d1e2f', version: '2025.10.0', conns: 4 },
      { id: '9d8c7b6a-5e4f-4a3b-9c2d-1e0f9a8b7c6d', version: '2025.4.2', conns: 2 },
    ],
  },
  { id: TUNNEL_2, name: 'lab-tunnel', status: 'down', connectors: [] },
]);
const [orders, inventory] = fake.seed([
  { name: 'orders-db', type: 'tcp', host: { ipv4: '10.0.0.5', network: { tunnel_id: TUNNEL } }, tcp_port: 5432, app_protocol: 'postgresql' },
  { name: 'inventory-api', type: 'http', host: { hostname: 'inventory.internal', resolver_network: { tunnel_id: TUNNEL_2 } }, https_port: 443 },
]);
const dir = mkdtempSync(join(tmpdir(), 'vpcsvc-doctor-'));
writeFileSync(
  join(dir, 'wrangler.toml'),
  `name = "shop"
main = "src/index.ts"

[[vpc_services]]
binding = "ORDERS_DB"
service_id = "${orders.service_id}"
remote = true

[[vpc_services]]
binding = "INVENTORY"
service_id = "${inventory.service_id}"
remote = true

[env.production]
name = "shop-production"

[[env.production.vpc_services]]
binding = "ORDERS_DB"
service_id = "${orders.service_id}"
remote = true
`,
);
try {
  const r = await execa(process.execPath, [BIN, 'doctor'], {
    cwd: dir,
    env: { PATH: process.env.PATH, HOME: dir, CLOUDFLARE_API_BASE_URL: fake.url, CLOUDFLARE_API_TOKEN: TOKEN, CLOUDFLARE_ACCOUNT_ID: ACCOUNT },
    extendEnv: false,
    reject: false,
    stripFinalNewline: false,
  });
  process.stdout.write(`$ vpcsvc doctor\n${r.stdout}${r.stderr}$ echo $?\n${r.exitCode}\n`);
  if (fake.mutations().length > 0) throw new Error('doctor sent a request that was not a GET');
} finally {
  await fake.close();
}
