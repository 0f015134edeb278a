import { describe, expect, it } from 'vitest';
import { invalidInput } from '../../../src/commands/invalid-input';
import { UsageError } from '../../../src/errors';

describe('invalidInput', () => {
  it('the first problem is the message; all are listed; hints kept', () => {
    const e = invalidInput(
      [
        { path: ['tcp_port'], message: 'must be a port' },
        { path: ['name'], message: 'required' },
      ],
      { kind: 'flags' },
      ['h'],
    );
    expect(e).toBeInstanceOf(UsageError);
    expect([e.message, e.problems, e.hints]).toEqual(['--tcp-port: must be a port', ['--tcp-port: must be a port', '--name: required'], ['h']]);
  });

  it('no problems at all still makes a message, and no hints by default', () => {
    const e = invalidInput([], { kind: 'json' });
    expect([e.message, e.problems, e.hints]).toEqual(['invalid input', [], []]);
  });
});
