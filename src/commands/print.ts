import type { Context } from '../context';
import type { Service } from '../api/client';
import { outputFormat } from '../output/format';

/** One service as the output flags ask: JSON, NDJSON, the id, or a field/value table. */
export async function printService(ctx: Context, service: Service, opts: { json?: boolean; ndjson?: boolean; quiet?: boolean }) {
  const format = outputFormat(opts);
  if (format === 'json') ctx.out.json(service);
  else if (format === 'ndjson') ctx.out.ndjson(service);
  else if (format === 'ids') ctx.out.line(service.service_id);
  else await ctx.out.service(service);
}
