import { describe, expect, it } from 'vitest';
import { ACCOUNT } from '../support/fake-api';
import { runInProcess } from '../support/in-process';
import { def } from '../support/sample-services';

// The URL a --dry-run prints: the base URL's trailing slashes are dropped, never doubled.
describe('dry-run URLs', () => {
  it.each(['http://127.0.0.1:9/client/v4//', 'http://127.0.0.1:9/client/v4'])('base %s', async (base) => {
    const r = await runInProcess(['create', '-f', '-', '--dry-run', '--json'], undefined, { input: JSON.stringify(def('a')), env: { CLOUDFLARE_API_BASE_URL: base, CLOUDFLARE_ACCOUNT_ID: ACCOUNT } });
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout).url).toBe(`http://127.0.0.1:9/client/v4/accounts/${ACCOUNT}/connectivity/directory/services`);
  });
});
