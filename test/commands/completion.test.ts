import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeCloudflare, TOKEN, ACCOUNT, TUNNEL, TUNNEL_2 } from '../support/fake-api';
import { useFakeApi } from '../support/use-fake';
import { runInProcess } from '../support/in-process';
import { tempDir } from '../support/run-cli';

describe("completion and help", () => {

const fake = useFakeApi();

const createArgs = (name: string, tunnel = TUNNEL) => ['create', name, '--type', 'tcp', '--ipv4', '10.0.0.1', '--tunnel', tunnel, '--tcp-port', '5432'];

describe('completion', () => {
  it('fish lists every command and an unknown shell is exit 2', async () => {
    const r = await runInProcess(['completion', 'fish'], fake);
    expect(r.stdout).toContain("-l type -xa 'tcp http'");
    expect((await runInProcess(['completion', 'powershell'], fake)).exitCode).toBe(2);
  });
});

describe('help', () => {
  it.each([['create'], ['list'], ['get'], ['update'], ['delete'], ['apply'], ['export'], ['completion'], ['auth', 'login'], ['auth', 'status'], ['auth', 'logout']])(
    '%s --help has a purpose, grouped flags and examples',
    async (...cmd) => {
      const r = await runInProcess([...cmd, '--help'], fake);
      expect(r.exitCode).toBe(0);
      expect(r.stdout).toMatch(/^Usage: vpcsvc /);
      expect(r.stdout).toContain('Examples:');
      expect((r.stdout.match(/\n {2}vpcsvc |\n {2}\S.*vpcsvc /g) ?? []).length).toBeGreaterThanOrEqual(2);
    },
  );

  it('the root help lists exit codes and environment variables; a typo suggests the command', async () => {
    const r = await runInProcess(['--help'], fake);
    expect(r.stdout).toContain('Exit codes:');
    expect(r.stdout).toContain('CLOUDFLARE_API_TOKEN');
    expect((await runInProcess(['help', 'create'], fake)).exitCode).toBe(0);
    expect((await runInProcess([], fake)).exitCode).toBe(0);
    const typo = await runInProcess(['lst'], fake);
    expect(typo.exitCode).toBe(2);
    expect(typo.stderr).toMatch(/Did you mean .*list/);
  });
});
});
