// defineScenario: what a file under scenarios/ default-exports. It validates the scenario once,
// at import, and returns a frozen, branded Scenario; a bad one throws a ScenarioError (which
// loadScenarioFile attributes to the file). The `scenarioFacts` are what checks see of it.
import type { ScenarioFacts } from '../checks/types.ts';
import { ScenarioError, problemsFromZod } from './errors.ts';
import { scenarioSchema } from './schema.ts';
import type { Scenario, ScenarioInput } from './types.ts';

const VALIDATED = Symbol.for('faultline.scenario');

function brand(scenario: Scenario): Scenario {
  Object.defineProperty(scenario, VALIDATED, { value: true, enumerable: false });
  return Object.freeze(scenario);
}

export function defineScenario(input: ScenarioInput): Scenario {
  return validateScenario(input);
}

/** The same validation for a scenario read as data (JSON, YAML), whose shape is not yet known. */
export function validateScenario(input: unknown): Scenario {
  const result = scenarioSchema.safeParse(input);
  if (!result.success) throw new ScenarioError(problemsFromZod(result.error.issues));
  return brand(result.data);
}

/** The same validated scenario, remembering the file it came from. */
export function withFile(scenario: Scenario, file: string): Scenario {
  return brand({ ...scenario, file });
}

/** True for values made by defineScenario (validated), false for anything else. */
export function isScenario(value: unknown): value is Scenario {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[VALIDATED] === true;
}

export function scenarioFacts(scenario: Scenario, contract?: ScenarioFacts['contract']): ScenarioFacts {
  return {
    name: scenario.name,
    graceMs: scenario.graceMs,
    expectFailFast: scenario.app.expect === 'fail-fast',
    ...(contract === undefined ? {} : { contract }),
  };
}
