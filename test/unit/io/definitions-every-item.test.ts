import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors';
import { parseDefinitions } from '../../../src/io/definitions-file';

// Every item that is not an object is named in one report, not only the first.
const problems = (text: string) => {
  try {
    parseDefinitions(text, 'f');
  } catch (e) {
    return (e as UsageError).problems.length ? (e as UsageError).problems : [(e as UsageError).message];
  }
  return [];
};

describe('items that are not objects, all of them', () => {
  it('in an array', () => {
    expect(problems('[1, {"name":"x"}, null, [], "s"]')).toEqual([
      'f: [0]: must be a JSON object (a service definition)',
      'f: [2]: must be a JSON object (a service definition)',
      'f: [3]: must be a JSON object (a service definition)',
      'f: [4]: must be a JSON object (a service definition)',
    ]);
  });

  it('in NDJSON', () => {
    expect(problems('{"a":1}\nnull\n\n"x"\n{"b":2}\n[1]')).toEqual([
      'f: line 2: must be a JSON object (a service definition)',
      'f: line 4: must be a JSON object (a service definition)',
      'f: line 6: must be a JSON object (a service definition)',
    ]);
  });
});
