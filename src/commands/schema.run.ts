import type { Context } from '../context';
import { definitionsJsonSchema } from '../service/json-schema';

export function runSchema(ctx: Context): void {
  ctx.out.json(definitionsJsonSchema());
}
