import type { Context } from '../context';
import type { Service } from '../api/client';

/** One service as the output flags ask: JSON, NDJSON, the id, or a field/value table. */
export async function printService(ctx: Context, service: Service, opts: { json?: boolean; ndjson?: boolean; quiet?: boolean }) {
  if (opts.json) ctx.out.json(service);
  else if (opts.ndjson) ctx.out.ndjson(service);
  else if (opts.quiet) ctx.out.line(service.service_id);
  else await ctx.out.service(service);
}
