import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './run-cli';

/** Writes text as a Wrangler config named file in a fresh folder of its own and returns its path. */
export const writeWranglerConfig = (text: string, file = 'wrangler.jsonc') => {
  const path = join(tempDir(), file);
  writeFileSync(path, text);
  return path;
};
