import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../support/in-process';
import { plain } from '../support/pty';
import { tempDir } from '../support/run-cli';

// The generated scripts run in the real shells: what a user gets on Tab, not the script's text.

const has = (shell: string) => spawnSync(shell, ['--version'], { stdio: 'ignore' }).status === 0;

/** A folder with a few files to complete, one of them with a space in its name. */
let cwd: string;
const scripts = { bash: '', zsh: '', fish: '' };
beforeAll(async () => {
  cwd = tempDir('vpcsvc-completion-');
  writeFileSync(join(cwd, 'comp.json'), '{}');
  writeFileSync(join(cwd, 'my file.json'), '{}');
  mkdirSync(join(cwd, 'sub'));
  for (const shell of ['bash', 'zsh', 'fish'] as const) {
    const r = await runInProcess(['completion', shell]);
    scripts[shell] = join(tempDir('vpcsvc-script-'), `_vpcsvc`);
    writeFileSync(scripts[shell], r.stdout);
  }
});

/** Calls _vpcsvc as bash's programmable completion would for these words (the last is the one under the cursor). */
function bashComplete(...words: string[]): string[] {
  const run = `source "$0"
COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=\${#COMP_LINE}
_vpcsvc vpcsvc "\${COMP_WORDS[COMP_CWORD]}" "\${COMP_WORDS[COMP_CWORD-1]}"
printf '%s\\n' "\${COMPREPLY[@]}"`;
  const r = spawnSync('bash', ['--norc', '--noprofile', '-c', run, scripts.bash, ...words], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
  expect(r.stderr).toBe('');
  return r.stdout.split('\n').filter(Boolean).sort();
}

describe('bash', () => {
  it('completes file names after a path flag, folders and odd names included', () => {
    expect(bashComplete('vpcsvc', 'apply', '-f', 'comp')).toEqual(['comp.json']);
    expect(bashComplete('vpcsvc', 'doctor', '--wrangler-config', '')).toEqual(['comp.json', 'my file.json', 'sub']);
    expect(bashComplete('vpcsvc', 'create', '--file', 'my')).toEqual(['my file.json']);
  });

  it('completes the value of --flag=value (bash splits the word at "=")', () => {
    expect(bashComplete('vpcsvc', 'apply', '--file', '=', 'co')).toEqual(['comp.json']);
    expect(bashComplete('vpcsvc', 'apply', '--file', '=')).toEqual(['comp.json', 'my file.json', 'sub']);
    expect(bashComplete('vpcsvc', 'list', '--type', '=', 'h')).toEqual(['http']);
  });

  it('offers no flag names where a value goes, and keeps the known values', () => {
    expect(bashComplete('vpcsvc', 'apply', '--account', '')).toEqual([]);
    expect(bashComplete('vpcsvc', 'create', '--profile', '--')).toEqual([]);
    expect(bashComplete('vpcsvc', 'doctor', '--timeout', '')).toEqual([]);
    expect(bashComplete('vpcsvc', 'create', '--tunnel', '')).toEqual([]);
    expect(bashComplete('vpcsvc', 'create', '--type', '')).toEqual(['http', 'tcp']);
    expect(bashComplete('vpcsvc', 'export', '--format', 't')).toEqual(['terraform']);
  });

  it('still offers commands and flags where they can start, skipping the values of earlier flags', () => {
    expect(bashComplete('vpcsvc', 'apply', '--pr')).toEqual(['--profile', '--prune']);
    expect(bashComplete('vpcsvc', 'apply', '-f', 'comp.json', '--pru')).toEqual(['--prune']);
    expect(bashComplete('vpcsvc', '--profile', 'p', 'create', '--ty')).toEqual(['--type']);
    expect(bashComplete('vpcsvc', 'auth', '--profile', 'p', 'lo')).toEqual(['login', 'logout']);
    expect(bashComplete('vpcsvc', 'co')).toEqual(['completion']);
    expect(bashComplete('vpcsvc', 'completion', '')).toEqual(['--help', 'bash', 'fish', 'zsh']);
  });
});

describe.runIf(has('fish'))('fish', () => {
  const fishComplete = (line: string): string[] => {
    const r = spawnSync('fish', ['--no-config', '-c', 'source $argv[1]; complete -C $argv[2]', scripts.fish, line], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    expect(r.stderr).toBe('');
    return r.stdout.split('\n').filter(Boolean).map((l) => l.split('\t')[0] ?? '').sort();
  };

  it('completes files after path flags only, and values where it knows them', () => {
    expect(fishComplete('vpcsvc apply -f comp')).toEqual(['comp.json']);
    expect(fishComplete('vpcsvc doctor --wrangler-config ')).toEqual(['comp.json', 'my file.json', 'sub/']);
    expect(fishComplete('vpcsvc apply --account ')).toEqual([]);
    expect(fishComplete('vpcsvc create --tunnel ')).toEqual([]);
    expect(fishComplete('vpcsvc list --type ')).toEqual(['http', 'tcp']);
  });
});

/**
 * An interactive zsh in a pseudo-terminal (test/support/pty_host.py), set up the way the README says:
 * the script autoloaded from a folder in $fpath, or sourced from .zshrc.
 */
class Zsh {
  private child: ChildProcessWithoutNullStreams;
  raw = '';

  constructor(install: 'fpath' | 'source') {
    const home = tempDir('vpcsvc-zsh-');
    const rc =
      install === 'fpath'
        ? `fpath=(${JSON.stringify(join(scripts.zsh, '..'))} $fpath)\nautoload -U compinit && compinit -u -d "$ZDOTDIR/.zcompdump"\n`
        : `source ${JSON.stringify(scripts.zsh)}\n`;
    writeFileSync(join(home, '.zshrc'), `${rc}PROMPT='ready%% '\ncd ${JSON.stringify(cwd)}\n`);
    const host = fileURLToPath(new URL('../support/pty_host.py', import.meta.url));
    this.child = spawn('python3', [host, 'zsh', '--no-globalrcs', '-i'], { env: { PATH: process.env.PATH ?? '', TERM: 'xterm', HOME: home, ZDOTDIR: home } });
    this.child.stdout.on('data', (d: Buffer) => (this.raw += d.toString('utf8')));
  }

  /** Waits until the screen text from `from` on matches, then returns that part of the raw output. */
  async waitFor(text: string, from = 0, timeoutMs = 10_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (!plain(this.raw.slice(from)).includes(text)) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${JSON.stringify(text)}; screen so far:\n${plain(this.raw)}`);
      await new Promise((r) => setTimeout(r, 25));
    }
    return this.raw.slice(from);
  }

  /** Types a line with a Tab at the end; returns what the terminal drew once `expected` shows. */
  async tab(line: string, expected: string): Promise<string> {
    const from = this.raw.length;
    this.child.stdin.write(`${line}\t`);
    const drawn = await this.waitFor(expected, from);
    this.child.stdin.write('\u0015'); // Ctrl-U: an empty line for the next one
    return drawn;
  }

  /** Types a line with a Tab, then a marker: once the marker shows the Tab has been handled. */
  async tabThenMarker(line: string): Promise<string> {
    const from = this.raw.length;
    this.child.stdin.write(`${line}\t#END`);
    const drawn = await this.waitFor('#END', from);
    this.child.stdin.write('\u0015');
    return plain(drawn);
  }

  kill() {
    this.child.kill('SIGKILL');
  }
}

describe.runIf(has('zsh'))('zsh', () => {
  let zsh: Zsh | undefined;
  afterEach(() => zsh?.kill());

  it.each(['fpath', 'source'] as const)('installed by %s, the first Tab of the session completes, without a bell', async (install) => {
    zsh = new Zsh(install);
    await zsh.waitFor('ready%');
    const first = await zsh.tab('vpcsvc apply --pru', 'vpcsvc apply --prune ');
    expect(first).not.toContain('\u0007');
    expect(await zsh.tab('vpcsvc apply -f comp', 'vpcsvc apply -f comp.json ')).not.toContain('\u0007');
    await zsh.tab('vpcsvc apply --file=co', 'vpcsvc apply --file=comp.json ');
    await zsh.tab('vpcsvc doctor --wrangler-config su', 'vpcsvc doctor --wrangler-config sub/');
    await zsh.tab('vpcsvc list --type ht', 'vpcsvc list --type http ');
    await zsh.tab('vpcsvc --profile p create --ty', 'vpcsvc --profile p create --type ');
  });

  it('offers no flag names as the value of --account', async () => {
    zsh = new Zsh('fpath');
    await zsh.waitFor('ready%');
    await zsh.tab('vpcsvc apply --pru', 'vpcsvc apply --prune ');
    expect(await zsh.tabThenMarker('vpcsvc apply --account --pr')).not.toContain('--prune');
  });
});
