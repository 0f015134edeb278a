import { UsageError } from '../errors';
import { renderProblem, type LabelStyle, type Problem } from '../service/problems';

/** One usage error from a list of problems: the first is the message, all are listed. */
export function invalidInput(problems: Problem[], style: LabelStyle, hints: string[] = []): UsageError {
  const lines = problems.map((p) => renderProblem(p, style));
  return new UsageError(lines[0] ?? 'invalid input', lines, hints);
}
