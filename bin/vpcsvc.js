#!/usr/bin/env node
// The only file that touches `process`: it builds the runtime, runs the bundled CLI and sets the
// exit code. Kept tiny so start-up is mostly Node itself.
import module from 'node:module';

// Caches compiled bytecode between runs where Node has it (22.1+); a no-op elsewhere.
try {
  module.enableCompileCache?.();
} catch {
  // The cache directory may be unwritable; running without it is only slower.
}

const controller = new AbortController();
process.on('SIGINT', () => {
  if (controller.signal.aborted) process.exit(130);
  controller.abort();
});

const { main } = await import('../dist/cli.js');
process.exitCode = await main({
  argv: process.argv.slice(2),
  env: process.env,
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  signal: controller.signal,
});
