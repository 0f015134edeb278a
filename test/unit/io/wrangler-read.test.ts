import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors';
import { findWranglerConfig, findWranglerConfigs, readWranglerBindings, WRANGLER_FILES } from '../../../src/io/wrangler-read';

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

describe('reading it, exactly', () => {
  const read = async (name: string, text: string, flag?: string) => {
    const d = dir();
    writeFileSync(join(d, name), text);
    return { path: join(d, name), r: await readWranglerBindings(join(d, name), flag) };
  };

  it('findWranglerConfig gives the path alone; a folder with a config name is not a config', async () => {
    const d = dir();
    mkdirSync(join(d, 'wrangler.json'));
    writeFileSync(join(d, 'wrangler.jsonc'), '{}');
    expect(await findWranglerConfig(d)).toBe(join(d, 'wrangler.jsonc'));
    expect(await findWranglerConfig(dir())).toBeUndefined();
    expect(await findWranglerConfig(d, 'other.toml')).toBe(join(d, 'other.toml'));
    expect(WRANGLER_FILES).toEqual(['wrangler.json', 'wrangler.jsonc', 'wrangler.toml']);
  });

  it('a file that cannot be read is a usage error naming the flag', async () => {
    const path = join(dir(), 'wrangler.json');
    await expect(readWranglerBindings(path)).rejects.toThrow(new UsageError(`--wrangler-config ${path}: cannot be read: there is no such file (ENOENT)`));
    await expect(readWranglerBindings(path, '--config')).rejects.toThrow(new UsageError(`--config ${path}: cannot be read: there is no such file (ENOENT)`));
  });

  it('everything it holds, JSONC', async () => {
    const { path, r } = await read(
      'wrangler.jsonc',
      `{ // c
        "vpc_services": [ { "binding": "A", "service_id": "${ID}" } ],
        "kv_namespaces": [ { "binding": "KV" }, { "binding": "KV" }, { "binding": 7 }, null, "x" ],
        "queues": [ { "binding": "KV" } ],
        "name": "w",
        "env": { "dev": { "vpc_services": [] }, "prod": {} },
      }`,
    );
    expect(r).toEqual({
      path,
      label: 'wrangler.jsonc',
      format: 'json',
      top: [{ binding: 'A', service_id: ID }],
      envs: new Map<string, unknown>([
        ['dev', []],
        ['prod', undefined],
      ]),
      taken: new Map([
        ['top level', new Map([['KV', 'kv_namespaces']])],
        ['env.dev', new Map()],
        ['env.prod', new Map()],
      ]),
    });
  });

  it('everything it holds, TOML (any case of the extension)', async () => {
    const { path, r } = await read('W.TOML', `[[vpc_services]]\nbinding = "A"\n\n[[env.dev.d1_databases]]\nbinding = "D"\n`);
    expect(r).toEqual({
      path,
      label: 'W.TOML',
      format: 'toml',
      top: [{ binding: 'A' }],
      envs: new Map([['dev', undefined]]),
      taken: new Map([
        ['top level', new Map()],
        ['env.dev', new Map([['D', 'd1_databases']])],
      ]),
    });
  });

  it.each([
    ['wrangler.json', '{ "a": }', 'wrangler.json is not valid JSONC (line 1, column 8: expected a value)'],
    ['wrangler.json', '', 'wrangler.json is not valid JSONC (line 1, column 1: the text ends too early (truncated?))'],
    ['wrangler.json', '[]', 'wrangler.json: the top level is not a table/object'],
    ['wrangler.json', '"w"', 'wrangler.json: the top level is not a table/object'],
    ['wrangler.json', 'null', 'wrangler.json: the top level is not a table/object'],
    ['wrangler.json', '{ "env": null }', 'wrangler.json: "env" is not a table/object'],
    ['wrangler.json', '{ "env": [] }', 'wrangler.json: "env" is not a table/object'],
    ['wrangler.json', '{ "env": { "a": null } }', 'wrangler.json: "env.a" is not a table/object'],
    ['wrangler.toml', 'name = ', 'wrangler.toml is not valid TOML (line 1, column 8: Invalid TOML document: invalid value)'],
    ['wrangler.toml', 'env = 1', 'wrangler.toml: "env" is not a table/object'],
    // Nesting is bounded before the parser, which recurses (and overflowed the stack).
    ['wrangler.json', `{ // [[[[\n "a": ${'['.repeat(100_000)}`, 'wrangler.json: nesting deeper than 64 levels at line 2, column 70'],
    ['wrangler.jsonc', `\ufeff${'{"a":'.repeat(100_000)}`, 'wrangler.jsonc: nesting deeper than 64 levels at line 1, column 321'],
  ])('%s %j fails the config: %s', async (name, text, error) => {
    expect((await read(name, text)).r).toEqual({ error, label: name });
  });

  it('a deeply nested TOML is refused by its parser', async () => {
    const { r } = await read('wrangler.toml', `a = ${'['.repeat(100_000)}`);
    expect(r).toEqual({ label: 'wrangler.toml', error: expect.stringMatching(/^wrangler\.toml is not valid TOML \(line 1, column \d+: .*nested/) });
  });
});
