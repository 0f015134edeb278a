import * as z from 'zod/mini';
import { ApiError, Cancelled, NotFoundError } from '../errors';
import { sameDefinition } from '../service/canonical';
import { isAccountId } from '../service/checks';
import type { ServiceDefinition } from '../service/schema';
import type { HttpClient } from './http';

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

  /** Every page of services, one array per page, requested only as the caller consumes them. */
  async *servicePages(opts: ListOptions = {}): AsyncGenerator<Service[]> {
    const perPage = opts.perPage ?? PAGE_SIZE;
    let firstOfPageOne: string | undefined;
    for (let page = 1; ; page++) {
      const { result, resultInfo } = await this.http.request({
        method: 'GET',
        path: this.servicesPath(),
        query: { type: opts.type, page, per_page: perPage },
        result: z.array(serviceSchema),
        permission: READ_PERMISSION,
      });
      if (result.length === 0) return;
      // A server that ignores `page` would repeat page 1 forever; stop when a page starts over.
      const first = result[0]?.service_id;
      if (page > 1 && first !== undefined && first === firstOfPageOne) return;
      if (page === 1) firstOfPageOne = first;
      yield result;
      // Stop on what result_info says when it says it; without it, on a short or empty page.
      const info = resultInfo ?? {};
      if (typeof info.total_pages === 'number' && page >= info.total_pages) return;
      const size = typeof info.per_page === 'number' && info.per_page > 0 ? info.per_page : perPage;
      if (typeof info.total_count === 'number' && page * size >= info.total_count) return;
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
   * sending again, so one definition never yields two services.
   */
  async create(def: ServiceDefinition): Promise<Service> {
    const r = await this.http
      .request({
      method: 'POST',
      path: this.servicesPath(),
      body: def,
      result: serviceSchema,
      permission: ADMIN_PERMISSION,
      recover: async () => {
        const existing = await this.findByName(def.name);
        if (!existing) return undefined;
        if (sameDefinition(existing, def)) return existing;
        throw new ApiError(
          `a service named ${JSON.stringify(def.name)} now exists (${existing.service_id}) with a different definition; the create was not repeated`,
        );
      },
      })
      .catch((e: unknown) => {
        // Stopped mid-request, the create may or may not have reached the API.
        if (e instanceof Cancelled) throw new Cancelled(`cancelled while creating ${def.name}: it may exist now; check with \`vpcsvc get ${def.name}\``);
        throw e;
      });
    return r.result;
  }

  async update(id: string, def: ServiceDefinition): Promise<Service> {
    try {
      const r = await this.http.request({ method: 'PUT', path: this.servicesPath(id), body: def, result: serviceSchema, permission: ADMIN_PERMISSION });
      return r.result;
    } catch (e) {
      throw notFound(e, id);
    }
  }

  async remove(id: string): Promise<void> {
    try {
      await this.http.request({ method: 'DELETE', path: this.servicesPath(id), result: z.unknown(), permission: ADMIN_PERMISSION, allowEmpty: true });
    } catch (e) {
      throw notFound(e, id);
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

  async tunnel(id: string): Promise<Tunnel> {
    const r = await this.http.request({
      method: 'GET',
      path: `/accounts/${encodeURIComponent(this.accountId)}/cfd_tunnel/${encodeURIComponent(id)}`,
      result: tunnelSchema,
      permission: 'Cloudflare Tunnel Read',
    });
    return r.result;
  }
}

export async function listAccounts(http: HttpClient): Promise<Account[]> {
  const r = await http.request({ method: 'GET', path: '/accounts', query: { per_page: 50 }, result: z.array(accountSchema), permission: 'Account Settings Read' });
  // Ids become URL path segments: an answer with one that is not 32 hex characters is not used.
  const bad = r.result.find((a) => !isAccountId(a.id));
  if (bad) throw new ApiError(`GET /accounts answered an account id that is not 32 hexadecimal characters (got ${JSON.stringify(bad.id.slice(0, 64))})`);
  return r.result;
}

/** A 404 on one service becomes "not found" with the reference in it. */
function notFound(e: unknown, id: string): unknown {
  if (e instanceof ApiError && e.httpStatus === 404) {
    return new NotFoundError(`no service with id ${id}${e.apiErrors[0] ? ` ([${e.apiErrors[0].code}] ${e.apiErrors[0].message})` : ''}`);
  }
  return e;
}
