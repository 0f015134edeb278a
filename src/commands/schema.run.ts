import type { Context } from '../context';
import { definitionsJsonSchema } from '../service/json-schema';

export async function runSchema(ctx: Context): Promise<void> {
  ctx.out.json(await definitionsJsonSchema());
}
