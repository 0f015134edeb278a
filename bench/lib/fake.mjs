// Builds the test suite's fake Cloudflare API (TypeScript) into a plain module the benchmarks can
// import, so they measure against the same server the e2e tests use.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../../', import.meta.url));

export async function loadFake() {
  mkdirSync(`${root}.bench-tmp`, { recursive: true });
  const outfile = `${root}.bench-tmp/fake-api.mjs`;
  await build({
    entryPoints: [`${root}test/support/fake-api.ts`],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
  });
  process.env.VPCSVC_OPENAPI_DOC = `${root}test/fixtures/connectivity-services.openapi.json`;
  return import(outfile);
}

export const BIN = `${root}bin/vpcsvc.js`;
export const ROOT = root;
