#!/usr/bin/env node
// The only file that touches `process`: it builds the runtime, runs the bundled CLI (dist/, ESM)
// and sets the exit code. It is CommonJS (bin/package.json) because Node starts a CommonJS file
// faster than an ES module, and that is all `--version` pays for.
'use strict';

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  // Answered before anything else loads: the command tree is not needed to print one line.
  process.stdout.write(`${require('../package.json').version}\n`);
} else {
  try {
    // Caches compiled bytecode between runs where Node has it (22.1+); a no-op elsewhere.
    require('node:module').enableCompileCache?.();
  } catch {
    // An unwritable cache directory only makes start-up slower.
  }
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
  import('../dist/cli.js').then(async ({ main }) => {
    process.exitCode = await main({
      argv: args,
      env: process.env,
      stdin: process.stdin,
      stdout: process.stdout,
      stderr: process.stderr,
      cwd: process.cwd(),
      signal: controller.signal,
    });
  });
}
