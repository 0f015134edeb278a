import { bindingNameProblem } from '../service/binding';
import { problemOf } from './invalid-input';
import { parseConcurrency } from './options';

/**
 * The problems of create's flags that are not the service's values: a flag given twice with
 * different values (service-flags.ts), --binding, and --concurrency (only a file batches, but a
 * bad value is refused wherever it is given). Said with the service's own.
 */
export function otherFlagProblems(opts: { binding?: string; concurrency?: string; repeated?: string[] }): string[] {
  const binding = opts.binding !== undefined ? bindingNameProblem(opts.binding.trim()) : undefined;
  return [...(opts.repeated ?? []), ...[binding, problemOf(() => parseConcurrency(opts.concurrency))].filter((p): p is string => p !== undefined)];
}
