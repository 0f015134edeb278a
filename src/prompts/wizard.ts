import type { Tunnel } from '../api/client';
import { escapeControl } from '../output/escape';
import { fieldAt, fitsType, getPath, serviceFlags, writableTopLevel, type Field } from '../service/fields';
import type { PartialDefinition } from '../service/flag-values';
import { renderProblem } from '../service/problems';
import { validateDefinition } from '../service/schema';
import type { Choice, Prompter } from './prompter';

/**
 * The create wizard (cli.md section 3): asks, in order, for every field the flags did not give
 * (or for everything, with the flags as defaults, when `askAll`), and returns the completed
 * partial definition in the API's shape. Every answer is checked as it is typed by the same schema
 * that checks flags, so the messages are the same.
 */

export interface WizardOptions {
  askAll: boolean;
  /** Lists the account's tunnels; undefined or a failure means the id is typed. */
  tunnels?: () => Promise<Tunnel[]>;
}

type Loose = Record<string, unknown>;
const obj = (v: unknown): Loose => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Loose) : {});
const str = (v: unknown): string | undefined => (v === undefined || v === null ? undefined : String(v));

type HostForm = 'ipv4' | 'ipv6' | 'dual' | 'hostname';

/** The wizard's question for a field, from the field table. */
const promptOf = (path: string): string => fieldAt(path)?.prompt ?? `${path}:`;

/** An enum's choices: its values, each with its words from the table aligned after it. */
function enumChoices(f: Field): Choice<string>[] {
  const values = f.values ?? [];
  const help = f.valueHelp;
  if (!help) return values.map((v) => ({ name: v, value: v }));
  const width = Math.max(...values.map((v) => v.length));
  return values.map((v) => ({ name: `${v.padEnd(width)}  ${help[v] ?? ''}`, value: v, short: v }));
}

/**
 * A validator for one answer: the candidate definition is checked whole, and only the problems
 * at `paths` count, rendered without the label (the prompt already says which field it is).
 */
function validatorFor(build: (answer: string) => Loose, paths: string[]): (answer: string) => true | string {
  return (answer) => {
    const r = validateDefinition(build(answer), 'text');
    if (r.ok) return true;
    const mine = r.problems.filter((p) => {
      const key = p.path.filter((x) => typeof x === 'string').join('.');
      return paths.some((want) => key === want || key.startsWith(`${want}.`)) && !p.message.startsWith('required with');
    });
    if (mine.length === 0) return true;
    // Worded as for flags (`use --ipv4 or --ipv6`), like every other message the wizard's user reads.
    return renderProblem(mine[0]!, { kind: 'flags' }).replace(/^[^:]+: /, '');
  };
}

export async function runWizard(p: Prompter, given: PartialDefinition, o: WizardOptions): Promise<PartialDefinition> {
  const d: Loose = structuredClone(given);
  const host = obj(d.host);
  const ask = (present: boolean) => o.askAll || !present;

  if (ask(str(d.name) !== undefined)) {
    d.name = await p.input({
      message: promptOf('name'),
      default: str(d.name),
      validate: (v) => (v.trim() === '' ? 'required: the service name' : validatorFor((a) => ({ ...d, name: a }), ['name'])(v)),
    });
  }

  if (ask(str(d.type) !== undefined)) {
    d.type = await p.select({ message: promptOf('type'), default: str(d.type), choices: enumChoices(fieldAt('type')!) });
  }
  const type = str(d.type);

  const givenForm: HostForm | undefined =
    host.hostname !== undefined ? 'hostname' : host.ipv4 !== undefined && host.ipv6 !== undefined ? 'dual' : host.ipv4 !== undefined ? 'ipv4' : host.ipv6 !== undefined ? 'ipv6' : undefined;
  let form = givenForm;
  if (ask(givenForm !== undefined)) {
    form = await p.select<HostForm>({
      message: 'How is the host reached?',
      default: givenForm,
      choices: [
        { name: 'IPv4 address', value: 'ipv4' },
        { name: 'IPv6 address', value: 'ipv6' },
        { name: 'IPv4 and IPv6 (dual stack)', value: 'dual' },
        { name: 'Hostname, resolved inside the private network', value: 'hostname' },
      ],
    });
  }

  const tunnelBefore = str(obj(host.network).tunnel_id) ?? str(obj(host.resolver_network).tunnel_id);
  const resolverBefore = obj(host.resolver_network).resolver_ips as string[] | undefined;
  const newHost: Loose = {};
  const hostWith = (extra: Loose): Loose => ({ ...d, host: { ...newHost, ...extra } });
  // A form given and kept has its addresses given too; a form chosen now (or -i) asks for them.
  const askAddress = o.askAll || givenForm !== form;
  if (form === 'ipv4' || form === 'dual') {
    newHost.ipv4 = askAddress
      ? await p.input({ message: promptOf('host.ipv4'), default: str(host.ipv4), validate: validatorFor((a) => hostWith({ ipv4: a }), ['host.ipv4']) })
      : host.ipv4;
  }
  if (form === 'ipv6' || form === 'dual') {
    newHost.ipv6 = askAddress
      ? await p.input({ message: promptOf('host.ipv6'), default: str(host.ipv6), validate: validatorFor((a) => hostWith({ ipv6: a }), ['host.ipv6']) })
      : host.ipv6;
  }
  let resolverIps = resolverBefore;
  if (form === 'hostname') {
    // The tcp `host:port` shortcut, as `--hostname` takes it: the port answers the port question.
    const shortcut = (a: string) => (type === 'tcp' ? /^([^:\s]+):(\d+)$/.exec(a.trim()) : null);
    const checkHostname = validatorFor((a) => hostWith({ hostname: a }), ['host.hostname']);
    const checkPort = validatorFor((x) => ({ ...d, tcp_port: x }), ['tcp_port']);
    const answer = askAddress
      ? await p.input({
          message: promptOf('host.hostname'),
          default: str(host.hostname),
          validate: (a) => {
            const m = shortcut(a);
            if (!m) return checkHostname(a);
            const hostOk = checkHostname(m[1] as string);
            return hostOk === true ? checkPort(m[2] as string) : hostOk;
          },
        })
      : host.hostname;
    const split = typeof answer === 'string' ? shortcut(answer) : null;
    newHost.hostname = split ? split[1] : answer;
    if (split) d.tcp_port = split[2];
    if (ask(resolverBefore !== undefined)) {
      const answer = await p.input({
        message: promptOf('host.resolver_network.resolver_ips'),
        default: resolverBefore?.join(','),
        validate: (a) =>
          a.trim() === '' ? true : validatorFor((x) => hostWith({ resolver_network: { resolver_ips: x.split(',') } }), ['host.resolver_network.resolver_ips'])(a),
      });
      resolverIps = answer.trim() === '' ? undefined : answer.split(',').map((s) => s.trim());
    }
  }

  let tunnel = tunnelBefore;
  if (ask(tunnelBefore !== undefined)) tunnel = await askTunnel(p, tunnelBefore, o.tunnels, d);
  if (form === 'hostname') {
    newHost.resolver_network = { ...(tunnel !== undefined && { tunnel_id: tunnel }), ...(resolverIps && { resolver_ips: resolverIps }) };
  } else {
    newHost.network = { ...(tunnel !== undefined && { tunnel_id: tunnel }) };
  }
  d.host = newHost;

  if (type === 'tcp') {
    delete d.http_port;
    delete d.https_port;
    if (ask(d.tcp_port !== undefined)) {
      d.tcp_port = await p.input({
        message: promptOf('tcp_port'),
        default: str(d.tcp_port),
        validate: (a) => (a.trim() === '' ? 'required: a port from 1 to 65535' : validatorFor((x) => ({ ...d, tcp_port: x }), ['tcp_port'])(a)),
      });
    }
  } else if (type === 'http') {
    delete d.tcp_port;
    delete d.app_protocol;
    if (ask(d.http_port !== undefined || d.https_port !== undefined)) {
      const custom = await p.select<'default' | 'custom'>({
        message: 'Ports:',
        default: d.http_port !== undefined || d.https_port !== undefined ? 'custom' : 'default',
        choices: [
          { name: 'the defaults: 80 for HTTP, 443 for HTTPS', value: 'default' },
          { name: 'other ports', value: 'custom' },
        ],
      });
      if (custom === 'default') {
        delete d.http_port;
        delete d.https_port;
      } else {
        for (const key of ['http_port', 'https_port'] as const) {
          const f = fieldAt(key)!;
          const v = await p.input({
            message: `${f.prompt} (empty: ${f.apiDefault}):`,
            default: str(d[key]),
            validate: (a) => (a.trim() === '' ? true : validatorFor((x) => ({ ...d, [key]: x }), [key])(a)),
          });
          if (v.trim() === '') delete d[key];
          else d[key] = v.trim();
        }
      }
    }
  }

  // The optional enums of the type (app_protocol...), each with a choice for "not set".
  for (const f of writableTopLevel()) {
    if (f.kind !== 'enum' || f.only === undefined || !fitsType(f, type) || !ask(d[f.path] !== undefined)) continue;
    const none = f.noneChoice ?? 'none';
    const picked = await p.select({
      message: promptOf(f.path),
      default: str(d[f.path]) ?? 'none',
      choices: [{ name: none, value: 'none' }, ...enumChoices(f)],
    });
    if (picked === 'none') delete d[f.path];
    else d[f.path] = picked;
  }

  const tls = obj(d.tls_settings);
  const modeField = fieldAt('tls_settings.cert_verification_mode')!;
  if (ask(tls.cert_verification_mode !== undefined)) {
    const mode = await p.select({
      message: promptOf(modeField.path),
      default: str(tls.cert_verification_mode) ?? String(modeField.apiDefault),
      choices: enumChoices(modeField),
    });
    // The default needs no tls_settings block unless other TLS fields were given.
    if (mode === modeField.apiDefault && Object.keys(tls).every((k) => k === 'cert_verification_mode')) delete d.tls_settings;
    else d.tls_settings = { ...tls, cert_verification_mode: mode };
  }
  return d;
}

async function askTunnel(p: Prompter, current: string | undefined, list: WizardOptions['tunnels'], d: Loose): Promise<string> {
  const typed = () =>
    p.input({
      message: promptOf('host.network.tunnel_id'),
      default: current,
      validate: (a) => (a.trim() === '' ? 'required: the UUID of the Cloudflare Tunnel' : validatorFor((x) => ({ ...d, host: { ipv4: '10.0.0.1', network: { tunnel_id: x } } }), ['host.network.tunnel_id'])(a)),
    });
  // No way to list them, or a listing that fails: the id is typed.
  const tunnels: Tunnel[] = list ? await list().catch(() => []) : [];
  if (tunnels.length === 0) return (await typed()).trim();
  // Names, ids and statuses come from the API: escaped before they reach the terminal, and cut
  // after escaping so the column stays 24 wide (an ellipsis says a name was cut).
  const label = (name: string) => {
    const shown = escapeControl(name);
    return shown.length > 24 ? `${shown.slice(0, 23)}…` : shown;
  };
  const width = Math.max(...tunnels.map((t) => label(t.name).length));
  const choices: Choice<string>[] = tunnels.map((t) => {
    const status = t.status ?? 'unknown';
    const warn = status === 'down' || status === 'inactive' ? `  ! ${status}` : `  ${status}`;
    return { name: `${label(t.name).padEnd(width)}  ${escapeControl(t.id)}${escapeControl(warn)}`, value: t.id, short: escapeControl(`${t.name} (${t.id})`) };
  });
  choices.push({ name: 'Enter a tunnel id...', value: '' });
  const picked = await p.select({ message: 'Tunnel:', choices, default: current && tunnels.some((t) => t.id === current) ? current : undefined });
  return picked === '' ? (await typed()).trim() : picked;
}

/** The non-interactive command line that creates the same service, shell-quoted. */
export function equivalentCommand(def: Loose): string {
  // Each flag stays on one line with its value, so a wrapped command still reads well.
  // A name starting with `-` would read as a flag: `--name=` keeps it a value.
  const name = String(def.name);
  const parts: string[] = [name.startsWith('-') ? `vpcsvc create --name=${shellQuote(name)}` : `vpcsvc create ${shellQuote(name)}`];
  // Every flag but the name, in help order; a flag that sets several paths takes the first set.
  for (const { flag, fields } of serviceFlags()) {
    if (flag.name === '--name') continue;
    const value = fields.map((f) => getPath(def, f.path)).find((v) => v !== undefined && v !== null);
    if (Array.isArray(value)) {
      if (value.length) parts.push(`${flag.name} ${shellQuote(value.join(','))}`);
    } else if (value !== undefined) parts.push(`${flag.name} ${shellQuote(String(value))}`);
  }
  return wrapCommand(parts);
}

/** Joins words into lines of at most `width`, continued with ` \` so it still pastes as one command. */
export function wrapCommand(words: string[], width = 76): string {
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && line.length + 1 + w.length > width - 2) {
      lines.push(`${line} \\`);
      line = `    ${w}`;
    } else line = line ? `${line} ${w}` : w;
  }
  lines.push(line);
  return lines.join('\n  ');
}

/**
 * Quotes one word for a POSIX shell so that pasting it gives back exactly `arg`. Printable text goes
 * in single quotes (a `'` is written `'\''`); a newline stays literal inside them (harmless on
 * a terminal, and kept by every shell). Characters that would drive the terminal or hide text
 * (controls, tab, DEL, C1, bidi and zero-width characters) are never printed raw: each run of them
 * becomes `"$(printf '\ooo...')"`, their UTF-8 bytes in octal, which plain sh understands (bash's
 * `$'...'` is not POSIX, and dash lacks it). Command substitution drops only trailing newlines,
 * and a newline never goes through printf, so nothing is lost.
 */
export function shellQuote(arg: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)) return arg;
  const parts: string[] = [];
  let last = 0;
  for (const m of arg.matchAll(UNPRINTABLE)) {
    if (m.index > last) parts.push(singleQuote(arg.slice(last, m.index)));
    const octal = [...Buffer.from(m[0])].map((b) => `\\${b.toString(8).padStart(3, '0')}`).join('');
    parts.push(`"$(printf '${octal}')"`);
    last = m.index + m[0].length;
  }
  if (last < arg.length || parts.length === 0) parts.push(singleQuote(arg.slice(last)));
  return parts.join('');
}

// The characters escape.ts escapes for the terminal, less the newline (kept literal, see above).
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]+/g;

const singleQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
