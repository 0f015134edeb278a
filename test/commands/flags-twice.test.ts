import { describe, expect, it } from 'vitest';
import { TUNNEL } from '../support/fake-api';
import { useFakeApi } from '../support/use-fake';
import { runInProcess } from '../support/in-process';

// A flag given twice with different values is one problem among the others of the run, said in
// the tool's words (not the argument parser's "option '--ipv4 <addr>' argument ... is invalid").
const fake = useFakeApi();
const HINT = '  see `vpcsvc create --help` for the flags and examples';

describe('a flag given twice with different values', () => {
  it('create: said with every other problem, naming the flag', async () => {
    const r = await runInProcess(['create', 'a', '--type', 'http', '--ipv4', '10.0.0.1', '--ipv4', '10.0.0.2', '--tunnel', 'bad', '--http-port', '0', '--dry-run'], fake);
    expect([r.exitCode, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toBe(
      [
        'error: --tunnel: must be the tunnel id, a UUID such as 0191dce4-9ab4-7fce-b660-8e5dec5172da (got "bad")',
        'error: --http-port: must be an integer from 1 to 65535 (got "0")',
        'error: --ipv4: given twice with different values ("10.0.0.1" and "10.0.0.2")',
        HINT,
        '',
      ].join('\n'),
    );
  });

  it('create: alone, and several of them', async () => {
    const r = await runInProcess(['create', 'a', '--type', 'tcp', '--type', 'http', '--ipv4', '10.0.0.1', '--tunnel', TUNNEL, '--tunnel', TUNNEL.replace(/^0/, '1'), '--http-port', '80'], fake);
    expect([r.exitCode, r.stdout]).toEqual([2, '']);
    // The first value stands meanwhile, so what follows from it is said too.
    expect(r.stderr).toBe(
      [
        'error: --tcp-port: required with --type tcp',
        'error: --http-port: only with --type http (a tcp service has one port: --tcp-port)',
        'error: --type: given twice with different values ("tcp" and "http")',
        `error: --tunnel: given twice with different values (${JSON.stringify(TUNNEL)} and ${JSON.stringify(TUNNEL.replace(/^0/, '1'))})`,
        HINT,
        '',
      ].join('\n'),
    );
    expect(fake.requests).toHaveLength(0);
  });

  it('create -f: with the flags over the file', async () => {
    const r = await runInProcess(['create', '-f', '-', '--tcp-port', '1', '--tcp-port', '2'], fake, { input: '{"name":"a","type":"tcp","host":{"ipv4":"10.0.0.1","network":{"tunnel_id":"' + TUNNEL + '"}}}' });
    expect([r.exitCode, r.stderr]).toEqual([2, 'error: --tcp-port: given twice with different values ("1" and "2")\n']);
  });

  it('update: before the GET', async () => {
    const [s] = fake.seed([{ name: 'db', type: 'tcp', host: { ipv4: '10.0.0.1', network: { tunnel_id: TUNNEL } }, tcp_port: 5432 }]);
    const r = await runInProcess(['update', s!.service_id, '--tcp-port', '1', '--tcp-port', '2', '--ipv4', 'x'], fake);
    expect([r.exitCode, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toBe('error: --ipv4: must be a valid IPv4 address such as 10.0.0.1 (got "x")\nerror: --tcp-port: given twice with different values ("1" and "2")\n');
    expect(fake.requests).toHaveLength(0);
  });
});
