import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { Choice, Prompter } from '../../../src/prompts/prompter';
import { equivalentCommand, runWizard, shellQuote } from '../../../src/prompts/wizard';
import { validateDefinition } from '../../../src/service/schema';
import { flagsToPartial } from '../../../src/service/flag-values';

const T = '0191dce4-9ab4-7fce-b660-8e5dec5172da';
const T2 = 'c6d5f1a2-3b4c-4d5e-8f90-a1b2c3d4e5f6';
const tunnels = async () => [
  { id: T, name: 'office', status: 'healthy' },
  { id: T2, name: 'lab', status: 'down' },
];

/**
 * Answers prompts from a script of [message pattern, answer] pairs, in order. Every typed answer
 * goes through the prompt's validator first, as the real prompt does; a refused answer is recorded
 * and the next scripted answer is tried for the same prompt.
 */
class ScriptedPrompter implements Prompter {
  asked: string[] = [];
  refused: { message: string; answer: string; why: string }[] = [];
  choicesSeen = new Map<string, Choice<string>[]>();
  constructor(private script: [RegExp, string | boolean][]) {}

  private next(message: string): string | boolean {
    const step = this.script.shift();
    if (!step) throw new Error(`unexpected prompt: ${message}`);
    if (!step[0].test(message)) throw new Error(`expected a prompt like ${step[0]}, got ${JSON.stringify(message)}`);
    return step[1];
  }

  async input(q: { message: string; default?: string; validate?: (v: string) => true | string }): Promise<string> {
    this.asked.push(q.message);
    for (;;) {
      let answer = String(this.next(q.message));
      if (answer === '<default>') answer = q.default ?? '';
      const ok = q.validate ? q.validate(answer) : true;
      if (ok === true) return answer;
      this.refused.push({ message: q.message, answer, why: ok });
    }
  }

  async select<T extends string>(q: { message: string; choices: Choice<T>[]; default?: T }): Promise<T> {
    this.asked.push(q.message);
    this.choicesSeen.set(q.message, q.choices as Choice<string>[]);
    const answer = String(this.next(q.message));
    if (answer === '<default>') return (q.default ?? q.choices[0]!.value) as T;
    if (!q.choices.some((c) => c.value === answer)) throw new Error(`${answer} is not a choice of ${q.message}`);
    return answer as T;
  }

  async confirm(q: { message: string }): Promise<boolean> {
    this.asked.push(q.message);
    return Boolean(this.next(q.message));
  }

  async password(q: { message: string }): Promise<string> {
    this.asked.push(q.message);
    return String(this.next(q.message));
  }

  done() {
    expect(this.script).toEqual([]);
  }
}

const body = (partial: Record<string, unknown>) => {
  const r = validateDefinition(partial, 'text');
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
};

describe('the wizard from nothing: every host form and both types', () => {
  it.each<[string, [RegExp, string][], unknown]>([
    [
      'tcp by IPv4 with postgresql',
      [[/name/, 'pg'], [/Type/, 'tcp'], [/host reached/, 'ipv4'], [/IPv4/, '10.0.0.1'], [/Tunnel/, T], [/TCP port/, '5432'], [/protocol/, 'postgresql'], [/verification/, 'verify_full']],
      { name: 'pg', type: 'tcp', host: { ipv4: '10.0.0.1', network: { tunnel_id: T } }, tcp_port: 5432, app_protocol: 'postgresql' },
    ],
    [
      'tcp by IPv6, plain',
      [[/name/, 'ssh'], [/Type/, 'tcp'], [/host reached/, 'ipv6'], [/IPv6/, 'fd00::22'], [/Tunnel/, T2], [/TCP port/, '22'], [/protocol/, 'none'], [/verification/, 'disabled']],
      { name: 'ssh', type: 'tcp', host: { ipv6: 'fd00::22', network: { tunnel_id: T2 } }, tcp_port: 22, tls_settings: { cert_verification_mode: 'disabled' } },
    ],
    [
      'tcp dual stack',
      [[/name/, 'dual'], [/Type/, 'tcp'], [/host reached/, 'dual'], [/IPv4/, '10.0.0.2'], [/IPv6/, 'fd00::2'], [/Tunnel/, T], [/TCP port/, '3306'], [/protocol/, 'mysql'], [/verification/, 'verify_ca']],
      { name: 'dual', type: 'tcp', host: { ipv4: '10.0.0.2', ipv6: 'fd00::2', network: { tunnel_id: T } }, tcp_port: 3306, app_protocol: 'mysql', tls_settings: { cert_verification_mode: 'verify_ca' } },
    ],
    [
      'tcp by hostname with resolvers',
      [[/name/, 'h'], [/Type/, 'tcp'], [/host reached/, 'hostname'], [/Hostname/, 'db.internal'], [/resolver/, '10.0.0.53, 10.0.0.54'], [/Tunnel/, T], [/TCP port/, '5432'], [/protocol/, 'none'], [/verification/, 'verify_full']],
      { name: 'h', type: 'tcp', host: { hostname: 'db.internal', resolver_network: { tunnel_id: T, resolver_ips: ['10.0.0.53', '10.0.0.54'] } }, tcp_port: 5432 },
    ],
    [
      'http by hostname, default ports, typed tunnel id',
      [[/name/, 'web'], [/Type/, 'http'], [/host reached/, 'hostname'], [/Hostname/, 'web.internal'], [/resolver/, ''], [/Tunnel/, ''], [/Tunnel id/, T2], [/Ports/, 'default'], [/verification/, 'verify_full']],
      { name: 'web', type: 'http', host: { hostname: 'web.internal', resolver_network: { tunnel_id: T2 } } },
    ],
    [
      'http by IPv4 with custom ports',
      [[/name/, 'web2'], [/Type/, 'http'], [/host reached/, 'ipv4'], [/IPv4/, '10.0.0.3'], [/Tunnel/, T], [/Ports/, 'custom'], [/HTTP port/, '8080'], [/HTTPS port/, ''], [/verification/, 'verify_full']],
      { name: 'web2', type: 'http', host: { ipv4: '10.0.0.3', network: { tunnel_id: T } }, http_port: 8080 },
    ],
    [
      'http by IPv6',
      [[/name/, 'web6'], [/Type/, 'http'], [/host reached/, 'ipv6'], [/IPv6/, 'fe80::1'], [/Tunnel/, T], [/Ports/, 'custom'], [/HTTP port/, ''], [/HTTPS port/, '8443'], [/verification/, 'verify_full']],
      { name: 'web6', type: 'http', host: { ipv6: 'fe80::1', network: { tunnel_id: T } }, https_port: 8443 },
    ],
    [
      'http dual stack',
      [[/name/, 'webd'], [/Type/, 'http'], [/host reached/, 'dual'], [/IPv4/, '10.0.0.4'], [/IPv6/, 'fd00::4'], [/Tunnel/, T], [/Ports/, 'default'], [/verification/, 'disabled']],
      { name: 'webd', type: 'http', host: { ipv4: '10.0.0.4', ipv6: 'fd00::4', network: { tunnel_id: T } }, tls_settings: { cert_verification_mode: 'disabled' } },
    ],
  ])('%s', async (_name, script, expected) => {
    const p = new ScriptedPrompter(script);
    const out = await runWizard(p, {}, { askAll: false, tunnels });
    p.done();
    expect(body(out)).toStrictEqual(expected);
  });
});

describe('it asks only for what the flags did not give', () => {
  it.each<[string, Record<string, unknown>, [RegExp, string][], unknown]>([
    [
      'only the tcp port is missing, and the optional tcp fields',
      { name: 'db', type: 'tcp', ipv4: '10.0.0.1', tunnel: T },
      [[/TCP port/, '5432'], [/protocol/, 'none'], [/verification/, 'verify_full']],
      { name: 'db', type: 'tcp', host: { ipv4: '10.0.0.1', network: { tunnel_id: T } }, tcp_port: 5432 },
    ],
    [
      'the name only',
      { type: 'http', hostname: 'a.internal', tunnel: T, resolverIps: ['10.0.0.1'], httpPort: '80', certVerificationMode: 'verify_ca' },
      [[/name/, 'named']],
      { name: 'named', type: 'http', host: { hostname: 'a.internal', resolver_network: { tunnel_id: T, resolver_ips: ['10.0.0.1'] } }, http_port: 80, tls_settings: { cert_verification_mode: 'verify_ca' } },
    ],
    [
      'the host form and address, with the tunnel given',
      { name: 'n', type: 'tcp', tunnel: T, tcpPort: '22', appProtocol: 'mysql', certVerificationMode: 'disabled' },
      [[/host reached/, 'ipv4'], [/IPv4/, '10.0.0.9']],
      { name: 'n', type: 'tcp', host: { ipv4: '10.0.0.9', network: { tunnel_id: T } }, tcp_port: 22, app_protocol: 'mysql', tls_settings: { cert_verification_mode: 'disabled' } },
    ],
    [
      'the tunnel only',
      { name: 'n', type: 'http', ipv6: 'fd00::1', httpsPort: '443', certVerificationMode: 'verify_full' },
      [[/Tunnel/, T2]],
      { name: 'n', type: 'http', host: { ipv6: 'fd00::1', network: { tunnel_id: T2 } }, https_port: 443, tls_settings: { cert_verification_mode: 'verify_full' } },
    ],
  ])('%s', async (_name, flags, script, expected) => {
    const p = new ScriptedPrompter(script);
    const out = await runWizard(p, flagsToPartial(flags).partial, { askAll: false, tunnels });
    p.done();
    expect(body(out)).toStrictEqual(expected);
  });

  it('-i asks everything, with the flags as defaults', async () => {
    const flags = { name: 'db', type: 'tcp', ipv4: '10.0.0.1', tunnel: T, tcpPort: '5432', appProtocol: 'postgresql' };
    const p = new ScriptedPrompter([[/name/, '<default>'], [/Type/, '<default>'], [/host reached/, '<default>'], [/IPv4/, '10.0.0.2'], [/Tunnel/, '<default>'], [/TCP port/, '<default>'], [/protocol/, '<default>'], [/verification/, '<default>']]);
    const out = await runWizard(p, flagsToPartial(flags).partial, { askAll: true, tunnels });
    p.done();
    expect(p.asked).toHaveLength(8);
    expect(body(out)).toStrictEqual({ name: 'db', type: 'tcp', host: { ipv4: '10.0.0.2', network: { tunnel_id: T } }, tcp_port: 5432, app_protocol: 'postgresql' });
  });
});

describe('answers are validated as typed, with the schema messages', () => {
  it('refuses bad addresses and ports, then accepts good ones', async () => {
    const p = new ScriptedPrompter([
      [/name/, '   '], [/name/, 'x'], [/Type/, 'tcp'], [/host reached/, 'ipv4'], [/IPv4/, '999.1.1.1'], [/IPv4/, '10.0.0.1'],
      [/Tunnel/, T], [/TCP port/, '70000'], [/TCP port/, 'abc'], [/TCP port/, '5432'], [/protocol/, 'none'], [/verification/, 'verify_full'],
    ]);
    await runWizard(p, {}, { askAll: false, tunnels });
    p.done();
    expect(p.refused.map((r) => r.why)).toEqual([
      'required: the service name',
      'must be a valid IPv4 address such as 10.0.0.1 (got "999.1.1.1")',
      'must be an integer from 1 to 65535 (got "70000")',
      'must be an integer from 1 to 65535 (got "abc")',
    ]);
  });

  it('refuses a hostname with a scheme, and bad resolver IPs', async () => {
    const p = new ScriptedPrompter([
      [/host reached/, 'hostname'], [/Hostname/, 'https://a.b'], [/Hostname/, 'a.b'], [/resolver/, '10.0.0.1,nope'], [/resolver/, '10.0.0.1'],
    ]);
    const out = await runWizard(p, flagsToPartial({ name: 'n', type: 'http', tunnel: T, httpPort: '80', certVerificationMode: 'verify_full' }).partial, { askAll: false, tunnels });
    p.done();
    expect(p.refused.map((r) => r.why)).toEqual([
      'must be a bare hostname without a scheme such as https:// (got "https://a.b")',
      'each must be a valid IPv4 or IPv6 address (got "nope")',
    ]);
    expect(body(out).host).toEqual({ hostname: 'a.b', resolver_network: { tunnel_id: T, resolver_ips: ['10.0.0.1'] } });
  });

  it('takes the tcp host:port shortcut as --hostname does: the port answers the port question', async () => {
    const p = new ScriptedPrompter([
      [/host reached/, 'hostname'], [/Hostname/, 'db.internal:0'], [/Hostname/, 'db..internal:5432'], [/Hostname/, 'db.internal:6543'], [/resolver/, ''], [/protocol/, 'none'],
    ]);
    const out = await runWizard(p, flagsToPartial({ name: 'n', type: 'tcp', tunnel: T, certVerificationMode: 'verify_full' }).partial, { askAll: false, tunnels });
    p.done();
    expect(p.refused.map((r) => r.why)).toEqual([
      'must be an integer from 1 to 65535 (got "0")',
      'must be a valid hostname: labels of letters, digits, "-" or "_", 1 to 63 characters, separated by dots (got "db..internal")',
    ]);
    expect(p.asked.some((m) => /TCP port/.test(m))).toBe(false);
    expect(body(out)).toStrictEqual({ name: 'n', type: 'tcp', host: { hostname: 'db.internal', resolver_network: { tunnel_id: T } }, tcp_port: 6543, tls_settings: { cert_verification_mode: 'verify_full' } });
  });

  it('an http hostname with a port is still refused: the shortcut is tcp only', async () => {
    const p = new ScriptedPrompter([[/host reached/, 'hostname'], [/Hostname/, 'web.internal:8080'], [/Hostname/, 'web.internal'], [/resolver/, '']]);
    await runWizard(p, flagsToPartial({ name: 'n', type: 'http', tunnel: T, httpPort: '80', certVerificationMode: 'verify_full' }).partial, { askAll: false, tunnels });
    p.done();
    expect(p.refused.map((r) => r.why)).toEqual(['must be a bare hostname without a port (got "web.internal:8080")']);
  });

  it('typing a tunnel id that is not a UUID is refused', async () => {
    const p = new ScriptedPrompter([[/Tunnel id/, 'office'], [/Tunnel id/, T]]);
    const out = await runWizard(p, flagsToPartial({ name: 'n', type: 'http', ipv4: '10.0.0.1', httpPort: '80', certVerificationMode: 'verify_full' }).partial, { askAll: false });
    p.done();
    expect(p.refused[0]?.why).toContain('UUID');
    expect(body(out).host).toEqual({ ipv4: '10.0.0.1', network: { tunnel_id: T } });
  });

  it('marks down tunnels and falls back to typing when they cannot be listed', async () => {
    const p = new ScriptedPrompter([[/Tunnel/, T]]);
    await runWizard(p, flagsToPartial({ name: 'n', type: 'http', ipv4: '10.0.0.1', httpPort: '80', certVerificationMode: 'verify_full' }).partial, { askAll: false, tunnels });
    const choices = p.choicesSeen.get('Tunnel:')!;
    expect(choices.map((c) => c.name)).toEqual([
      `office  ${T}  healthy`,
      `lab     ${T2}  ! down`,
      'Enter a tunnel id...',
    ]);
    const typed = new ScriptedPrompter([[/Tunnel id/, T]]);
    await runWizard(typed, flagsToPartial({ name: 'n', type: 'http', ipv4: '10.0.0.1', httpPort: '80', certVerificationMode: 'verify_full' }).partial, {
      askAll: false,
      tunnels: async () => {
        throw new Error('403');
      },
    });
    typed.done();
  });
});

describe('tunnel names from the API', () => {
  it('are escaped in the list: escape sequences, links, titles, carriage returns, bidi and zero-width', async () => {
    const evil = [
      { id: T, name: 'a\u001b[2J\u001b]0;title\u0007\rb', status: 'healthy\u001b[31m' },
      { id: T2, name: '\u001b]8;;https://x.test\u001b\\l\u202e\u200b', status: 'down' },
    ];
    const p = new ScriptedPrompter([[/Tunnel/, T]]);
    await runWizard(p, flagsToPartial({ name: 'n', type: 'http', ipv4: '10.0.0.1', httpPort: '80', certVerificationMode: 'verify_full' }).partial, { askAll: false, tunnels: async () => evil });
    const choices = p.choicesSeen.get('Tunnel:')!;
    expect(choices.map((c) => [c.name, c.short])).toEqual([
      [`a\\x1b[2J\\x1b]0;title\\x0…  ${T}  healthy\\x1b[31m`, `a\\x1b[2J\\x1b]0;title\\x07\\rb (${T})`],
      [`\\x1b]8;;https://x.test\\…  ${T2}  ! down`, `\\x1b]8;;https://x.test\\x1b\\l\\u202e\\u200b (${T2})`],
      ['Enter a tunnel id...', undefined],
    ]);
  });
});

describe('the equivalent command line', () => {
  it('is shell-quoted and wrapped for 80 columns', () => {
    const cmd = equivalentCommand({ name: "bob's db", type: 'tcp', host: { hostname: 'db.internal', resolver_network: { tunnel_id: T, resolver_ips: ['10.0.0.1'] } }, tcp_port: 5432 });
    expect(cmd).toContain(`'bob'\\''s db'`);
    expect(cmd.split('\n').every((l) => l.length <= 80)).toBe(true);
    expect(cmd.replace(/ \\\n\s+/g, ' ')).toBe(`vpcsvc create 'bob'\\''s db' --type tcp --hostname db.internal --resolver-ips 10.0.0.1 --tunnel ${T} --tcp-port 5432`);
  });

  it.each([
    ['plain', 'plain'],
    ['', "''"],
    ['a b', "'a b'"],
    ['$(x)', "'$(x)'"],
    ["it's", "'it'\\''s'"],
    ['back\\slash', "'back\\slash'"],
    ['a\tb', `'a'"$(printf '\\011')"'b'`],
    ['a\nb', "'a\nb'"],
    ['esc\u001b[31m', `'esc'"$(printf '\\033')"'[31m'`],
    ['\u202egnp', `"$(printf '\\342\\200\\256')"'gnp'`],
    ['zw\u200b', `'zw'"$(printf '\\342\\200\\213')"`],
    ['c1\u009b', `'c1'"$(printf '\\302\\233')"`],
    ['é', "'é'"],
  ])('quotes %j', (arg, quoted) => {
    expect(shellQuote(arg)).toBe(quoted);
  });

  /** The argv a POSIX shell builds from the printed command, `vpcsvc` being a function that prints it. */
  const argvOf = (cmd: string): string[] => {
    const r = spawnSync('sh', ['-c', `vpcsvc() { for a in "$@"; do printf '%s\\0' "$a"; done; }\n${cmd}`], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    return r.stdout.split('\0').slice(0, -1);
  };
  /** The name commander would read from that argv: the positional, or `--name=`. */
  const nameOf = (argv: string[]): string | undefined => {
    const flag = argv.find((a) => a.startsWith('--name='));
    if (flag) return flag.slice('--name='.length);
    return argv[1]?.startsWith('-') ? undefined : argv[1];
  };
  const tricky = [
    '-rf',
    '--help',
    '-',
    'tab\there',
    'line\nbreak',
    'dq"uote',
    "sq'uote",
    "''",
    '$HOME and $(id) and `id`',
    'back\\slash\\',
    'ünïcödé 数据库 🙂',
    'esc\u001b]0;title\u0007',
    'bidi\u202egnp.exe\u2066',
    'zero\u200bwidth\ufeff',
    'c1\u0085\u009b',
    'del\u007f',
    '*?[a] ~ & ; | < > ( ) { } #!',
    'a'.repeat(100),
  ];
  it.each(tricky)('round-trips %j through sh', (name) => {
    const cmd = equivalentCommand({ name, type: 'tcp', host: { ipv4: '10.0.0.1', network: { tunnel_id: T } }, tcp_port: 5432 });
    const argv = argvOf(cmd);
    expect(argv[0]).toBe('create');
    expect(nameOf(argv)).toBe(name);
    expect(argv.filter((a) => !a.startsWith('--name=')).slice(-8)).toEqual(['--type', 'tcp', '--ipv4', '10.0.0.1', '--tunnel', T, '--tcp-port', '5432']);
    // What reaches the terminal: printable text and newlines only, nothing that drives it.
    expect(cmd).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/);
  });
});
