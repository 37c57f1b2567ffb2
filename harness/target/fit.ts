// Before anything starts: does every scenario of the run speak of requests the target has? A mix
// naming a request the target does not define is the scenario file's mistake (exit 2), said with the
// scenario, the field and the names the target knows — never a harness failure minutes into a run.
// A scenario for any app that asks for what this target does not have (socket requests, a Redis
// bound) does not apply to it: it is skipped, with the reason, like a scenario that needs Redis on a
// machine without it.
import { isSelector, mixMisfit } from '../load/mix.ts';
import { BoundUnavailable, scenarioBounds } from '../scenario/bounds.ts';
import { bindScenario } from '../scenario/define.ts';
import { ScenarioError, type ScenarioProblem } from '../scenario/errors.ts';
import type { Scenario } from '../scenario/types.ts';
import { targetBounds } from './contract.ts';
import { targetAppEnv } from './fixtures.ts';
import { targetCheckProblems } from './target-checks.ts';
import type { Target } from './types.ts';

export function assertScenariosFit(target: Target, scenarios: readonly Scenario[]): void {
  const requests = Object.keys(target.requests);
  const endpoints = Object.keys(target.health.endpoints);
  for (const scenario of scenarios) {
    const problems: ScenarioProblem[] = [];
    const mix = scenario.load?.mix ?? [];
    if (!isSelector(mix))
      for (const entry of mix)
        if (!(entry.template in target.requests))
          problems.push({
            path: `load.mix.${entry.template}`,
            message: `expected a request of the target "${target.name}" (${requests.join(', ')})`,
          });
    if (scenario.bind !== undefined && target.bounds === undefined)
      problems.push({
        path: '(bounds)',
        message: `expected the target "${target.name}" to give its \`bounds\` (its timeouts and retry budget): the scenario's bounds derive from them`,
      });
    const judged = scenario.checks.find((check) => check.name === 'health-truthful')?.options as
      { endpoints?: string[] } | undefined;
    const named = [
      ...(scenario.probes.health ?? []).map((name, index) => ({ name, path: `probes.health[${index}]` })),
      ...(judged?.endpoints ?? []).map((name, index) => ({ name, path: `checks.health-truthful.endpoints[${index}]` })),
    ];
    for (const { name, path } of named)
      if (!(name in target.health.endpoints))
        problems.push({
          path,
          message: `expected a health endpoint of the target "${target.name}" (${endpoints.join(', ')}); got "${name}"`,
        });
    problems.push(...targetCheckProblems(target, scenario));
    if (problems.length > 0) throw new ScenarioError(problems, scenario.file ?? scenario.name);
    // With this target's bounds the scenario must still be valid (a run long enough for its recovery bound).
    if (scenario.bind !== undefined)
      try {
        fitScenario(target, scenario, { ...targetAppEnv(target), ...scenario.app.env });
      } catch (error) {
        if (error instanceof ScenarioError)
          throw new ScenarioError(
            error.problems.map((problem) => ({
              ...problem,
              message: `with the bounds of "${target.name}": ${problem.message}`,
            })),
            scenario.file ?? scenario.name,
          );
        throw error;
      }
  }
}

/** The scenario bound to this target's bounds for an app started with `appEnv`, or why it does not apply. */
export function fitScenario(
  target: Target,
  scenario: Scenario,
  appEnv: Readonly<Record<string, string>>,
): { scenario: Scenario } | { skip: string } {
  let fitted = scenario;
  if (scenario.bind !== undefined) {
    const bounds = targetBounds(target, appEnv);
    if (bounds === undefined)
      throw new ScenarioError([{ path: '(bounds)', message: 'expected the target to give its bounds' }], scenario.name);
    try {
      fitted = bindScenario(scenario, scenarioBounds(bounds));
    } catch (error) {
      if (error instanceof BoundUnavailable) return { skip: error.message };
      throw error;
    }
  }
  const misfit = fitted.load === null ? null : mixMisfit(fitted.load.mix, target);
  if (misfit !== null && 'nothing' in misfit) return { skip: misfit.nothing };
  return { scenario: fitted };
}
