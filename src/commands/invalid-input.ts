import { UsageError } from '../errors';
import { renderProblem, type LabelStyle, type Problem } from '../service/problems';

/**
 * One usage error from a list of problems: the first is the message, all are listed, then `more`
 * (problems of other flags found in the same run).
 */
export function invalidInput(problems: Problem[], style: LabelStyle, hints: string[] = [], more: string[] = []): UsageError {
  const lines = [...problems.map((p) => renderProblem(p, style)), ...more];
  return new UsageError(lines[0] ?? 'invalid input', lines, hints);
}

/** The usage error a check throws, as one line; undefined when the check passes. */
export function problemOf(check: () => unknown): string | undefined {
  try {
    check();
    return undefined;
  } catch (e) {
    // Stryker disable next-line ConditionalExpression: equivalent; the checks given throw nothing else, and a bug should still surface
    if (!(e instanceof UsageError)) throw e;
    return e.message;
  }
}
