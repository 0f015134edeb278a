import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors';
import { checkWranglerConfig } from '../../../src/io/wrangler-config';

// A wrangler.toml is never edited (its snippet is printed), but it is checked before anything is
// created as a JSONC file is: a typo in its path, a file that does not parse, or a binding name
// it already uses is exit 2 with nothing created.
const dir = () => mkdtempSync(join(tmpdir(), 'wrangler-toml-'));
const usage = (m: string) => new UsageError(m);

describe('checkWranglerConfig with a wrangler.toml', () => {
  it('a path that is not there is refused', async () => {
    const path = join(dir(), 'wrangler.toml');
    await expect(checkWranglerConfig(path, 'DB')).rejects.toThrow(usage(`--wrangler-config ${path}: cannot be read: there is no such file (ENOENT)`));
  });

  it('a folder is refused', async () => {
    const path = join(dir(), 'wrangler.toml');
    mkdirSync(path);
    await expect(checkWranglerConfig(path)).rejects.toThrow(usage(`--wrangler-config ${path}: is not a regular file`));
  });

  it('a file that does not parse is refused', async () => {
    const path = join(dir(), 'wrangler.toml');
    writeFileSync(path, 'name = "w\n');
    await expect(checkWranglerConfig(path)).rejects.toThrow(/^--wrangler-config .*wrangler\.toml: wrangler\.toml is not valid TOML \(line 1, column \d+: /);
  });

  it('a binding name it uses in another list, or for another service, is refused naming --binding', async () => {
    const path = join(dir(), 'wrangler.toml');
    writeFileSync(path, '[[kv_namespaces]]\nbinding = "KV"\nid = "x"\n\n[[vpc_services]]\nbinding = "DB"\nservice_id = "9b1f0000-0000-4000-8000-00000000beef"\n');
    await expect(checkWranglerConfig(path, 'KV')).rejects.toThrow(usage(`--binding: KV is already a binding in ${path} (kv_namespaces); choose another name with --binding (the file was not changed)`));
    await expect(checkWranglerConfig(path, 'DB')).rejects.toThrow(
      usage(`--binding: DB is already bound to service 9b1f0000-0000-4000-8000-00000000beef in ${path}; choose another name with --binding (the file was not changed)`),
    );
    await expect(checkWranglerConfig(path, 'NEW')).resolves.toBeUndefined();
    await expect(checkWranglerConfig(path)).resolves.toBeUndefined();
  });

  it('without a binding name only the file is checked, even when an entry lacks one', async () => {
    const path = join(dir(), 'wrangler.toml');
    writeFileSync(path, '[[vpc_services]]\nservice_id = "9b1f0000-0000-4000-8000-00000000beef"\n');
    await expect(checkWranglerConfig(path)).resolves.toBeUndefined();
  });
});
