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

interface OptionSpec {
  long: string;
  short?: string;
  takesValue: boolean;
  /** The value names a file (`<path>`), so the shell completes file names after the flag. */
  path: boolean;
  description: string;
}

interface Spec {
  name: string;
  aliases: string[];
  description: string;
  options: OptionSpec[];
  subcommands: Spec[];
}

// Stryker disable next-line Regex: the only path-valued flags are written `<path>`
const PATH_VALUE = /<(path|file)>/;

export function specOf(cmd: Command): Spec {
  return {
    name: cmd.name(),
    aliases: cmd.aliases(),
    description: cmd.description(),
    options: cmd.options
      .filter((o) => o.long && !o.hidden)
      .map((o) => {
        const takesValue = o.required || o.optional;
        return { long: o.long as string, short: o.short, takesValue, path: takesValue && PATH_VALUE.test(o.flags), description: o.description };
      }),
    subcommands: cmd.commands.filter((c) => c.name() !== 'help').map(specOf),
  };
}

const words = (xs: string[]) => xs.join(' ');
const namesOf = (o: OptionSpec) => (o.short ? [o.long, o.short] : [o.long]);
const flagsOf = (s: Spec) => words([...s.options.flatMap(namesOf), '--help']);
const allOptions = (s: Spec): OptionSpec[] => [...s.options, ...s.subcommands.flatMap(allOptions)];
const unique = (xs: string[]) => [...new Set(xs)];

/**
 * The flags whose next word is a value, over the whole tree (a flag means the same in every
 * command): `path` ones complete file names, `text` ones nothing (only the user knows an account
 * id), enumerated ones their values. `all` lets the scripts skip values when they look for the command.
 */
function valueFlags(root: Spec) {
  const valued = allOptions(root).filter((o) => o.takesValue);
  const plain = valued.filter((o) => !ENUM_VALUES[o.long]);
  const path = unique(plain.filter((o) => o.path).flatMap(namesOf));
  const text = unique(plain.filter((o) => !o.path).flatMap(namesOf)).filter((n) => !path.includes(n));
  return { path, text, all: unique(valued.flatMap(namesOf)) };
}

/** The parts bash and zsh share; `complete(words)` is the shell's way of offering a word list. */
function caseArms(root: Spec, complete: (list: string) => string) {
  const commands = root.subcommands
    .map((c) => {
      const names = [c.name, ...c.aliases].join('|');
      if (c.subcommands.length === 0) {
        const extra = c.name === 'completion' ? ` ${words([...SHELLS])}` : '';
        return `    ${names}) ${complete(`${flagsOf(c)}${extra}`)} ;;`;
      }
      const subs = c.subcommands.map((s) => `        ${s.name}) ${complete(flagsOf(s))} ;;`).join('\n');
      return `    ${names})\n      case "$sub" in\n        "") ${complete(words(c.subcommands.map((s) => s.name)))} ;;\n${subs}\n      esac ;;`;
    })
    .join('\n');
  const top = words([...root.subcommands.flatMap((c) => [c.name, ...c.aliases]), '--help', '--version']);
  return { commands, top: `    "") ${complete(top)} ;;` };
}

/** A `case` arm for these flags, or nothing when there are none (an empty pattern is a syntax error). */
const arm = (flags: string[], body: string, indent = '    ') => (flags.length ? `${indent}${flags.join('|')})${body} ;;` : '');

/** The loop that finds the command and subcommand typed so far, stepping over flags and their values. */
const findCommand = (from: number, word: string, valued: string[], skipValue: string) => `  for ((i = ${from}; i < ${from === 1 ? 'COMP_CWORD' : 'CURRENT'}; i++)); do
    case "${word}" in
${[arm(valued, ` ${skipValue}`, '      '), '      -*) ;;'].filter(Boolean).join('\n')}
      *) if [[ -z "$cmd" ]]; then cmd="${word}"; elif [[ -z "$sub" ]]; then sub="${word}"; fi ;;
    esac
  done`;

function bash(root: Spec): string {
  const flags = valueFlags(root);
  const enumCases = Object.entries(ENUM_VALUES)
    .map(([flag, values]) => `    ${flag}) COMPREPLY=($(compgen -W "${words([...values])}" -- "$cur")); return ;;`)
    .join('\n');
  const arms = caseArms(root, (list) => `COMPREPLY=($(compgen -W "${list}" -- "$cur"))`);
  return `# bash completion for vpcsvc
# Load it now:    source <(vpcsvc completion bash)
# Or for good:    vpcsvc completion bash > ~/.local/share/bash-completion/completions/vpcsvc
_vpcsvc() {
  local cur prev cmd="" sub="" i f
  COMPREPLY=()
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  # --flag=value: bash splits the word at "=", so the flag is one word further back
  if [[ "$cur" == "=" ]]; then cur=""; elif [[ "$prev" == "=" ]]; then prev="\${COMP_WORDS[COMP_CWORD-2]}"; fi
  case "$prev" in
${[
    enumCases,
    arm(flags.path, '\n      # file names as the shell completes them: a slash after folders, odd names quoted\n      compopt -o filenames 2>/dev/null\n      while IFS= read -r f; do COMPREPLY+=("$f"); done < <(compgen -f -- "$cur")\n      return'),
    arm(flags.text, ' return'),
  ].filter(Boolean).join('\n')}
  esac
${findCommand(1, '\${COMP_WORDS[i]}', flags.all, '[[ "\${COMP_WORDS[i+1]}" == "=" ]] && ((i++)); ((i++))')}
  case "$cmd" in
${arms.top}
${arms.commands}
  esac
}
complete -F _vpcsvc vpcsvc
`;
}

function zsh(root: Spec): string {
  // Native zsh (compadd, _files), so the same file works sourced and autoloaded from $fpath.
  const flags = valueFlags(root);
  const enumCases = Object.entries(ENUM_VALUES)
    .map(([flag, values]) => `    ${flag}) compadd -- ${words([...values])}; return ;;`)
    .join('\n');
  const arms = caseArms(root, (list) => `compadd -- ${list}`);
  return `#compdef vpcsvc
# zsh completion for vpcsvc
# Load it now:    source <(vpcsvc completion zsh)
# Or for good:    vpcsvc completion zsh > "\${fpath[1]}/_vpcsvc"   (then open a new shell)
_vpcsvc() {
  local cur="\${words[CURRENT]}" prev="\${words[CURRENT-1]}" cmd="" sub="" i
  # --flag=value is one word in zsh: complete what follows the "="
  if [[ "$cur" == -*=* ]]; then prev="\${cur%%=*}"; compset -P '*='; fi
  case "$prev" in
${[enumCases, arm(flags.path, ' _files; return'), arm(flags.text, ' return 1')].filter(Boolean).join('\n')}
  esac
${findCommand(2, '\${words[i]}', flags.all, '((i++))')}
  case "$cmd" in
${arms.top}
${arms.commands}
  esac
}
if [[ "\${funcstack[1]}" == _vpcsvc ]]; then
  # autoloaded from $fpath: zsh runs this file as the function on the first Tab, so complete now
  _vpcsvc "$@"
else
  # sourced: register with the completion system, starting it if .zshrc has not
  (( \${+functions[compdef]} )) || { autoload -U compinit && compinit; }
  compdef _vpcsvc vpcsvc
fi
`;
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
        // -x: a value only the user knows, so neither files nor flag names; -r -F: a file name
        const arg = values ? ` -xa ${q(words([...values]))}` : o.path ? ' -r -F' : o.takesValue ? ' -x' : '';
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
