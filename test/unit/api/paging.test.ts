import { describe, expect, it } from 'vitest';
import { Api, MAX_PAGES, type Service } from '../../../src/api/client';
import { HttpClient } from '../../../src/api/http';
import type { TransportRequest } from '../../../src/api/transport';

/** servicePages against a scripted server: which page answers are followed, and which stop the list. */

const svc = (id: string): Service => ({ service_id: id, name: id, type: 'tcp', host: {} });
const ids = (p: number, n: number) => Array.from({ length: n }, (_, i) => svc(`p${p}-${i}`));
type Page = { result: Service[]; result_info?: Record<string, unknown> };

async function walk(answer: (page: number, perPage: number) => Page, perPage = 3): Promise<{ pages: string[][]; requests: number; error?: string }> {
  let requests = 0;
  const http = new HttpClient({
    baseUrl: new URL('http://127.0.0.1:1/client/v4'),
    timeoutMs: 1000,
    userAgent: 'vpcsvc/test',
    sleep: async () => {},
    now: () => 0,
    transport: async (req: TransportRequest) => {
      requests++;
      const page = Number(req.url.searchParams.get('page'));
      const body = { success: true, errors: [], messages: [], ...answer(page, Number(req.url.searchParams.get('per_page'))) };
      return { status: 200, headers: {}, body: JSON.stringify(body) };
    },
  });
  const pages: string[][] = [];
  try {
    for await (const p of new Api(http, 'acc').servicePages({ perPage })) pages.push(p.map((s) => s.service_id));
    return { pages, requests };
  } catch (e) {
    return { pages, requests, error: (e as Error).message };
  }
}

describe('honest lists end where they say', () => {
  it.each<[string, (page: number) => Page, number, number]>([
    ['total_count', (p) => ({ result: p <= 2 ? ids(p, 3) : ids(p, 1), result_info: { page: p, per_page: 3, total_count: 7 } }), 3, 3],
    ['total_pages', (p) => ({ result: ids(p, 3), result_info: { page: p, per_page: 3, total_pages: 2 } }), 2, 2],
    ['an empty page', (p) => ({ result: p <= 2 ? ids(p, 3) : [], result_info: { page: p, per_page: 3 } }), 2, 3],
    ['a short page without result_info', (p) => ({ result: ids(p, p === 2 ? 2 : 3) }), 2, 2],
    ['a server that ignores page and sends all (page 1 repeated)', () => ({ result: ids(1, 5) }), 1, 2],
    ['the exact fit: total_count a multiple of per_page', (p) => ({ result: ids(p, 3), result_info: { page: p, per_page: 3, total_count: 6 } }), 2, 2],
  ])('%s', async (_, answer, pages, requests) => {
    const r = await walk(answer);
    expect(r.error).toBeUndefined();
    expect(r.pages).toHaveLength(pages);
    expect(r.requests).toBe(requests);
  });
});

describe('lists that stop making sense end with an error', () => {
  it.each<[string, (page: number) => Page, number, string]>([
    ['a page repeating an earlier page (not page 1)', (p) => ({ result: ids(p === 4 ? 2 : p, 3), result_info: { page: p, per_page: 3 } }), 3, 'the API sent page 4 again as the same services as page 2; stopped listing'],
    ['page 1 repeated later, with result_info', (p) => ({ result: ids(p === 3 ? 1 : p, 3), result_info: { page: p, per_page: 3 } }), 2, 'the API sent page 3 again as the same services as page 1; stopped listing'],
    ['page 1 repeated on page 2, with result_info', () => ({ result: ids(1, 3), result_info: { per_page: 3 } }), 1, 'the API sent page 2 again as the same services as page 1; stopped listing'],
    ['per_page 0', (p) => ({ result: ids(p, 3), result_info: { per_page: 0 } }), 0, 'the API says page 1 holds 3 services with per_page 0; stopped listing'],
    ['per_page negative', (p) => ({ result: ids(p, 3), result_info: { per_page: -1 } }), 0, 'the API says page 1 holds 3 services with per_page -1; stopped listing'],
    ['a wrong page number', (p) => ({ result: ids(p, 3), result_info: { page: 1, per_page: 3 } }), 1, 'the API answered page 1 when asked for page 2; stopped listing'],
    ['a huge total_pages', (p) => ({ result: ids(p, 3), result_info: { per_page: 3, total_pages: MAX_PAGES + 1 } }), 0, `the API says the list has ${MAX_PAGES + 1} pages, more than the ${MAX_PAGES} this tool reads; stopped listing`],
    ['a huge total_count', (p) => ({ result: ids(p, 3), result_info: { per_page: 3, total_count: 3 * MAX_PAGES + 1 } }), 0, `the API says the list has ${MAX_PAGES + 1} pages, more than the ${MAX_PAGES} this tool reads; stopped listing`],
    ['an empty page before total_count is reached', (p) => ({ result: p === 1 ? ids(1, 1) : [], result_info: { page: p, per_page: 3, total_count: 3, total_pages: 1 } }), 1, 'the API sent 1 of 3 services on page 1 of a list it says holds 3 services in 1 pages; stopped listing'],
    ['an empty first page of a list it says holds 5', () => ({ result: [], result_info: { page: 1, per_page: 3, count: 0, total_count: 5 } }), 0, 'the API sent an empty page 1 of a list it says holds 5 services (0 sent); stopped listing'],
    ['a short page while total_pages says more', (p) => ({ result: ids(p, 1), result_info: { page: p, per_page: 1000, count: 1, total_count: 3, total_pages: 3 } }), 1, 'the API sent 1 of 1000 services on page 1 of a list it says holds 3 services in 3 pages; stopped listing'],
    ['more pages than its own count allows', (p) => ({ result: ids(p, 3), result_info: { per_page: 3, total_count: p === 1 ? 7 : 3 } }), 1, 'the API sent page 2 of a list it says holds 3 services in pages of 3; stopped listing'],
  ])('%s', async (_, answer, pages, error) => {
    const r = await walk(answer);
    expect(r.error).toBe(error);
    expect(r.pages).toHaveLength(pages);
  });

  it(`a list that never ends stops after ${MAX_PAGES} pages`, async () => {
    const r = await walk((p) => ({ result: ids(p, 1) }), 1);
    expect(r.error).toBe(`the list did not end after ${MAX_PAGES} pages; stopped listing`);
    expect(r.requests).toBe(MAX_PAGES);
  });
});
