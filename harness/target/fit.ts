// Before anything starts: does every scenario of the run speak of requests the target has? A mix
// naming a request the target does not define is the scenario file's mistake (exit 2), said with the
// scenario, the field and the names the target knows — never a harness failure minutes into a run.
import { ScenarioError } from '../scenario/errors.ts';
import type { Scenario } from '../scenario/types.ts';
import type { Target } from './types.ts';

export function assertScenariosFit(target: Target, scenarios: readonly Scenario[]): void {
  const known = Object.keys(target.requests);
  for (const scenario of scenarios) {
    const unknown = (scenario.load?.mix ?? []).filter((entry) => !(entry.template in target.requests));
    if (unknown.length === 0) continue;
    throw new ScenarioError(
      unknown.map((entry) => ({
        path: `load.mix.${entry.template}`,
        message: `expected a request of the target "${target.name}" (${known.join(', ')})`,
      })),
      scenario.file ?? scenario.name,
    );
  }
}
