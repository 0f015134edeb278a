import { describe, expect, it } from 'vitest';
import { TUNNEL } from '../support/fake-api';
import { useFakeApi } from '../support/use-fake';
import { runInProcess } from '../support/in-process';

const fake = useFakeApi();
const svc = { name: 'postgres-db', type: 'tcp', host: { ipv4: '10.0.0.5', network: { tunnel_id: TUNNEL } }, tcp_port: 5432, app_protocol: 'postgresql' };
const ESC = '\u001b';

describe('the field/value table on a colour terminal', () => {
  it.each([40, 80, 200])('at %i columns every key is one whole bold run and every row is one line', async (columns) => {
    const [s] = fake.seed([svc]);
    const r = await runInProcess(['get', s!.service_id], fake, { tty: { stdout: true, stderr: true }, columns, env: { FORCE_COLOR: '1' } });
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    const keys = ['id', 'name', 'type', 'ipv4', 'tunnel', 'tcp port', 'app protocol', 'created', 'updated'];
    const starts = lines.filter((l) => l.startsWith(ESC)).map((l) => /^\u001b\[1m([a-z0-9 ]+)\u001b\[22m {2,}\S/.exec(l)?.[1]);
    expect(starts).toEqual(keys);
    // Continuation lines (a long value wrapped) hold no escape codes of their own.
    for (const l of lines.filter((x) => !x.startsWith(ESC))) expect(l).not.toContain(ESC);
    // A value too long for the screen wraps under its own column; joined back, it is whole.
    expect(r.stdout.replace(/\n {14}/g, '')).toContain(`${s!.service_id}\n`);
  });
});
