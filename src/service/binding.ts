/**
 * Wiring a service into a Worker: the `vpc_services` entry wrangler expects, for wrangler.jsonc
 * and for wrangler.toml.
 */

export interface BindingEntry {
  binding: string;
  service_id: string;
  remote: true;
}

/**
 * `orders-db` -> `ORDERS_DB`; names that would not be identifiers get a leading underscore.
 * Undefined when the name has no ASCII letter or digit (`数据库`): a shared fallback such as
 * VPC_SERVICE would give two such services the same binding, so the caller asks for --binding.
 */
export function defaultBindingName(serviceName: string): string | undefined {
  const words = serviceName
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  const name = words.join('_').toUpperCase();
  if (name === '') return undefined;
  return /^[A-Z_]/.test(name) ? name : `_${name}`;
}

export function noBindingName(serviceName: string): string {
  return `--binding: the name ${JSON.stringify(serviceName)} gives no binding name (only A-Z, 0-9 and _ can be used); give one with --binding`;
}

/** Binding names become JavaScript properties on `env`: identifiers only. */
export function bindingNameProblem(name: string): string | undefined {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name)
    ? undefined
    : `--binding: must be a JavaScript identifier such as ORDERS_DB (letters, digits, _ or $; not starting with a digit) (got ${JSON.stringify(name)})`;
}

export function bindingEntry(binding: string, serviceId: string): BindingEntry {
  return { binding, service_id: serviceId, remote: true };
}

export function jsoncSnippet(e: BindingEntry): string {
  return [
    '"vpc_services": [',
    `  { "binding": ${JSON.stringify(e.binding)}, "service_id": ${JSON.stringify(e.service_id)}, "remote": true }`,
    ']',
  ].join('\n');
}

export function tomlSnippet(e: BindingEntry): string {
  return ['[[vpc_services]]', `binding = ${JSON.stringify(e.binding)}`, `service_id = ${JSON.stringify(e.service_id)}`, 'remote = true'].join('\n');
}

export const PER_ENVIRONMENT_NOTE =
  'Bindings are not inherited by environments: repeat the entry under each [env.<name>] (or "env": {"<name>": ...}) that needs it.';
