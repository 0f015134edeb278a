import { describe, expect, it } from 'vitest';
import type { Choice, Prompter } from '../../../src/prompts/prompter';
import { runWizard } from '../../../src/prompts/wizard';

/*
 * The wizard's words come from the field table (questions, each enum value's help, the "not set"
 * choice): the exact questions and choices a user reads, for one run of each type.
 */
const T = '0191dce4-9ab4-7fce-b660-8e5dec5172da';
const tunnels = async () => [{ id: T, name: 'office', status: 'healthy' }];

/** Answers in order and records every question with its choices. */
class Recorder implements Prompter {
  seen: { message: string; choices?: string[] }[] = [];
  constructor(private answers: string[]) {}
  private next(): string {
    const a = this.answers.shift();
    if (a === undefined) throw new Error('no answer left');
    return a;
  }
  async input(q: { message: string }): Promise<string> {
    this.seen.push({ message: q.message });
    return this.next();
  }
  async select<T extends string>(q: { message: string; choices: Choice<T>[] }): Promise<T> {
    this.seen.push({ message: q.message, choices: q.choices.map((c) => c.name ?? c.value) });
    return this.next() as T;
  }
  async confirm(q: { message: string }): Promise<boolean> {
    this.seen.push({ message: q.message });
    return Boolean(this.next());
  }
  async password(q: { message: string }): Promise<string> {
    this.seen.push({ message: q.message });
    return this.next();
  }
}

const MODES = [
  'verify_full  check the chain and the hostname (default)',
  'verify_ca    check the chain only',
  'disabled     no verification',
];

describe('the wizard asks in the table\'s words', () => {
  it('a tcp service by hostname', async () => {
    const p = new Recorder(['db', 'tcp', 'hostname', 'db.internal', '', T, '5432', 'none', 'verify_full']);
    await runWizard(p, {}, { askAll: false, tunnels });
    expect(p.seen.filter((s) => s.message !== 'Tunnel:' && !/host reached/.test(s.message))).toEqual([
      { message: 'Service name:' },
      { message: 'Type:', choices: ['tcp   a TCP service (databases, SSH, ...)', 'http  an HTTP(S) service'] },
      { message: 'Hostname (no scheme, path or port):' },
      { message: 'DNS resolver IPs, comma-separated (empty: the host\'s default resolver):' },
      { message: 'TCP port of the host:' },
      { message: 'Application protocol:', choices: ['none (plain TCP)', 'postgresql', 'mysql'] },
      { message: 'Certificate verification to the host:', choices: MODES },
    ]);
  });

  it('an http service by both addresses, custom ports', async () => {
    const p = new Recorder(['web', 'http', 'dual', '10.0.0.1', 'fd00::1', T, 'custom', '8080', '8443', 'disabled']);
    await runWizard(p, {}, { askAll: false, tunnels });
    expect(p.seen.map((s) => s.message).filter((m) => !['Service name:', 'Type:', 'Tunnel:'].includes(m) && !/host reached|Ports/.test(m))).toEqual([
      'IPv4 address:',
      'IPv6 address:',
      'HTTP port (empty: 80):',
      'HTTPS port (empty: 443):',
      'Certificate verification to the host:',
    ]);
  });
});
