// Before anything starts: does every scenario of the run speak of requests the target has? A mix
// naming a request the target does not define is the scenario file's mistake (exit 2), said with the
// scenario, the field and the names the target knows — never a harness failure minutes into a run.
import { ScenarioError, type ScenarioProblem } from '../scenario/errors.ts';
import type { Scenario } from '../scenario/types.ts';
import type { Target } from './types.ts';

export function assertScenariosFit(target: Target, scenarios: readonly Scenario[]): void {
  const requests = Object.keys(target.requests);
  const endpoints = Object.keys(target.health.endpoints);
  for (const scenario of scenarios) {
    const problems: ScenarioProblem[] = [];
    for (const entry of scenario.load?.mix ?? [])
      if (!(entry.template in target.requests))
        problems.push({
          path: `load.mix.${entry.template}`,
          message: `expected a request of the target "${target.name}" (${requests.join(', ')})`,
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
    if (problems.length > 0) throw new ScenarioError(problems, scenario.file ?? scenario.name);
  }
}
