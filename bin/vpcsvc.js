#!/usr/bin/env node
// The only file that touches `process`: it builds the runtime, runs the bundled CLI (dist/cli.cjs)
// and sets the exit code. CommonJS (bin/package.json), like the bundle, because Node 20 starts
// CommonJS faster than ES modules.
'use strict';

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  // Answered before anything else loads: the command tree is not needed to print one line.
  process.stdout.write(`${require('../package.json').version}\n`);
} else {
  // A reader that goes away (`vpcsvc list | head`) is not an error worth a stack trace.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
  const controller = new AbortController();
  process.on('SIGINT', () => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
  });
  const { main, saveCodeCache } = loadBundle();
  main({
    argv: args,
    env: process.env,
    // stdin is opened only if a command reads it: creating the stream costs start-up.
    get stdin() {
      return process.stdin;
    },
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: process.cwd(),
    signal: controller.signal,
  }).then((code) => {
    process.exitCode = code;
    saveCodeCache();
  });
}

/**
 * Loads dist/cli.cjs, compiled through vm.Script with a V8 code cache kept in the temp folder (or
 * NODE_COMPILE_CACHE) and rewritten when missing or refused. Compiling the bundle is a third of
 * start-up. (Node 22's module.enableCompileCache caches only what the first run compiled; this
 * cache is built eagerly, so every command finds its code in it.) Any failure falls back to a
 * plain require.
 */
function loadBundle() {
  const bundle = require.resolve('../dist/cli.cjs');
  const Module = require('node:module');
  const none = () => {};
  try {
    const fs = require('node:fs');
    const path = require('node:path');
    const vm = require('node:vm');
    const stat = fs.statSync(bundle);
    const dir = process.env.NODE_COMPILE_CACHE || path.join(require('node:os').tmpdir(), 'vpcsvc-compile-cache');
    const cacheFile = path.join(dir, `cli-${process.version}-${process.arch}-${stat.size}-${Math.round(stat.mtimeMs)}.bin`);
    let cachedData;
    try {
      cachedData = fs.readFileSync(cacheFile);
    } catch {
      cachedData = undefined;
    }
    // Without a cache, compile every function now (not lazily), so that the cache written after
    // this run serves every command, not only the one that happened to run first.
    const v8 = cachedData ? undefined : require('node:v8');
    v8?.setFlagsFromString('--no-lazy');
    const script = new vm.Script(Module.wrap(fs.readFileSync(bundle, 'utf8')), { filename: bundle, cachedData });
    v8?.setFlagsFromString('--lazy');
    const mod = new Module(bundle, module);
    mod.filename = bundle;
    mod.paths = Module._nodeModulePaths(path.dirname(bundle));
    const localRequire = (id) => mod.require(id);
    script.runInThisContext().call(mod.exports, mod.exports, localRequire, mod, bundle, path.dirname(bundle));
    mod.loaded = true;
    const saveCodeCache = () => {
      if (cachedData && !script.cachedDataRejected) return;
      try {
        // Written after the run, so the functions it compiled are in the cache too; renamed into
        // place so a concurrent run never reads half a file.
        fs.mkdirSync(dir, { recursive: true });
        const tmp = `${cacheFile}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, script.createCachedData());
        fs.renameSync(tmp, cacheFile);
      } catch {
        // No cache this time.
      }
    };
    return { ...mod.exports, saveCodeCache };
  } catch {
    return { ...require(bundle), saveCodeCache: none };
  }
}
