#!/usr/bin/env node
// Starts the test suite's fake Cloudflare API on 127.0.0.1 and prints the environment that points
// vpcsvc at it, for trying the tool by hand without a Cloudflare account. Ctrl-C stops it.
//
//   node scripts/fake-server.mjs [--seed N]    # N sample services to start with
import { parseArgs } from 'node:util';
import { loadFake } from '../bench/lib/fake.mjs';

const { values } = parseArgs({ options: { seed: { type: 'string', default: '0' } } });
const { FakeCloudflare, TOKEN, ACCOUNT, TUNNEL } = await loadFake();
const fake = await FakeCloudflare.start();
fake.seed(
  Array.from({ length: Number(values.seed) }, (_, i) => ({
    name: `svc-${i}`,
    type: i % 2 ? 'http' : 'tcp',
    host: { ipv4: `10.0.0.${(i % 250) + 1}`, network: { tunnel_id: TUNNEL } },
    ...(i % 2 ? {} : { tcp_port: 5432 }),
  })),
);
process.stdout.write(
  `export CLOUDFLARE_API_BASE_URL=${fake.url}\nexport CLOUDFLARE_API_TOKEN=${TOKEN}\nexport CLOUDFLARE_ACCOUNT_ID=${ACCOUNT}\n# tunnel: ${TUNNEL}\n`,
);
process.on('SIGINT', () => fake.close().then(() => process.exit(0)));
