import type { Api, Service } from './client';
import { NotFoundError, UsageError } from '../errors';
import { isUuid } from '../service/checks';

/**
 * A reference is a service id (a UUID) or an exact name, trimmed like names (cli.md section 10).
 * A UUID is first an id, compared case-insensitively; when no service has that id it is looked up
 * as a name, so names that look like UUIDs stay reachable. Each UUID costs one GET; every other
 * reference is resolved by one walk of the list, whatever their number. A reference never becomes
 * part of a path except as an encoded id, so `../../x` is just a name.
 *
 * Returns the service of each trimmed reference (undefined when none matches).
 */
export async function resolveRefs(api: Api, refs: string[]): Promise<Map<string, Service | undefined>> {
  const found = new Map<string, Service | undefined>();
  const pending = new Set<string>();
  for (const ref of new Set(refs.map((r) => r.trim()))) {
    if (isUuid(ref)) {
      try {
        // Cloudflare's ids are lower case; an id in another case is still found by the list walk.
        found.set(ref, await api.get(ref.toLowerCase()));
        continue;
      } catch (e) {
        if (!(e instanceof NotFoundError)) throw e;
      }
    }
    pending.add(ref);
  }
  if (pending.size === 0) return found;

  const ids = new Set([...pending].filter(isUuid).map((r) => r.toLowerCase()));
  const byId = new Map<string, Service>();
  const byName = new Map<string, Service>();
  const settled = () => [...pending].every((r) => (isUuid(r) ? byId.has(r.toLowerCase()) : byName.has(r)));
  for await (const page of api.servicePages()) {
    for (const s of page) {
      const id = s.service_id.toLowerCase();
      if (ids.has(id) && !byId.has(id)) byId.set(id, s);
      if (pending.has(s.name) && !byName.has(s.name)) byName.set(s.name, s);
    }
    if (settled()) break;
  }
  for (const ref of pending) found.set(ref, (isUuid(ref) ? byId.get(ref.toLowerCase()) : undefined) ?? byName.get(ref));
  return found;
}

/**
 * Refuses blank references before anything is sent: trimmed like names, an empty one names no
 * service and must not become a list walk that ends in "not found".
 */
export function checkReferences(refs: string[]): void {
  const lines = refs.flatMap((r, i) => (r.trim() === '' ? [`<id-or-name>${refs.length > 1 ? ` ${i + 1}` : ''}: must not be empty (got ${JSON.stringify(r)})`] : []));
  if (lines.length > 0) throw new UsageError(lines[0] as string, lines);
}

/** One reference, for get and update. Not found is exit 1 naming the reference. */
export async function fetchRef(api: Api, ref: string): Promise<Service> {
  const trimmed = ref.trim();
  const s = (await resolveRefs(api, [trimmed])).get(trimmed);
  if (!s) {
    throw new NotFoundError(`no service ${isUuid(trimmed) ? 'with id or name' : 'named'} ${JSON.stringify(trimmed)} in account ${api.accountId}`);
  }
  return s;
}
