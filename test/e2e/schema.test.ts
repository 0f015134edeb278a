import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { TUNNEL } from '../support/fake-api';
import { useFakeApi } from '../support/use-fake';
import { BIN, cliEnv, runCli, tempDir } from '../support/run-cli';
import { SERVICES } from '../support/sample-definitions';

const fake = useFakeApi();
const def = { name: 'db', type: 'tcp', host: { ipv4: '10.0.0.1', network: { tunnel_id: TUNNEL } }, tcp_port: 5432 };

describe('vpcsvc schema', () => {
  it('prints a draft 2020-12 JSON Schema that accepts what export prints and refuses a tcp field on http', async () => {
    const r = await runCli(['schema'], fake);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('');
    const schema = JSON.parse(r.stdout);
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(schema);

    fake.seed(SERVICES);
    const exported = JSON.parse((await runCli(['export'], fake)).stdout);
    expect(exported).toHaveLength(SERVICES.length);
    expect(validate(exported), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...def, type: 'http' })).toBe(false);
    expect(fake.mutations()).toEqual([]);
  });

  it('other commands never load the JSON Schema converter', async () => {
    // A preload that lists, at exit, the vendor bundles the process loaded.
    const dir = tempDir();
    const probe = join(dir, 'probe.cjs');
    writeFileSync(probe, "process.on('exit', () => process.stderr.write('LOADED ' + Object.keys(require.cache).filter((f) => f.includes('vendor')).join(',') + '\\n'));");
    const loaded = async (args: string[]) => {
      const r = await execa(process.execPath, ['-r', probe, BIN, ...args], { env: cliEnv(fake), extendEnv: false, reject: false });
      return /LOADED (.*)/.exec(String(r.stderr))?.[1] ?? 'probe missing';
    };
    expect(await loaded(['schema'])).toContain('zod-json-schema.cjs');
    for (const args of [['list'], ['export', '--format', 'terraform'], ['create', '--help']]) expect(await loaded(args)).not.toContain('zod-json-schema');
  });
});
