#!/usr/bin/env node
// vpcsvc doctor at scale: 1,000 services on 10 tunnels, the fake API answering every request after
// 50 ms. Prints the requests doctor sent (by kind) and the median wall time of the runs.
//
//   npm run build && node bench/doctor.mjs [--runs 5] [--latency 50]
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BIN, loadFake } from './lib/fake.mjs';
import { median, run } from './lib/run.mjs';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, latency: { type: 'string', default: '50' } } });
const { FakeCloudflare, TOKEN, ACCOUNT } = await loadFake();
const fake = await FakeCloudflare.start({ latencyMs: Number(values.latency) });
const tunnels = Array.from({ length: 10 }, (_, i) => ({
  id: `aaaaaaaa-0000-4000-8000-${String(i).padStart(12, '0')}`,
  name: `tunnel-${i}`,
  status: 'healthy',
  connectors: [{ id: `bbbbbbbb-0000-4000-8000-${String(i).padStart(12, '0')}`, version: '2025.10.0' }],
}));
fake.tunnels.set(ACCOUNT, tunnels);
fake.seed(
  Array.from({ length: 1000 }, (_, i) => ({
    name: `svc-${i}`,
    type: 'tcp',
    host: { ipv4: `10.0.${i >> 8}.${i & 255}`, network: { tunnel_id: tunnels[i % 10].id } },
    tcp_port: 5432,
  })),
);
const env = { CLOUDFLARE_API_BASE_URL: fake.url, CLOUDFLARE_API_TOKEN: TOKEN, CLOUDFLARE_ACCOUNT_ID: ACCOUNT, HOME: mkdtempSync(join(tmpdir(), 'vpcsvc-doctor-')) };
const times = [];
const counts = [];
try {
  for (let i = 0; i < Number(values.runs); i++) {
    const before = fake.requests.length;
    const r = await run(process.execPath, [BIN, 'doctor', '--ndjson'], { env });
    if (r.code !== 0) throw new Error(`doctor exited ${r.code}: ${r.stderr}`);
    times.push(r.ms);
    counts.push(fake.requests.slice(before));
  }
} finally {
  await fake.close();
}
const last = counts.at(-1);
const kind = (p) => (p.endsWith('/connections') ? 'tunnel connections' : p.includes('/cfd_tunnel/') ? 'tunnel' : p.includes('/services') ? 'services list page' : p);
const byKind = {};
for (const q of last) byKind[kind(q.path)] = (byKind[kind(q.path)] ?? 0) + 1;
console.log(`doctor, 1,000 services on 10 tunnels, ${values.latency} ms fake latency, ${values.runs} runs`);
console.log(`requests per run: ${last.length} (${Object.entries(byKind).map(([k, n]) => `${n} ${k}`).join(', ')}); all GET: ${last.every((q) => q.method === 'GET')}`);
console.log(`wall time: median ${median(times).toFixed(0)} ms (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)})`);
