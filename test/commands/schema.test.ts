import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { TUNNEL } from '../support/fake-api';
import { useFakeApi } from '../support/use-fake';
import { runInProcess } from '../support/in-process';
import { tempDir } from '../support/run-cli';
import { SERVICES } from '../support/sample-definitions';

const fake = useFakeApi();
const def = { name: 'db', type: 'tcp', host: { ipv4: '10.0.0.1', network: { tunnel_id: TUNNEL } }, tcp_port: 5432 };

describe('vpcsvc schema', () => {
  it('a file that names its schema in $schema is read as if it did not', async () => {
    const dir = tempDir();
    const file = join(dir, 'db.json');
    writeFileSync(file, JSON.stringify({ $schema: './vpcsvc.schema.json', ...def }));
    const created = await runInProcess(['create', '-f', file, '-q'], fake);
    expect(created.exitCode).toBe(0);
    expect(fake.sent('POST').map((q) => q.body)).toEqual([def]);

    const applied = await runInProcess(['apply', '-f', file], fake);
    expect(applied.exitCode).toBe(0);
    expect(applied.stdout).toContain('1 to leave unchanged');
    expect(fake.mutations()).toHaveLength(1);
  });

  it('$schema that is not a string is exit 2 naming it; nothing is sent', async () => {
    const r = await runInProcess(['create', '-f', '-'], fake, { input: JSON.stringify({ $schema: 1, ...def }) });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe('error: --file - (stdin): $schema: must be a string, the URL or path of the JSON Schema (got 1)\n');
    expect(fake.requests).toEqual([]);
  });

  it('has help with examples, and completion knows the command and the export formats', async () => {
    const help = await runInProcess(['schema', '--help'], fake);
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toContain('Examples:\n  vpcsvc schema > vpcsvc.schema.json\n  vpcsvc create -f db.json');
    const bash = (await runInProcess(['completion', 'bash'], fake)).stdout;
    expect(bash).toContain('--format) COMPREPLY=($(compgen -W "json ndjson terraform" -- "$cur")); return ;;');
    expect(bash).toMatch(/compgen -W "create list ls get update delete rm apply export doctor schema auth completion --help --version"/);
  });

});
