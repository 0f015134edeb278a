import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ACCOUNT, TUNNEL, TUNNEL_2 } from '../support/fake-api';
import { useFakeApi } from '../support/use-fake';
import { runInProcess, scriptedPrompter } from '../support/in-process';
import { writeWranglerConfig } from '../support/wrangler-config';
import { def, SERVICES } from '../support/sample-services';

// create from flags on a terminal: the tunnel pre-check, the snippet, the wizard; binding wiring;
// create --file's own refusals.
const fake = useFakeApi();
const tty = { stdin: true, stderr: true };
const env = { NO_COLOR: '1' };
const args = (name: string, tunnel = TUNNEL) => ['create', name, '--type', 'tcp', '--ipv4', '10.0.0.1', '--tunnel', tunnel, '--tcp-port', '5432'];
const NOTE = 'Bindings are not inherited by environments: repeat the entry under each [env.<name>] (or "env": {"<name>": ...}) that needs it.';
const snippet = (binding: string, id: string) =>
  `\nTo use it from a Worker, add to wrangler.jsonc:\n\n"vpc_services": [\n  { "binding": "${binding}", "service_id": "${id}", "remote": true }\n]\n\nor to wrangler.toml:\n\n[[vpc_services]]\nbinding = "${binding}"\nservice_id = "${id}"\nremote = true\n\n${NOTE}\n`;
const TUNNEL_PATH = `/accounts/${ACCOUNT}/cfd_tunnel/${TUNNEL}`;

describe('create on a terminal', () => {
  it('checks the tunnel first, then prints the snippet with the derived binding', async () => {
    const r = await runInProcess([...args('orders-db'), '-q'], fake, { tty: { stderr: true }, env });
    const id = fake.list()[0]!.service_id;
    expect(r).toMatchObject({ exitCode: 0, stdout: `${id}\n`, stderr: snippet('ORDERS_DB', id) });
    expect(fake.requests.map((q) => `${q.method} ${q.path}`)).toEqual([`GET ${TUNNEL_PATH}`, `GET ${TUNNEL_PATH}/connections`, `POST ${SERVICES}`]);
  });

  it('a tunnel that is down or missing is a warning, never a block', async () => {
    const down = await runInProcess([...args('a', TUNNEL_2), '-q', '--binding', 'A_B'], fake, { tty: { stderr: true }, env });
    expect(down.exitCode).toBe(0);
    expect(down.stderr).toBe(
      'warning: tunnel lab-tunnel is down: its services cannot be reached until cloudflared connects\n' +
        'warning: tunnel lab-tunnel has no connector: no cloudflared is running for it\n' +
        snippet('A_B', fake.list()[0]!.service_id),
    );
    const missing = '11111111-2222-4333-8444-555555555555';
    const r = await runInProcess([...args('b', missing), '-q'], fake, { tty: { stderr: true }, env });
    expect(r.stderr.split('\n')[0]).toBe(`warning: tunnel ${missing} does not exist in this account; check --tunnel`);
  });

  it('--no-check skips the tunnel; without a terminal there is neither check nor snippet', async () => {
    const r = await runInProcess([...args('a'), '-q', '--no-check'], fake, { tty: { stderr: true }, env });
    expect(r.stderr).toBe(snippet('A', fake.list()[0]!.service_id));
    expect(fake.requests.map((q) => q.method)).toEqual(['POST']);
    const piped = await runInProcess([...args('b'), '-q'], fake, { env });
    expect(piped.stderr).toBe('');
    expect(fake.requests.map((q) => q.method)).toEqual(['POST', 'POST']);
  });

  it('a token that cannot read tunnels creates silently', async () => {
    fake.tokens[Object.keys(fake.tokens)[0]!]!.tunnelRead = false;
    const r = await runInProcess([...args('a'), '-q'], fake, { tty: { stderr: true }, env });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe(snippet('A', fake.list()[0]!.service_id));
  });

  it('--interactive without a terminal is exit 2, nothing sent', async () => {
    const r = await runInProcess([...args('x'), '--interactive'], fake, { env });
    expect(r).toMatchObject({ exitCode: 2, stdout: '', stderr: 'error: --interactive needs a terminal (stdin and stderr a TTY, CI unset, no --no-input)\n' });
    expect(fake.requests).toEqual([]);
  });

  it('missing fields without a terminal: every one listed, with the hint', async () => {
    const r = await runInProcess(['create', 'x', '--type', 'tcp'], fake, { env });
    expect(r.exitCode).toBe(2);
    expect(r.stderr.split('\n').at(-2)).toBe('  see `vpcsvc create --help` for the flags and examples');
    expect(fake.requests).toEqual([]);
  });

  it('only missing fields on a terminal: the wizard asks for them, shows a summary, and creates', async () => {
    const p = scriptedPrompter([TUNNEL, 'none', 'verify_full', true]);
    const r = await runInProcess(['create', 'w', '--type', 'tcp', '--ipv4', '10.0.0.1', '--tcp-port', '5432', '-q', '--no-check'], fake, { tty, env, prompter: p });
    expect(p.asked).toEqual(['Tunnel:', 'Application protocol:', 'Certificate verification to the host:', 'Create this service?']);
    expect(r.exitCode).toBe(0);
    expect(fake.sent('POST')[0]!.body).toEqual(def('w'));
    expect(r.stderr).toBe(
      `\nSummary:\n  name      w\n  type      tcp\n  ipv4      10.0.0.1\n  tunnel    ${TUNNEL}\n  tcp port  5432\n` +
        `\nThe same without questions:\n  vpcsvc create w --type tcp --ipv4 10.0.0.1 \\\n      --tunnel ${TUNNEL} --tcp-port 5432\n\n` +
        snippet('W', fake.list()[0]!.service_id),
    );
  });

  it('the wizard for a dry run asks to show the request; no is exit 130 and nothing sent', async () => {
    const p = scriptedPrompter([TUNNEL, 'none', 'verify_full', false]);
    const r = await runInProcess(['create', 'w', '--type', 'tcp', '--ipv4', '10.0.0.1', '--tcp-port', '5432', '--dry-run'], fake, { tty, env, prompter: p });
    expect(p.asked).toEqual(['Tunnel:', 'Application protocol:', 'Certificate verification to the host:', 'Show the request?']);
    expect(r.exitCode).toBe(130);
    expect(r.stderr.endsWith('\ncancelled: nothing was created\n')).toBe(true);
    expect(fake.mutations()).toEqual([]);
  });
});

describe('create: the Worker binding', () => {
  it('--wrangler-config: added, then already there; a TOML file gets the snippet instead', async () => {
    const path = writeWranglerConfig('{ "name": "w" }');
    const r = await runInProcess([...args('orders'), '-q', '--wrangler-config', path], fake, { env });
    expect(r.stderr).toBe(`✓ added to ${path}: vpc_services binding ORDERS\n${NOTE}\n`);
    expect(JSON.parse(readFileSync(path, 'utf8')).vpc_services).toEqual([{ binding: 'ORDERS', service_id: fake.list()[0]!.service_id, remote: true }]);
    const toml = writeWranglerConfig('name = "w"\n', 'wrangler.toml');
    const t = await runInProcess([...args('orders2'), '-q', '--wrangler-config', toml], fake, { env });
    const id = fake.list().find((s) => s.name === 'orders2')!.service_id;
    expect(t.stderr).toBe(`${toml} is TOML: it was not edited. Add this to it:\n\n[[vpc_services]]\nbinding = "ORDERS2"\nservice_id = "${id}"\nremote = true\n\n${NOTE}\n`);
    expect(readFileSync(toml, 'utf8')).toBe('name = "w"\n');
  });

  it('a name that gives no binding: exit 2 without a terminal; asked on one', async () => {
    const path = writeWranglerConfig('{ "name": "w" }');
    const r = await runInProcess([...args('数据库'), '-q', '--wrangler-config', path], fake, { env });
    expect(r).toMatchObject({ exitCode: 2, stderr: 'error: --binding: the name "数据库" gives no binding name (only A-Z, 0-9 and _ can be used); give one with --binding\n' });
    expect(fake.requests).toEqual([]);
    const p = scriptedPrompter([' MY_DB ']);
    const ok = await runInProcess([...args('数据库'), '-q', '--no-check', '--wrangler-config', path], fake, { env, tty, prompter: p });
    expect(p.asked).toEqual(['Binding name for the Worker (--binding):']);
    expect(ok.stderr).toBe(`✓ added to ${path}: vpc_services binding MY_DB\n${NOTE}\n`);
  });

  it('a name that gives no binding and no --wrangler-config: the snippet shows VPC_SERVICE', async () => {
    const r = await runInProcess([...args('数据库'), '-q', '--no-check'], fake, { tty: { stderr: true }, env });
    expect(r.stderr).toBe(snippet('VPC_SERVICE', fake.list()[0]!.service_id));
  });

  it('a bad --binding is refused before anything is sent; --binding is trimmed', async () => {
    const r = await runInProcess([...args('a'), '--binding', '1X'], fake, { env });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe('error: --binding: must be a JavaScript identifier such as ORDERS_DB (letters, digits, _ or $; not starting with a digit) (got "1X")\n');
    const ok = await runInProcess([...args('a'), '--binding', ' MINE ', '-q', '--no-check'], fake, { tty: { stderr: true }, env });
    expect(ok.stderr).toBe(snippet('MINE', fake.list()[0]!.service_id));
  });

  it('--dry-run with --wrangler-config reads the file, refusing what the real run would, and never writes it', async () => {
    const path = writeWranglerConfig('{ not json');
    const r = await runInProcess([...args('a'), '--dry-run', '--wrangler-config', path], fake, { env });
    expect([r.exitCode, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toBe(`error: --wrangler-config ${path}: not valid JSONC (line 1, column 3: an unexpected character "n"); it was not changed\n`);
    expect(readFileSync(path, 'utf8')).toBe('{ not json');
    const good = writeWranglerConfig('{}');
    const ok = await runInProcess([...args('a'), '--dry-run', '--wrangler-config', good], fake, { env });
    expect(ok.exitCode).toBe(0);
    expect(readFileSync(good, 'utf8')).toBe('{}');
  });
});

describe('create --file: refusals', () => {
  it('an empty list, a name over several, binding flags over several', async () => {
    const empty = await runInProcess(['create', '-f', '-'], fake, { input: '[]' });
    expect(empty).toMatchObject({ exitCode: 2, stderr: 'error: --file: the list is empty: nothing to create\n' });
    const named = await runInProcess(['create', 'n', '-f', '-'], fake, { input: JSON.stringify([def('a'), def('b')]) });
    expect(named).toMatchObject({ exitCode: 2, stderr: 'error: --name (or the [name] argument) cannot apply to a file of several definitions\n' });
    const binding = await runInProcess(['create', '-f', '-', '--binding', 'X'], fake, { input: JSON.stringify([def('a'), def('b')]) });
    expect(binding).toMatchObject({ exitCode: 2, stderr: 'error: --binding: wires one service; not with a file of several definitions\n' });
    const bad = await runInProcess(['create', '-f', '-', '--binding', '9'], fake, { input: JSON.stringify(def('a')) });
    expect(bad.stderr).toBe('error: --binding: must be a JavaScript identifier such as ORDERS_DB (letters, digits, _ or $; not starting with a digit) (got "9")\n');
    const conc = await runInProcess(['create', '-f', '-', '--concurrency', 'x'], fake, { input: JSON.stringify(def('a')) });
    expect(conc.stderr).toBe('error: --concurrency: must be an integer from 1 to 32 (got "x")\n');
    expect(fake.requests).toEqual([]);
  });

  it('one definition with a name argument: created under that name', async () => {
    const r = await runInProcess(['create', 'renamed', '-f', '-', '--json'], fake, { input: JSON.stringify(def('a')) });
    expect(r.exitCode).toBe(0);
    expect(fake.sent('POST')[0]!.body).toEqual(def('renamed'));
    expect(JSON.parse(r.stdout).name).toBe('renamed');
  });

  it('several: each created line, failures named by index, the JSON list, exit 3', async () => {
    fake.faults = [{ method: 'POST', nth: 2, count: 10, action: { status: 400, errors: [{ code: 1001, message: 'bad request' }] } }];
    const r = await runInProcess(['create', '-f', '-', '--concurrency', '1', '--json'], fake, { input: JSON.stringify([def('a'), def('b')]) });
    expect(r.exitCode).toBe(3);
    const out = JSON.parse(r.stdout);
    expect(out[1]).toEqual({ item: 1, name: 'b', error: { code: 1001, message: '[1001] bad request', status: 400 } });
    expect(out[0].name).toBe('a');
    fake.faults = [{ method: 'POST', nth: 1, count: 10, action: { status: 400, errors: [{ code: 1001, message: 'bad request' }] } }];
    const text = await runInProcess(['create', '-f', '-', '--concurrency', '1'], fake, { input: JSON.stringify([def('c'), def('d')]), env });
    expect(text.stderr).toBe('error: [0] c: [1001] bad request\nerror: [1] d: [1001] bad request\nerror: all 2 creates failed\n');
    expect(text.stdout).toBe('');
  });

  it('--dry-run of several prints each POST with its body', async () => {
    const r = await runInProcess(['create', '-f', '-', '--dry-run', '--ndjson'], fake, { input: JSON.stringify([def('a'), def('b')]) });
    const url = `${fake.url}${SERVICES}`;
    expect(r.stdout).toBe(`${JSON.stringify({ method: 'POST', url, body: def('a') })}\n${JSON.stringify({ method: 'POST', url, body: def('b') })}\n`);
    expect(fake.requests).toEqual([]);
  });
});

describe('create: more paths', () => {
  it('a bad value with missing fields on a terminal is an error, not the wizard', async () => {
    const p = scriptedPrompter([]);
    const r = await runInProcess(['create', 'x', '--type', 'tcp', '--tcp-port', '0'], fake, { tty, env, prompter: p });
    expect(r.exitCode).toBe(2);
    expect(p.asked).toEqual([]);
    expect(r.stderr).toBe(
      'error: --ipv4/--ipv6/--hostname: required: an IPv4 address, an IPv6 address, both, or a hostname\n' +
        'error: --tunnel: required: the UUID of the Cloudflare Tunnel that reaches the host\n' +
        'error: --tcp-port: must be an integer from 1 to 65535 (got "0")\n' +
        '  see `vpcsvc create --help` for the flags and examples\n',
    );
    expect(fake.requests).toEqual([]);
  });

  it('a tunnel that cannot be read (a server error) creates silently', async () => {
    fake.faults = [{ method: 'GET', path: /cfd_tunnel/, nth: 1, count: 10, action: { status: 500 } }];
    const r = await runInProcess([...args('a'), '-q', '--retries', '0'], fake, { tty: { stderr: true }, env });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe(snippet('A', fake.list()[0]!.service_id));
  });

  it('create -f of one definition on a terminal: the created line, no snippet unless --wrangler-config', async () => {
    const r = await runInProcess(['create', '-f', '-'], fake, { input: JSON.stringify(def('a')), tty: { stderr: true }, env });
    const id = fake.list()[0]!.service_id;
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe(`✓ created a (${id})\n`);
  });

  it('create -f of several as text: a line per item, then the table of what was created', async () => {
    const r = await runInProcess(['create', '-f', '-', '--concurrency', '1'], fake, { input: JSON.stringify([def('a'), def('b')]), env });
    const [a, b] = fake.list();
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe(`✓ created a (${a!.service_id})\n✓ created b (${b!.service_id})\n`);
    expect(r.stdout.split('\n')[0]!.startsWith('NAME')).toBe(true);
    expect(r.stdout).toContain(a!.service_id);
    expect(r.stdout).toContain(b!.service_id);
  });

  it('create -f of several with --ndjson: created items and failures as lines', async () => {
    fake.faults = [{ method: 'POST', nth: 2, count: 10, action: { status: 400, errors: [{ code: 1001, message: 'bad request' }] } }];
    const r = await runInProcess(['create', '-f', '-', '--concurrency', '1', '--ndjson'], fake, { input: JSON.stringify([def('a'), def('b')]) });
    expect(r.exitCode).toBe(3);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0].name).toBe('a');
    expect(lines[1]).toEqual({ item: 1, name: 'b', error: { code: 1001, message: '[1001] bad request', status: 400 } });
    expect(lines).toHaveLength(2);
  });
});

