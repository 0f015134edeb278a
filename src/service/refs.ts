import type { Api, Service } from '../api/client';
import { NotFoundError } from '../errors';
import { isUuid } from './checks';

/**
 * A reference is a service id (a UUID) or an exact name. Names are resolved with one walk of the
 * list, whatever the number of names. A reference never becomes part of a path except as an
 * encoded id, so `../../x` is just a name.
 */
export async function resolveRefs(api: Api, refs: string[]): Promise<Map<string, Service | undefined>> {
  const found = new Map<string, Service | undefined>();
  const names = new Set(refs.filter((r) => !isUuid(r.trim())));
  if (names.size > 0) {
    for await (const page of api.servicePages()) {
      for (const s of page) if (names.has(s.name) && !found.has(s.name)) found.set(s.name, s);
      if ([...names].every((n) => found.has(n))) break;
    }
  }
  for (const ref of refs) {
    if (found.has(ref)) continue;
    if (isUuid(ref.trim())) {
      try {
        found.set(ref, await api.get(ref.trim()));
      } catch (e) {
        if (!(e instanceof NotFoundError)) throw e;
        found.set(ref, undefined);
      }
    } else {
      found.set(ref, undefined);
    }
  }
  return found;
}

/**
 * One reference: an id is fetched with GET; a name comes from the list walk, whose items are
 * whole services already. Not found is exit 1 naming the reference.
 */
export async function fetchRef(api: Api, ref: string): Promise<Service> {
  const trimmed = ref.trim();
  if (isUuid(trimmed)) return api.get(trimmed);
  const byName = (await resolveRefs(api, [ref])).get(ref);
  if (!byName) throw new NotFoundError(`no service named ${JSON.stringify(ref)} in account ${api.accountId}`);
  return byName;
}
