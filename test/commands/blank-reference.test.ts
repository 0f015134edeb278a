import { describe, expect, it } from 'vitest';
import { useFakeApi } from '../support/use-fake';
import { runInProcess } from '../support/in-process';

const fake = useFakeApi();

describe('a blank reference is a usage error and sends nothing', () => {
  it.each([
    [['get', ''], '<id-or-name>: must not be empty (got "")'],
    [['get', '   '], '<id-or-name>: must not be empty (got "   ")'],
    [['update', '', '--tcp-port', '1'], '<id-or-name>: must not be empty (got "")'],
    [['delete', ' ', '--yes'], '<id-or-name>: must not be empty (got " ")'],
    [['delete', 'db', '', '--yes'], '<id-or-name> 2: must not be empty (got "")'],
    [['export', ''], '<id-or-name>: must not be empty (got "")'],
    [['doctor', ' '], '<id-or-name>: must not be empty (got " ")'],
  ])('%j', async (args, line) => {
    const r = await runInProcess(args, fake);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(`error: ${line}\n`);
    expect(r.stdout).toBe('');
    expect(fake.requests).toEqual([]);
  });

  it('with --json the error is the JSON object', async () => {
    const r = await runInProcess(['get', '', '--json'], fake);
    expect(r.exitCode).toBe(2);
    expect(JSON.parse(r.stderr).error).toMatchObject({ code: 'usage', message: '<id-or-name>: must not be empty (got "")' });
  });
});
