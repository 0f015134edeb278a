// Runs the CLI in this process and reports its peak resident memory to the file named by
// MAX_RSS_OUT when it exits: plain Node, no /usr/bin/time needed.
import { writeFileSync } from 'node:fs';

const [bin, ...args] = process.argv.slice(2);
process.argv = [process.argv[0], bin, ...args];
process.on('exit', () => {
  writeFileSync(process.env.MAX_RSS_OUT, String(process.resourceUsage().maxRSS * 1024));
});
await import(bin);
