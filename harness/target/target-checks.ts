// The target's own checks as a scenario names them (`targetChecks`): each name must be one of the
// target's `checks`, and its options must pass that check's schema — both refused before anything
// starts (a ScenarioError: exit 2), never a harness failure after a run.
import type { ConfiguredTargetCheck } from '../checks/registry.ts';
import { ScenarioError, type ScenarioProblem } from '../scenario/errors.ts';
import type { Scenario } from '../scenario/types.ts';
import type { Target } from './types.ts';

/** What is wrong with the target checks a scenario names, against this target. */
export function targetCheckProblems(target: Pick<Target, 'name' | 'checks'>, scenario: Scenario): ScenarioProblem[] {
  return configure(target, scenario).problems;
}

/** The scenario's target checks with their validated options; a ScenarioError when one does not fit. */
export function configuredTargetChecks(
  target: Pick<Target, 'name' | 'checks'>,
  scenario: Scenario,
): ConfiguredTargetCheck[] {
  const { checks, problems } = configure(target, scenario);
  if (problems.length > 0) throw new ScenarioError(problems, scenario.file ?? scenario.name);
  return checks;
}

function configure(
  target: Pick<Target, 'name' | 'checks'>,
  scenario: Scenario,
): { checks: ConfiguredTargetCheck[]; problems: ScenarioProblem[] } {
  const own = target.checks ?? {};
  const names = Object.keys(own);
  const checks: ConfiguredTargetCheck[] = [];
  const problems: ScenarioProblem[] = [];
  for (const { name, options } of scenario.targetChecks) {
    const check = own[name];
    if (check === undefined) {
      problems.push({
        path: `targetChecks.${name}`,
        message:
          names.length === 0
            ? `expected one of the target's own checks, but the target "${target.name}" declares none (\`checks\` in its config)`
            : `expected one of the checks of the target "${target.name}" (${names.join(', ')})`,
      });
      continue;
    }
    const parsed = check.optionsSchema.safeParse(options);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push({
          path: ['targetChecks', name, ...issue.path.map(String)].join('.'),
          message: issue.message,
        });
      continue;
    }
    checks.push({ name, options: parsed.data, check });
  }
  return { checks, problems };
}
