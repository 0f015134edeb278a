import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findWranglerConfigs, readWranglerBindings } from '../../../src/io/wrangler-read';

const dir = () => mkdtempSync(join(tmpdir(), 'wrangler-read-'));
const ID = '0b1e0000-0000-4000-8000-0000000000aa';

describe('finding the config', () => {
  it('follows wrangler: wrangler.json, then wrangler.jsonc, then wrangler.toml; the others are returned as ignored', async () => {
    const d = dir();
    for (const f of ['wrangler.toml', 'wrangler.jsonc', 'wrangler.json']) writeFileSync(join(d, f), '{}');
    expect(await findWranglerConfigs(d)).toEqual({ path: join(d, 'wrangler.json'), ignored: ['wrangler.jsonc', 'wrangler.toml'] });
    const e = dir();
    writeFileSync(join(e, 'wrangler.toml'), '');
    expect(await findWranglerConfigs(e)).toEqual({ path: join(e, 'wrangler.toml'), ignored: [] });
    expect(await findWranglerConfigs(dir())).toEqual({ path: undefined, ignored: [] });
    expect(await findWranglerConfigs(d, 'x/w.toml')).toEqual({ path: join(d, 'x/w.toml'), ignored: [] });
  });
});

describe('reading it', () => {
  const read = async (name: string, text: string) => {
    const d = dir();
    writeFileSync(join(d, name), text);
    return readWranglerBindings(join(d, name));
  };

  it('a UTF-8 BOM is skipped, as wrangler skips it', async () => {
    const r = await read('wrangler.json', `\ufeff{ "vpc_services": [ { "binding": "A", "service_id": "${ID}", "remote": true } ] }`);
    expect(r).toMatchObject({ top: [{ binding: 'A', service_id: ID, remote: true }] });
    const t = await read('wrangler.toml', `\ufeff[[vpc_services]]\nbinding = "A"\n`);
    expect(t).toMatchObject({ top: [{ binding: 'A' }] });
  });

  it('"env" that is not a table, or an environment that is not one, fails the config', async () => {
    expect(await read('wrangler.json', '{ "env": "prod" }')).toEqual({ label: 'wrangler.json', error: 'wrangler.json: "env" is not a table/object' });
    expect(await read('wrangler.json', '{ "env": { "prod": [] } }')).toEqual({ label: 'wrangler.json', error: 'wrangler.json: "env.prod" is not a table/object' });
  });

  it('binding names of the other binding lists, per block', async () => {
    const r = await read(
      'wrangler.jsonc',
      '{ "kv_namespaces": [ { "binding": "KV", "id": "x" } ], "d1_databases": [ { "binding": "D1" } ], "vpc_services": [], "env": { "dev": { "r2_buckets": [ { "binding": "R2" } ] } } }',
    );
    expect('taken' in r && [...r.taken].map(([k, v]) => [k, [...v]])).toEqual([
      ['top level', [['KV', 'kv_namespaces'], ['D1', 'd1_databases']]],
      ['env.dev', [['R2', 'r2_buckets']]],
    ]);
  });
});
