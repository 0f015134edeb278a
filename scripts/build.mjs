// Bundles src/ into dist/ with esbuild.
//
// - dist/cli.cjs: all of src/ and the light dependencies (commander, zod/mini) in one CommonJS
//   file. CommonJS because Node 20 starts it several milliseconds faster than ES modules (no
//   module loader, one file instead of a dozen chunks); src/ modules reached only through
//   `import()` are still evaluated only when a command needs them.
// - dist/vendor/*.cjs: the heavy dependencies, each its own file, required only when used:
//   @inquirer/prompts (prompts), cli-table3 (tables), jsonc-parser
//   (--wrangler-config), chalk (colour on a terminal), smol-toml (doctor reading a wrangler.toml),
//   zod's JSON Schema converter (`schema`; it shares the describe() texts through zod's registry
//   on globalThis).
import { createHash } from 'node:crypto';
import { appendFileSync, readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const root = new URL('../', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
rmSync(new URL('dist', root), { recursive: true, force: true });

const VENDOR = {
  '@inquirer/prompts': 'inquirer-prompts',
  'cli-table3': 'cli-table3',
  'jsonc-parser': 'jsonc-parser',
  chalk: 'chalk',
  'zod/v4/core': 'zod-json-schema',
  'smol-toml': 'smol-toml',
};
/** Entries that take a part of their package: zod's core is large, `schema` needs its converter only. */
const VENDOR_PART = { 'zod/v4/core': "export { toJSONSchema } from 'zod/v4/core';" };

// jsonc-parser's "main" is a UMD build whose require() calls esbuild cannot follow; its ESM
// build bundles cleanly.
const alias = { 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js' };

const common = { bundle: true, format: 'cjs', platform: 'node', target: 'node20', minify: true, legalComments: 'none', logLevel: 'warning', alias };

/** Heavy packages stay out of cli.cjs and are required from dist/vendor/ at run time. */
const vendorExternal = {
  name: 'vendor-external',
  setup(b) {
    b.onResolve({ filter: /^(@inquirer\/prompts|cli-table3|jsonc-parser|chalk|zod\/v4\/core|smol-toml)$/ }, (args) => ({
      path: `./vendor/${VENDOR[args.path]}.cjs`,
      external: true,
    }));
  },
};

// commander requires node:child_process at load time, only to run stand-alone subcommand
// executables, which vpcsvc never does. Loading it (with dgram and the socket list) costs start-up
// on every run, so inside commander it is replaced by a stand-in that loads it on first use.
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^node:child_process$/ }, (args) =>
      args.importer.includes('node_modules/commander/') ? { path: 'lazy-child-process', namespace: 'vpcsvc' } : undefined,
    );
    b.onLoad({ filter: /^lazy-child-process$/, namespace: 'vpcsvc' }, () => ({
      contents: "module.exports = new Proxy({}, { get: (_, key) => require('node:child_process')[key] });",
      loader: 'js',
    }));
  },
};

await Promise.all([
  build({
    ...common,
    entryPoints: { cli: 'src/cli.ts' },
    outdir: 'dist',
    outExtension: { '.js': '.cjs' },
    define: { __VERSION__: JSON.stringify(pkg.version) },
    plugins: [vendorExternal, lazyChildProcess],
    // import() of the vendor files becomes require(): the bin compiles cli.cjs through vm.Script
    // (for its code cache on Node 20), where a real import() would need a module loader.
    supported: { 'dynamic-import': false },
  }),
  ...Object.entries(VENDOR).map(([name, file]) =>
    build({
      ...common,
      stdin: { contents: VENDOR_PART[name] ?? `module.exports = require(${JSON.stringify(name)});`, resolveDir: new URL('.', root).pathname, loader: 'js' },
      outfile: `dist/vendor/${file}.cjs`,
    }),
  ),
]);

// The bundle's content hash, as its last line: the bin names its V8 code cache after it, so a
// cache made from another build is never offered to V8, without hashing the bundle at each start.
const bundle = new URL('dist/cli.cjs', root);
appendFileSync(bundle, `//# vpcsvc-sha256=${createHash('sha256').update(readFileSync(bundle)).digest('hex')}\n`);
