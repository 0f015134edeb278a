import { describe, expect, it } from 'vitest';
import type { Tunnel } from '../../../src/api/client';
import type { Choice, Prompter } from '../../../src/prompts/prompter';
import { equivalentCommand, runWizard, shellQuote, wrapCommand } from '../../../src/prompts/wizard';
import { flagsToPartial } from '../../../src/service/flag-values';

const T = '0191dce4-9ab4-7fce-b660-8e5dec5172da';
const T2 = 'c6d5f1a2-3b4c-4d5e-8f90-a1b2c3d4e5f6';
const T3 = 'a1b2c3d4-0000-4000-8000-000000000003';
const tunnels = async (): Promise<Tunnel[]> => [
  { id: T, name: 'office', status: 'healthy' },
  { id: T2, name: 'lab', status: 'down' },
];

interface Question {
  kind: 'input' | 'select';
  message: string;
  default?: unknown;
  choices?: Choice<string>[];
}

/**
 * Answers in order and records every question whole (kind, message, default, choices). A typed
 * answer goes through the validator as in the real prompt; a refusal is recorded and the next
 * answer is tried. `<default>` takes the question's default.
 */
class Recorder implements Prompter {
  questions: Question[] = [];
  refused: string[] = [];
  constructor(private answers: string[]) {}
  private next(message: string): string {
    const a = this.answers.shift();
    if (a === undefined) throw new Error(`unexpected prompt: ${message}`);
    return a;
  }
  async input(q: { message: string; default?: string; validate?: (v: string) => true | string }): Promise<string> {
    this.questions.push({ kind: 'input', message: q.message, default: q.default });
    for (;;) {
      let a = this.next(q.message);
      if (a === '<default>') a = q.default ?? '';
      const ok = q.validate ? q.validate(a) : true;
      if (ok === true) return a;
      this.refused.push(ok);
    }
  }
  async select<T extends string>(q: { message: string; choices: Choice<T>[]; default?: T }): Promise<T> {
    this.questions.push({ kind: 'select', message: q.message, default: q.default, choices: q.choices as Choice<string>[] });
    const a = this.next(q.message);
    if (a === '<default>') return q.default as T;
    if (!q.choices.some((c) => c.value === a)) throw new Error(`${a} is not a choice of ${q.message}`);
    return a as T;
  }
  async confirm(): Promise<boolean> {
    throw new Error('the wizard never confirms');
  }
  async password(): Promise<string> {
    throw new Error('the wizard never asks for a secret');
  }
  get messages() {
    return this.questions.map((q) => q.message);
  }
  get defaults() {
    return this.questions.map((q) => [q.message, q.default]);
  }
  done() {
    expect(this.answers).toEqual([]);
  }
}

const TYPE_CHOICES = [
  { name: 'tcp   a TCP service (databases, SSH, ...)', value: 'tcp', short: 'tcp' },
  { name: 'http  an HTTP(S) service', value: 'http', short: 'http' },
];
const FORM_CHOICES = [
  { name: 'IPv4 address', value: 'ipv4' },
  { name: 'IPv6 address', value: 'ipv6' },
  { name: 'IPv4 and IPv6 (dual stack)', value: 'dual' },
  { name: 'Hostname, resolved inside the private network', value: 'hostname' },
];
const TUNNEL_CHOICES = [
  { name: `office  ${T}  healthy`, value: T, short: `office (${T})` },
  { name: `lab     ${T2}  ! down`, value: T2, short: `lab (${T2})` },
  { name: 'Enter a tunnel id...', value: '' },
];
const PROTOCOL_CHOICES = [
  { name: 'none (plain TCP)', value: 'none' },
  { name: 'postgresql', value: 'postgresql' },
  { name: 'mysql', value: 'mysql' },
];
const MODE_CHOICES = [
  { name: 'verify_full  check the chain and the hostname (default)', value: 'verify_full', short: 'verify_full' },
  { name: 'verify_ca    check the chain only', value: 'verify_ca', short: 'verify_ca' },
  { name: 'disabled     no verification', value: 'disabled', short: 'disabled' },
];
const PORT_CHOICES = [
  { name: 'the defaults: 80 for HTTP, 443 for HTTPS', value: 'default' },
  { name: 'other ports', value: 'custom' },
];

const flags = (f: Record<string, unknown>) => flagsToPartial(f).partial;

describe('every question, whole: kind, words, default and choices, in order', () => {
  it('tcp from nothing', async () => {
    const p = new Recorder(['pg', 'tcp', 'ipv4', '10.0.0.1', T, '5432', 'postgresql', 'verify_ca']);
    const out = await runWizard(p, {}, { askAll: false, tunnels });
    p.done();
    expect(p.questions).toEqual([
      { kind: 'input', message: 'Service name:', default: undefined },
      { kind: 'select', message: 'Type:', default: undefined, choices: TYPE_CHOICES },
      { kind: 'select', message: 'How is the host reached?', default: undefined, choices: FORM_CHOICES },
      { kind: 'input', message: 'IPv4 address:', default: undefined },
      { kind: 'select', message: 'Tunnel:', default: undefined, choices: TUNNEL_CHOICES },
      { kind: 'input', message: 'TCP port of the host:', default: undefined },
      { kind: 'select', message: 'Application protocol:', default: 'none', choices: PROTOCOL_CHOICES },
      { kind: 'select', message: 'Certificate verification to the host:', default: 'verify_full', choices: MODE_CHOICES },
    ]);
    expect(out).toStrictEqual({
      name: 'pg',
      type: 'tcp',
      host: { ipv4: '10.0.0.1', network: { tunnel_id: T } },
      tcp_port: '5432',
      app_protocol: 'postgresql',
      tls_settings: { cert_verification_mode: 'verify_ca' },
    });
  });

  it('http by hostname from nothing: resolvers, typed tunnel, custom ports', async () => {
    const p = new Recorder(['web', 'http', 'hostname', 'web.internal', ' 10.0.0.53 , fd00::53 ', '', ` ${T3} `, 'custom', ' 8080 ', '', 'verify_full']);
    const out = await runWizard(p, {}, { askAll: false, tunnels });
    p.done();
    expect(p.questions).toEqual([
      { kind: 'input', message: 'Service name:', default: undefined },
      { kind: 'select', message: 'Type:', default: undefined, choices: TYPE_CHOICES },
      { kind: 'select', message: 'How is the host reached?', default: undefined, choices: FORM_CHOICES },
      { kind: 'input', message: 'Hostname (no scheme, path or port):', default: undefined },
      { kind: 'input', message: "DNS resolver IPs, comma-separated (empty: the host's default resolver):", default: undefined },
      { kind: 'select', message: 'Tunnel:', default: undefined, choices: TUNNEL_CHOICES },
      { kind: 'input', message: 'Tunnel id (UUID):', default: undefined },
      { kind: 'select', message: 'Ports:', default: 'default', choices: PORT_CHOICES },
      { kind: 'input', message: 'HTTP port (empty: 80):', default: undefined },
      { kind: 'input', message: 'HTTPS port (empty: 443):', default: undefined },
      { kind: 'select', message: 'Certificate verification to the host:', default: 'verify_full', choices: MODE_CHOICES },
    ]);
    expect(out).toStrictEqual({
      name: 'web',
      type: 'http',
      host: { hostname: 'web.internal', resolver_network: { tunnel_id: T3, resolver_ips: ['10.0.0.53', 'fd00::53'] } },
      http_port: '8080',
    });
  });

  it('-i with every flag given: each question defaults to its flag, and taking every default changes nothing', async () => {
    const given = flags({
      name: 'web',
      type: 'http',
      hostname: 'web.internal',
      resolverIps: ['10.0.0.53', '10.0.0.54'],
      tunnel: T2,
      httpPort: '8080',
      certVerificationMode: 'verify_ca',
    });
    const p = new Recorder(Array(10).fill('<default>'));
    const out = await runWizard(p, given, { askAll: true, tunnels });
    p.done();
    expect(p.defaults).toEqual([
      ['Service name:', 'web'],
      ['Type:', 'http'],
      ['How is the host reached?', 'hostname'],
      ['Hostname (no scheme, path or port):', 'web.internal'],
      ["DNS resolver IPs, comma-separated (empty: the host's default resolver):", '10.0.0.53,10.0.0.54'],
      ['Tunnel:', T2],
      ['Ports:', 'custom'],
      ['HTTP port (empty: 80):', '8080'],
      ['HTTPS port (empty: 443):', undefined],
      ['Certificate verification to the host:', 'verify_ca'],
    ]);
    expect(out).toStrictEqual({
      name: 'web',
      type: 'http',
      host: { hostname: 'web.internal', resolver_network: { tunnel_id: T2, resolver_ips: ['10.0.0.53', '10.0.0.54'] } },
      http_port: '8080',
      tls_settings: { cert_verification_mode: 'verify_ca' },
    });
  });

  it('nothing missing and no -i: no question at all, the definition as given', async () => {
    const given = flags({ name: 'db', type: 'tcp', ipv6: 'fd00::1', tunnel: T, tcpPort: '22', appProtocol: 'mysql', certVerificationMode: 'disabled' });
    const p = new Recorder([]);
    const out = await runWizard(p, given, { askAll: false, tunnels });
    expect(p.questions).toEqual([]);
    expect(out).toStrictEqual({ name: 'db', type: 'tcp', host: { ipv6: 'fd00::1', network: { tunnel_id: T } }, tcp_port: '22', app_protocol: 'mysql', tls_settings: { cert_verification_mode: 'disabled' } });
    expect(given).toStrictEqual(flags({ name: 'db', type: 'tcp', ipv6: 'fd00::1', tunnel: T, tcpPort: '22', appProtocol: 'mysql', certVerificationMode: 'disabled' }));
  });
});

describe('the host form', () => {
  it.each<[Record<string, unknown>, string, string[]]>([
    [{ ipv4: '10.0.0.1' }, 'ipv4', ['IPv4 address:']],
    [{ ipv6: 'fd00::1' }, 'ipv6', ['IPv6 address:']],
    [{ ipv4: '10.0.0.1', ipv6: 'fd00::1' }, 'dual', ['IPv4 address:', 'IPv6 address:']],
    [{ hostname: 'h.internal' }, 'hostname', ['Hostname (no scheme, path or port):', "DNS resolver IPs, comma-separated (empty: the host's default resolver):"]],
  ])('-i with %j: the form %s is the default, and its address questions follow with the flags as defaults', async (host, form, addressQuestions) => {
    const given = flags({ name: 'n', type: 'http', tunnel: T, certVerificationMode: 'verify_full', ...host });
    const p = new Recorder(Array(3 + addressQuestions.length + 3).fill('<default>'));
    const out = (await runWizard(p, given, { askAll: true, tunnels })) as { host: Record<string, unknown> };
    p.done();
    expect(p.questions[2]).toEqual({ kind: 'select', message: 'How is the host reached?', default: form, choices: FORM_CHOICES });
    expect(p.messages.slice(3, 3 + addressQuestions.length)).toEqual(addressQuestions);
    expect(p.questions.slice(3, 3 + addressQuestions.length).map((q) => q.default)).toEqual(
      addressQuestions.map((m) => (m.startsWith('IPv4') ? host.ipv4 : m.startsWith('IPv6') ? host.ipv6 : m.startsWith('Hostname') ? host.hostname : undefined)),
    );
    const { network, resolver_network, ...addresses } = out.host;
    expect(addresses).toEqual(host);
    expect(network ?? resolver_network).toEqual({ tunnel_id: T });
  });

  it('-i switching from an address to a hostname: the address goes, the tunnel moves to resolver_network', async () => {
    const given = flags({ name: 'n', type: 'http', ipv4: '10.0.0.1', tunnel: T, certVerificationMode: 'verify_full' });
    const p = new Recorder(['<default>', '<default>', 'hostname', 'h.internal', '', '<default>', '<default>', '<default>']);
    const out = await runWizard(p, given, { askAll: true, tunnels });
    p.done();
    expect(p.defaults.slice(3, 6)).toEqual([
      ['Hostname (no scheme, path or port):', undefined],
      ["DNS resolver IPs, comma-separated (empty: the host's default resolver):", undefined],
      ['Tunnel:', T],
    ]);
    expect(out).toStrictEqual({ name: 'n', type: 'http', host: { hostname: 'h.internal', resolver_network: { tunnel_id: T } } });
  });

  it('-i switching from a hostname to dual stack: both addresses asked, resolvers dropped, the tunnel moves to network', async () => {
    const given = flags({ name: 'n', type: 'http', hostname: 'h.internal', resolverIps: ['10.0.0.53'], tunnel: T, certVerificationMode: 'verify_full' });
    const p = new Recorder(['<default>', '<default>', 'dual', '10.0.0.1', 'fd00::1', '<default>', '<default>', '<default>']);
    const out = await runWizard(p, given, { askAll: true, tunnels });
    p.done();
    expect(p.defaults.slice(3, 5)).toEqual([
      ['IPv4 address:', undefined],
      ['IPv6 address:', undefined],
    ]);
    expect(out).toStrictEqual({ name: 'n', type: 'http', host: { ipv4: '10.0.0.1', ipv6: 'fd00::1', network: { tunnel_id: T } } });
  });

  it('a given host form is kept whole when not asked: the resolvers and tunnel stay', async () => {
    const given = flags({ type: 'tcp', hostname: 'h.internal', resolverIps: ['10.0.0.53'], tunnel: T2, tcpPort: '5432', certVerificationMode: 'verify_full' });
    const p = new Recorder(['n', 'none']);
    const out = await runWizard(p, given, { askAll: false, tunnels });
    p.done();
    expect(p.messages).toEqual(['Service name:', 'Application protocol:']);
    expect(out).toStrictEqual({ name: 'n', type: 'tcp', host: { hostname: 'h.internal', resolver_network: { tunnel_id: T2, resolver_ips: ['10.0.0.53'] } }, tcp_port: '5432', tls_settings: { cert_verification_mode: 'verify_full' } });
  });

  it('a hostname given without resolvers: the resolvers are asked; empty leaves them out', async () => {
    const given = flags({ name: 'n', type: 'http', hostname: 'h.internal', tunnel: T, httpPort: '80', certVerificationMode: 'verify_full' });
    const p = new Recorder(['   ']);
    const out = await runWizard(p, given, { askAll: false, tunnels });
    p.done();
    expect(p.messages).toEqual(["DNS resolver IPs, comma-separated (empty: the host's default resolver):"]);
    expect(out.host).toStrictEqual({ hostname: 'h.internal', resolver_network: { tunnel_id: T } });
  });

  it('-i, resolvers given and cleared: no resolver_ips', async () => {
    const given = flags({ name: 'n', type: 'http', hostname: 'h.internal', resolverIps: ['10.0.0.53'], tunnel: T, certVerificationMode: 'verify_full' });
    const p = new Recorder(['<default>', '<default>', '<default>', '<default>', '', '<default>', '<default>', '<default>']);
    const out = await runWizard(p, given, { askAll: true, tunnels });
    p.done();
    expect(out.host).toStrictEqual({ hostname: 'h.internal', resolver_network: { tunnel_id: T } });
  });

  it('bad resolver IPs name the bad one', async () => {
    const given = flags({ name: 'n', type: 'http', hostname: 'h.internal', tunnel: T, httpPort: '80', certVerificationMode: 'verify_full' });
    const p = new Recorder(['10.0.0.1,,x', '10.0.0.1']);
    await runWizard(p, given, { askAll: false, tunnels });
    p.done();
    expect(p.refused).toHaveLength(1);
    expect(p.refused[0]).toMatch(/^each must be a valid IPv4 or IPv6 address/);
  });
});

describe('the tcp host:port shortcut', () => {
  it('-i: the port of host:port becomes the default of the port question', async () => {
    const given = flags({ name: 'n', type: 'tcp', ipv4: '10.0.0.1', tunnel: T, tcpPort: '22', certVerificationMode: 'verify_full' });
    const p = new Recorder(['<default>', '<default>', 'hostname', ' db.internal:6543 ', '', '<default>', '<default>', '<default>', '<default>']);
    const out = await runWizard(p, given, { askAll: true, tunnels });
    p.done();
    expect(p.defaults[6]).toEqual(['TCP port of the host:', '6543']);
    expect(out).toStrictEqual({ name: 'n', type: 'tcp', host: { hostname: 'db.internal', resolver_network: { tunnel_id: T } }, tcp_port: '6543' });
  });

  it.each<[string, string]>([
    ['db internal:5432', 'must not contain spaces (got "db internal:5432")'],
    ['db.internal:54a', 'must be a bare hostname'],
    ['a:1:2', 'must be a bare hostname'],
    ['db.internal:99999', 'must be an integer from 1 to 65535 (got "99999")'],
    ['-bad-:5432', 'must be a valid hostname'],
  ])('%j is refused: %s', async (answer, why) => {
    const given = flags({ name: 'n', type: 'tcp', tunnel: T, certVerificationMode: 'verify_full', appProtocol: 'mysql' });
    const p = new Recorder(['hostname', answer, 'db.internal', '', '22']);
    await runWizard(p, given, { askAll: false, tunnels });
    p.done();
    expect(p.refused).toHaveLength(1);
    expect(p.refused[0]).toMatch(new RegExp(`^${why.replace(/[()]/g, "\\$&")}`));
  });

  it('without a port, a tcp hostname is taken as is and the port is asked', async () => {
    const given = flags({ name: 'n', type: 'tcp', tunnel: T, certVerificationMode: 'verify_full', appProtocol: 'mysql' });
    const p = new Recorder(['hostname', 'db.internal', '', '5432']);
    const out = await runWizard(p, given, { askAll: false, tunnels });
    p.done();
    expect(p.messages.at(-1)).toBe('TCP port of the host:');
    expect(out.tcp_port).toBe('5432');
    expect(out.host).toStrictEqual({ hostname: 'db.internal', resolver_network: { tunnel_id: T } });
  });
});

describe('type changes under -i drop the other type\'s fields', () => {
  it('http to tcp: the http ports go, the tcp questions come', async () => {
    const given = flags({ name: 'n', type: 'http', ipv4: '10.0.0.1', tunnel: T, httpPort: '8080', httpsPort: '8443', certVerificationMode: 'verify_full' });
    const p = new Recorder(['<default>', 'tcp', '<default>', '<default>', '<default>', '22', 'mysql', '<default>']);
    const out = await runWizard(p, given, { askAll: true, tunnels });
    p.done();
    expect(p.messages.slice(5)).toEqual(['TCP port of the host:', 'Application protocol:', 'Certificate verification to the host:']);
    expect(out).toStrictEqual({ name: 'n', type: 'tcp', host: { ipv4: '10.0.0.1', network: { tunnel_id: T } }, tcp_port: '22', app_protocol: 'mysql' });
  });

  it('tcp to http: the tcp port and protocol go', async () => {
    const given = flags({ name: 'n', type: 'tcp', ipv4: '10.0.0.1', tunnel: T, tcpPort: '22', appProtocol: 'mysql', certVerificationMode: 'verify_full' });
    const p = new Recorder(['<default>', 'http', '<default>', '<default>', '<default>', '<default>', '<default>']);
    const out = await runWizard(p, given, { askAll: true, tunnels });
    p.done();
    expect(p.defaults.slice(5)).toEqual([
      ['Ports:', 'default'],
      ['Certificate verification to the host:', 'verify_full'],
    ]);
    expect(out).toStrictEqual({ name: 'n', type: 'http', host: { ipv4: '10.0.0.1', network: { tunnel_id: T } } });
  });
});

describe('ports', () => {
  const base = { name: 'n', ipv4: '10.0.0.1', tunnel: T, certVerificationMode: 'verify_full' };

  it('tcp: an empty port is refused as required; a bad one with the schema message', async () => {
    const p = new Recorder([' ', '0', '5432', 'none']);
    await runWizard(p, flags({ ...base, type: 'tcp' }), { askAll: false, tunnels });
    p.done();
    expect(p.refused).toEqual(['required: a port from 1 to 65535', 'must be an integer from 1 to 65535 (got "0")']);
  });

  it('http, -i with an https port given: custom is the default; the defaults drop both ports', async () => {
    const given = flags({ ...base, type: 'http', httpsPort: '8443' });
    const p = new Recorder(['<default>', '<default>', '<default>', '<default>', '<default>', 'default', '<default>']);
    const out = await runWizard(p, given, { askAll: true, tunnels });
    p.done();
    expect(p.defaults[5]).toEqual(['Ports:', 'custom']);
    expect(out).toStrictEqual({ name: 'n', type: 'http', host: { ipv4: '10.0.0.1', network: { tunnel_id: T } } });
  });

  it('http, custom: each port checked, empty clears it, answers trimmed', async () => {
    const given = flags({ ...base, type: 'http', httpPort: '81', httpsPort: '8443' });
    const p = new Recorder(['<default>', '<default>', '<default>', '<default>', '<default>', 'custom', '70000', '', ' 444 ', '<default>']);
    const out = await runWizard(p, given, { askAll: true, tunnels });
    p.done();
    expect(p.defaults.slice(6, 8)).toEqual([
      ['HTTP port (empty: 80):', '81'],
      ['HTTPS port (empty: 443):', '8443'],
    ]);
    expect(p.refused).toEqual(['must be an integer from 1 to 65535 (got "70000")']);
    expect(out).toStrictEqual({ name: 'n', type: 'http', host: { ipv4: '10.0.0.1', network: { tunnel_id: T } }, https_port: '444' });
  });

  it('http with a port given and no -i: the ports are not asked', async () => {
    const p = new Recorder([]);
    const out = await runWizard(p, flags({ ...base, type: 'http', httpsPort: '8443' }), { askAll: false, tunnels });
    expect(p.questions).toEqual([]);
    expect(out.https_port).toBe('8443');
  });
});

describe('the optional enums and TLS', () => {
  const base = { name: 'n', type: 'tcp', ipv4: '10.0.0.1', tunnel: T, tcpPort: '22' };

  it('-i: the given protocol is the default; none removes it', async () => {
    const p = new Recorder(['<default>', '<default>', '<default>', '<default>', '<default>', '<default>', 'none', '<default>']);
    const out = await runWizard(p, flags({ ...base, appProtocol: 'postgresql', certVerificationMode: 'verify_full' }), { askAll: true, tunnels });
    p.done();
    expect(p.defaults[6]).toEqual(['Application protocol:', 'postgresql']);
    expect(out.app_protocol).toBeUndefined();
    expect('app_protocol' in out).toBe(false);
  });

  it('a given protocol is not asked without -i', async () => {
    const p = new Recorder(['verify_full']);
    const out = await runWizard(p, flags({ ...base, appProtocol: 'mysql' }), { askAll: false, tunnels });
    p.done();
    expect(p.messages).toEqual(['Certificate verification to the host:']);
    expect(out.app_protocol).toBe('mysql');
    expect('tls_settings' in out).toBe(false);
  });

  it('verify_full with other TLS fields keeps the block', async () => {
    const p = new Recorder(['none', 'verify_full']);
    const out = await runWizard(p, flags({ ...base, certificateAuthority: T3 }), { askAll: false, tunnels });
    p.done();
    expect(p.defaults.at(-1)).toEqual(['Certificate verification to the host:', 'verify_full']);
    expect(out.tls_settings).toStrictEqual({ certificate_authority: T3, cert_verification_mode: 'verify_full' });
  });

  it('-i: the given mode is the default; another mode is kept beside the other TLS fields', async () => {
    const given = flags({ ...base, appProtocol: 'mysql', certVerificationMode: 'verify_ca', clientCertificate: T3 });
    const p = new Recorder(['<default>', '<default>', '<default>', '<default>', '<default>', '<default>', '<default>', 'disabled']);
    const out = await runWizard(p, given, { askAll: true, tunnels });
    p.done();
    expect(p.defaults[7]).toEqual(['Certificate verification to the host:', 'verify_ca']);
    expect(out.tls_settings).toStrictEqual({ client_certificate: T3, cert_verification_mode: 'disabled' });
  });

  it('-i: verify_full chosen over a given verify_ca with nothing else: the block goes', async () => {
    const p = new Recorder(['<default>', '<default>', '<default>', '<default>', '<default>', '<default>', '<default>', 'verify_full']);
    const out = await runWizard(p, flags({ ...base, appProtocol: 'mysql', certVerificationMode: 'verify_ca' }), { askAll: true, tunnels });
    p.done();
    expect('tls_settings' in out).toBe(false);
  });
});

describe('the name', () => {
  it('blank is refused as required; the answer is kept as typed', async () => {
    const p = new Recorder(['', '  ', 'db']);
    const out = await runWizard(p, flags({ type: 'http', ipv4: '10.0.0.1', tunnel: T, httpPort: '80', certVerificationMode: 'verify_full' }), { askAll: false, tunnels });
    p.done();
    expect(p.refused).toEqual(['required: the service name', 'required: the service name']);
    expect(out.name).toBe('db');
  });
});

describe('the tunnel', () => {
  const base = { name: 'n', type: 'http', ipv4: '10.0.0.1', httpPort: '80', certVerificationMode: 'verify_full' };
  const choicesFor = async (list: Tunnel[]) => {
    const p = new Recorder([list[0]!.id]);
    await runWizard(p, flags(base), { askAll: false, tunnels: async () => list });
    return p.questions[0]!.choices!;
  };

  it('names of 24 characters stay whole; longer ones are cut to 23 and an ellipsis; the column is as wide as the widest', async () => {
    const choices = await choicesFor([
      { id: T, name: 'x'.repeat(24), status: 'healthy' },
      { id: T2, name: 'y'.repeat(25), status: 'inactive' },
      { id: T3, name: 'z', status: 'degraded' },
    ]);
    expect(choices.map((c) => c.name)).toEqual([
      `${'x'.repeat(24)}  ${T}  healthy`,
      `${'y'.repeat(23)}…  ${T2}  ! inactive`,
      `z${' '.repeat(23)}  ${T3}  degraded`,
      'Enter a tunnel id...',
    ]);
    expect(choices[1]!.short).toBe(`${'y'.repeat(25)} (${T2})`);
  });

  it('a tunnel without a status reads unknown', async () => {
    const choices = await choicesFor([{ id: T, name: 'a' } as Tunnel]);
    expect(choices[0]!.name).toBe(`a  ${T}  unknown`);
  });

  it('-i: the given tunnel is the default when listed, else no default', async () => {
    const p = new Recorder(['<default>', '<default>', '<default>', '<default>', T, '<default>', '<default>', '<default>', '<default>']);
    await runWizard(p, flags({ ...base, tunnel: T2 }), { askAll: true, tunnels });
    p.done();
    expect(p.defaults[4]).toEqual(['Tunnel:', T2]);
    const q = new Recorder(['<default>', '<default>', '<default>', '<default>', '', '<default>', '<default>', '<default>', '<default>', '<default>']);
    const out = await runWizard(q, flags({ ...base, tunnel: T3 }), { askAll: true, tunnels });
    q.done();
    expect(q.defaults.slice(4, 6)).toEqual([
      ['Tunnel:', undefined],
      ['Tunnel id (UUID):', T3],
    ]);
    expect(out.host).toStrictEqual({ ipv4: '10.0.0.1', network: { tunnel_id: T3 } });
  });

  it('typed: blank is required, a non-UUID is refused, the answer trimmed; an empty list means typing', async () => {
    const p = new Recorder(['', 'office', ` ${T2} `]);
    const out = await runWizard(p, flags(base), { askAll: false, tunnels: async () => [] });
    p.done();
    expect(p.questions).toEqual([{ kind: 'input', message: 'Tunnel id (UUID):', default: undefined }]);
    expect(p.refused[0]).toBe('required: the UUID of the Cloudflare Tunnel');
    expect(p.refused[1]).toMatch(/UUID/);
    expect(p.refused).toHaveLength(2);
    expect(out.host).toStrictEqual({ ipv4: '10.0.0.1', network: { tunnel_id: T2 } });
  });

  it('no way to list tunnels: typed', async () => {
    const p = new Recorder([T]);
    await runWizard(p, flags(base), { askAll: false });
    p.done();
    expect(p.questions).toEqual([{ kind: 'input', message: 'Tunnel id (UUID):', default: undefined }]);
  });
});

describe('wrapCommand', () => {
  it.each<[string[], number, string]>([
    [['aaa', 'bbb', 'ccc'], 10, 'aaa bbb \\\n      ccc'],
    [['aaaa', 'bbb'], 10, 'aaaa bbb'],
    [['aaaa', 'bbbb'], 10, 'aaaa \\\n      bbbb'],
    [['a-very-long-first-word'], 10, 'a-very-long-first-word'],
    [['a-very-long-first-word', 'b'], 10, 'a-very-long-first-word \\\n      b'],
    [[], 10, ''],
  ])('%j at %i', (words, width, text) => {
    expect(wrapCommand(words, width)).toBe(text);
  });

  it('76 columns by default', () => {
    const words = ['x'.repeat(40), 'y'.repeat(33)];
    expect(wrapCommand(words)).toBe(words.join(' '));
    expect(wrapCommand([...words.slice(0, 1), 'y'.repeat(34)])).toBe(`${'x'.repeat(40)} \\\n      ${'y'.repeat(34)}`);
  });
});

describe('equivalentCommand', () => {
  it('every flag in help order; lists joined; empty lists, nulls and the other tunnel path skipped', () => {
    const cmd = equivalentCommand({
      name: 'web',
      type: 'http',
      host: { hostname: 'h', resolver_network: { tunnel_id: T, resolver_ips: [] } },
      http_port: 8080,
      https_port: null,
      tls_settings: { cert_verification_mode: 'verify_ca', certificate_authority: T3 },
    });
    expect(cmd).toBe(
      `vpcsvc create web --type http --hostname h \\\n      --tunnel ${T} --http-port 8080 \\\n      --cert-verification-mode verify_ca \\\n      --certificate-authority ${T3}`,
    );
  });

  it('the tunnel from resolver_network when network has none; resolver IPs joined with commas', () => {
    const cmd = equivalentCommand({ name: 'n', host: { hostname: 'h', network: { tunnel_id: null }, resolver_network: { tunnel_id: T2, resolver_ips: ['10.0.0.1', 'fd00::1'] } } });
    expect(cmd).toBe(`vpcsvc create n --hostname h --resolver-ips 10.0.0.1,fd00::1 \\\n      --tunnel ${T2}`);
  });

  it('a name that looks like a flag goes in --name=; a plain one is the first argument', () => {
    expect(equivalentCommand({ name: '-x y' })).toBe("vpcsvc create --name='-x y'");
    expect(equivalentCommand({ name: 'x-' })).toBe('vpcsvc create x-');
  });
});

describe('shellQuote', () => {
  it('the safe characters stay bare', () => {
    const safe = 'AZaz09_@%+=:,./-';
    expect(shellQuote(safe)).toBe(safe);
    for (const c of safe) expect(shellQuote(c)).toBe(c);
  });

  it.each(['!', '~', '*', '?', '#', '&', ';', ' ', '"', '^', '[', '{', '\\', 'é'])('%j is quoted', (c) => {
    expect(shellQuote(`a${c}`)).toBe(`'a${c}'`);
  });

  it.each<[string, string]>([
    ['\u0000', '\\000'],
    ['\u0001', '\\001'],
    ['\u0009', '\\011'],
    ['\u000b', '\\013'],
    ['\u001f', '\\037'],
    ['\u007f', '\\177'],
    ['\u0080', '\\302\\200'],
    ['\u009f', '\\302\\237'],
    ['\u061c', '\\330\\234'],
    ['\u200b', '\\342\\200\\213'],
    ['\u200f', '\\342\\200\\217'],
    ['\u2028', '\\342\\200\\250'],
    ['\u202e', '\\342\\200\\256'],
    ['\u2060', '\\342\\201\\240'],
    ['\u2069', '\\342\\201\\251'],
    ['\ufeff', '\\357\\273\\277'],
  ])('%j alone and between text goes through printf', (c, octal) => {
    expect(shellQuote(c)).toBe(`"$(printf '${octal}')"`);
    expect(shellQuote(`a${c}b`)).toBe(`'a'"$(printf '${octal}')"'b'`);
  });

  it.each(['\n', '\u0020', '\u00a0', '\u061b', '\u200a', '\u2010', '\u2027', '\u202f', '\u205f', '\u206a', '\ufefe'])('%j stays literal inside quotes', (c) => {
    expect(shellQuote(`a${c}b`)).toBe(`'a${c}b'`);
  });

  it('a run of controls is one printf; two runs are two', () => {
    expect(shellQuote('a\u0001\u0002b\u0003')).toBe(`'a'"$(printf '\\001\\002')"'b'"$(printf '\\003')"`);
  });
});

describe('a partial definition with nulls and odd shapes', () => {
  it('null name, type, host and TLS read as not given', async () => {
    const p = new Recorder(['n', 'tcp', 'ipv4', '10.0.0.1', T, '22', 'none', 'verify_full']);
    const out = await runWizard(p, { name: null, type: null, host: null, tls_settings: null }, { askAll: false, tunnels });
    p.done();
    expect(p.defaults.slice(0, 3)).toEqual([
      ['Service name:', undefined],
      ['Type:', undefined],
      ['How is the host reached?', undefined],
    ]);
    expect(out).toStrictEqual({ name: 'n', type: 'tcp', host: { ipv4: '10.0.0.1', network: { tunnel_id: T } }, tcp_port: '22' });
  });

  it('a host that is an array reads as no host', async () => {
    const p = new Recorder(['ipv6', 'fd00::1', T]);
    const out = await runWizard(p, { name: 'n', type: 'http', host: ['10.0.0.1'], http_port: '80', tls_settings: { cert_verification_mode: 'verify_full' } }, { askAll: false, tunnels });
    p.done();
    expect(out.host).toStrictEqual({ ipv6: 'fd00::1', network: { tunnel_id: T } });
  });

  it('a tcp hostname with a port, given and not asked, is split as when typed', async () => {
    const given = { name: 'n', type: 'tcp', host: { hostname: 'db.internal:5432', resolver_network: { tunnel_id: T, resolver_ips: ['10.0.0.53'] } }, app_protocol: 'mysql', tls_settings: { cert_verification_mode: 'verify_full' } };
    const p = new Recorder([]);
    const out = await runWizard(p, given, { askAll: false, tunnels });
    expect(p.questions).toEqual([]);
    expect(out).toStrictEqual({ ...given, host: { hostname: 'db.internal', resolver_network: { tunnel_id: T, resolver_ips: ['10.0.0.53'] } }, tcp_port: '5432' });
  });

  it('an http hostname with a port, given, is left alone', async () => {
    const given = { name: 'n', type: 'http', host: { hostname: 'web:8080', resolver_network: { tunnel_id: T, resolver_ips: ['10.0.0.53'] } }, tls_settings: { cert_verification_mode: 'verify_full' }, http_port: '80' };
    const out = await runWizard(new Recorder([]), given, { askAll: false, tunnels });
    expect(out).toStrictEqual(given);
  });

  it('a tunnel given in resolver_network for an address form moves to network', async () => {
    const given = { name: 'n', type: 'http', host: { ipv4: '10.0.0.1', resolver_network: { tunnel_id: T2 } }, http_port: '80', tls_settings: { cert_verification_mode: 'verify_full' } };
    const out = await runWizard(new Recorder([]), given, { askAll: false, tunnels });
    expect(out.host).toStrictEqual({ ipv4: '10.0.0.1', network: { tunnel_id: T2 } });
  });
});

describe('answers the other tests leave untyped', () => {
  it('a bad IPv6 address is refused with the schema message', async () => {
    const p = new Recorder(['ipv6', 'fd00::zz', '10.0.0.1', 'fd00::1', T]);
    await runWizard(p, flags({ name: 'n', type: 'http', httpPort: '80', certVerificationMode: 'verify_full' }), { askAll: false, tunnels });
    p.done();
    expect(p.refused).toEqual(['must be a valid IPv6 address such as fd00::1 (got "fd00::zz")', 'must be a valid IPv6 address such as fd00::1 (got "10.0.0.1")']);
  });

  it('a port of spaces clears it like an empty one', async () => {
    const given = flags({ name: 'n', type: 'http', ipv4: '10.0.0.1', tunnel: T, httpPort: '81', httpsPort: '8443', certVerificationMode: 'verify_full' });
    const p = new Recorder(['<default>', '<default>', '<default>', '<default>', '<default>', 'custom', '   ', '<default>', '<default>']);
    const out = await runWizard(p, given, { askAll: true, tunnels });
    p.done();
    expect(p.refused).toEqual([]);
    expect('http_port' in out).toBe(false);
    expect(out.https_port).toBe('8443');
  });

  it('a typed tunnel id of spaces is required', async () => {
    const p = new Recorder(['   ', T]);
    await runWizard(p, flags({ name: 'n', type: 'http', ipv4: '10.0.0.1', httpPort: '80', certVerificationMode: 'verify_full' }), { askAll: false });
    p.done();
    expect(p.refused).toEqual(['required: the UUID of the Cloudflare Tunnel']);
  });

  it('a type that is neither tcp nor http asks about no ports or protocol: the schema refuses it later', async () => {
    const given = { name: 'n', type: 'udp', host: { ipv4: '10.0.0.1', network: { tunnel_id: T } }, tls_settings: { cert_verification_mode: 'verify_full' } };
    const p = new Recorder([]);
    const out = await runWizard(p, given, { askAll: false, tunnels });
    expect(p.questions).toEqual([]);
    expect(out).toStrictEqual(given);
  });

  it('a given hostname that is not text is kept, not split', async () => {
    const given = { name: 'n', type: 'tcp', host: { hostname: 5432, resolver_network: { tunnel_id: T, resolver_ips: ['10.0.0.53'] } }, tcp_port: '22', app_protocol: 'mysql', tls_settings: { cert_verification_mode: 'verify_full' } };
    const out = await runWizard(new Recorder([]), given, { askAll: false, tunnels });
    expect(out).toStrictEqual(given);
  });
});
