// defineScenario: what a file under scenarios/ default-exports. It validates the scenario once,
// at import, and returns a frozen, branded Scenario; a bad one throws a ScenarioError (which
// loadScenarioFile attributes to the file). A scenario written as a function of the target's bounds
// is validated with typical bounds at import and bound to the target's own when it runs (`bind`).
// The `scenarioFacts` are what checks see of it.
import type { ScenarioFacts } from '../checks/types.ts';
import { ScenarioError, problemsFromZod } from './errors.ts';
import { scenarioSchema } from './schema.ts';
import { NOMINAL_BOUNDS, type ScenarioBounds } from './bounds.ts';
import type { Scenario, ScenarioInput } from './types.ts';

const VALIDATED = Symbol.for('faultline.scenario');

function brand(scenario: Scenario): Scenario {
  Object.defineProperty(scenario, VALIDATED, { value: true, enumerable: false });
  return Object.freeze(scenario);
}

export function defineScenario(input: ScenarioInput | ((bounds: ScenarioBounds) => ScenarioInput)): Scenario {
  if (typeof input !== 'function') return validateScenario(input);
  const typical = validateScenario(input(NOMINAL_BOUNDS));
  const bind = (bounds: ScenarioBounds): Scenario => {
    const bound = validateScenario(input(bounds));
    if (bound.name !== typical.name)
      throw new ScenarioError([{ path: 'name', message: 'expected the same name whatever the bounds' }]);
    return bound;
  };
  return brand({ ...typical, bind });
}

/** The scenario as it runs against a target with these bounds (itself, when it takes none). */
export function bindScenario(scenario: Scenario, bounds: ScenarioBounds): Scenario {
  return scenario.bind === undefined ? scenario : withFile(scenario.bind(bounds), scenario.file);
}

/** The same validation for a scenario read as data (JSON, YAML), whose shape is not yet known. */
export function validateScenario(input: unknown): Scenario {
  const result = scenarioSchema.safeParse(input);
  if (!result.success) throw new ScenarioError(problemsFromZod(result.error.issues));
  return brand(result.data);
}

/** The same validated scenario, remembering the file it came from. */
export function withFile(scenario: Scenario, file: string | undefined): Scenario {
  if (file === undefined) return scenario;
  const { bind } = scenario;
  return brand({
    ...scenario,
    file,
    ...(bind === undefined ? {} : { bind: (bounds) => withFile(bind(bounds), file) }),
  });
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
