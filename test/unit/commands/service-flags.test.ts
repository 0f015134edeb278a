import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { addServiceFlags } from '../../../src/commands/service-flags';

const parse = (args: string[]) => {
  const cmd = addServiceFlags(new Command('x')).exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} });
  cmd.parse(args, { from: 'user' });
  return cmd.opts();
};

describe('service flags', () => {
  it('list flags collect comma lists and repeats', () => {
    expect(parse(['--resolver-ips', 'a,b', '--resolver-ips', 'c']).resolverIps).toEqual(['a', 'b', 'c']);
    expect(parse(['--resolver-ips', 'a']).resolverIps).toEqual(['a']);
  });

  it('a single-value flag given twice: the same value (blanks aside) is fine, another is refused', () => {
    expect(parse(['--tcp-port', '1', '--tcp-port', ' 1 ']).tcpPort).toBe(' 1 ');
    expect(() => parse(['--tcp-port', '1', '--tcp-port', '2'])).toThrow('--tcp-port is given twice with different values ("1" and "2")');
  });

  it('--tunnel-id is a hidden alias of --tunnel', () => {
    expect(parse(['--tunnel-id', 'u']).tunnelId).toBe('u');
    const cmd = addServiceFlags(new Command('x'));
    expect(cmd.options.filter((o) => o.hidden).map((o) => o.long)).toEqual(['--tunnel-id']);
  });
});
