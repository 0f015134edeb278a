import type { Runtime } from './runtime';
import { Output } from './output/stdout';
import { Messages } from './output/messages';
import { escapeControl } from './output/escape';
import { colorLevel, makeTheme, type ChalkCtor } from './output/theme';
import type { Transport } from './api/transport';
import { VERSION } from './version';
import { AuthError, UsageError } from './errors';
import type { Api } from './api/client';
import type { Credential, HttpClient } from './api/http';
import type { Resolved, StoredProfile } from './credentials/resolve';
import type { ProfileStore } from './credentials/store';
import type { Prompter } from './prompts/prompter';

/** Options every command takes (see commands/common.ts). */
export interface GlobalOptions {
  account?: string;
  profile?: string;
  timeout?: string;
  retries?: string;
  debug?: boolean;
  color?: boolean;
  input?: boolean;
  json?: boolean;
  ndjson?: boolean;
  quiet?: boolean;
}

/** What tests may replace. */
export interface Deps {
  transport: Transport;
  now: () => number;
  random: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  prompter?: Prompter;
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

const RESERVED_PROFILE_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Everything with side effects reaches commands through here: streams, environment, network,
 * clock, configuration and prompts. Expensive parts (the config store, the API client, prompts)
 * are built on first use.
 */
export class Context {
  readonly env: Record<string, string | undefined>;
  readonly version = VERSION;
  readonly deps: Deps;
  opts: GlobalOptions = {};
  out: Output;
  msg: Messages;
  private resolvedCache?: Resolved;
  private storeCache?: ProfileStore;
  private prompterCache?: Prompter;

  constructor(
    readonly runtime: Runtime,
    deps: Partial<Deps> = {},
    private readonly chalk?: ChalkCtor,
  ) {
    this.env = runtime.env;
    this.deps = {
      // node:http and node:https (with tls and crypto) load only when a request is made.
      transport: deps.transport ?? (async (req) => (await import('./core')).nodeTransport(req)),
      now: deps.now ?? Date.now,
      random: deps.random ?? Math.random,
      sleep: deps.sleep ?? realSleep,
      prompter: deps.prompter,
    };
    const { out, msg } = this.streams(false);
    this.out = out;
    this.msg = msg;
  }

  get signal(): AbortSignal {
    return this.runtime.signal;
  }

  /** Called once the command's options are parsed. */
  configure(opts: GlobalOptions) {
    this.opts = opts;
    const { out, msg } = this.streams(opts.color === false);
    this.out = out;
    this.msg = msg;
  }

  private streams(noColor: boolean) {
    const { stdout, stderr } = this.runtime;
    return {
      out: new Output(stdout, makeTheme(colorLevel(this.env, stdout.isTTY === true, noColor), this.chalk)),
      msg: new Messages(stderr, makeTheme(colorLevel(this.env, stderr.isTTY === true, noColor), this.chalk), {
        json: () => this.opts.json === true || this.opts.ndjson === true,
        debug: () => this.opts.debug === true,
      }),
    };
  }

  /** Prompts are allowed: stdin and stderr are terminals, CI is unset and --no-input was not given. */
  get canPrompt(): boolean {
    const { stdin, stderr } = this.runtime;
    const ci = this.env.CI;
    return stdin.isTTY === true && stderr.isTTY === true && (ci === undefined || ci === '' || ci === 'false' || ci === '0') && this.opts.input !== false;
  }

  get profileName(): string {
    const flag = this.opts.profile?.trim();
    const env = this.env.VPCSVC_PROFILE?.trim();
    const name = flag || env || 'default';
    // Names of Object.prototype members would read or "store" the prototype, not a profile.
    if (RESERVED_PROFILE_NAMES.has(name)) {
      throw new UsageError(`${flag ? '--profile' : 'VPCSVC_PROFILE'}: ${JSON.stringify(name)} is a reserved name; choose another profile name`);
    }
    return name;
  }

  async store(): Promise<ProfileStore> {
    if (!this.storeCache) {
      const { ProfileStore } = await import('./core');
      this.storeCache = new ProfileStore(this.env, (line) => this.msg.warn(line));
    }
    return this.storeCache;
  }

  /**
   * Credentials and account from flags, environment and the stored profile. The store is read
   * only when the environment does not already give both, or when `readStore` asks (auth status
   * reports a stored login that the environment hides).
   */
  async resolved(readStore = false): Promise<Resolved> {
    if (this.resolvedCache) return this.resolvedCache;
    const { resolveCredentials } = await import('./core');
    const envOnly = resolveCredentials({ accountFlag: this.opts.account, env: this.env, profileName: this.profileName });
    let profile: StoredProfile | undefined;
    const needStore = readStore || !envOnly.credential || !envOnly.account || this.opts.profile !== undefined;
    const store = needStore ? await this.store() : undefined;
    if (store) profile = await store.read(this.profileName);
    const resolved = profile
      ? resolveCredentials({ accountFlag: this.opts.account, env: this.env, profileName: this.profileName, profile, profileFile: store?.file })
      : envOnly;
    for (const w of resolved.warnings) this.msg.warn(w);
    this.resolvedCache = resolved;
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
    const { HttpClient, apiBaseUrl } = await import('./core');
    return new HttpClient({
      baseUrl: apiBaseUrl(this.env),
      credential,
      transport: this.deps.transport,
      timeoutMs: this.timeoutMs(),
      userAgent: `vpcsvc/${this.version}`,
      retry: { maxRetries: this.retries(), retriesGiven: this.opts.retries !== undefined },
      signal: this.signal,
      sleep: this.deps.sleep,
      now: this.deps.now,
      random: this.deps.random,
      trace: this.opts.debug ? (line) => this.msg.debug(line) : undefined,
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
    const { Api, checkedAccountId } = await import('./core');
    const r = await this.resolved();
    // Checked again whatever its source (the picker included): it becomes a URL path segment.
    const accountId = checkedAccountId(r.account?.id ?? (await this.chooseAccount(http)), 'the account id');
    return new Api(http, accountId);
  }

  private async chooseAccount(http: HttpClient): Promise<string> {
    const { listAccounts } = await import('./core');
    const accounts = await listAccounts(http);
    if (accounts.length === 1) return (accounts[0] as { id: string }).id;
    if (accounts.length === 0) throw new AuthError('these credentials can see no account', ['check the token\'s account resources']);
    if (this.canPrompt) {
      const prompter = await this.prompter();
      return prompter.select({
        message: 'Which account?',
        choices: accounts.map((a) => ({ name: escapeControl(`${a.name}  ${a.id}`), value: a.id })),
      });
    }
    throw new UsageError(
      `these credentials can see ${accounts.length} accounts; choose one with --account or CLOUDFLARE_ACCOUNT_ID`,
      [],
      accounts.map((a) => `${a.name}  ${a.id}`),
    );
  }

  async prompter(): Promise<Prompter> {
    if (this.deps.prompter) return this.deps.prompter;
    if (!this.prompterCache) {
      const { InquirerPrompter } = await import('./prompts/inquirer');
      this.prompterCache = new InquirerPrompter(this.runtime.stdin, this.runtime.stderr, this.signal);
    }
    return this.prompterCache;
  }

  timeoutMs(): number {
    const raw = this.opts.timeout;
    if (raw === undefined) return 30_000;
    const n = Number(raw);
    if (!/^\s*\d+(\.\d+)?\s*$/.test(raw) || !(n > 0) || n > 3600) {
      throw new UsageError(`--timeout: must be a number of seconds from 0.1 to 3600 (got ${JSON.stringify(raw)})`);
    }
    return Math.round(n * 1000);
  }

  retries(): number {
    const raw = this.opts.retries;
    if (raw === undefined) return 4;
    if (!/^\s*\d+\s*$/.test(raw) || Number(raw) > 10) throw new UsageError(`--retries: must be an integer from 0 to 10 (got ${JSON.stringify(raw)})`);
    return Number(raw);
  }
}
