import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNT, FakeCloudflare, TUNNEL, TUNNEL_2 } from '../support/fake-api';
import { useFakeApi } from '../support/use-fake';
import { runCli, tempDir } from '../support/run-cli';

const fake = useFakeApi();
let dir: string;
beforeEach(async () => {
  dir = tempDir();
});

const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const def = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  type: 'tcp',
  host: { ipv4: '10.0.0.1', network: { tunnel_id: TUNNEL } },
  tcp_port: 5432,
  ...extra,
});
const web = (name: string) => ({ name, type: 'http', host: { hostname: `${name}.internal`, resolver_network: { tunnel_id: TUNNEL, resolver_ips: ['10.0.0.53'] } }, https_port: 443 });

describe('create --file', () => {
  it('an object', async () => {
    const r = await runCli(['create', '-f', file('one.json', JSON.stringify(def('one'))), '--json'], fake);
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout).name).toBe('one');
    expect(fake.sent('POST')[0]!.body).toStrictEqual(def('one'));
  });

  it('an array, created with bounded concurrency, one result per item', async () => {
    const items = Array.from({ length: 9 }, (_, i) => def(`db-${i}`));
    const r = await runCli(['create', '-f', file('many.json', JSON.stringify(items)), '--json', '--concurrency', '3'], fake);
    expect(r.exitCode).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.map((s: { name: string }) => s.name)).toEqual(items.map((i) => i.name));
    expect(fake.list()).toHaveLength(9);
  });

  it('NDJSON from stdin, --ndjson out', async () => {
    const text = `${JSON.stringify(def('a'))}\n\n${JSON.stringify(web('b'))}\n`;
    const r = await runCli(['create', '-f', '-', '--ndjson'], fake, { input: text });
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.name).sort()).toEqual(['a', 'b']);
    expect(fake.sent('POST').map((p) => p.body)).toEqual(expect.arrayContaining([def('a'), web('b')]));
  });

  it('an object on stdin; flags override file fields', async () => {
    const r = await runCli(['create', '-f', '-', '--tcp-port', '6543', '--tunnel', TUNNEL_2, '-q'], fake, { input: JSON.stringify(def('over')) });
    expect(r.exitCode).toBe(0);
    expect(fake.sent('POST')[0]!.body).toStrictEqual(def('over', { tcp_port: 6543, host: { ipv4: '10.0.0.1', network: { tunnel_id: TUNNEL_2 } } }));
  });

  it('read-only fields are ignored', async () => {
    const withRo = { ...def('ro'), service_id: '550e8400-e29b-41d4-a716-446655440000', created_at: '2024-01-01T00:00:00Z', updated_at: '2024-01-01T00:00:00Z' };
    const r = await runCli(['create', '-f', file('ro.json', JSON.stringify(withRo)), '-q'], fake);
    expect(r.exitCode).toBe(0);
    expect(fake.sent('POST')[0]!.body).toStrictEqual(def('ro'));
  });

  it.each<[string, string, string[]]>([
    ['unknown key, with the nearest one', JSON.stringify({ ...def('x'), tcp_prot: 1 }), ['tcp_prot: unknown field (did you mean tcp_port?)']],
    ['unknown key in a batch, with its index', JSON.stringify([def('x'), { ...def('y'), host: { ipv4: '10.0.0.1', netwrk: {} } }]), ['[1].host.netwrk: unknown field (did you mean network?)']],
    ['wrong type', JSON.stringify({ ...def('x'), tcp_port: '5432' }), ['tcp_port: must be an integer from 1 to 65535 (got "5432")']],
    ['truncated JSON', JSON.stringify(def('x')).slice(0, 40), ['invalid JSON at line 1, column', 'truncated']],
    ['malformed JSON on line 3', '{\n  "name": "x",\n  "type": tcp\n}', ['invalid JSON at line 3']],
    ['empty file', '', ['is empty']],
    ['whitespace only', '  \n ', ['is empty']],
    ['not an object', '42', ['must hold a JSON object']],
    ['array with a non-object', JSON.stringify([def('x'), 'y']), ['[1]: must be a JSON object']],
    ['duplicate names', JSON.stringify([def('x'), def('x')]), ['[1].name: "x" is already the name of item [0]']],
    ['one invalid item in a batch sends nothing', JSON.stringify([def('ok1'), def('bad', { tcp_port: 0 }), def('ok2')]), ['[1].tcp_port: must be an integer from 1 to 65535']],
    ['flags for the other type', JSON.stringify({ ...def('x'), http_port: 80 }), ['http_port: only with type http']],
  ])('bad input: %s -> exit 2, nothing sent', async (_n, text, fragments) => {
    const r = await runCli(['create', '-f', file('bad.json', text)], fake);
    expect(r.exitCode).toBe(2);
    for (const f of fragments) expect(r.stderr).toContain(f);
    expect(r.stderr).toContain('--file');
    expect(fake.requests).toHaveLength(0);
  });

  it('an 11 MiB file is refused before reading, nothing sent', async () => {
    const big = file('big.json', `[${'0,'.repeat(11 * 1024 * 512)}0]`);
    const r = await runCli(['create', '-f', big], fake);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('over the 10 MiB limit');
    const piped = await runCli(['create', '-f', '-'], fake, { input: ' '.repeat(11 * 1024 * 1024) });
    expect(piped.exitCode).toBe(2);
    expect(piped.stderr).toContain('larger than 10 MiB');
    expect(fake.requests).toHaveLength(0);
  });

  it('a missing file is exit 2', async () => {
    const r = await runCli(['create', '-f', join(dir, 'nope.json')], fake);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('ENOENT');
  });

  it('a batch where the API rejects one item exits 3; the rest exist', async () => {
    fake.seed([def('taken', { tcp_port: 1 })]);
    const items = [def('n1'), def('taken'), def('n2')];
    const r = await runCli(['create', '-f', file('b.json', JSON.stringify(items)), '--json'], fake);
    expect(r.exitCode).toBe(3);
    const out = JSON.parse(r.stdout);
    expect(out[1]).toEqual({ item: 1, name: 'taken', error: { code: 5101, message: '[5101] service already exists', status: 409 } });
    expect(out[0].name).toBe('n1');
    expect(out[2].name).toBe('n2');
    expect(fake.list().map((s) => s.name).sort()).toEqual(['n1', 'n2', 'taken']);
    // With --json the failure is in the results; stderr is only the JSON error object.
    expect(JSON.parse(r.stderr)).toEqual({ error: { code: 'partial_failure', message: '1 of 3 creates failed; 2 created', status: null } });
  });

  it('--dry-run prints every request and sends nothing', async () => {
    const r = await runCli(['create', '-f', file('d.json', JSON.stringify([def('a'), def('b')])), '--dry-run', '--json'], fake, { noCredentials: true });
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout).map((x: { body: { name: string } }) => x.body.name)).toEqual(['a', 'b']);
    expect(fake.requests).toHaveLength(0);
  });
});

describe('update --file', () => {
  it('get --json | update <id> -f - changes nothing', async () => {
    const [s] = fake.seed([{ ...web('w'), tls_settings: { cert_verification_mode: 'verify_ca' } }]);
    const got = await runCli(['get', s!.service_id, '--json'], fake);
    const r = await runCli(['update', s!.service_id, '-f', '-'], fake, { input: got.stdout });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain('no changes');
    expect(fake.mutations()).toHaveLength(0);
  });

  it('a file replaces the whole definition', async () => {
    const [s] = fake.seed([web('w')]);
    const r = await runCli(['update', 'w', '-f', '-', '-q'], fake, { input: JSON.stringify(def('w')) });
    expect(r.exitCode).toBe(0);
    expect(fake.sent('PUT')[0]!.path).toContain(s!.service_id);
    expect(fake.sent('PUT')[0]!.body).toStrictEqual(def('w'));
  });
});

describe('apply and export', () => {
  it('creates, updates and prunes as planned; a second run sends no POST, PUT or DELETE', async () => {
    const [, keep] = fake.seed([def('old'), def('same'), def('changed')]);
    const desired = [def('same'), def('changed', { tcp_port: 6432, app_protocol: 'postgresql' }), web('new-web')];
    const path = file('services.json', JSON.stringify(desired));

    const dry = await runCli(['apply', '-f', path, '--prune', '--dry-run'], fake);
    expect(dry.exitCode).toBe(0);
    expect(dry.stdout).toContain('Plan: 1 to create, 1 to update, 1 to leave unchanged, 1 to delete');
    expect(dry.stdout).toContain('~ tcp_port: 5432 -> 6432');
    expect(dry.stdout).toContain('+ app_protocol: "postgresql"');
    expect(fake.mutations()).toHaveLength(0);

    const noYes = await runCli(['apply', '-f', path, '--prune'], fake);
    expect(noYes.exitCode).toBe(2);
    expect(noYes.stderr).toContain('--yes');
    expect(fake.mutations()).toHaveLength(0);

    const r = await runCli(['apply', '-f', path, '--prune', '--yes', '--json'], fake);
    expect(r.exitCode).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.plan.map((s: { action: string; name: string }) => `${s.action} ${s.name}`)).toEqual([
      'unchanged same',
      'update changed',
      'create new-web',
      'delete old',
    ]);
    expect(out.outcome.every((o: { ok: boolean }) => o.ok)).toBe(true);
    expect(fake.sent('POST')).toHaveLength(1);
    expect(fake.sent('PUT')).toHaveLength(1);
    expect(fake.sent('DELETE')).toHaveLength(1);
    const names = fake.list().map((s) => s.name).sort();
    expect(names).toEqual(['changed', 'new-web', 'same']);
    expect(fake.list().find((s) => s.name === 'same')!.service_id).toBe(keep!.service_id);

    const before = fake.mutations().length;
    const again = await runCli(['apply', '-f', path, '--prune'], fake);
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toContain('3 to leave unchanged');
    expect(fake.mutations()).toHaveLength(before);
  });

  it('--dry-run prints the requests too, and needs no credentials', async () => {
    const [old] = fake.seed([def('old')]);
    const desired = JSON.stringify([def('old', { tcp_port: 1 }), def('new')]);
    const r = await runCli(['apply', '-f', '-', '--dry-run', '--prune', '--json'], fake, { input: JSON.stringify([def('new')]) });
    expect(r.exitCode).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.requests).toEqual([
      { method: 'POST', url: `${fake.url}/accounts/${ACCOUNT}/connectivity/directory/services`, body: def('new') },
      { method: 'DELETE', url: `${fake.url}/accounts/${ACCOUNT}/connectivity/directory/services/${old!.service_id}` },
    ]);
    const blind = await runCli(['apply', '-f', '-', '--dry-run'], fake, { input: desired, noCredentials: true });
    expect(blind.exitCode).toBe(0);
    expect(blind.stderr).toContain('no credentials');
    expect(blind.stdout).toContain('Plan: 2 to create');
    expect(blind.stdout).toContain(`POST ${fake.url}/accounts/{account_id}/connectivity/directory/services`);
    expect(fake.mutations()).toHaveLength(0);
  });

  it('without --prune nothing is deleted', async () => {
    fake.seed([def('stay')]);
    const r = await runCli(['apply', '-f', '-', '--yes'], fake, { input: JSON.stringify(def('other')) });
    expect(r.exitCode).toBe(0);
    expect(fake.sent('DELETE')).toHaveLength(0);
    expect(fake.list()).toHaveLength(2);
  });

  it('duplicate names in the file: exit 2 before anything is sent', async () => {
    const r = await runCli(['apply', '-f', '-', '--yes'], fake, { input: JSON.stringify([def('d'), def('d')]) });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('already the name of item [0]');
    expect(fake.requests).toHaveLength(0);
  });

  it('export then apply is a no-op', async () => {
    fake.seed([def('a', { app_protocol: 'mysql', tls_settings: { cert_verification_mode: 'verify_ca' } }), web('b'), def('c', { host: { ipv4: '10.0.0.2', ipv6: 'fd00::2', network: { tunnel_id: TUNNEL } } })]);
    const exported = await runCli(['export'], fake);
    expect(exported.exitCode).toBe(0);
    const defs = JSON.parse(exported.stdout);
    expect(defs).toHaveLength(3);
    expect(defs.every((d: Record<string, unknown>) => d.service_id === undefined && d.created_at === undefined)).toBe(true);
    const r = await runCli(['apply', '-f', file('exported.json', exported.stdout), '--prune'], fake);
    expect(r.exitCode).toBe(0);
    expect(fake.mutations()).toHaveLength(0);
  });

  it('export --type and --ndjson; [] when empty', async () => {
    expect((await runCli(['export'], fake)).stdout).toBe('[]\n');
    fake.seed([def('a'), web('b')]);
    const r = await runCli(['export', '--type', 'http', '--ndjson'], fake);
    expect(r.stdout.trim().split('\n').map((l) => JSON.parse(l))).toEqual([web('b')]);
  });
});
