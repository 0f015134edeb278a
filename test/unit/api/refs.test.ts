import { describe, expect, it } from 'vitest';
import { Api, type Service } from '../../../src/api/client';
import { NetworkError } from '../../../src/api/transport';
import { checkReferences, fetchRef, resolveRefs } from '../../../src/api/refs';
import { ApiError, NotFoundError, UsageError } from '../../../src/errors';
import { answer, caught, scriptedHttp, type Step } from './scripted-http';

/** Reference resolution against a scripted API: which requests each kind of reference costs. */

const ACCOUNT = '023e105f4ecef8ad9ca31a8372d0c353';
const U1 = '550e8400-e29b-41d4-a716-446655440000';
const U2 = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';
const svc = (id: string, name: string): Service => ({ service_id: id, name, type: 'tcp', host: {} });
const SVC = `/accounts/${ACCOUNT}/connectivity/directory/services`;
const LIST = (p: number) => `GET ${SVC}?page=${p}&per_page=1000`;
const full = (p: number, extra: Service[] = []) => [...extra, ...Array.from({ length: 1000 - extra.length }, (_, i) => svc(`p${p}-${i}`, `n${p}-${i}`))];
const missing = answer(404, null, [{ code: 5104, message: 'not found' }]);

function api(steps: Step[]) {
  const { http, sent } = scriptedHttp(steps);
  return { api: new Api(http, ACCOUNT), sent };
}

describe('resolveRefs', () => {
  it('a UUID is one GET by its lower-case id', async () => {
    const { api: a, sent } = api([answer(200, svc(U1, 'db'))]);
    const got = await resolveRefs(a, [U1.toUpperCase()]);
    expect([...got]).toStrictEqual([[U1.toUpperCase(), svc(U1, 'db')]]);
    expect(sent).toStrictEqual([`GET ${SVC}/${U1}`]);
  });

  it('names are found by one walk, trimmed and counted once, stopping when all are found', async () => {
    const { api: a, sent } = api([answer(200, full(1, [svc('i1', 'web')])), answer(200, full(2, [svc('i2', 'db'), svc('i3', 'web')])), answer(200, [svc('i4', 'x')])]);
    const got = await resolveRefs(a, [' db', 'db ', 'web']);
    expect([...got]).toStrictEqual([
      ['db', svc('i2', 'db')],
      ['web', svc('i1', 'web')],
    ]);
    expect(sent).toStrictEqual([LIST(1), LIST(2)]);
  });

  it('a name that is not there is undefined, after the whole list', async () => {
    const { api: a, sent } = api([answer(200, full(1)), answer(200, [svc('i9', 'other')])]);
    expect([...(await resolveRefs(a, ['db']))]).toStrictEqual([['db', undefined]]);
    expect(sent).toStrictEqual([LIST(1), LIST(2)]);
  });

  it('a UUID with no such id: found by id in the list when its case differs, else as a name', async () => {
    const upper = U1.toUpperCase();
    const { api: a, sent } = api([missing, missing, answer(200, [svc(U2, 'first'), svc(U1, 'x'), svc('z', U2), svc(U2.toUpperCase(), 'second')])]);
    const got = await resolveRefs(a, [upper, U2.toUpperCase()]);
    expect(got.get(upper)).toStrictEqual(svc(U1, 'x'));
    expect(got.get(U2.toUpperCase())).toStrictEqual(svc(U2, 'first'));
    expect(sent).toStrictEqual([`GET ${SVC}/${U1}`, `GET ${SVC}/${U2}`, LIST(1)]);
  });

  it('a UUID-like name is found by name when no service has that id', async () => {
    const { api: a } = api([missing, answer(200, [svc('other', U1)])]);
    expect((await resolveRefs(a, [U1])).get(U1)).toStrictEqual(svc('other', U1));
  });

  it('the first service of a name wins', async () => {
    const { api: a } = api([answer(200, [svc('1', 'db'), svc('2', 'db')])]);
    expect((await resolveRefs(a, ['db'])).get('db')).toStrictEqual(svc('1', 'db'));
  });

  it('a walk for a UUID goes on until that id is seen', async () => {
    const { api: a, sent } = api([missing, answer(200, full(1, [svc('a', 'db')])), answer(200, [svc(U1, 'late')])]);
    const got = await resolveRefs(a, ['db', U1]);
    expect(got.get(U1)).toStrictEqual(svc(U1, 'late'));
    expect(sent).toHaveLength(3);
  });

  it('a failed GET other than not found is that failure', async () => {
    const { api: a, sent } = api([answer(500, null, [{ code: 1, message: 'down' }])]);
    const e = await caught(resolveRefs(a, [U1]));
    expect([e.constructor, e.message]).toStrictEqual([ApiError, '[1] down']);
    expect(sent).toHaveLength(1);
  });

  it('nothing to walk: no list request', async () => {
    const { api: a, sent } = api([answer(200, svc(U1, 'db'))]);
    await resolveRefs(a, [U1]);
    expect(sent).toHaveLength(1);
  });
});

describe('fetchRef', () => {
  it('one reference, trimmed', async () => {
    const { api: a } = api([answer(200, [svc('1', 'db')])]);
    await expect(fetchRef(a, '  db ')).resolves.toStrictEqual(svc('1', 'db'));
  });

  it('not found names the reference and the account', async () => {
    const { api: a } = api([answer(200, []), missing, answer(200, [])]);
    const e = await caught(fetchRef(a, ' db '));
    expect([e.constructor, e.message]).toStrictEqual([NotFoundError, `no service named "db" in account ${ACCOUNT}`]);
    expect((await caught(fetchRef(a, U1))).message).toBe(`no service with id or name "${U1}" in account ${ACCOUNT}`);
  });

  it('a network failure is that failure', async () => {
    const { api: a } = api([new NetworkError('reset', 'gone')]);
    expect((await caught(fetchRef(a, 'db'))).message).toBe('gone');
  });
});

describe('checkReferences', () => {
  it('accepts references that are not blank', () => {
    expect(() => checkReferences(['db', ' x '])).not.toThrow();
    expect(() => checkReferences([])).not.toThrow();
  });

  it('one blank reference', () => {
    const e = (() => {
      try {
        checkReferences(['  ']);
      } catch (x) {
        return x as UsageError;
      }
    })();
    expect(e).toBeInstanceOf(UsageError);
    expect(e?.message).toBe('<id-or-name>: must not be empty (got "  ")');
    expect(e?.problems).toStrictEqual(['<id-or-name>: must not be empty (got "  ")']);
  });

  it('among several, each blank one by its position', () => {
    const e = (() => {
      try {
        checkReferences(['db', '', '\t']);
      } catch (x) {
        return x as UsageError;
      }
    })();
    expect(e?.message).toBe('<id-or-name> 2: must not be empty (got "")');
    expect(e?.problems).toStrictEqual(['<id-or-name> 2: must not be empty (got "")', '<id-or-name> 3: must not be empty (got "\\t")']);
  });
});

describe('resolveRefs stops early for ids too', () => {
  it('a UUID found by id in the list ends the walk there, whatever its case', async () => {
    const { api: a, sent } = api([missing, answer(200, full(1, [svc(U1, 'db')])), answer(200, [])]);
    expect((await resolveRefs(a, [U1.toUpperCase()])).get(U1.toUpperCase())).toStrictEqual(svc(U1, 'db'));
    expect(sent).toStrictEqual([`GET ${SVC}/${U1}`, LIST(1)]);
  });
});
