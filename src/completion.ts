import type { Command } from 'commander';
import { flagEnumValues } from './service/fields';

/**
 * Shell completion scripts, generated from the commander tree so they never drift from the real
 * commands and flags. Enumerated flags complete their values.
 */

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

export const ENUM_VALUES: Record<string, readonly string[]> = Object.fromEntries([
  ...flagEnumValues(),
  ['--format', ['json', 'ndjson', 'terraform']],
]);

interface Spec {
  name: string;
  aliases: string[];
  description: string;
  options: { long: string; short?: string; takesValue: boolean; description: string }[];
  subcommands: Spec[];
}

export function specOf(cmd: Command): Spec {
  return {
    name: cmd.name(),
    aliases: cmd.aliases(),
    description: cmd.description(),
    options: cmd.options
      .filter((o) => o.long && !o.hidden)
      .map((o) => ({ long: o.long as string, short: o.short, takesValue: o.required || o.optional, description: o.description })),
    subcommands: cmd.commands.filter((c) => c.name() !== 'help').map(specOf),
  };
}

const words = (xs: string[]) => xs.join(' ');
const flagsOf = (s: Spec) => words([...s.options.flatMap((o) => (o.short ? [o.long, o.short] : [o.long])), '--help']);

function bash(root: Spec): string {
  const enumCases = Object.entries(ENUM_VALUES)
    .map(([flag, values]) => `    ${flag}) COMPREPLY=($(compgen -W "${words([...values])}" -- "$cur")); return ;;`)
    .join('\n');
  const commandCases = root.subcommands
    .map((c) => {
      const names = [c.name, ...c.aliases].join('|');
      if (c.subcommands.length === 0) {
        const extra = c.name === 'completion' ? ` ${words([...SHELLS])}` : '';
        return `    ${names}) COMPREPLY=($(compgen -W "${flagsOf(c)}${extra}" -- "$cur")) ;;`;
      }
      const subs = c.subcommands.map((s) => `        ${s.name}) COMPREPLY=($(compgen -W "${flagsOf(s)}" -- "$cur")) ;;`).join('\n');
      return `    ${names})\n      case "$sub" in\n        "") COMPREPLY=($(compgen -W "${words(c.subcommands.map((s) => s.name))}" -- "$cur")) ;;\n${subs}\n      esac ;;`;
    })
    .join('\n');
  const top = words([...root.subcommands.flatMap((c) => [c.name, ...c.aliases]), '--help', '--version']);
  return `# bash completion for vpcsvc
# Load it now:    source <(vpcsvc completion bash)
# Or for good:    vpcsvc completion bash > ~/.local/share/bash-completion/completions/vpcsvc
_vpcsvc() {
  local cur prev cmd="" sub="" i
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  case "$prev" in
${enumCases}
  esac
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "\${COMP_WORDS[i]}" in
      -*) ;;
      *) if [[ -z "$cmd" ]]; then cmd="\${COMP_WORDS[i]}"; elif [[ -z "$sub" ]]; then sub="\${COMP_WORDS[i]}"; fi ;;
    esac
  done
  case "$cmd" in
    "") COMPREPLY=($(compgen -W "${top}" -- "$cur")) ;;
${commandCases}
  esac
}
complete -F _vpcsvc vpcsvc
`;
}

function zsh(root: Spec): string {
  // zsh runs the bash function through bashcompinit, so both shells complete the same way.
  return `#compdef vpcsvc
# zsh completion for vpcsvc
# Load it now:    source <(vpcsvc completion zsh)
# Or for good:    vpcsvc completion zsh > "\${fpath[1]}/_vpcsvc"
autoload -U +X compinit && compinit
autoload -U +X bashcompinit && bashcompinit
${bash(root).split('\n').filter((l) => !l.startsWith('#')).join('\n')}`;
}

function fish(root: Spec): string {
  const q = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  const lines = [
    '# fish completion for vpcsvc',
    '# Load it now:    vpcsvc completion fish | source',
    '# Or for good:    vpcsvc completion fish > ~/.config/fish/completions/vpcsvc.fish',
    'complete -c vpcsvc -f',
  ];
  const top = root.subcommands.flatMap((c) => [c.name, ...c.aliases]);
  for (const c of root.subcommands) {
    for (const n of [c.name, ...c.aliases]) lines.push(`complete -c vpcsvc -n "not __fish_seen_subcommand_from ${words(top)}" -a ${n} -d ${q(c.description)}`);
    const seen = `__fish_seen_subcommand_from ${words([c.name, ...c.aliases])}`;
    const optionLines = (s: Spec, cond: string) => {
      for (const o of s.options) {
        const values = ENUM_VALUES[o.long];
        // Stryker disable next-line Regex: equivalent; commander's flags always start with the dashes, the first match
        const long = o.long.replace(/^--/, '');
        // Stryker disable next-line Regex: equivalent, as above
        const short = o.short ? ` -s ${o.short.replace(/^-/, '')}` : '';
        const arg = values ? ` -xa ${q(words([...values]))}` : o.takesValue ? ' -r' : '';
        lines.push(`complete -c vpcsvc -n "${cond}" -l ${long}${short}${arg} -d ${q(o.description)}`);
      }
    };
    if (c.subcommands.length === 0) {
      optionLines(c, seen);
      if (c.name === 'completion') lines.push(`complete -c vpcsvc -n "${seen}" -a ${q(words([...SHELLS]))}`);
    } else {
      const subNames = words(c.subcommands.map((s) => s.name));
      for (const s of c.subcommands) {
        lines.push(`complete -c vpcsvc -n "${seen}; and not __fish_seen_subcommand_from ${subNames}" -a ${s.name} -d ${q(s.description)}`);
        optionLines(s, `${seen}; and __fish_seen_subcommand_from ${s.name}`);
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

export function completionScript(shell: Shell, program: Command): string {
  const spec = specOf(program);
  return shell === 'bash' ? bash(spec) : shell === 'zsh' ? zsh(spec) : fish(spec);
}
