import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';

/**
 * Validates requests against the OpenAPI document in test/fixtures (a copy of the contract):
 * bodies against infra_ServiceConfig, path and query parameters against each operation's
 * parameter schemas.
 */

// The benchmarks bundle this file elsewhere, so they name the document explicitly.
const DOC_URL = process.env.VPCSVC_OPENAPI_DOC ?? new URL('../fixtures/connectivity-services.openapi.json', import.meta.url);
export const openapi = JSON.parse(readFileSync(DOC_URL, 'utf8')) as {
  paths: Record<string, Record<string, { operationId: string; parameters?: Param[] }>>;
  components: { schemas: Record<string, unknown> };
};

interface Param {
  name: string;
  in: 'path' | 'query';
  required?: boolean;
  schema: unknown;
}

const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
(addFormats as unknown as (a: Ajv) => void)(ajv);
ajv.addSchema(openapi, 'openapi.json');

const bodyValidator = ajv.getSchema('openapi.json#/components/schemas/infra_ServiceConfig');
if (!bodyValidator) throw new Error('infra_ServiceConfig not found in the OpenAPI document');

/** Problems with a request body, or [] when it validates. */
export function validateServiceBody(body: unknown): string[] {
  if (bodyValidator!(body)) return [];
  return (bodyValidator!.errors ?? []).map((e) => `body${e.instancePath} ${e.message ?? 'invalid'}`);
}

const SERVICES = '/accounts/{account_id}/connectivity/directory/services';
const SERVICE = `${SERVICES}/{service_id}`;

/** Problems with the path and query parameters of one operation. */
export function validateParams(
  template: typeof SERVICES | typeof SERVICE,
  method: string,
  pathParams: Record<string, string>,
  query: URLSearchParams,
): string[] {
  const op = openapi.paths[template]?.[method.toLowerCase()];
  if (!op) return [`no operation ${method} ${template} in the document`];
  const problems: string[] = [];
  for (const p of op.parameters ?? []) {
    const raw = p.in === 'path' ? pathParams[p.name] : (query.get(p.name) ?? undefined);
    if (raw === undefined) {
      if (p.required) problems.push(`${p.in} parameter ${p.name} is required`);
      continue;
    }
    const schema = resolve(p.schema) as { type?: string };
    const value = schema.type === 'integer' || schema.type === 'number' ? (/^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw) : raw;
    const validate = ajv.compile(withDefs(p.schema));
    if (!validate(value)) {
      for (const e of validate.errors ?? []) problems.push(`${p.in} parameter ${p.name} ${e.message ?? 'invalid'}`);
    }
  }
  for (const key of query.keys()) {
    if (!(op.parameters ?? []).some((p) => p.in === 'query' && p.name === key)) problems.push(`unknown query parameter ${key}`);
  }
  return problems;
}

function resolve(schema: unknown): unknown {
  const ref = (schema as { $ref?: string }).$ref;
  if (!ref) return schema;
  const name = ref.replace('#/components/schemas/', '');
  return openapi.components.schemas[name];
}

const compiledDefs = new Map<unknown, object>();
function withDefs(schema: unknown): object {
  let s = compiledDefs.get(schema);
  if (!s) {
    const ref = (schema as { $ref?: string }).$ref;
    s = ref ? { $ref: `openapi.json${ref}` } : (schema as object);
    compiledDefs.set(schema, s);
  }
  return s;
}
