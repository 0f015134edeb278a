// Bundles src/ into dist/ with esbuild: one ESM entry, split so that lazily imported parts
// (prompts, the config store, tables, command runners) load only when used.
import { readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

// commander requires node:child_process at load time, only to run stand-alone subcommand
// executables, which vpcsvc never does. Loading it (with dgram and the socket list) costs start-up
// on every run, so inside commander it is replaced by a stand-in that loads it on first use.
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^node:child_process$/ }, (args) =>
      args.importer.includes(`${'node_modules'}/commander/`) ? { path: 'lazy-child-process', namespace: 'vpcsvc' } : undefined,
    );
    b.onLoad({ filter: /^lazy-child-process$/, namespace: 'vpcsvc' }, () => ({
      contents: "module.exports = new Proxy({}, { get: (_, key) => require('node:child_process')[key] });",
      loader: 'js',
    }));
  },
};

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: { cli: 'src/cli.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  chunkNames: 'chunks/[name]-[hash]',
  define: { __VERSION__: JSON.stringify(pkg.version) },
  // Some CommonJS dependencies (cli-table3) call require() for Node built-ins.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: 'warning',
  plugins: [lazyChildProcess],
  // jsonc-parser's "main" is a UMD build whose require() calls esbuild cannot follow; its ESM build
  // bundles cleanly.
  alias: { 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js' },
});
