import type { Runtime } from './runtime';
import type { Output } from './output/stdout';
import type { Messages } from './output/messages';
import type { OutputFormat } from './output/format';
import type { Results } from './output/results';
import type { Transport, TransportRequest } from './api/transport';
import { VERSION } from './version';
import { AuthError, UsageError } from './errors';
import { RESERVED_PROFILE_NAMES } from './credentials/profile-names';
import type { Api } from './api/client';
import type { Credential, HttpClient } from './api/http';
import type { Resolved, StoredProfile } from './credentials/resolve';
import type { ProfileStore } from './credentials/store';
import type { Prompter } from './prompts/prompter';

/** Per-request limits from --timeout and --retries. */
export interface RequestLimits {
  timeoutMs: number;
  maxRetries: number;
  /** --retries was given: the user's number wins over a server's retry hint. */
  retriesGiven: boolean;
}

/** The options every command takes, parsed once (commands/options.ts). */
export interface GlobalOptions {
  account?: string;
  profile?: string;
  debug: boolean;
  /** --no-input: never prompt. */
  input: boolean;
  limits: RequestLimits;
  /** Malformed global options (--timeout, --retries, --profile, --account), each one line. */
  problems: string[];
}

/** What tests may replace. */
export interface Deps {
  transport: Transport;
  now: () => number;
  random: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  prompter?: Prompter;
}

/** What a command's action records; `main` calls it with the one Context. */
export type RunCommand = (ctx: Context) => Promise<void>;

/** Given to each definer: its action calls it with the run, and nothing else happens at parse time. */
export type RecordRun = (run: RunCommand) => void;

export interface ContextParts {
  runtime: Runtime;
  deps: Partial<Deps>;
  options: GlobalOptions;
  format: OutputFormat;
  out: Output;
  msg: Messages;
  results: Results;
  /**
   * A probe runs a command only as far as its own checks of its flags and input: reading the
   * configuration, sending and prompting stop it (ProbeStop). cli.ts uses it, when the global
   * options are already wrong, to report the command's own problems in the same run.
   */
  probe?: boolean;
}

/** CI set to anything but empty, "false" or "0" means no prompts. */
const ciSet = (ci: string | undefined): boolean => !(ci === undefined || ci === '' || ci === 'false' || ci === '0');

/** Thrown in a probe where the command would first read configuration, send or ask. */
export class ProbeStop extends Error {
  constructor() {
    super('a probe stops before anything is read, sent or asked');
  }
}

export const realSleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Error('aborted'));
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Error('aborted'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/**
 * A value made on first use and kept: the one kind of state a Context holds. A failure is not
 * kept, so the next caller tries again (and reports again) as if it were the first.
 */
function once<A extends unknown[], T>(make: (...args: A) => Promise<T>): (...args: A) => Promise<T> {
  let made: Promise<T> | undefined;
  return (...args) => {
    if (made) return made;
    const attempt = make(...args);
    made = attempt;
    attempt.catch(() => {
      // Stryker disable next-line ConditionalExpression: equivalent today (this handler runs before any caller sees the failure, so `made` is still this attempt); kept so a later change cannot drop a newer attempt
      if (made === attempt) made = undefined;
    });
    return attempt;
  };
}

/**
 * Everything with side effects reaches commands through here: streams, environment, network,
 * clock, configuration and prompts. Built once, after the arguments are parsed, and never changed;
 * the expensive parts (the config store, the API client, prompts) are made on first use.
 */
export class Context {
  readonly runtime: Runtime;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly version = VERSION;
  readonly deps: Readonly<Deps>;
  readonly options: Readonly<GlobalOptions>;
  /** How results are printed, decided once (output/format.ts); only output/results.ts reads it. */
  readonly format: OutputFormat;
  readonly out: Output;
  readonly msg: Messages;
  readonly results: Results;
  /** Prompts are allowed: stdin and stderr are terminals, CI is unset and --no-input was not given. */
  readonly canPrompt: boolean;
  private readonly probe: boolean;

  constructor(parts: ContextParts) {
    const { runtime, deps } = parts;
    this.runtime = runtime;
    this.env = runtime.env;
    this.options = Object.freeze({ ...parts.options });
    this.format = parts.format;
    this.out = parts.out;
    this.msg = parts.msg;
    this.results = parts.results;
    this.probe = parts.probe === true;
    this.deps = Object.freeze({
      // node:http and node:https (with tls and crypto) load only when a request is made.
      transport: deps.transport ?? (async (req: TransportRequest) => (await import('./api/transport')).nodeTransport(req)),
      now: deps.now ?? Date.now,
      random: deps.random ?? Math.random,
      sleep: deps.sleep ?? realSleep,
      prompter: deps.prompter,
    });
    const { stdin, stderr } = runtime;
    const ci = this.env.CI;
    this.canPrompt = stdin.isTTY === true && stderr.isTTY === true && !ciSet(ci) && parts.options.input !== false;
    Object.freeze(this);
  }

  /** Why nothing may be asked (when canPrompt is false), for messages: what the user chose first. */
  get noPromptReason(): string {
    if (this.options.input === false) return '--no-input was given';
    if (ciSet(this.env.CI)) return 'CI is set';
    return 'there is no terminal to ask on';
  }

  get signal(): AbortSignal {
    return this.runtime.signal;
  }

  get profileName(): string {
    const flag = this.options.profile?.trim();
    const env = this.env.VPCSVC_PROFILE?.trim();
    const name = flag || env || 'default';
    // Names of Object.prototype members would read or "store" the prototype, not a profile.
    if (RESERVED_PROFILE_NAMES.has(name)) {
      throw new UsageError(`${flag ? '--profile' : 'VPCSVC_PROFILE'}: ${JSON.stringify(name)} is a reserved name; choose another profile name`);
    }
    return name;
  }

  /** --timeout and --retries. */
  requestLimits(): RequestLimits {
    return this.options.limits;
  }

  /** In a probe (see ContextParts.probe), what would read configuration, send or ask stops the run here. */
  private gate(): void {
    if (this.probe) throw new ProbeStop();
  }

  readonly store: () => Promise<ProfileStore> = once(async () => {
    this.gate();
    const { ProfileStore } = await import('./credentials/store');
    return new ProfileStore(this.env, (line) => this.msg.warn(line));
  });

  private readonly resolvedOnce = once((readStore: boolean) => this.resolve(readStore));

  /**
   * Credentials and account from flags, environment and the stored profile. The store is read
   * only when the environment does not already give both, or when `readStore` asks (auth status
   * reports a stored login that the environment hides).
   */
  resolved(readStore = false): Promise<Resolved> {
    return this.resolvedOnce(readStore);
  }

  private async resolve(readStore: boolean): Promise<Resolved> {
    this.gate();
    const { resolveCredentials } = await import('./credentials/resolve');
    const accountFlag = this.options.account;
    const envOnly = resolveCredentials({ accountFlag, env: this.env, profileName: this.profileName });
    let profile: StoredProfile | undefined;
    const needStore = readStore || !envOnly.credential || !envOnly.account || this.options.profile !== undefined;
    const store = needStore ? await this.store() : undefined;
    if (store) profile = await store.read(this.profileName);
    // Stryker disable next-line OptionalChaining: equivalent; a profile is only read from a store
    const resolved = profile ? resolveCredentials({ accountFlag, env: this.env, profileName: this.profileName, profile, profileFile: store?.file }) : envOnly;
    for (const w of resolved.warnings) this.msg.warn(w);
    return resolved;
  }

  /**
   * The account id when one is known without asking the API (for --dry-run URLs). A missing or
   * half credential does not matter here; a malformed account id or config file does.
   */
  async knownAccount(): Promise<string | undefined> {
    try {
      return (await this.resolved()).account?.id;
    } catch (e) {
      if (e instanceof AuthError) return undefined;
      throw e;
    }
  }

  async http(credential?: Credential): Promise<HttpClient> {
    this.gate();
    const [{ HttpClient }, { apiBaseUrl }] = await Promise.all([import('./api/http'), import('./api/base-url')]);
    const limits = this.requestLimits();
    return new HttpClient({
      baseUrl: apiBaseUrl(this.env),
      credential,
      transport: this.deps.transport,
      timeoutMs: limits.timeoutMs,
      userAgent: `vpcsvc/${this.version}`,
      retry: { maxRetries: limits.maxRetries, retriesGiven: limits.retriesGiven },
      signal: this.signal,
      sleep: this.deps.sleep,
      now: this.deps.now,
      random: this.deps.random,
      trace: this.options.debug ? (line) => this.msg.debug(line) : undefined,
    });
  }

  /** `why`: what needs them, when the command would not obviously (a --dry-run that reads). */
  async credential(why?: string): Promise<Credential> {
    const r = await this.resolved();
    if (!r.credential) {
      throw new AuthError(why ? `no credentials: ${why}, so it needs them` : 'no credentials', [
        'set CLOUDFLARE_API_TOKEN (or CLOUDFLARE_API_KEY and CLOUDFLARE_EMAIL), or run `vpcsvc auth login`',
      ]);
    }
    return r.credential.value;
  }

  /** An API client for the chosen account; asks the API for the account when none is set. */
  async api(why?: string): Promise<Api> {
    const http = await this.http(await this.credential(why));
    const [{ Api, listAccounts }, { checkedAccountId }] = await Promise.all([import('./api/client'), import('./credentials/resolve')]);
    const r = await this.resolved();
    let accountId = r.account?.id;
    if (accountId === undefined) {
      const { pickAccount } = await import('./credentials/account');
      const picked = await pickAccount(await listAccounts(http), {
        canPrompt: this.canPrompt,
        prompter: () => this.prompter(),
        words: {
          question: 'Which account?',
          none: new AuthError('these credentials can see no account', ["check the token's account resources"]),
          several: (n) => `these credentials can see ${n} accounts; choose one with --account or CLOUDFLARE_ACCOUNT_ID`,
        },
      });
      accountId = picked.id;
    }
    // Checked again whatever its source (the picker included): it becomes a URL path segment.
    return new Api(http, checkedAccountId(accountId, 'the account id'));
  }

  private readonly inquirer = once(async (): Promise<Prompter> => {
    const { InquirerPrompter } = await import('./prompts/inquirer');
    return new InquirerPrompter(this.runtime.stdin, this.runtime.stderr, this.signal);
  });

  async prompter(): Promise<Prompter> {
    this.gate();
    return this.deps.prompter ?? this.inquirer();
  }
}
