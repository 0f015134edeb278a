import { describe, expect, it } from 'vitest';
import { TUNNEL } from '../support/fake-api';
import { useFakeApi } from '../support/use-fake';
import { runInProcess } from '../support/in-process';
import { def, SERVICES } from '../support/sample-services';

// update's exact refusals and outputs, and a service the API holds without tcp_port.
const fake = useFakeApi();
const env = { NO_COLOR: '1' };
const noPort = { name: 'np', type: 'tcp', host: { ipv4: '10.0.0.1', network: { tunnel_id: TUNNEL } } };

describe('update: exact behaviour', () => {
  it('no flag and no file: the exact usage error, nothing sent', async () => {
    const r = await runInProcess(['update', 'x'], fake);
    expect(r).toMatchObject({ exitCode: 2, stderr: 'error: nothing to change: give at least one field flag (see `vpcsvc update --help`) or --file\n' });
    expect(fake.requests).toEqual([]);
  });

  it('a bad value is refused before the GET', async () => {
    fake.seed([def('a')]);
    const r = await runInProcess(['update', 'a', '--tcp-port', '0'], fake);
    expect(r.exitCode).toBe(2);
    expect(r.stderr.startsWith('error: --tcp-port: ')).toBe(true);
    expect(fake.requests).toEqual([]);
  });

  it('a file of two definitions is refused before the GET', async () => {
    fake.seed([def('a')]);
    const r = await runInProcess(['update', 'a', '-f', '-'], fake, { input: JSON.stringify([def('a'), def('b')]) });
    expect(r).toMatchObject({ exitCode: 2, stderr: 'error: --file: update takes exactly one definition (got 2)\n' });
    expect(fake.requests).toEqual([]);
  });

  it('flags override the file', async () => {
    const [a] = fake.seed([def('a')]);
    const r = await runInProcess(['update', 'a', '-f', '-', '--tcp-port', '7000', '-q'], fake, { input: JSON.stringify(def('a', { tcp_port: 6000 })) });
    expect(r).toMatchObject({ exitCode: 0, stdout: `${a!.service_id}\n` });
    expect(fake.sent('PUT')[0]!.body).toEqual(def('a', { tcp_port: 7000 }));
  });

  it('a change prints the service, the changes and a success line', async () => {
    const [a] = fake.seed([def('a')]);
    const r = await runInProcess(['update', 'a', '--tcp-port', '6000', '--ipv4', '10.0.0.2'], fake, { env });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe(`~ host.ipv4: "10.0.0.1" -> "10.0.0.2"\n~ tcp_port: 5432 -> 6000\n✓ updated a (${a!.service_id})\n`);
    expect(r.stdout).toContain(a!.service_id);
    expect(fake.mutations().map((q) => [q.method, q.path])).toEqual([['PUT', `${SERVICES}/${a!.service_id}`]]);
  });

  it('no change: --json prints the service as it is; a dry run prints nothing on stdout', async () => {
    const [a] = fake.seed([def('a')]);
    const r = await runInProcess(['update', 'a', '--tcp-port', '5432', '--json'], fake);
    expect(JSON.parse(r.stdout)).toEqual(a);
    expect(r.stderr).toBe(`no changes: a (${a!.service_id}) already matches; nothing was sent\n`);
    const dry = await runInProcess(['update', 'a', '--tcp-port', '5432', '--dry-run', '--json'], fake);
    expect(dry).toMatchObject({ exitCode: 0, stdout: '', stderr: `no changes: a (${a!.service_id}) already matches; nothing was sent\n` });
    expect(fake.mutations()).toEqual([]);
  });

  it('--dry-run --json shows the request with its changes', async () => {
    const [a] = fake.seed([def('a')]);
    const r = await runInProcess(['update', 'a', '--tcp-port', '6000', '--dry-run', '--json'], fake);
    expect(JSON.parse(r.stdout)).toEqual({ method: 'PUT', url: `${fake.url}${SERVICES}/${a!.service_id}`, body: def('a', { tcp_port: 6000 }), changes: [{ path: 'tcp_port', from: 5432, to: 6000 }] });
  });

  it('--dry-run without credentials says why it needs them', async () => {
    const r = await runInProcess(['update', 'a', '--tcp-port', '6000', '--dry-run'], fake, { noCredentials: true });
    expect(r.exitCode).toBe(4);
    expect(r.stderr.split('\n')[0]).toBe('error: no credentials: update --dry-run reads the service to show the difference, so it needs them');
  });

  it('a tcp service without tcp_port: flags that change nothing leave it alone with a warning', async () => {
    const [s] = fake.seed([noPort]);
    const r = await runInProcess(['update', 'np', '--ipv4', '10.0.0.1', '--json'], fake);
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(s);
    expect(r.stderr).toBe(
      `warning: np (${s!.service_id}) is a tcp service without tcp_port, which vpcsvc requires for any change; left as it is\nno changes: np (${s!.service_id}) already matches; nothing was sent\n`,
    );
    const dry = await runInProcess(['update', 'np', '--ipv4', '10.0.0.1', '--dry-run'], fake);
    expect(dry).toMatchObject({ exitCode: 0, stdout: '' });
    expect(fake.mutations()).toEqual([]);
  });

  it('a tcp service without tcp_port: a real change still needs the port', async () => {
    fake.seed([noPort]);
    const r = await runInProcess(['update', 'np', '--ipv4', '10.0.0.9'], fake);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe('error: --tcp-port: required with --type tcp\n');
    expect(fake.mutations()).toEqual([]);
  });
});
