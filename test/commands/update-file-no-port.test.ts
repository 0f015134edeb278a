import { describe, expect, it } from 'vitest';
import { TUNNEL } from '../support/fake-api';
import { useFakeApi } from '../support/use-fake';
import { runInProcess } from '../support/in-process';

// A tcp service the API accepted without tcp_port (which only this tool requires) round-trips:
// `get --json | update -f -` of it unchanged is "no changes", with the warning apply gives; a
// change to it still needs the port (cli.md section 10: client-only rules apply to what the user
// creates or changes).
const fake = useFakeApi();
const noPort = { name: 'noport', type: 'tcp', host: { ipv4: '10.0.0.9', network: { tunnel_id: TUNNEL } } };

describe('update -f of a tcp service without tcp_port', () => {
  it('its own definition back: no changes, a warning, the service printed, nothing sent but the GET', async () => {
    const [s] = fake.seed([noPort]);
    const got = await runInProcess(['get', 'noport', '--json'], fake);
    const r = await runInProcess(['update', 'noport', '-f', '-', '--json'], fake, { input: got.stdout });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe(
      `warning: noport (${s!.service_id}) is a tcp service without tcp_port, which vpcsvc requires for any change; left as it is\nno changes: noport (${s!.service_id}) already matches; nothing was sent\n`,
    );
    expect(JSON.parse(r.stdout)).toMatchObject({ service_id: s!.service_id, name: 'noport' });
    expect(fake.requests.filter((q) => q.method !== 'GET')).toHaveLength(0);
  });

  it('with --dry-run: the same, nothing printed on stdout', async () => {
    fake.seed([noPort]);
    const r = await runInProcess(['update', 'noport', '-f', '-', '--dry-run'], fake, { input: JSON.stringify(noPort) });
    expect([r.exitCode, r.stdout]).toEqual([0, '']);
    expect(r.stderr).toContain('no changes: noport');
  });

  it('a change without the port is still refused, after the GET', async () => {
    fake.seed([noPort]);
    const r = await runInProcess(['update', 'noport', '-f', '-'], fake, { input: JSON.stringify({ ...noPort, host: { ...noPort.host, ipv4: '10.0.0.10' } }) });
    expect([r.exitCode, r.stdout, r.stderr]).toEqual([2, '', 'error: --file: tcp_port: required with type tcp\n  nothing was sent\n']);
    expect(fake.requests.map((q) => q.method)).toEqual(['GET']);
  });
});
