/**
 * Every failure a command can report is one of these classes; cli.ts turns the class into the
 * exit code (cli.md section 8), so commands never decide exit codes themselves.
 */
export abstract class CliError extends Error {
  abstract readonly exitCode: number;
  /** Extra lines printed after `error: <message>` (hints, one problem per line). */
  readonly hints: string[];
  constructor(message: string, hints: string[] = []) {
    super(message);
    this.hints = hints;
  }
  /** The short machine-readable kind used in `--json` error objects. */
  abstract readonly code: string;
  // Stryker disable next-line BlockStatement: equivalent; an empty getter returns undefined too
  get status(): number | undefined {
    return undefined;
  }
}

/** Bad input or usage; nothing was sent. `problems` holds one line per problem. */
export class UsageError extends CliError {
  readonly exitCode = 2;
  readonly code = 'usage';
  readonly problems: string[];
  constructor(message: string, problems: string[] = [], hints: string[] = []) {
    super(message, hints);
    this.problems = problems;
  }
}

/** No credentials, half a key pair, or the API said 401/403. */
export class AuthError extends CliError {
  readonly exitCode = 4;
  readonly code = 'auth';
  readonly httpStatus: number | undefined;
  constructor(message: string, hints: string[] = [], httpStatus?: number) {
    super(message, hints);
    this.httpStatus = httpStatus;
  }
  override get status(): number | undefined {
    return this.httpStatus;
  }
}

/** One error object of Cloudflare's envelope. */
export interface ApiMessage {
  code: number;
  message: string;
}

/** The API or the network failed (after retries). */
export class ApiError extends CliError {
  readonly exitCode = 1;
  readonly code = 'api';
  readonly httpStatus: number | undefined;
  readonly apiErrors: ApiMessage[];
  readonly attempts: number;
  constructor(
    message: string,
    opts: { status?: number; apiErrors?: ApiMessage[]; attempts?: number; hints?: string[] } = {},
  ) {
    super(message, opts.hints ?? []);
    this.httpStatus = opts.status;
    this.apiErrors = opts.apiErrors ?? [];
    this.attempts = opts.attempts ?? 1;
  }
  override get status(): number | undefined {
    return this.httpStatus;
  }
  /** The first Cloudflare error code, when the API gave one. */
  get apiCode(): number | undefined {
    return this.apiErrors[0]?.code;
  }
}

/** `{code, message, status}` as `--json` output shows errors: Cloudflare's code when there is one. */
export function errorJson(e: CliError): { code: string | number; message: string; status: number | null } {
  return { code: e instanceof ApiError && e.apiCode !== undefined ? e.apiCode : e.code, message: e.message, status: e.status ?? null };
}

/** A service that was referred to does not exist. */
export class NotFoundError extends CliError {
  readonly exitCode = 1;
  readonly code = 'not_found';
  override get status(): number | undefined {
    return 404;
  }
}

/** Some items of a batch failed and some succeeded; each outcome was already printed. */
export class PartialFailure extends CliError {
  readonly exitCode = 3;
  readonly code = 'partial_failure';
}

/** The user declined, pressed Ctrl-C or Esc. */
export class Cancelled extends CliError {
  readonly exitCode = 130;
  readonly code = 'cancelled';
  /**
   * A change was sent and not answered before the stop, so it may have been applied (cli.md
   * section 10); false when nothing was sent or every answer said it was not applied.
   */
  readonly inFlight: boolean;
  constructor(message: string, o: { inFlight?: boolean } = {}) {
    super(message);
    this.inFlight = o.inFlight ?? false;
  }
}

/**
 * A change was sent and never answered (timeout, lost connection, 5xx), and checking it failed
 * too: it may have been applied. The message names the command that checks it.
 */
export class MaybeApplied extends CliError {
  readonly exitCode = 1;
  readonly code = 'uncertain';
}

/** `doctor` ran and at least one of its checks failed; each result was already printed. */
export class ChecksFailed extends CliError {
  readonly exitCode = 1;
  readonly code = 'checks_failed';
}

/**
 * A usage error with `more` lines after its own, so that one run says every problem (a line it
 * says already is not said twice); anything else as it is.
 */
export function alongWith(e: unknown, more: string[]): unknown {
  if (!(e instanceof UsageError) || more.length === 0) return e;
  const lines = [...new Set([...(e.problems.length > 0 ? e.problems : [e.message]), ...more])];
  return new UsageError(lines[0] as string, lines, e.hints);
}

/** Throws one usage error holding every line, when there is any (cli.md section 2: each problem on its own line). */
export function refuseAll(lines: string[]): void {
  if (lines.length > 0) throw new UsageError(lines[0] as string, lines);
}
