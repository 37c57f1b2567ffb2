// defineSuite: a named, ordered group of scenarios (e.g. the CI resilience suite). Scenario names
// must be unique within a suite, since reports and JUnit test cases are keyed by them.
import { z } from 'zod';
import { isScenario } from './define.ts';
import { ScenarioError, problemsFromZod } from './errors.ts';
import type { Scenario, Suite, SuiteInput } from './types.ts';
import { KEBAB_CASE } from '../lib/kebab-case.ts';

const VALIDATED = Symbol.for('faultline.suite');

const suiteSchema = z
  .strictObject({
    name: z.string().regex(KEBAB_CASE, 'expected a kebab-case suite name'),
    description: z.string().default(''),
    scenarios: z
      .array(
        z.custom<Scenario>(isScenario, {
          error: 'expected a scenario made with defineScenario() (import it from its file)',
        }),
      )
      .min(1, 'expected at least one scenario'),
  })
  .superRefine((suite, ctx) => {
    const seen = new Set<string>();
    suite.scenarios.forEach((scenario, index) => {
      if (seen.has(scenario.name))
        ctx.addIssue({
          code: 'custom',
          path: ['scenarios', index],
          message: `expected unique scenario names; "${scenario.name}" appears twice`,
        });
      seen.add(scenario.name);
    });
  });

export function defineSuite(input: SuiteInput): Suite {
  const result = suiteSchema.safeParse(input);
  if (!result.success) throw new ScenarioError(problemsFromZod(result.error.issues));
  const suite: Suite = { ...result.data };
  Object.defineProperty(suite, VALIDATED, { value: true, enumerable: false });
  return Object.freeze(suite);
}

export function isSuite(value: unknown): value is Suite {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[VALIDATED] === true;
}
