import * as z from 'zod/mini';
import { ApiError, Cancelled, CliError, MaybeApplied, NotFoundError } from '../errors';
import { sameDefinition } from '../service/canonical';
import { isAccountId } from '../service/checks';
import type { ServiceDefinition } from '../service/schema';
import type { HttpClient } from './http';
import type { AttemptOutcome } from './retry-policy';

/** Typed calls on top of HttpClient; knows paths and result shapes, nothing about output. */

export const serviceSchema = z.looseObject({
  service_id: z.string(),
  name: z.string(),
  type: z.string(),
  host: z.looseObject({}),
});
export type Service = z.infer<typeof serviceSchema>;

const accountSchema = z.looseObject({ id: z.string(), name: z._default(z.string(), '') });
export type Account = z.infer<typeof accountSchema>;

const tunnelSchema = z.looseObject({
  id: z.string(),
  name: z._default(z.string(), ''),
  status: z.nullish(z.string()),
});
export type Tunnel = z.infer<typeof tunnelSchema>;

export const READ_PERMISSION = 'Connectivity Directory Read';
export const ADMIN_PERMISSION = 'Connectivity Directory Admin';
export const PAGE_SIZE = 1000;

export interface ListOptions {
  type?: string;
  perPage?: number;
}

/** The services collection (or one service) of an account; the account segment is given encoded. */
export function servicesPath(accountSegment: string, id?: string): string {
  const base = `/accounts/${accountSegment}/connectivity/directory/services`;
  return id === undefined ? base : `${base}/${encodeURIComponent(id)}`;
}

export class Api {
  constructor(
    readonly http: HttpClient,
    readonly accountId: string,
  ) {}

  servicesPath(id?: string): string {
    return servicesPath(encodeURIComponent(this.accountId), id);
  }

  /**
   * Every page of services, one array per page, requested only as the caller consumes them. Stops
   * with an error when the pages stop making sense (cli.md section 10, "Hostile servers"), keeping
   * only a small fingerprint of each page so memory stays flat however long the list.
   */
  async *servicePages(opts: ListOptions = {}): AsyncGenerator<Service[]> {
    const perPage = opts.perPage ?? PAGE_SIZE;
    const seen = new Map<number, number>();
    let pageOneBare = false;
    let listed = 0;
    for (let page = 1; ; page++) {
      if (page > MAX_PAGES) throw pagingError(`the list did not end after ${MAX_PAGES} pages`);
      const { result, resultInfo } = await this.http.request({
        method: 'GET',
        path: this.servicesPath(),
        query: { type: opts.type, page, per_page: perPage },
        result: z.array(serviceSchema),
        permission: READ_PERMISSION,
      });
      if (result.length === 0) {
        // An empty page ends the list, unless the server's own counts say more is there.
        const total = resultInfo?.total_count;
        if (typeof total === 'number' && listed < total) throw pagingError(`the API sent an empty page ${page} of a list it says holds ${total} services (${listed} sent)`);
        return;
      }
      listed += result.length;
      const print = fingerprint(result);
      const earlier = seen.get(print);
      if (earlier !== undefined) {
        // A server that ignores `page` and sends everything at once repeats page 1 on page 2.
        if (earlier === 1 && page === 2 && pageOneBare) return;
        throw pagingError(`the API sent page ${page} again as the same services as page ${earlier}`);
      }
      seen.set(print, page);
      const info = resultInfo ?? {};
      if (page === 1) pageOneBare = !resultInfo;
      const size = info.per_page ?? perPage;
      if (!Number.isInteger(size) || size < 1) throw pagingError(`the API says page ${page} holds ${result.length} services with per_page ${String(info.per_page)}`);
      if (typeof info.page === 'number' && info.page !== page) throw pagingError(`the API answered page ${info.page} when asked for page ${page}`);
      const countPages = typeof info.total_count === 'number' ? Math.ceil(info.total_count / size) : undefined;
      const claimed = Math.max(info.total_pages ?? 0, countPages ?? 0);
      if (claimed > MAX_PAGES) throw pagingError(`the API says the list has ${claimed} pages, more than the ${MAX_PAGES} this tool reads`);
      if (countPages !== undefined && page > countPages) {
        throw pagingError(`the API sent page ${page} of a list it says holds ${info.total_count} services in pages of ${size}`);
      }
      yield result;
      // A short page is the last one; a server whose counts say otherwise contradicts itself.
      if (resultInfo && result.length < size && ((info.total_pages ?? 0) > page || (typeof info.total_count === 'number' && listed < info.total_count))) {
        throw pagingError(`the API sent ${result.length} of ${size} services on page ${page} of a list it says holds ${info.total_count ?? '?'} services in ${info.total_pages ?? '?'} pages`);
      }
      // Stop on what result_info says when it says it; without it, on a short page.
      if (typeof info.total_pages === 'number' && page >= info.total_pages) return;
      if (countPages !== undefined && page >= countPages) return;
      if (!resultInfo && result.length < perPage) return;
    }
  }

  async findByName(name: string): Promise<Service | undefined> {
    for await (const page of this.servicePages()) {
      const hit = page.find((s) => s.name === name);
      if (hit) return hit;
    }
    return undefined;
  }

  async get(id: string): Promise<Service> {
    try {
      const r = await this.http.request({ method: 'GET', path: this.servicesPath(id), result: serviceSchema, permission: READ_PERMISSION });
      return r.result;
    } catch (e) {
      throw notFound(e, id);
    }
  }

  /**
   * POST is not idempotent: when an attempt's outcome is unknown, the name is looked up before
   * sending again, so one definition never yields two services. The lookup also follows a last
   * attempt that got no answer, and an "already exists" that an earlier lost attempt of this very
   * create may have caused: the service found with the same definition is the result.
   */
  async create(def: ServiceDefinition): Promise<Service> {
    const log = new AttemptLog();
    const check = `check with \`vpcsvc get ${def.name}\``;
    let conflict: ApiError | undefined;
    const lookup = async (cause: string): Promise<Service | undefined> => {
      let existing: Service | undefined;
      try {
        existing = await this.findByName(def.name);
      } catch (e) {
        if (e instanceof Cancelled) throw new Cancelled(`cancelled while creating ${def.name}: it may have been applied; ${check}`, { inFlight: true });
        throw new MaybeApplied(`create ${def.name} may have been applied: ${cause}, and looking it up failed (${e instanceof Error ? e.message : String(e)}); ${check}`);
      }
      if (!existing) return undefined;
      if (sameDefinition(existing, def)) return existing;
      throw (conflict = new ApiError(
        `a service named ${JSON.stringify(def.name)} now exists (${existing.service_id}) with a different definition; the create was not repeated`,
      ));
    };
    try {
      const r = await this.http.request({
        method: 'POST',
        path: this.servicesPath(),
        body: def,
        result: serviceSchema,
        permission: ADMIN_PERMISSION,
        onAttempt: log.record,
        recover: () => lookup('an attempt may have reached the server (it got no answer, or a server error)'),
      });
      return r.result;
    } catch (e) {
      if (e instanceof Cancelled) {
        if (e.inFlight || log.unanswered) throw new Cancelled(`cancelled while creating ${def.name}: it may have been applied; ${check}`, { inFlight: true });
        throw new Cancelled(`cancelled: ${def.name} was not created`);
      }
      if (!(e instanceof ApiError) || e === conflict) throw e;
      if (log.lastUnanswered) {
        const found = await lookup(e.message);
        if (found) return found;
      } else if (log.unanswered && (e.apiCode === 5101 || e.httpStatus === 409)) {
        // An earlier attempt of this create, sent and not answered, may have landed after the
        // lookup; a service with another definition leaves the "already exists" as it was.
        const found = await lookup(e.message).catch((x: unknown) => {
          if (x === conflict) return undefined;
          throw x;
        });
        if (found) return found;
      }
      throw e;
    }
  }

  /** `name`, the service's current name, words what is reported when the outcome is unknown. */
  async update(id: string, def: ServiceDefinition, name?: string): Promise<Service> {
    const log = new AttemptLog();
    try {
      const r = await this.http.request({ method: 'PUT', path: this.servicesPath(id), body: def, result: serviceSchema, permission: ADMIN_PERMISSION, onAttempt: log.record });
      return r.result;
    } catch (e) {
      // After a rename the old name may be gone: the id is what checks it then.
      throw unconfirmed(e, log, 'update', id, name, name !== undefined && def.name === name ? name : id) ?? notFound(e, id);
    }
  }

  /** A DELETE answered 404 after an earlier attempt of it got no answer: that attempt deleted it. */
  async remove(id: string, name?: string): Promise<void> {
    const log = new AttemptLog();
    try {
      await this.http.request({ method: 'DELETE', path: this.servicesPath(id), result: z.unknown(), permission: ADMIN_PERMISSION, allowEmpty: true, onAttempt: log.record });
    } catch (e) {
      if (e instanceof ApiError && e.httpStatus === 404 && log.unanswered) return;
      throw unconfirmed(e, log, 'delete', id, name, name ?? id) ?? notFound(e, id);
    }
  }

  async tunnels(): Promise<Tunnel[]> {
    const r = await this.http.request({
      method: 'GET',
      path: `/accounts/${encodeURIComponent(this.accountId)}/cfd_tunnel`,
      query: { is_deleted: 'false', per_page: 1000 },
      result: z.array(tunnelSchema),
      permission: 'Cloudflare Tunnel Read',
    });
    return r.result;
  }
}

/**
 * The most pages one list reads: 10 million services at 1,000 a page, far beyond any account, yet
 * an end to a server that invents pages for ever.
 */
export const MAX_PAGES = 10_000;

function pagingError(what: string): ApiError {
  return new ApiError(`${what}; stopped listing`);
}

/**
 * A page's first and last ids and its length, hashed twice (FNV-1a, two offsets) into 53 bits:
 * pages of one honest list never share it by chance, and 10,000 of them take a few hundred kilobytes.
 */
function fingerprint(page: Service[]): number {
  const text = `${page[0]?.service_id}\u0000${page[page.length - 1]?.service_id}\u0000${page.length}`;
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    a = Math.imul(a ^ text.charCodeAt(i), 0x01000193) >>> 0;
    b = Math.imul(b ^ text.charCodeAt(i), 0x01000193) >>> 0;
  }
  return a * 2 ** 21 + (b & 0x1fffff);
}

export async function listAccounts(http: HttpClient): Promise<Account[]> {
  const r = await http.request({ method: 'GET', path: '/accounts', query: { per_page: 50 }, result: z.array(accountSchema), permission: 'Account Settings Read' });
  // Ids become URL path segments: an answer with one that is not 32 hex characters is not used.
  const bad = r.result.find((a) => !isAccountId(a.id));
  if (bad) throw new ApiError(`GET /accounts answered an account id that is not 32 hexadecimal characters (got ${JSON.stringify(bad.id.slice(0, 64))})`);
  return r.result;
}

/**
 * Which attempts of one request were sent and not answered: a timeout, a reset or a 5xx may have
 * been applied by the server; a refusal, a 429 or another answer was not.
 */
class AttemptLog {
  unanswered = false;
  lastUnanswered = false;
  readonly record = (o: AttemptOutcome) => {
    this.lastUnanswered = o.network !== undefined ? o.network !== 'refused' : o.status !== undefined && o.status >= 500;
    this.unanswered ||= this.lastUnanswered;
  };
}

/** A PUT or DELETE that may have been applied, said as such (cli.md section 10); else undefined. */
function unconfirmed(e: unknown, log: AttemptLog, verb: 'update' | 'delete', id: string, name: string | undefined, checkRef: string): CliError | undefined {
  const label = name === undefined ? id : `${name} (${id})`;
  const check = `check with \`vpcsvc get ${checkRef}\``;
  if (e instanceof Cancelled && (e.inFlight || log.unanswered)) {
    return new Cancelled(`cancelled while ${verb === 'update' ? 'updating' : 'deleting'} ${label}: it may have been applied; ${check}`, { inFlight: true });
  }
  if (e instanceof Cancelled) return new Cancelled(`cancelled: ${label} was not ${verb}d`);
  if (e instanceof ApiError && log.lastUnanswered) return new MaybeApplied(`${verb} ${label} may have been applied: ${e.message}; ${check}`);
  return undefined;
}

/** A 404 on one service becomes "not found" with the reference in it. */
function notFound(e: unknown, id: string): unknown {
  if (e instanceof ApiError && e.httpStatus === 404) {
    return new NotFoundError(`no service with id ${id}${e.apiErrors[0] ? ` ([${e.apiErrors[0].code}] ${e.apiErrors[0].message})` : ''}`);
  }
  return e;
}
