import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bindingFor, wireBinding } from '../../../src/commands/worker-binding';
import type { Context } from '../../../src/context';
import { UsageError } from '../../../src/errors';
import { writeWranglerConfig } from '../../support/wrangler-config';

const ID = '0191dce4-9ab4-7fce-b660-8e5dec5172da';
const NOTE = 'Bindings are not inherited by environments: repeat the entry under each [env.<name>] (or "env": {"<name>": ...}) that needs it.';

function stubContext(o: { isTTY?: boolean; canPrompt?: boolean; answer?: string } = {}) {
  const lines: string[] = [];
  const asked: string[] = [];
  const ctx = {
    canPrompt: o.canPrompt ?? false,
    prompter: async () => ({
      input: async (q: { message: string; validate: (v: string) => unknown }) => {
        asked.push(q.message, String(q.validate(' 1x ')), String(q.validate(' OK ')));
        return o.answer ?? '';
      },
    }),
    msg: {
      isTTY: o.isTTY ?? false,
      info: (l: string) => lines.push(`info ${l}`),
      success: (l: string) => lines.push(`success ${l}`),
      block: (l: string) => lines.push(`block ${l}`),
    },
  } as unknown as Context;
  return { ctx, lines, asked };
}

describe('bindingFor', () => {
  it('without editing: --binding trimmed, else the derived name (maybe none)', async () => {
    const { ctx } = stubContext();
    expect(await bindingFor(ctx, { binding: ' X_Y ' }, 'db', false)).toBe('X_Y');
    expect(await bindingFor(ctx, { binding: '  ' }, 'orders-db', false)).toBe('ORDERS_DB');
    expect(await bindingFor(ctx, {}, '数据库', false)).toBeUndefined();
  });

  it('editing: the name is checked against the file', async () => {
    const path = writeWranglerConfig(JSON.stringify({ kv_namespaces: [{ binding: 'TAKEN', id: 'x' }] }));
    const { ctx } = stubContext();
    await expect(bindingFor(ctx, { binding: 'TAKEN', wranglerConfig: path }, 'db', true)).rejects.toBeInstanceOf(UsageError);
    expect(await bindingFor(ctx, { wranglerConfig: path }, 'db', true)).toBe('DB');
  });

  it('editing, no name from the service: asked on a terminal (answer trimmed, checked), refused without one', async () => {
    const path = writeWranglerConfig('{}');
    const none = stubContext();
    await expect(bindingFor(none.ctx, { wranglerConfig: path }, '数据库', true)).rejects.toThrow(
      '--binding: the name "数据库" gives no binding name (only A-Z, 0-9 and _ can be used); give one with --binding',
    );
    const asked = stubContext({ canPrompt: true, answer: ' MINE ' });
    expect(await bindingFor(asked.ctx, { wranglerConfig: path }, '数据库', true)).toBe('MINE');
    expect(asked.asked).toEqual([
      'Binding name for the Worker (--binding):',
      '--binding: must be a JavaScript identifier such as ORDERS_DB (letters, digits, _ or $; not starting with a digit) (got "1x")',
      'true',
    ]);
  });
});

describe('wireBinding', () => {
  it('an entry is added, then found already there', async () => {
    const path = writeWranglerConfig('{\n  "name": "w"\n}\n');
    const { ctx, lines } = stubContext();
    await wireBinding(ctx, { service_id: ID } as never, 'DB', path);
    await wireBinding(ctx, { service_id: ID } as never, 'DB', path);
    expect(lines).toEqual([`success added to ${path}: vpc_services binding DB`, `info ${NOTE}`, `success already in ${path}: vpc_services binding DB`, `info ${NOTE}`]);
  });

  it('an entry of the same service is updated in place', async () => {
    const path = writeWranglerConfig(JSON.stringify({ vpc_services: [{ binding: 'OLD', service_id: ID }] }));
    const { ctx, lines } = stubContext();
    await wireBinding(ctx, { service_id: ID } as never, 'DB', path);
    expect(lines).toEqual([`success updated in ${path}: vpc_services binding DB`, `info ${NOTE}`]);
    expect(JSON.parse(readFileSync(path, 'utf8')).vpc_services).toEqual([{ binding: 'DB', service_id: ID, remote: true }]);
  });

  it('without a config file: the snippet only on a terminal', async () => {
    const piped = stubContext();
    await wireBinding(piped.ctx, { service_id: ID } as never, 'DB', undefined);
    expect(piped.lines).toEqual([]);
    const tty = stubContext({ isTTY: true });
    await wireBinding(tty.ctx, { service_id: ID } as never, 'DB', undefined);
    expect(tty.lines).toHaveLength(1);
    expect(tty.lines[0]!.startsWith('block \nTo use it from a Worker, add to wrangler.jsonc:\n')).toBe(true);
  });
});
