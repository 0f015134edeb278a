import { describe, expect, it } from 'vitest';
import { runInProcess } from '../support/in-process';

const ACCOUNT = 'a'.repeat(32);
const U1 = '0191dce4-9ab4-7fce-b660-8e5dec5172da';
const U2 = '0191dce4-9ab4-7fce-b660-8e5dec5172db';
// A closed loopback port: should a request slip out, it fails here and goes nowhere else.
const BASE = 'http://127.0.0.1:9/client/v4';
const URL = `${BASE}/accounts/${ACCOUNT}/connectivity/directory/services`;

describe('global options, read once per run (in process)', () => {
  it('credentials are resolved once: a warning about them is printed once, however many requests a dry run shows', async () => {
    const r = await runInProcess(['delete', U1, U2, '--dry-run'], undefined, {
      env: { CLOUDFLARE_API_BASE_URL: BASE, CLOUDFLARE_API_TOKEN: 'Bearer abcdefabcdefabcdefabcdef', CLOUDFLARE_ACCOUNT_ID: ACCOUNT },
    });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(`DELETE ${URL}/${U1}\nDELETE ${URL}/${U2}\n`);
    expect(r.stderr).toBe('warning: CLOUDFLARE_API_TOKEN starts with "Bearer "; using the token without it\ndry run: nothing was sent\n');
  });

  it('a malformed --timeout is refused before anything is sent, in a dry run as well (cli.md section 10)', async () => {
    const args = ['create', 'db', '--type', 'tcp', '--ipv4', '10.0.0.1', '--tunnel', U1, '--tcp-port', '5432', '--timeout', 'soon'];
    const env = { CLOUDFLARE_API_BASE_URL: BASE, CLOUDFLARE_API_TOKEN: 'abcdefabcdefabcdefabcdef', CLOUDFLARE_ACCOUNT_ID: ACCOUNT };
    const dry = await runInProcess([...args, '--dry-run', '-q'], undefined, { env });
    expect([dry.exitCode, dry.stdout, dry.stderr]).toEqual([2, '', 'error: --timeout: must be a number of seconds from 0.1 to 3600 (got "soon")\n']);
    const sent = await runInProcess(args, undefined, { env });
    expect(sent.exitCode).toBe(2);
    expect(sent.stdout).toBe('');
    expect(sent.stderr).toBe('error: --timeout: must be a number of seconds from 0.1 to 3600 (got "soon")\n');
  });

  it('conflicting output flags are one usage error, in JSON when --json is among them, before anything is read', async () => {
    const r = await runInProcess(['list', '--json', '-q'], undefined, { env: { CLOUDFLARE_API_BASE_URL: BASE, CLOUDFLARE_API_TOKEN: 'abcdefabcdefabcdefabcdef' } });
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(JSON.parse(r.stderr)).toEqual({ error: { code: 'usage', message: '--json and -q/--quiet cannot be combined: choose one', status: null } });
  });
});
