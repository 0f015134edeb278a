/**
 * What the process gives the program. bin/vpcsvc.js fills it from `process`; tests fill it with
 * fakes. Nothing under src/ touches `process` directly.
 */
export interface TtyStream extends NodeJS.WritableStream {
  isTTY?: boolean;
  columns?: number;
}

export interface Runtime {
  /** The user's arguments, without the node binary and the script. */
  argv: string[];
  env: Record<string, string | undefined>;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: TtyStream;
  stderr: TtyStream;
  cwd: string;
  /** Aborted when the user presses Ctrl-C. */
  signal: AbortSignal;
}
