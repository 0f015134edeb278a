// apply of 1,000 new definitions against the fake with 50 ms latency per request and its rate
// limiter on; wall time against the floor that latency, concurrency and the limit allow.
import { writeFileSync } from 'node:fs';
import { BIN, ROOT, loadFake } from './lib/fake.mjs';
import { run } from './lib/run.mjs';

const T = '0191dce4-9ab4-7fce-b660-8e5dec5172da';

export async function benchBulk({ node = process.execPath, count = 1000, latencyMs = 50 } = {}) {
  const { FakeCloudflare, TOKEN, ACCOUNT } = await loadFake();
  const file = `${ROOT}.bench-tmp/bulk.json`;
  writeFileSync(
    file,
    JSON.stringify(Array.from({ length: count }, (_, i) => ({ name: `bulk-${i}`, type: 'tcp', host: { ipv4: `10.1.${i >> 8}.${i & 255}`, network: { tunnel_id: T } }, tcp_port: 5432 }))),
  );
  const scenarios = [
    // Cloudflare's published limit: 1,200 requests per 5 minutes. 1,001 requests fit, so the floor
    // is set by latency and concurrency.
    { label: `apply ${count} (CF limit 1200/5 min, c=16)`, concurrency: 16, rateLimit: { limit: 1200, windowMs: 300_000 } },
    // A limit that binds: 500 requests per 5 s, so 1,001 requests need three windows.
    { label: `apply ${count} (limit 500/5 s, c=16)`, concurrency: 16, rateLimit: { limit: 500, windowMs: 5000 } },
  ];
  const out = [];
  for (const s of scenarios) {
    const fake = await FakeCloudflare.start({ latencyMs, rateLimit: s.rateLimit });
    const env = { CLOUDFLARE_API_BASE_URL: fake.url, CLOUDFLARE_API_TOKEN: TOKEN, CLOUDFLARE_ACCOUNT_ID: ACCOUNT };
    const r = await run(node, [BIN, 'apply', '-f', file, '--yes', '--json', '--concurrency', String(s.concurrency)], { env, stdout: 'pipe' });
    const created = fake.list(ACCOUNT).length;
    const requests = 1 + count; // one list, then one create each
    const latencyFloor = Math.ceil(count / s.concurrency) * latencyMs + latencyMs;
    const windows = Math.ceil(requests / s.rateLimit.limit) - 1;
    const rateFloor = windows * s.rateLimit.windowMs + latencyMs;
    out.push({
      label: s.label,
      ms: r.ms,
      floorMs: Math.max(latencyFloor, rateFloor),
      note: `exit ${r.code}, ${created}/${count} created, ${count - created} failed, ${fake.rateLimited} answered 429, ${fake.requests.length} requests`,
    });
    await fake.close();
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const b of await benchBulk()) console.log(`${b.label}: ${(b.ms / 1000).toFixed(2)} s, floor ${(b.floorMs / 1000).toFixed(2)} s (${(b.ms / b.floorMs).toFixed(2)}x); ${b.note}`);
}
