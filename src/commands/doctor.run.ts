import { checkReferences } from '../api/refs';
import type { Context } from '../context';
import { AuthError, Cancelled, ChecksFailed, CliError, UsageError } from '../errors';
import { READ_PERMISSION, type Api, type Service } from '../api/client';
import { readTunnelState, type TunnelState } from '../api/tunnels';
import { verifyCredential } from '../api/verify';
import { describeSource } from '../credentials/resolve';
import { bindingChecks, commandRef, countChecks, ignoredConfigsCheck, definitionChecks, tunnelChecks, tunnelIdOf, type CheckResult, type WranglerBindings } from '../service/doctor-checks';
import { isUuid } from '../service/checks';
import { findWranglerConfigs, readWranglerBindings, WRANGLER_FILES } from '../io/wrangler-read';

export interface DoctorOptions {
  wranglerConfig?: string;
  env?: string;
}

/**
 * Tunnels read at once; each costs two GETs (the tunnel and its connections), so 8 requests in
 * flight: the default batch width of other commands, and under Node's 10-listener warning on the
 * shared abort signal.
 */
const TUNNEL_CONCURRENCY = 4;

/**
 * `vpcsvc doctor`: credentials, then the services, then their tunnels (each read once, however
 * many services share it), then the wrangler bindings. Only GET requests: nothing is changed.
 */
export async function runDoctor(ctx: Context, refs: string[], opts: DoctorOptions): Promise<void> {
  checkReferences(refs);
  const onlyEnv = opts.env?.trim();
  if (opts.env !== undefined && !onlyEnv) throw new UsageError('--env: must name an environment (got "")');
  const { path: configPath, ignored } = await findWranglerConfigs(ctx.runtime.cwd, opts.wranglerConfig);
  const config = configPath ? await readWranglerBindings(configPath) : undefined;
  if (onlyEnv !== undefined) {
    if (!config) throw new UsageError(`--env ${onlyEnv}: there is no wrangler config to read (give --wrangler-config, or run where ${WRANGLER_FILES.join(', ')} is)`);
    if (!('error' in config) && !config.envs.has(onlyEnv)) {
      const known = [...config.envs.keys()];
      throw new UsageError(`--env ${onlyEnv}: ${config.label} has no env.${onlyEnv}${known.length ? ` (it has ${known.map((k) => `env.${k}`).join(', ')})` : ' (it has no environments)'}`);
    }
  }
  // Flags that shape requests are checked before any request.
  ctx.requestLimits();

  const sink = ctx.results.doctorReport();
  const all: CheckResult[] = [];
  const emit = async (rows: CheckResult[]) => {
    for (const r of rows) {
      all.push(r);
      await sink.add(r);
    }
  };

  const access = await credentialChecks(ctx, emit);
  let services: Service[] | undefined;
  if (access.api) ({ services, unusable: access.unusable } = await readServices(access.api, access.account ?? `account ${access.api.accountId}`, emit));

  if (services && access.api) {
    const selected = selectServices(services, refs);
    await emit(selected.missing.map((ref) => row('service.found', `service ${ref}`, 'fail', `no service with id or name ${JSON.stringify(ref)} in account ${access.api!.accountId}`, 'vpcsvc list shows the services and their ids')));
    for (const s of selected.found) await emit(definitionChecks(s));
    await checkTunnels(access.api, selected.found, emit);
  } else {
    await emit([row('services', 'services', 'skipped', `services and tunnels not checked: ${access.api ? 'the services could not be listed' : 'the credential could not be used'}`)]);
  }

  if (!config) {
    await emit([row('wrangler.config', 'wrangler config', 'skipped', `no ${WRANGLER_FILES.join(', ')} in ${ctx.runtime.cwd}: Worker bindings not checked`, 'give --wrangler-config <path> to check a Worker\'s vpc_services bindings')]);
  } else if ('error' in config) {
    await emit([row('wrangler.config', config.label, 'fail', config.error, 'fix the file; wrangler cannot read it either'), ...ignoredConfigsCheck(config.label, ignored)]);
  } else {
    await emit([row('wrangler.config', config.label, 'ok', configSummary(config, onlyEnv)), ...ignoredConfigsCheck(config.label, ignored)]);
    await emit(bindingChecks(config, services, onlyEnv));
  }

  const counts = countChecks(all);
  await sink.end(counts);
  if (access.unusable) throw new AuthError(`no usable credential: ${access.unusable}`);
  if (counts.fail > 0) throw new ChecksFailed(`${counts.fail} check${counts.fail === 1 ? '' : 's'} failed`);
}

const row = (check: string, subject: string, status: CheckResult['status'], message: string, hint: string | null = null): CheckResult => ({ check, subject, status, message, hint });

type Emit = (rows: CheckResult[]) => Promise<void>;

const CREDENTIALS = 'credentials';

/** Found (and where), verified, account resolved. Returns an API client when the credential is usable. */
async function credentialChecks(ctx: Context, emit: Emit): Promise<{ api?: Api; account?: string; unusable?: string }> {
  let resolved;
  try {
    resolved = await ctx.resolved();
  } catch (e) {
    if (!(e instanceof AuthError)) throw e;
    await emit([row('credentials.found', CREDENTIALS, 'fail', e.message, e.hints[0] ?? null)]);
    return { unusable: e.message };
  }
  if (!resolved.credential) {
    const message = `no credentials: none in the environment, none stored in profile ${JSON.stringify(ctx.profileName)}`;
    await emit([row('credentials.found', CREDENTIALS, 'fail', message, 'set CLOUDFLARE_API_TOKEN (or CLOUDFLARE_API_KEY and CLOUDFLARE_EMAIL), or run vpcsvc auth login')]);
    return { unusable: message };
  }
  const c = resolved.credential.value;
  const what = c.kind === 'token' ? 'an API token' : `a global API key of ${c.email}`;
  await emit([row('credentials.found', CREDENTIALS, 'ok', `${what} from ${describeSource(resolved.credential.source)}`)]);

  const http = await ctx.http(c);
  try {
    const v = await verifyCredential(http, c, resolved.account?.id);
    await emit([row('credentials.verified', CREDENTIALS, 'ok', `the credential is valid and active (${v.kind})`)]);
  } catch (e) {
    // Ctrl-C is the user's, not the credential's: it ends the run (exit 130).
    if (!(e instanceof CliError) || e instanceof Cancelled) throw e;
    // Only an answer about the credential judges it; a server error or a timeout leaves it unknown.
    const message = `the credential ${e instanceof AuthError ? 'was not accepted' : 'could not be checked'}: ${e.message}`;
    await emit([row('credentials.verified', CREDENTIALS, 'fail', message, e instanceof AuthError ? 'an expired, disabled or mistyped token fails here: create a new one (My Profile, API Tokens) and set it again' : (e.hints[0] ?? null))]);
    return e instanceof AuthError ? { unusable: message } : {};
  }

  let api: Api;
  try {
    api = await ctx.api();
  } catch (e) {
    if (!(e instanceof UsageError || e instanceof AuthError)) throw e;
    await emit([row('credentials.account', CREDENTIALS, 'fail', `no account chosen: ${e.message}`, e instanceof UsageError ? 'give --account <id> or set CLOUDFLARE_ACCOUNT_ID' : (e.hints[0] ?? null))]);
    return e instanceof AuthError ? { unusable: e.message } : {};
  }
  // The account row comes with the list walk, which is what proves the account reachable.
  const from = resolved.account ? ` (from ${describeSource(resolved.account.source)})` : ' (the only account the credential can see)';
  return { api, account: `account ${api.accountId}${from}` };
}

/** One walk of the list: it proves the account reachable and readable, and feeds every other check. */
async function readServices(api: Api, account: string, emit: Emit): Promise<{ services?: Service[]; unusable?: string }> {
  const services: Service[] = [];
  try {
    for await (const page of api.servicePages()) services.push(...page);
  } catch (e) {
    if (!(e instanceof CliError) || e instanceof Cancelled) throw e;
    const denied = e instanceof AuthError;
    // [9109]: the account is outside what the credential may reach at all, not a missing permission.
    if (denied && e.message.includes('[9109]')) {
      const message = `${account} is not reachable with this credential: ${e.message}`;
      await emit([
        row('credentials.account', CREDENTIALS, 'fail', message, 'check the account id (--account, CLOUDFLARE_ACCOUNT_ID or the profile) and the accounts the token is scoped to'),
        row('credentials.read', CREDENTIALS, 'skipped', 'services not listed: the account is not reachable'),
      ]);
      return { unusable: message };
    }
    await emit([
      row('credentials.account', CREDENTIALS, 'ok', account),
      row(
        'credentials.read',
        CREDENTIALS,
        'fail',
        `the services of account ${api.accountId} could not be listed: ${e.message}`,
        denied ? `give the token "${READ_PERMISSION}" (or Connectivity Directory Admin) on account ${api.accountId}, and check the account id` : (e.hints[0] ?? null),
      ),
    ]);
    // A credential that cannot even read is of no use here: exit 4, like a missing one.
    return denied ? { unusable: e.message } : {};
  }
  await emit([
    row('credentials.account', CREDENTIALS, 'ok', `${account} is reachable`),
    row('credentials.read', CREDENTIALS, 'ok', `can read the services of account ${api.accountId} (${services.length} service${services.length === 1 ? '' : 's'})`),
    row(
      'credentials.write',
      CREDENTIALS,
      'skipped',
      'whether the credential may create, change or delete services (Connectivity Directory Admin) or deploy a Worker with these bindings (Connectivity Directory Bind) is not checked: only a change would tell, and doctor changes nothing',
    ),
  ]);
  return { services };
}

/** References as elsewhere: a UUID is first an id, then a name; names are exact. Each service once. */
function selectServices(services: Service[], refs: string[]): { found: Service[]; missing: string[] } {
  if (refs.length === 0) return { found: services, missing: [] };
  const byId = new Map(services.map((s) => [s.service_id.toLowerCase(), s]));
  const byName = new Map(services.map((s) => [s.name, s]));
  const found = new Map<string, Service>();
  const missing: string[] = [];
  for (const raw of refs) {
    const ref = raw.trim();
    const s = (isUuid(ref) ? byId.get(ref.toLowerCase()) : undefined) ?? byName.get(ref);
    if (s) found.set(s.service_id, s);
    else missing.push(ref);
  }
  return { found: [...found.values()], missing };
}

/**
 * Every tunnel is read once, however many services use it, with at most TUNNEL_CONCURRENCY in
 * flight. Results are printed in the order tunnels were first named, so output is stable.
 */
async function checkTunnels(api: Api, services: Service[], emit: Emit): Promise<void> {
  const users = new Map<string, Service[]>();
  for (const s of services) {
    const id = tunnelIdOf(s);
    if (!id) continue;
    const key = id.toLowerCase();
    users.set(key, [...(users.get(key) ?? []), s]);
  }
  const tunnels = [...users];
  let active = 0;
  const waiting: (() => void)[] = [];
  const limited = async (id: string): Promise<TunnelState> => {
    while (active >= TUNNEL_CONCURRENCY) await new Promise<void>((r) => waiting.push(r));
    active++;
    try {
      return await readTunnelState(api, id);
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
  const pending = tunnels.map(([id]) => limited(id));
  // A failure is awaited in order below; this only keeps Node from calling the others unhandled.
  for (const p of pending) p.catch(() => {});
  let anyFound = false;
  for (const [i, [, on]] of tunnels.entries()) {
    const state = await (pending[i] as Promise<TunnelState>);
    anyFound ||= state.kind === 'found' && !state.tunnel.deleted_at;
    await emit(tunnelChecks(state, { usedBy: on.map((s) => s.name), serviceRef: on.length === 1 ? commandRef(on[0]!) : undefined }));
  }
  if (anyFound) {
    await emit([
      row(
        'tunnel.transport',
        'tunnels',
        'skipped',
        'whether cloudflared runs over QUIC or http2 is not checked: the API does not say. Over http2 (outbound UDP 7844 blocked) Worker requests also fail with ProxyError: dns_error',
        'on each cloudflared host, check that its log shows protocol=quic (or run it with --protocol quic)',
      ),
    ]);
  }
}

function configSummary(cfg: WranglerBindings, onlyEnv?: string): string {
  const count = (v: unknown) => (Array.isArray(v) ? v.length : 0);
  const envs = onlyEnv !== undefined ? [onlyEnv] : [...cfg.envs.keys()];
  const parts = [
    ...(onlyEnv === undefined ? [`${count(cfg.top)} at top level`] : []),
    ...envs.map((e) => `${count(cfg.envs.get(e))} in env.${e}`),
  ];
  return `read ${cfg.label}: vpc_services bindings ${parts.join(', ')}`;
}
