#!/usr/bin/env node
// `npm run bench`: start-up, round trip, bulk apply and large-list figures, each with its ratio to
// a bare `node -e 0` measured in the same run with the same Node binary. Plain Node; no timing
// assertions anywhere in the tests.
//
//   node bench/run.mjs [--node /path/to/node] [--runs 20] [--only startup,roundtrip,bulk,scale]
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { BIN, loadFake } from './lib/fake.mjs';
import { median, run } from './lib/run.mjs';
import { benchScale } from './scale.mjs';
import { benchBulk } from './bulk.mjs';

const { values } = parseArgs({
  options: {
    node: { type: 'string', default: process.execPath },
    runs: { type: 'string', default: '20' },
    only: { type: 'string', default: 'startup,roundtrip,bulk,scale' },
  },
});
const node = values.node;
const runs = Math.max(20, Number(values.runs));
const only = new Set(values.only.split(','));
const T = '0191dce4-9ab4-7fce-b660-8e5dec5172da';

const floorSamples = [];

/**
 * Median wall time of `args` under `node`, after 3 warm-up runs, and its ratio to `node -e 0`.
 * The floor is measured in turn with the command (floor, command, floor, command, ...), so a
 * machine whose speed drifts during the run skews both alike.
 */
async function time(args, env = {}) {
  for (let i = 0; i < 3; i++) await run(node, args, { env });
  const ms = [];
  const floors = [];
  for (let i = 0; i < runs; i++) {
    floors.push((await run(node, ['-e', '0'])).ms);
    const r = await run(node, args, { env });
    if (r.code !== 0) throw new Error(`${args.join(' ')} exited ${r.code}: ${r.stderr}`);
    ms.push(r.ms);
  }
  floorSamples.push(...floors);
  return { ms: median(ms), ratio: median(ms) / median(floors) };
}

const nodeVersion = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();

const rows = [];
for (let i = 0; i < 5; i++) floorSamples.push((await run(node, ['-e', '0'])).ms);
const add = (label, t, extra = '') => rows.push([label, t.ms, t.ratio, extra]);

if (only.has('startup')) {
  add('--version', await time([BIN, '--version']));
  add('--help', await time([BIN, '--help']));
  add('create --help', await time([BIN, 'create', '--help']));
  add('create ... --dry-run', await time([BIN, 'create', 'db', '--type', 'tcp', '--ipv4', '10.0.0.1', '--tunnel', T, '--tcp-port', '5432', '--dry-run']));
}

if (only.has('roundtrip')) {
  const { FakeCloudflare, TOKEN, ACCOUNT } = await loadFake();
  const fake = await FakeCloudflare.start();
  const env = { CLOUDFLARE_API_BASE_URL: fake.url, CLOUDFLARE_API_TOKEN: TOKEN, CLOUDFLARE_ACCOUNT_ID: ACCOUNT };
  let n = 0;
  // Each create needs a fresh name; time() repeats the same args, so the name comes from a counter
  // the fake resets by deleting the service after each run.
  const createMs = [];
  const floors = [];
  for (let i = 0; i < runs + 3; i++) {
    const f = await run(node, ['-e', '0']);
    const r = await run(node, [BIN, 'create', `rt-${n++}`, '--type', 'tcp', '--ipv4', '10.0.0.1', '--tunnel', T, '--tcp-port', '5432', '--json'], { env });
    if (r.code !== 0) throw new Error(`create exited ${r.code}: ${r.stderr}`);
    if (i >= 3) {
      createMs.push(r.ms);
      floors.push(f.ms);
    }
  }
  floorSamples.push(...floors);
  add('create ... --json (round trip)', { ms: median(createMs), ratio: median(createMs) / median(floors) });
  const id = fake.list(ACCOUNT)[0].service_id;
  add('get <id> --json (round trip)', await time([BIN, 'get', id, '--json'], env));
  await fake.close();
}

if (only.has('bulk')) {
  for (const b of await benchBulk({ node })) rows.push([b.label, b.ms, b.ms / b.floorMs, `floor ${(b.floorMs / 1000).toFixed(2)} s; ${b.note}`, 'floor']);
}

if (only.has('scale')) {
  const floor = median(floorSamples);
  for (const s of await benchScale({ node })) rows.push([s.measure, s.ms, s.ms / floor, `peak RSS ${s.rssMb.toFixed(1)} MB`]);
}

rows.unshift(['node -e 0 (the floor)', median(floorSamples), 1, `${floorSamples.length} runs, interleaved`]);
const pad = (s, n) => String(s).padEnd(n);
console.log(`\nvpcsvc benchmarks on Node ${nodeVersion} (${process.platform}/${process.arch}); medians of ${runs} runs after 3 warm-ups\n`);
console.log(`${pad('measure', 44)}${pad('median', 12)}${pad('ratio', 20)}notes`);
for (const [label, ms, ratio, extra = '', base = 'node -e 0'] of rows) {
  const shown = ms >= 10_000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`;
  console.log(`${pad(label, 44)}${pad(shown, 12)}${pad(`${ratio.toFixed(2)}x ${base === 'floor' ? 'of floor' : ''}`, 20)}${extra}`);
}
