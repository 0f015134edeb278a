import { describe, expect, it } from 'vitest';
import { hostnameProblem, isIp, listWords, show } from '../../../src/service/checks';

const LABELS = 'must be a valid hostname: labels of letters, digits, "-" or "_", 1 to 63 characters, separated by dots';

describe('hostname rules, one edge each', () => {
  it.each<[string, string | undefined]>([
    ['a', undefined],
    ['9', undefined],
    ['DB-1.Internal', undefined],
    ['a_b.c', undefined],
    ['x-y.z-9', undefined],
    ['db-.internal', `${LABELS} (got "db-.internal")`],
    ['.db', `${LABELS} (got ".db")`],
    ['db.', undefined],
    ['db..', `${LABELS} (got "db..")`],
    ['d$b', `${LABELS} (got "d$b")`],
    ['db\tinternal', 'must not contain spaces (got "db\\tinternal")'],
    [' db', 'must not contain spaces (got " db")'],
    ['FTP://db', 'must be a bare hostname without a scheme such as https:// (got "FTP://db")'],
    ['git+ssh://db', 'must be a bare hostname without a scheme such as https:// (got "git+ssh://db")'],
    ['1http://db', 'must be a bare hostname without a path (got "1http://db")'],
    ['db/', 'must be a bare hostname without a path (got "db/")'],
    ['fd00::1', 'must be a hostname, not an IP address (use {host.ipv4} or {host.ipv6}) (got "fd00::1")'],
    ['[fd00::1', 'must be a bare hostname without a port (got "[fd00::1")'],
    ['x[10.0.0.1]', `${LABELS} (got "x[10.0.0.1]")`],
    // Brackets count only around the whole value: unwrapping part of it must not make an IP.
    ['[1]0.0.0.1', `${LABELS} (got "[1]0.0.0.1")`],
    ['1[0.0.0.1]', `${LABELS} (got "1[0.0.0.1]")`],
    ['db:', 'must be a bare hostname without a port (got "db:")'],
  ])('%j', (host, problem) => {
    expect(hostnameProblem(host)).toBe(problem);
  });

  it('a label of 62 characters between two others is fine', () => {
    expect(hostnameProblem(`a.${'b'.repeat(62)}.c`)).toBeUndefined();
    expect(hostnameProblem(`a.${'b'.repeat(64)}.c`)).toBe(`${LABELS} (got ${JSON.stringify(`a.${'b'.repeat(64)}.c`)})`);
  });
});

describe('show', () => {
  it.each<[unknown, string]>([
    [-0, '-0'],
    [0, '0'],
    [false, 'false'],
    [[1, 'a'], '[1,"a"]'],
    // 60 characters of JSON are shown whole; 61 are cut to 57 and "...".
    [['x'.repeat(56)], `["${'x'.repeat(56)}"]`],
    [['x'.repeat(57)], `["${'x'.repeat(55)}...`],
  ])('%j', (v, text) => {
    expect(show(v)).toBe(text);
  });
});

describe('isIp', () => {
  it.each([
    ['10.0.0.1', true],
    ['fd00::1', true],
    ['db', false],
  ])('%j is %s', (s, ok) => expect(isIp(s)).toBe(ok));
});

describe('listWords', () => {
  it.each<[string[], string]>([
    [[], ''],
    [['tcp'], 'tcp'],
    [['tcp', 'http'], 'tcp or http'],
    [['verify_full', 'verify_ca', 'disabled'], 'verify_full, verify_ca or disabled'],
  ])('%j', (values, words) => {
    expect(listWords(values)).toBe(words);
  });
});
