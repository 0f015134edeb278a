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

  it('a single-value flag given twice: the same value (blanks aside) is fine, another is kept as a problem, the first value standing', () => {
    expect(parse(['--tcp-port', '1', '--tcp-port', ' 1 '])).toEqual({ tcpPort: ' 1 ' });
    expect(parse(['--tcp-port', '1', '--tcp-port', '2', '--tcp-port', '3', '--name', 'a', '--name', 'b'])).toEqual({
      tcpPort: '1',
      name: 'a',
      repeated: ['--tcp-port: given twice with different values ("1" and "2")', '--tcp-port: given twice with different values ("1" and "3")', '--name: given twice with different values ("a" and "b")'],
    });
  });

  it('UUIDs compare without regard to case; other values with it', () => {
    const u = '0191dce4-9ab4-7fce-b660-8e5dec5172da';
    expect(parse(['--tunnel', u, '--tunnel', u.toUpperCase()])).toEqual({ tunnel: u.toUpperCase() });
    expect(parse(['--tunnel-id', u.toUpperCase(), '--tunnel-id', u])).toEqual({ tunnelId: u });
    expect(parse(['--name', 'a', '--name', 'A']).repeated).toEqual(['--name: given twice with different values ("a" and "A")']);
  });

  it('--tunnel-id is a hidden alias of --tunnel', () => {
    expect(parse(['--tunnel-id', 'u']).tunnelId).toBe('u');
    const cmd = addServiceFlags(new Command('x'));
    expect(cmd.options.filter((o) => o.hidden).map((o) => o.long)).toEqual(['--tunnel-id']);
  });
});
