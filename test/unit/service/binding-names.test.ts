import { describe, expect, it } from 'vitest';
import { bindingEntry, bindingNameProblem, defaultBindingName, noBindingName, PER_ENVIRONMENT_NOTE } from '../../../src/service/binding';

/* Binding names at their edges, and the exact words the tool prints about them. */

describe('defaultBindingName', () => {
  it.each<[string, string]>([
    ['db', 'DB'],
    ['DB', 'DB'],
    ['HTTPServer', 'HTTPSERVER'],
    ['httpServer', 'HTTP_SERVER'],
    ['v2Api', 'V2_API'],
    ['v2api', 'V2API'],
    ['a', 'A'],
    ['-a-', 'A'],
    ['__a__b__', 'A_B'],
    ['a--b', 'A_B'],
    ['a..b  c', 'A_B_C'],
    ['a$b', 'A_B'],
    ['café db', 'CAF_DB'],
    ['1', '_1'],
    [' 9 lives', '_9_LIVES'],
  ])('%j -> %j', (name, binding) => {
    expect(defaultBindingName(name)).toBe(binding);
  });

  it('a name without ASCII letters or digits gives none, and the error says what to do', () => {
    expect(defaultBindingName('')).toBeUndefined();
    expect(defaultBindingName('_-_')).toBeUndefined();
    expect(noBindingName('数据库')).toBe('--binding: the name "数据库" gives no binding name (only A-Z, 0-9 and _ can be used); give one with --binding');
  });
});

describe('bindingNameProblem', () => {
  it.each(['a', 'A', '_', '$', 'a1', '$x', 'x$', '_9', 'ORDERS_DB', 'aZ_$9'])('%j is a JavaScript identifier', (name) => {
    expect(bindingNameProblem(name)).toBeUndefined();
  });

  it.each(['1', '1a', 'a-', '-a', 'a b', 'a.b', 'é', 'a\n'])('%j is refused with the rule and the name', (name) => {
    expect(bindingNameProblem(name)).toBe(
      `--binding: must be a JavaScript identifier such as ORDERS_DB (letters, digits, _ or $; not starting with a digit) (got ${JSON.stringify(name)})`,
    );
  });
});

describe('the entry and the note', () => {
  it('an entry is the binding, the service and remote: true', () => {
    expect(bindingEntry('DB', 'id-1')).toStrictEqual({ binding: 'DB', service_id: 'id-1', remote: true });
  });

  it('environments do not inherit bindings: the note says so', () => {
    expect(PER_ENVIRONMENT_NOTE).toBe('Bindings are not inherited by environments: repeat the entry under each [env.<name>] (or "env": {"<name>": ...}) that needs it.');
  });
});
