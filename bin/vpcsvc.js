#!/usr/bin/env node
// The only file that touches `process`: it builds the runtime, runs the bundled CLI (dist/cli.cjs)
// and sets the exit code. CommonJS (bin/package.json), like the bundle, because Node 20 starts
// CommonJS faster than ES modules.
'use strict';

const args = process.argv.slice(2);

/** What an output stream that fails does: no stack trace, ever. */
const onOutputError = (stream) => (e) => {
  // A reader that goes away (`vpcsvc list | head`) is not an error worth a stack trace.
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  // Output that cannot be written (a full disk) is a failure, said in one line where possible.
  if (stream === process.stdout) {
    const reason = /^[A-Z0-9]+: ([^,]+)/.exec(e.message)?.[1] ?? e.code ?? e.message;
    try {
      process.stderr.write(`error: cannot write output: ${reason}\n`);
    } catch {
      // stderr is gone too: the exit code has to say it.
    }
  }
  process.exit(1);
};

if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  // Answered before anything else loads: the command tree is not needed to print one line.
  process.stdout.on('error', onOutputError(process.stdout));
  process.stdout.write(`${require('../package.json').version}\n`);
} else {
  for (const stream of [process.stdout, process.stderr]) stream.on('error', onOutputError(stream));
  // SIGTERM (a service manager, `timeout`, `kill`) stops a run the way Ctrl-C does: in-flight
  // requests are aborted and the summary says what was and was not done, exit 130 (cancelled).
  // A second signal exits at once.
  const controller = new AbortController();
  const cancel = () => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
  };
  process.on('SIGINT', cancel);
  process.on('SIGTERM', cancel);
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
 * Loads dist/cli.cjs, compiled through vm.Script with a V8 code cache, rewritten when missing or
 * refused. Compiling the bundle is a third of start-up. (Node 22's module.enableCompileCache caches
 * only what the first run compiled; this cache is built eagerly, so every command finds its code
 * in it.) Any failure falls back to a plain require.
 */
function loadBundle() {
  const bundle = require.resolve('../dist/cli.cjs');
  const Module = require('node:module');
  const none = () => {};
  try {
    const fs = require('node:fs');
    const path = require('node:path');
    const vm = require('node:vm');
    const source = fs.readFileSync(bundle, 'utf8');
    let cache;
    try {
      cache = openCodeCache(fs, path, source);
    } catch {
      cache = undefined;
    }
    const cachedData = cache?.data;
    // When a cache is to be written, compile every function now (not lazily), so that it serves
    // every command, not only the one that happened to run first.
    const v8 = cache?.writable && !cachedData ? require('node:v8') : undefined;
    v8?.setFlagsFromString('--no-lazy');
    const script = new vm.Script(Module.wrap(source), { filename: bundle, cachedData });
    v8?.setFlagsFromString('--lazy');
    const mod = new Module(bundle, module);
    mod.filename = bundle;
    mod.paths = Module._nodeModulePaths(path.dirname(bundle));
    const localRequire = (id) => mod.require(id);
    script.runInThisContext().call(mod.exports, mod.exports, localRequire, mod, bundle, path.dirname(bundle));
    mod.loaded = true;
    const saveCodeCache = () => {
      if (!cache?.writable || (cachedData && !script.cachedDataRejected)) return;
      try {
        // Written after the run, so the functions it compiled are in the cache too.
        cache.write(script.createCachedData());
      } catch {
        // No cache this time.
      }
    };
    return { ...mod.exports, saveCodeCache };
  } catch {
    return { ...require(bundle), saveCodeCache: none };
  }
}

/**
 * The code cache for this bundle, or undefined where it cannot be kept safely. V8 runs whatever a
 * cache it accepts holds (it checks little more than the source length), so a cache is code: it is
 * kept only in the user's own cache folder (XDG_CACHE_HOME or ~/.cache, ~/Library/Caches on
 * macOS), a real folder owned by the user that nobody else may write to, and only a regular file
 * owned by the user, never through a link, is read or replaced. The name holds the bundle's
 * content hash (written into the bundle at build time: hashing it at every start would cost time),
 * so a cache from another build is never offered to V8. Without getuid (Windows) there is no
 * owner to check: no cache.
 */
function openCodeCache(fs, path, source) {
  const hash = /\n\/\/# vpcsvc-sha256=([0-9a-f]{64})\n$/.exec(source.slice(-100))?.[1];
  const uid = process.getuid?.();
  const c = fs.constants;
  if (!hash || uid === undefined || !c.O_NOFOLLOW) return undefined;
  const home = require('node:os').homedir();
  const xdg = process.env.XDG_CACHE_HOME;
  const base =
    process.platform === 'darwin'
      ? path.join(home, 'Library', 'Caches')
      : xdg && path.isAbsolute(xdg)
        ? xdg
        : path.join(home, '.cache');
  const dir = path.join(base, 'vpcsvc');
  let st = lstatOrUndefined(fs, dir);
  if (!st) {
    // Folders are made only inside the user's own: root run with another user's HOME (sudo)
    // must not leave root-owned folders there. One level each, not `recursive`: Node 20's
    // recursive mkdir spins forever on some paths (under /proc).
    const ours = (p) => {
      const s = lstatOrUndefined(fs, p);
      return s !== undefined && s.isDirectory() && s.uid === uid;
    };
    if (!ours(base)) {
      if (lstatOrUndefined(fs, base) || !ours(path.dirname(base))) return undefined;
      fs.mkdirSync(base, { mode: 0o700 });
    }
    fs.mkdirSync(dir, { mode: 0o700 });
    st = fs.lstatSync(dir);
  }
  if (!st.isDirectory() || st.uid !== uid || (st.mode & 0o022) !== 0) return undefined;
  const file = path.join(dir, `cli-${hash}-${process.version}-${process.arch}.bin`);

  let data;
  // Written only where nothing is, or over the user's own file that V8 refused.
  let writable = false;
  let fd;
  try {
    // O_NONBLOCK: a FIFO at that name must not stall start-up.
    fd = fs.openSync(file, c.O_RDONLY | c.O_NOFOLLOW | c.O_NONBLOCK);
  } catch (e) {
    writable = e.code === 'ENOENT';
  }
  if (fd !== undefined) {
    try {
      const f = fs.fstatSync(fd);
      if (f.isFile() && f.uid === uid && (f.mode & 0o022) === 0) {
        data = fs.readFileSync(fd);
        writable = true;
      }
    } finally {
      fs.closeSync(fd);
    }
  }
  const write = (bytes) => {
    // A fresh name that nothing can be waiting at (O_EXCL, no link followed), then renamed into
    // place: a concurrent run never reads half a file, and a link at either name is never
    // written through.
    const tmp = path.join(dir, `.${require('node:crypto').randomBytes(8).toString('hex')}.tmp`);
    const out = fs.openSync(tmp, c.O_CREAT | c.O_EXCL | c.O_WRONLY | c.O_NOFOLLOW, 0o600);
    try {
      try {
        fs.writeFileSync(out, bytes);
      } finally {
        fs.closeSync(out);
      }
      fs.renameSync(tmp, file);
    } catch (e) {
      fs.rmSync(tmp, { force: true });
      throw e;
    }
  };
  return { data, writable, write };
}

function lstatOrUndefined(fs, p) {
  try {
    return fs.lstatSync(p);
  } catch (e) {
    if (e.code === 'ENOENT') return undefined;
    throw e;
  }
}
