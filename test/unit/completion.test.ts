import { Command, Option } from 'commander';
import { describe, expect, it } from 'vitest';
import { completionScript, specOf } from '../../src/completion';

function program(): Command {
  const root = new Command('vpcsvc');
  root.addCommand(
    new Command('one')
      .alias('1')
      .description("it's a \\ test")
      .option('--opt [value]', 'optional value')
      .option('-s, --switch', 'a switch')
      .addOption(new Option('--secret <x>', 'hidden').hideHelp())
      .addOption(new Option('--type <t>', 'enumerated')),
  );
  const two = new Command('two').description('group');
  two.addCommand(new Command('sub').description('sub one').option('--req <v>', 'required value'));
  root.addCommand(two);
  root.addCommand(new Command('help').description('not listed'));
  return root;
}

describe('completion scripts from a commander tree', () => {
  it('the spec leaves out hidden options and the help command, and says which options take values', () => {
    const spec = specOf(program());
    expect(spec.subcommands.map((s) => s.name)).toEqual(['one', 'two']);
    expect(spec.subcommands[0]).toEqual({
      name: 'one',
      aliases: ['1'],
      description: "it's a \\ test",
      options: [
        { long: '--opt', short: undefined, takesValue: true, path: false, description: 'optional value' },
        { long: '--switch', short: '-s', takesValue: false, path: false, description: 'a switch' },
        { long: '--type', short: undefined, takesValue: true, path: false, description: 'enumerated' },
      ],
      subcommands: [],
    });
  });

  it('fish quotes backslashes and single quotes, and completes options per subcommand', () => {
    const fish = completionScript('fish', program());
    expect(fish.split('\n').slice(4)).toEqual([
      `complete -c vpcsvc -n "not __fish_seen_subcommand_from one 1 two" -a one -d 'it\\'s a \\\\ test'`,
      `complete -c vpcsvc -n "not __fish_seen_subcommand_from one 1 two" -a 1 -d 'it\\'s a \\\\ test'`,
      `complete -c vpcsvc -n "__fish_seen_subcommand_from one 1" -l opt -x -d 'optional value'`,
      `complete -c vpcsvc -n "__fish_seen_subcommand_from one 1" -l switch -s s -d 'a switch'`,
      `complete -c vpcsvc -n "__fish_seen_subcommand_from one 1" -l type -xa 'tcp http' -d 'enumerated'`,
      `complete -c vpcsvc -n "not __fish_seen_subcommand_from one 1 two" -a two -d 'group'`,
      `complete -c vpcsvc -n "__fish_seen_subcommand_from two; and not __fish_seen_subcommand_from sub" -a sub -d 'sub one'`,
      `complete -c vpcsvc -n "__fish_seen_subcommand_from two; and __fish_seen_subcommand_from sub" -l req -x -d 'required value'`,
      '',
    ]);
  });

  it('bash and zsh complete the same words; a tree without path flags leaves out that case arm', () => {
    const bash = completionScript('bash', program());
    expect(bash).toContain('    "") COMPREPLY=($(compgen -W "one 1 two --help --version" -- "$cur")) ;;\n');
    expect(bash).toContain('    one|1) COMPREPLY=($(compgen -W "--opt --switch -s --type --help" -- "$cur")) ;;\n');
    expect(bash).toContain('    two)\n      case "$sub" in\n        "") COMPREPLY=($(compgen -W "sub" -- "$cur")) ;;\n        sub) COMPREPLY=($(compgen -W "--req --help" -- "$cur")) ;;\n      esac ;;\n');
    expect(bash).toContain('    --opt|--req) return ;;\n  esac\n');
    const zsh = completionScript('zsh', program());
    expect(zsh).toContain('    "") compadd -- one 1 two --help --version ;;\n');
    expect(zsh).toContain('    one|1) compadd -- --opt --switch -s --type --help ;;\n');
    expect(zsh).toContain('    --opt|--req) return 1 ;;\n  esac\n');
    expect(zsh.startsWith('#compdef vpcsvc\n')).toBe(true);
    for (const script of [bash, zsh]) expect(script).not.toMatch(/^\s*\)/m);
  });
});
