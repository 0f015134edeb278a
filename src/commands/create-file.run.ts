import type { Context } from '../context';
import { UsageError } from '../errors';
import type { CreateOptions } from './create';

/** `create --file`: filled in by the JSON/apply work. */
export async function runCreateFromFile(_ctx: Context, _name: string | undefined, _opts: CreateOptions): Promise<void> {
  throw new UsageError('--file is not supported yet');
}
