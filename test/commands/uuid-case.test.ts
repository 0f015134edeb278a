import { describe, expect, it } from 'vitest';
import { TUNNEL } from '../support/fake-api';
import { useFakeApi } from '../support/use-fake';
import { runInProcess } from '../support/in-process';

// cli.md section 10: UUIDs compare case-insensitively. One tunnel given twice, or by --tunnel and
// its alias --tunnel-id, in two letter cases is one value, not a conflict.
const fake = useFakeApi();
const base = ['create', 'a', '--type', 'tcp', '--ipv4', '10.0.0.1', '--tcp-port', '1', '--dry-run', '--json'];
const sentTunnel = (stdout: string) => (JSON.parse(stdout) as { body: { host: { network: { tunnel_id: string } } } }).body.host.network.tunnel_id;

describe('a UUID flag given twice in two letter cases', () => {
  it.each<[string, string[], string]>([
    ['--tunnel and --tunnel-id', ['--tunnel', TUNNEL, '--tunnel-id', TUNNEL.toUpperCase()], TUNNEL],
    ['--tunnel twice', ['--tunnel', TUNNEL, '--tunnel', TUNNEL.toUpperCase()], TUNNEL.toUpperCase()],
    ['--tunnel-id twice', ['--tunnel-id', TUNNEL.toUpperCase(), '--tunnel-id', ` ${TUNNEL} `], TUNNEL],
  ])('%s: one value', async (_, flags, sent) => {
    const r = await runInProcess([...base, ...flags], fake);
    expect([r.exitCode, r.stderr]).toEqual([0, 'dry run: nothing was sent\n']);
    expect(sentTunnel(r.stdout)).toBe(sent);
  });

  it('--certificate-authority twice in two cases: one value', async () => {
    const ca = 'AB9E1E6B-0000-4000-8000-000000000001';
    const r = await runInProcess([...base, '--tunnel', TUNNEL, '--certificate-authority', ca, '--certificate-authority', ca.toLowerCase()], fake);
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout).body.tls_settings).toEqual({ cert_verification_mode: 'verify_full', certificate_authority: ca.toLowerCase() });
  });

  it('two different tunnels are still a conflict', async () => {
    const other = TUNNEL.replace(/.$/, (c) => (c === '0' ? '1' : '0'));
    const r = await runInProcess([...base, '--tunnel', TUNNEL, '--tunnel-id', other], fake);
    expect([r.exitCode, r.stdout]).toEqual([2, '']);
    expect(JSON.parse(r.stderr).error.message).toBe('--tunnel: --tunnel and --tunnel-id are the same flag and were given different values');
    const twice = await runInProcess([...base, '--tunnel', TUNNEL, '--tunnel', other], fake);
    expect([twice.exitCode, JSON.parse(twice.stderr).error.message]).toEqual([2, `--tunnel: given twice with different values (${JSON.stringify(TUNNEL)} and ${JSON.stringify(other)})`]);
  });

  it('a name flag given twice in two cases is a conflict: names are case-sensitive', async () => {
    const r = await runInProcess([...base, '--tunnel', TUNNEL, '--name', 'a', '--name', 'A'], fake);
    expect(r.exitCode).toBe(2);
  });
});
