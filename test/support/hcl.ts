import { parse } from '@cdktf/hcl2json';

/**
 * Terraform files read by HashiCorp's own HCL parser (a WASM build of hcl/v2 through
 * @cdktf/hcl2json), so tests check what Terraform itself would read, not what we meant to write.
 */
export async function parseHcl(text: string, file = 'main.tf'): Promise<Record<string, any>> {
  return parse(file, text);
}

/**
 * The literal value of a string from hcl2json's output, which uses Terraform's JSON syntax: there
 * `$${` and `%%{` stand for literal `${` and `%{`, and a bare `${` or `%{` is a template (an
 * interpolation or directive), which no exported value may contain.
 */
export function literal(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; ) {
    const c = s[i] as string;
    if ((c === '$' || c === '%') && s[i + 1] === c && s[i + 2] === '{') {
      out += `${c}{`;
      i += 3;
    } else if ((c === '$' || c === '%') && s[i + 1] === '{') {
      throw new Error(`a template sequence at ${i} in ${JSON.stringify(s)}: the value is not a literal`);
    } else {
      out += c;
      i += 1;
    }
  }
  return out;
}

/** Every string in a parsed value, decoded with `literal`. */
export function literals(v: unknown): unknown {
  if (typeof v === 'string') return literal(v);
  if (Array.isArray(v)) return v.map(literals);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, literals(x)]));
  return v;
}
