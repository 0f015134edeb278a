import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNT, API_KEY, EMAIL, FakeCloudflare, TOKEN, TUNNEL } from '../support/fake-api';
import { validateServiceBody } from '../support/openapi';
import { useFakeApi } from '../support/use-fake';
import { runCli } from '../support/run-cli';

const fake = useFakeApi();

describe('create output', () => {
  const args = ['create', 'db', '--type', 'tcp', '--ipv4', '10.0.0.1', '--tunnel', TUNNEL, '--tcp-port', '5432'];

  it('prints a field/value table by default, with the whole id', async () => {
    const r = await runCli(args, fake);
    expect(r.exitCode).toBe(0);
    const id = fake.list()[0]!.service_id;
    expect(r.stdout).toMatch(new RegExp(`^id\\s+${id}$`, 'm'));
    expect(r.stdout).toMatch(/^name\s+db$/m);
    expect(r.stdout).toMatch(/^tcp port\s+5432$/m);
    expect(r.stdout).not.toMatch(/\u001b\[/);
    expect(r.stderr).toContain(`created db (${id})`);
  });

});
