// ScenarioError: a scenario (or suite) file that does not describe a valid run. It names the file,
// the path of each bad field and what was expected; the CLI prints it without a stack and exits 2.
import type { z } from 'zod';
import { ExitCode, FaultlineError } from '../cli/exit-codes.ts';

export interface ScenarioProblem {
  /** e.g. 'timeline[2].fault.latencyMs' or '(root)' */
  path: string;
  /** What was expected there, and what was found when useful. */
  message: string;
}

export class ScenarioError extends FaultlineError {
  readonly code = 'SCENARIO_INVALID';
  readonly exitCode = ExitCode.InvalidInput;

  constructor(
    readonly problems: ScenarioProblem[],
    readonly file?: string,
    options?: { cause?: unknown },
  ) {
    super(ScenarioError.format(problems, file), options);
    this.name = 'ScenarioError';
  }

  /** The same problems, attributed to a file (the loader knows it; defineScenario does not). */
  withFile(file: string): ScenarioError {
    return this.file === file ? this : new ScenarioError(this.problems, file, { cause: this.cause });
  }

  static format(problems: ScenarioProblem[], file?: string): string {
    const where = file ?? 'scenario';
    if (problems.length === 1) {
      const [only] = problems as [ScenarioProblem];
      return `${where}: ${only.path}: ${only.message}`;
    }
    return `${where}: ${problems.length} problems\n${problems.map((problem) => `  - ${problem.path}: ${problem.message}`).join('\n')}`;
  }
}

/** 'timeline', 2, 'fault' → 'timeline[2].fault' */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? String(key) : `.${String(key)}`;
  }
  return text === '' ? '(root)' : text;
}

type Issue = z.core.$ZodIssue;

/**
 * zod issues → problems, descending into nested ones (a bad record key, a union none of whose
 * branches matched) so the message says what was expected rather than "Invalid key in record".
 */
export function problemsFromZod(issues: readonly Issue[], prefix: readonly PropertyKey[] = []): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if ((issue.code === 'invalid_key' || issue.code === 'invalid_element') && issue.issues.length > 0) {
      problems.push(...problemsFromZod(issue.issues, path));
    } else if (issue.code === 'invalid_union' && issue.errors.length > 0 && !issue.message.startsWith('expected')) {
      // Report the branch that got furthest (the one with the deepest issue path).
      const best = [...issue.errors].sort((a, b) => depth(b) - depth(a))[0] ?? [];
      problems.push(...problemsFromZod(best, path));
    } else {
      problems.push({ path: formatPath(path), message: issue.message });
    }
  }
  return problems;
}

function depth(issues: readonly Issue[]): number {
  return Math.max(0, ...issues.map((issue) => issue.path.length));
}
