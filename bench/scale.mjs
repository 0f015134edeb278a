// list --json and --ndjson over 20,000 services on the fake API: wall time and peak RSS.
import { BIN, loadFake } from './lib/fake.mjs';
import { median, run } from './lib/run.mjs';

export async function benchScale({ node = process.execPath, count = 20_000, runs = 3 } = {}) {
  const { FakeCloudflare, TOKEN, ACCOUNT, TUNNEL } = await loadFake();
  const fake = await FakeCloudflare.start();
  fake.seed(
    Array.from({ length: count }, (_, i) => ({
      name: `svc-${i}`,
      type: 'tcp',
      host: { ipv4: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, network: { tunnel_id: TUNNEL } },
      tcp_port: 5432,
      app_protocol: 'postgresql',
    })),
  );
  const env = { CLOUDFLARE_API_BASE_URL: fake.url, CLOUDFLARE_API_TOKEN: TOKEN, CLOUDFLARE_ACCOUNT_ID: ACCOUNT };
  const rows = [];
  try {
    for (const flag of ['--json', '--ndjson']) {
      const results = [];
      for (let i = 0; i < runs; i++) {
        const r = await run(node, [BIN, 'list', flag], { env, rss: true });
        if (r.code !== 0) throw new Error(`list ${flag} exited ${r.code}: ${r.stderr}`);
        results.push(r);
      }
      rows.push({
        measure: `list ${flag} (${count.toLocaleString('en')} services)`,
        ms: median(results.map((r) => r.ms)),
        rssMb: Math.max(...results.map((r) => r.rss)) / 1024 / 1024,
      });
    }
  } finally {
    await fake.close();
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await benchScale()) console.log(`${r.measure}: ${r.ms.toFixed(0)} ms, peak RSS ${r.rssMb.toFixed(1)} MB`);
}
