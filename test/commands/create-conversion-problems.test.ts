import { describe, expect, it } from 'vitest';
import { TUNNEL } from '../support/fake-api';
import { useFakeApi } from '../support/use-fake';
import { runInProcess } from '../support/in-process';

// Problems found while reading the flags (a bad port in host:port, --tunnel and --tunnel-id
// disagreeing, the name given twice) are said with the definition's own, in one run, as update does.
const fake = useFakeApi();
const OTHER = TUNNEL.replace(/.$/, (c) => (c === '0' ? '1' : '0'));
const HINT = '  see `vpcsvc create --help` for the flags and examples';

describe('create: every problem of the flags, also with a bad host:port', () => {
  it('a bad port in host:port and a host-form conflict', async () => {
    const r = await runInProcess(['create', 'x', '--type', 'tcp', '--hostname', 'db.internal:0', '--ipv4', '10.0.0.1', '--tunnel', TUNNEL, '--dry-run'], fake);
    expect([r.exitCode, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toBe(
      [
        'error: --hostname: the port in "db.internal:0" must be an integer from 1 to 65535',
        'error: --hostname: cannot be combined with --ipv4 or --ipv6: a service has one host form',
        HINT,
        '',
      ].join('\n'),
    );
  });

  it('tunnels that disagree, a bad address and the name given twice; never "required" for what was given', async () => {
    const r = await runInProcess(['create', 'x', '--name', 'y', '--type', 'tcp', '--ipv4', '1.2', '--tunnel', TUNNEL, '--tunnel-id', OTHER, '--tcp-port', '1', '--binding', '1X'], fake);
    expect([r.exitCode, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toBe(
      [
        'error: --name: the name is given twice and differently ("x" and "y")',
        'error: --tunnel: --tunnel and --tunnel-id are the same flag and were given different values',
        'error: --ipv4: must be a valid IPv4 address such as 10.0.0.1 (got "1.2")',
        'error: --binding: must be a JavaScript identifier such as ORDERS_DB (letters, digits, _ or $; not starting with a digit) (got "1X")',
        HINT,
        '',
      ].join('\n'),
    );
    expect(fake.requests).toHaveLength(0);
  });
});
