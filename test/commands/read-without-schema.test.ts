import { describe, expect, it, vi } from 'vitest';
import { TUNNEL } from '../support/fake-api';
import { useFakeApi } from '../support/use-fake';
import { runInProcess } from '../support/in-process';

// Counts the zod objects built: the definition schema is strict objects and pipes, so a read
// command that builds neither never initialised the schema.
const built = vi.hoisted(() => ({ objects: 0 }));
vi.mock('zod/mini', async (importOriginal) => {
  const z = await importOriginal<typeof import('zod/mini')>();
  return {
    ...z,
    strictObject: (...args: Parameters<typeof z.strictObject>) => {
      built.objects++;
      return z.strictObject(...args);
    },
    pipe: (...args: Parameters<typeof z.pipe>) => {
      built.objects++;
      return z.pipe(...args);
    },
  };
});

const fake = useFakeApi();
const db = { name: 'db', type: 'tcp', host: { ipv4: '10.0.0.5', network: { tunnel_id: TUNNEL } }, tcp_port: 5432 };

describe('read commands and the definition schema', () => {
  it.each([
    ['list', ['list']],
    ['list --json', ['list', '--json']],
    ['get', ['get', 'db']],
    ['get --json', ['get', 'db', '--json']],
  ])('%s builds no schema', async (_, argv) => {
    fake.seed([db]);
    const r = await runInProcess(argv, fake);
    expect(r.exitCode).toBe(0);
    expect(built.objects).toBe(0);
  });

  it('export builds it: it checks that each service could be created again', async () => {
    fake.seed([db]);
    const r = await runInProcess(['export'], fake);
    expect(r.exitCode).toBe(0);
    expect(built.objects).toBeGreaterThan(0);
  });
});
