import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configDir } from '../../../src/credentials/store';

// The XDG Base Directory spec: a relative XDG_CONFIG_HOME is invalid and ignored. Taking it would
// put the credentials under whatever folder the command happens to run in.
describe('configDir and a relative XDG_CONFIG_HOME', () => {
  it.each(['relative/path', './x', 'x', ' ../up '])('%j is ignored: ~/.config/vpcsvc', (xdg) => {
    expect(configDir({ XDG_CONFIG_HOME: xdg }, 'linux')).toBe(join(homedir(), '.config', 'vpcsvc'));
  });

  it('an absolute one is used, trimmed', () => {
    expect(configDir({ XDG_CONFIG_HOME: ' /xdg ' }, 'linux')).toBe('/xdg/vpcsvc');
  });
});
