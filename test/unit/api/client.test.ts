import { describe, expect, it } from 'vitest';
import { Api, listAccounts, MAX_PAGES, PAGE_SIZE, servicesPath, type Service } from '../../../src/api/client';
import { NetworkError, type TransportResponse } from '../../../src/api/transport';
import { answer, scriptedHttp, type Step } from './scripted-http';
import { ApiError, AuthError, Cancelled, MaybeApplied, NotFoundError } from '../../../src/errors';
import type { ServiceDefinition } from '../../../src/service/schema';

/** Api's operations against a scripted transport: one step per request, in order; exact requests and errors. */

const ACCOUNT = '023e105f4ecef8ad9ca31a8372d0c353';
const ID = '550e8400-e29b-41d4-a716-446655440000';
const BASE = `/client/v4/accounts/${ACCOUNT}/connectivity/directory/services`;
const def = { name: 'db', type: 'tcp', host: { ipv4: '10.0.0.1', network: { tunnel_id: '0191dce4-9ab4-7fce-b660-8e5dec5172da' } }, tcp_port: 5432 } as unknown as ServiceDefinition;
const service = (over: Record<string, unknown> = {}): Service => ({ service_id: ID, ...def, ...over }) as unknown as Service;
const svc = (id: string, name = id): Service => ({ service_id: id, name, type: 'tcp', host: {} });

const page = (result: unknown[], info?: Record<string, unknown>) => answer(200, result, [], info ? { result_info: info } : {});
const reset = new NetworkError('reset', 'the connection was reset');
const refused = new NetworkError('refused', 'connection refused');
const aborted = new NetworkError('aborted', 'cancelled');
const down = answer(500, null, [{ code: 10002, message: 'Internal server error' }]);
const missing = answer(404, null, [{ code: 5104, message: 'service not found' }]);

function api(steps: Step[], over: Parameters<typeof scriptedHttp>[1] = {}) {
  const { http, sent, bodies, left } = scriptedHttp(steps, { retry: undefined, fullPath: true, ...over });
  return { api: new Api(http, ACCOUNT), http, sent, bodies, left };
}

async function caught(p: Promise<unknown>): Promise<Error> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(Error);
  return e as Error;
}

const LIST = (p: number, perPage = PAGE_SIZE) => `GET ${BASE}?page=${p}&per_page=${perPage}`;

describe('paths', () => {
  it('servicesPath: the collection, or one service with its id encoded', () => {
    expect(servicesPath('acc')).toBe('/accounts/acc/connectivity/directory/services');
    expect(servicesPath('acc', 'a/b c')).toBe('/accounts/acc/connectivity/directory/services/a%2Fb%20c');
    expect(servicesPath('acc', '')).toBe('/accounts/acc/connectivity/directory/services/');
  });

  it("Api.servicesPath encodes the account", () => {
    const { http } = api([]);
    expect(new Api(http, 'a/b').servicesPath('x')).toBe('/accounts/a%2Fb/connectivity/directory/services/x');
  });
});

describe('servicePages', () => {
  it('asks for pages of 1,000 by default, with the type when given', async () => {
    const { api: a, sent } = api([page([svc('a')]), page([svc('b')])]);
    const got: Service[][] = [];
    for await (const p of a.servicePages()) got.push(p);
    expect(got).toStrictEqual([[svc('a')]]);
    for await (const p of a.servicePages({ type: 'http', perPage: 5 })) got.push(p);
    expect(sent).toStrictEqual([LIST(1), `GET ${BASE}?type=http&page=1&per_page=5`]);
    expect(PAGE_SIZE).toBe(1000);
  });

  it('needs Connectivity Directory Read', async () => {
    const { api: a } = api([answer(403, null, [{ code: 9109, message: 'denied' }])]);
    const e = await caught(a.findByName('x'));
    expect((e as AuthError).hints).toStrictEqual(['the credentials lack a permission: this needs "Connectivity Directory Read" on the account']);
  });

  async function walk(steps: Step[], perPage = 3) {
    const { api: a, sent } = api(steps);
    const pages: string[][] = [];
    try {
      for await (const p of a.servicePages({ perPage })) pages.push(p.map((s) => s.service_id));
      return { pages, sent: sent.length };
    } catch (e) {
      return { pages, sent: sent.length, error: (e as Error).message };
    }
  }
  const ends = (r: { sent: number; error?: string }, sent: number) => {
    expect(r.error).toBeUndefined();
    expect(r.sent).toBe(sent);
  };
  const ids = (p: number, n: number) => Array.from({ length: n }, (_, i) => svc(`p${p}-${i}`));

  it('an empty page when the count is reached ends the list quietly', async () => {
    expect(await walk([page(ids(1, 3), { per_page: 3, total_count: 3, total_pages: 2 }), page([], { per_page: 3, total_count: 3 })])).toStrictEqual({ pages: [['p1-0', 'p1-1', 'p1-2']], sent: 1 });
    expect(await walk([page(ids(1, 3), { per_page: 3 }), page([], { per_page: 3, total_count: 3 })])).toStrictEqual({ pages: [['p1-0', 'p1-1', 'p1-2']], sent: 2 });
    ends(await walk([page(ids(1, 3), { per_page: 3 }), page([], { per_page: 3, total_count: '9' })]), 2);
  });

  it('an empty page short of the count is an error', async () => {
    expect((await walk([page(ids(1, 3), { per_page: 3 }), page([], { per_page: 3, total_count: 4 })])).error).toBe(
      'the API sent an empty page 2 of a list it says holds 4 services (3 sent); stopped listing',
    );
  });

  it('a short page with result_info but no counts asks for the next page', async () => {
    expect(await walk([page(ids(1, 2), { per_page: 3 }), page([], { per_page: 3 })])).toStrictEqual({ pages: [['p1-0', 'p1-1']], sent: 2 });
  });

  it('a short last page that the counts agree with ends the list', async () => {
    expect(await walk([page(ids(1, 2), { page: 1, per_page: 3, total_pages: 1 })])).toStrictEqual({ pages: [['p1-0', 'p1-1']], sent: 1 });
    ends(await walk([page(ids(1, 3), { per_page: 3, total_count: 5 }), page(ids(2, 2), { per_page: 3, total_count: 5 })]), 2);
  });

  it('a short page contradicting total_count names both counts', async () => {
    expect((await walk([page(ids(1, 2), { per_page: 3, total_count: 3 })])).error).toBe(
      'the API sent 2 of 3 services on page 1 of a list it says holds 3 services in ? pages; stopped listing',
    );
    expect((await walk([page(ids(1, 2), { per_page: 3, total_pages: 2 })])).error).toBe(
      'the API sent 2 of 3 services on page 1 of a list it says holds ? services in 2 pages; stopped listing',
    );
  });

  it('a full page without result_info asks for the next one', async () => {
    expect(await walk([page(ids(1, 3)), page(ids(2, 3)), page([])])).toStrictEqual({ pages: [['p1-0', 'p1-1', 'p1-2'], ['p2-0', 'p2-1', 'p2-2']], sent: 3 });
  });

  it('per_page from result_info decides what a full page is', async () => {
    ends(await walk([page(ids(1, 2), { per_page: 2, total_count: 4 }), page(ids(2, 2), { per_page: 2, total_count: 4 })], 3), 2);
  });

  it('a per_page that is not a whole number is an error', async () => {
    expect((await walk([page(ids(1, 3), { per_page: 2.5 })])).error).toBe('the API says page 1 holds 3 services with per_page 2.5; stopped listing');
  });

  it('exactly the most pages this tool reads is accepted', async () => {
    expect((await walk([page(ids(1, 3), { per_page: 3, total_count: 3 * MAX_PAGES }), page([], { per_page: 3, total_count: 3 * MAX_PAGES })])).error).toBe(
      `the API sent an empty page 2 of a list it says holds ${3 * MAX_PAGES} services (3 sent); stopped listing`,
    );
    expect((await walk([page(ids(1, 3), { per_page: 3, total_pages: MAX_PAGES }), page([], { per_page: 3 })])).error).toBeUndefined();
  });

  it('a bare page 1 repeated on page 3 is an error', async () => {
    expect((await walk([page(ids(1, 3)), page(ids(2, 3)), page(ids(1, 3))])).error).toBe('the API sent page 3 again as the same services as page 1; stopped listing');
  });

  it('a bare page 2 repeated on page 3 is an error', async () => {
    expect((await walk([page(ids(1, 3)), page(ids(2, 3)), page(ids(2, 3))])).error).toBe('the API sent page 3 again as the same services as page 2; stopped listing');
  });

  it('pages are told apart by their first and last ids and their length', async () => {
    // Same first id and length, another last id: a different page.
    ends(await walk([page([svc('a'), svc('b'), svc('c')]), page([svc('a'), svc('x'), svc('y')]), page([])]), 3);
    // Ids that run together without a separator.
    ends(await walk([page([svc('a'), svc('bc')], { per_page: 2 }), page([svc('ab'), svc('c')], { per_page: 2 }), page([])], 2), 3);
    // Same first and last ids, another length.
    ends(await walk([page([svc('a'), svc('m'), svc('z')]), page([svc('a'), svc('z')], { per_page: 3 }), page([])]), 3);
  });
});

describe('findByName', () => {
  it('stops at the page that has the name', async () => {
    const { api: a, sent } = api([page([svc('1', 'x'), svc('2', 'y')].concat(Array.from({ length: 998 }, (_, i) => svc(`f${i}`)))), page([svc('3', 'db')]), page([svc('4', 'db')])]);
    await expect(a.findByName('db')).resolves.toStrictEqual(svc('3', 'db'));
    expect(sent).toStrictEqual([LIST(1), LIST(2)]);
  });

  it('undefined when no page has it', async () => {
    const { api: a } = api([page([svc('1', 'x')])]);
    await expect(a.findByName('db')).resolves.toBeUndefined();
  });
});

describe('get', () => {
  it('GETs the service by id', async () => {
    const { api: a, sent } = api([answer(200, service())]);
    await expect(a.get(ID)).resolves.toStrictEqual(service());
    expect(sent).toStrictEqual([`GET ${BASE}/${ID}`]);
  });

  it('a 404 is not found, with the API error', async () => {
    const { api: a } = api([missing, answer(404, null)]);
    const e = await caught(a.get(ID));
    expect(e).toBeInstanceOf(NotFoundError);
    expect(e.message).toBe(`no service with id ${ID} ([5104] service not found)`);
    expect((await caught(a.get(ID))).message).toBe(`no service with id ${ID}`);
  });

  it('other errors pass through', async () => {
    const { api: a } = api([answer(400, null, [{ code: 1, message: 'x' }]), answer(403, null, [{ code: 2, message: 'y' }])]);
    const e = await caught(a.get(ID));
    expect([e.constructor, e.message]).toStrictEqual([ApiError, '[1] x']);
    const d = await caught(a.get(ID));
    expect((d as AuthError).hints).toStrictEqual(['the credentials lack a permission: this needs "Connectivity Directory Read" on the account']);
  });
});

describe('create', () => {
  const check = 'check with `vpcsvc get db`';

  it('POSTs the definition; needs Connectivity Directory Admin', async () => {
    const { api: a, sent, bodies } = api([answer(200, service()), answer(403, null, [{ code: 9109, message: 'no' }])]);
    await expect(a.create(def)).resolves.toStrictEqual(service());
    expect(sent).toStrictEqual([`POST ${BASE}`]);
    expect(JSON.parse(bodies[0] as string)).toStrictEqual(def);
    const e = await caught(a.create(def));
    expect((e as AuthError).hints).toStrictEqual(['the credentials lack a permission: this needs "Connectivity Directory Admin" on the account']);
  });

  it('an attempt without an answer is looked up: found with the same definition, it is the result', async () => {
    const { api: a, sent } = api([reset, page([service()])]);
    await expect(a.create(def)).resolves.toStrictEqual(service());
    expect(sent).toStrictEqual([`POST ${BASE}`, LIST(1)]);
  });

  it('not found by the lookup, it is sent again', async () => {
    const { api: a, sent } = api([down, page([]), answer(201, service())]);
    await expect(a.create(def)).resolves.toStrictEqual(service());
    expect(sent).toStrictEqual([`POST ${BASE}`, LIST(1), `POST ${BASE}`]);
  });

  it('found with another definition: the create is not repeated', async () => {
    const { api: a, sent } = api([reset, page([service({ tcp_port: 1, service_id: 'other' })])]);
    const e = await caught(a.create(def));
    expect(e).toBeInstanceOf(ApiError);
    expect(e.message).toBe('a service named "db" now exists (other) with a different definition; the create was not repeated');
    expect(sent).toHaveLength(2);
  });

  it('a lookup that fails: may have been applied', async () => {
    const { api: a } = api([reset, answer(400, null, [{ code: 7, message: 'bad' }])]);
    const e = await caught(a.create(def));
    expect(e).toBeInstanceOf(MaybeApplied);
    expect(e.message).toBe(`create db may have been applied: an attempt may have reached the server (it got no answer, or a server error), and looking it up failed ([7] bad); ${check}`);
  });

  it('a lookup that throws something else than an Error still says so', async () => {
    const { api: a } = api([
      reset,
      () => {
        throw 'odd';
      },
    ]);
    const e = await caught(a.create(def));
    expect(e.message).toBe(`create db may have been applied: an attempt may have reached the server (it got no answer, or a server error), and looking it up failed (odd); ${check}`);
  });

  it('the last attempt unanswered: looked up once more, found', async () => {
    const { api: a, sent } = api([down, page([service()])], { retry: { maxRetries: 0 } });
    await expect(a.create(def)).resolves.toStrictEqual(service());
    expect(sent).toStrictEqual([`POST ${BASE}`, LIST(1)]);
  });

  it('the last attempt unanswered and not found: its error stands', async () => {
    const { api: a, sent } = api([down, page([])], { retry: { maxRetries: 0 } });
    const e = await caught(a.create(def));
    expect([e.constructor, e.message]).toStrictEqual([ApiError, '[10002] Internal server error']);
    expect(sent).toHaveLength(2);
  });

  it('the last attempt unanswered and the lookup fails: may have been applied, with the error as the cause', async () => {
    const { api: a } = api([new NetworkError('timeout', 'h did not answer within 1 s'), answer(400, null, [{ code: 7, message: 'bad' }])], { retry: { maxRetries: 0 } });
    const e = await caught(a.create(def));
    expect(e).toBeInstanceOf(MaybeApplied);
    expect(e.message).toBe(`create db may have been applied: h did not answer within 1 s, and looking it up failed ([7] bad); ${check}`);
  });

  it('a refused last attempt is not looked up', async () => {
    const { api: a, sent } = api([refused], { retry: { maxRetries: 0 } });
    expect((await caught(a.create(def))).message).toBe('connection refused');
    expect(sent).toHaveLength(1);
  });

  it('a 4xx after a refused attempt is not looked up', async () => {
    const { api: a, sent } = api([refused, answer(409, null, [{ code: 5101, message: 'exists' }])]);
    expect((await caught(a.create(def))).message).toBe('[5101] exists (after 2 attempts)');
    expect(sent).toHaveLength(2);
  });

  it.each<[string, TransportResponse]>([
    ['409 without a code', answer(409, null)],
    ['5101 with another status', answer(400, null, [{ code: 5101, message: 'exists' }])],
  ])('"already exists" (%s) after a lost attempt is looked up', async (_, exists) => {
    const { api: a, sent } = api([reset, page([]), exists, page([service()])]);
    await expect(a.create(def)).resolves.toStrictEqual(service());
    expect(sent).toStrictEqual([`POST ${BASE}`, LIST(1), `POST ${BASE}`, LIST(1)]);
  });

  it('another 4xx after a lost attempt is not looked up', async () => {
    const { api: a, sent } = api([reset, page([]), answer(400, null, [{ code: 9, message: 'invalid' }])]);
    expect((await caught(a.create(def))).message).toBe('[9] invalid (after 2 attempts)');
    expect(sent).toHaveLength(3);
  });

  it('"already exists" after a lost attempt, and nothing found: stays "already exists"', async () => {
    const { api: a, sent } = api([reset, page([]), answer(409, null, [{ code: 5101, message: 'exists' }]), page([])]);
    expect((await caught(a.create(def))).message).toBe('[5101] exists (after 2 attempts)');
    expect(sent).toHaveLength(4);
  });

  it('an error that is not the API\'s passes through', async () => {
    const { api: a } = api([answer(401, null, [{ code: 10000, message: 'auth' }])]);
    expect(await caught(a.create(def))).toBeInstanceOf(AuthError);
  });

  it('cancelled before any attempt was lost: not created', async () => {
    const { api: a } = api([refused], { cancelSleep: true });
    const e = (await caught(a.create(def))) as Cancelled;
    expect([e.constructor, e.message, e.inFlight]).toStrictEqual([Cancelled, 'cancelled: db was not created', false]);
  });

  it('cancelled after an attempt was lost: may have been applied', async () => {
    const { api: a } = api([down, page([])], { cancelSleep: true });
    const e = (await caught(a.create(def))) as Cancelled;
    expect([e.constructor, e.message, e.inFlight]).toStrictEqual([Cancelled, `cancelled while creating db: it may have been applied; ${check}`, true]);
  });

  it('cancelled during the lookup: may have been applied', async () => {
    // A 408 is retried after a lookup, yet was answered: only the lookup's cancel says "in flight".
    const { api: a } = api([answer(408, null), aborted]);
    const e = (await caught(a.create(def))) as Cancelled;
    expect([e.constructor, e.message, e.inFlight]).toStrictEqual([Cancelled, `cancelled while creating db: it may have been applied; ${check}`, true]);
  });
});

describe('update', () => {
  it('PUTs the definition to the id', async () => {
    const { api: a, sent, bodies } = api([answer(200, service())]);
    await expect(a.update(ID, def, 'db')).resolves.toStrictEqual(service());
    expect(sent).toStrictEqual([`PUT ${BASE}/${ID}`]);
    expect(JSON.parse(bodies[0] as string)).toStrictEqual(def);
  });

  it('a 404 is not found', async () => {
    const { api: a } = api([missing]);
    const e = await caught(a.update(ID, def, 'db'));
    expect([e.constructor, e.message]).toStrictEqual([NotFoundError, `no service with id ${ID} ([5104] service not found)`]);
  });

  it('an unanswered last attempt: may have been applied, checked by name', async () => {
    const { api: a } = api([down], { retry: { maxRetries: 0 } });
    const e = await caught(a.update(ID, def, 'db'));
    expect([e.constructor, e.message]).toStrictEqual([MaybeApplied, `update db (${ID}) may have been applied: [10002] Internal server error; check with \`vpcsvc get db\``]);
  });

  it('after a rename, or without a name, checked by id', async () => {
    const { api: a } = api([down, reset], { retry: { maxRetries: 0 } });
    expect((await caught(a.update(ID, def, 'old'))).message).toBe(`update old (${ID}) may have been applied: [10002] Internal server error; check with \`vpcsvc get ${ID}\``);
    expect((await caught(a.update(ID, def))).message).toBe(`update ${ID} may have been applied: the connection was reset; check with \`vpcsvc get ${ID}\``);
  });

  it('an answered failure after a lost attempt is that failure', async () => {
    const { api: a } = api([reset, answer(400, null, [{ code: 9, message: 'invalid' }])]);
    const e = await caught(a.update(ID, def, 'db'));
    expect([e.constructor, e.message]).toStrictEqual([ApiError, '[9] invalid (after 2 attempts)']);
  });

  it('cancelled: not updated, or may have been applied', async () => {
    const { api: a } = api([refused, down], { cancelSleep: true });
    const e = (await caught(a.update(ID, def, 'db'))) as Cancelled;
    expect([e.constructor, e.message, e.inFlight]).toStrictEqual([Cancelled, `cancelled: db (${ID}) was not updated`, false]);
    const f = (await caught(a.update(ID, def, 'db'))) as Cancelled;
    expect([f.message, f.inFlight]).toStrictEqual([`cancelled while updating db (${ID}): it may have been applied; check with \`vpcsvc get db\``, true]);
  });
});

describe('remove', () => {
  it('DELETEs the id; an empty answer is fine', async () => {
    const { api: a, sent } = api([{ status: 200, headers: {}, body: '' }]);
    await expect(a.remove(ID, 'db')).resolves.toBeUndefined();
    expect(sent).toStrictEqual([`DELETE ${BASE}/${ID}`]);
  });

  it('a 404 without a lost attempt is not found', async () => {
    const { api: a } = api([missing]);
    expect((await caught(a.remove(ID, 'db'))).message).toBe(`no service with id ${ID} ([5104] service not found)`);
  });

  it('unanswered: may have been applied', async () => {
    const { api: a } = api([reset, down], { retry: { maxRetries: 0 } });
    const e = await caught(a.remove(ID, 'db'));
    expect([e.constructor, e.message]).toStrictEqual([MaybeApplied, `delete db (${ID}) may have been applied: the connection was reset; check with \`vpcsvc get db\``]);
    expect((await caught(a.remove(ID))).message).toBe(`delete ${ID} may have been applied: [10002] Internal server error; check with \`vpcsvc get ${ID}\``);
  });

  it('cancelled: not deleted, or may have been applied', async () => {
    const { api: a } = api([refused, reset], { cancelSleep: true });
    expect((await caught(a.remove(ID, 'db'))).message).toBe(`cancelled: db (${ID}) was not deleted`);
    const f = (await caught(a.remove(ID))) as Cancelled;
    expect([f.message, f.inFlight]).toStrictEqual([`cancelled while deleting ${ID}: it may have been applied; check with \`vpcsvc get ${ID}\``, true]);
  });

  it('a non-API error passes through', async () => {
    const { api: a } = api([answer(401, null)]);
    expect(await caught(a.remove(ID))).toBeInstanceOf(AuthError);
  });
});

describe('tunnels and accounts', () => {
  it('tunnels: not deleted ones, 1,000 at a time; needs Cloudflare Tunnel Read', async () => {
    const { api: a, sent } = api([answer(200, [{ id: 't1', status: 'healthy' }, { id: 't2', name: 'n', status: null }]), answer(403, null)]);
    await expect(a.tunnels()).resolves.toStrictEqual([{ id: 't1', name: '', status: 'healthy' }, { id: 't2', name: 'n', status: null }]);
    expect(sent).toStrictEqual([`GET /client/v4/accounts/${ACCOUNT}/cfd_tunnel?is_deleted=false&per_page=1000`]);
    expect(((await caught(a.tunnels())) as AuthError).hints).toStrictEqual(['the credentials lack a permission: this needs "Cloudflare Tunnel Read" on the account']);
  });

  it('listAccounts: 50 at a time; needs Account Settings Read', async () => {
    const { http, sent } = api([answer(200, [{ id: ACCOUNT }, { id: ACCOUNT.toUpperCase(), name: 'B' }]), answer(403, null)]);
    await expect(listAccounts(http)).resolves.toStrictEqual([{ id: ACCOUNT, name: '' }, { id: ACCOUNT.toUpperCase(), name: 'B' }]);
    expect(sent).toStrictEqual(['GET /client/v4/accounts?per_page=50']);
    expect(((await caught(listAccounts(http))) as AuthError).hints).toStrictEqual(['the credentials lack a permission: this needs "Account Settings Read" on the account']);
  });

  it('listAccounts refuses an id that is not 32 hex characters, quoting at most 64 of it', async () => {
    const long = `../${'x'.repeat(70)}`;
    const { http } = api([answer(200, [{ id: ACCOUNT }, { id: long }])]);
    const e = await caught(listAccounts(http));
    expect([e.constructor, e.message]).toStrictEqual([ApiError, `GET /accounts answered an account id that is not 32 hexadecimal characters (got ${JSON.stringify(long.slice(0, 64))})`]);
  });
});

describe('answers of the wrong shape', () => {
  it('a service without an id is refused', async () => {
    const { api: a } = api([answer(200, { name: 'db', type: 'tcp', host: {} })]);
    expect((await caught(a.get(ID))).message).toMatch(/^the API answered with an unexpected result \(service_id: .+\)$/);
  });

  it('cancelled during the lookup after the last attempt: may have been applied', async () => {
    const { api: a } = api([down, aborted], { retry: { maxRetries: 0 } });
    const e = (await caught(a.create(def))) as Cancelled;
    expect([e.constructor, e.message, e.inFlight]).toStrictEqual([Cancelled, 'cancelled while creating db: it may have been applied; check with `vpcsvc get db`', true]);
  });
});
