// The scenario schema: shape, ranges and the rules between fields (faults inside the run, windows
// that end after they start, revertible faults in during()/every(), load within the run). Check
// options are validated by each check's own schema, so a bad threshold fails here, before a run.
import { z } from 'zod';
import { CHECKS, CHECK_NAMES, type CheckName, type ConfiguredCheck } from '../checks/registry.ts';
import { durationMsSchema } from '../lib/duration.ts';
import { loadSectionSchema, toLoadProfile } from '../load/profile-schema.ts';
import { faultSchema } from './fault-schema.ts';
import { FAULT_TRAITS, faultNeeds } from './faults.ts';
import { planFaults } from './plan.ts';
import type { Step } from './steps.ts';
import type { Scenario } from './types.ts';

const unknownKeys = (what: string, known: readonly string[]) => (issue: { code: string; keys?: string[] }) =>
  issue.code === 'unrecognized_keys'
    ? `unknown ${what} ${issue.keys?.map((key) => JSON.stringify(key)).join(', ')}; expected one of ${known.join(', ')}`
    : undefined;

const stepSchema = z.discriminatedUnion(
  'step',
  [
    z.strictObject({ step: z.literal('at'), at: durationMsSchema, fault: faultSchema }),
    z.strictObject({ step: z.literal('during'), from: durationMsSchema, until: durationMsSchema, fault: faultSchema }),
    z.strictObject({
      step: z.literal('every'),
      every: durationMsSchema,
      fault: faultSchema,
      from: durationMsSchema,
      until: durationMsSchema,
      holdFor: durationMsSchema.optional(),
    }),
  ],
  {
    error: (issue) =>
      issue.code === 'invalid_union'
        ? "expected a step built with at('3s', fault), during('3s', '8s', fault) or every('2s', fault, { from, until })"
        : undefined,
  },
);

const checksSchema = z.strictObject(
  Object.fromEntries(
    CHECK_NAMES.map((name) => [
      name,
      z.preprocess((value) => (value === true ? {} : value), CHECKS[name].optionsSchema as z.ZodType).optional(),
    ]),
  ),
  { error: unknownKeys('check(s)', CHECK_NAMES) },
);

const SCENARIO_FIELDS = [
  'name',
  'description',
  'needs',
  'app',
  'duration',
  'grace',
  'seed',
  'timeline',
  'load',
  'checks',
];

export const scenarioSchema = z
  .strictObject(
    {
      name: z
        .string({ error: 'expected a kebab-case name' })
        .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a kebab-case name such as "db-outage-under-load"'),
      description: z
        .string({ error: 'expected a description of the production failure it reproduces' })
        .trim()
        .min(10, 'expected a description of the production failure it reproduces (a sentence)'),
      needs: z
        .strictObject(
          {
            redis: z.boolean().optional(),
            processControl: z.boolean().optional(),
            postgresControl: z.boolean().optional(),
          },
          { error: unknownKeys('need(s)', ['redis', 'processControl', 'postgresControl']) },
        )
        .default({}),
      app: z
        .strictObject(
          {
            startAt: durationMsSchema.default(0),
            env: z
              .record(
                z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'expected an environment variable name (UPPER_SNAKE_CASE)'),
                z.union([z.string(), z.number(), z.boolean()], { error: 'expected a string, number or boolean' }),
              )
              .default({}),
            expect: z.enum(['ready', 'fail-fast']).default('ready'),
          },
          { error: unknownKeys('app field(s)', ['startAt', 'env', 'expect']) },
        )
        .default({ startAt: 0, env: {}, expect: 'ready' }),
      duration: durationMsSchema.refine((ms) => ms > 0, 'expected a duration > 0'),
      grace: durationMsSchema.default(5_000),
      seed: z.number().int().min(0).max(4_294_967_295).optional(),
      timeline: z
        .array(stepSchema, { error: 'expected a list of steps: [at(...), during(...), every(...)]' })
        .default([]),
      load: loadSectionSchema.optional(),
      checks: checksSchema,
    },
    { error: unknownKeys('field(s)', SCENARIO_FIELDS) },
  )
  .transform((input, ctx): Scenario => {
    const issue = (path: PropertyKey[], message: string): void => ctx.addIssue({ code: 'custom', path, message });
    const durationMs = input.duration;

    const steps: Step[] = input.timeline.map((step, index) => {
      const path = ['timeline', index];
      const revertible = FAULT_TRAITS[step.fault.type].revertible;
      if (step.step === 'at') {
        if (step.at > durationMs)
          issue([...path, 'at'], `expected a time within the run's duration (${durationMs} ms), got ${step.at} ms`);
        return { step: 'at', atMs: step.at, fault: step.fault };
      }
      if (!revertible)
        issue(
          [...path, 'fault'],
          `expected a fault that can be reverted in ${step.step}(); ${step.fault.type} is a one-off action — use at()`,
        );
      if (step.until <= step.from)
        issue([...path, 'until'], `expected until (${step.until} ms) after from (${step.from} ms)`);
      if (step.until > durationMs)
        issue([...path, 'until'], `expected a time within the run's duration (${durationMs} ms), got ${step.until} ms`);
      if (step.step === 'during') return { step: 'during', fromMs: step.from, untilMs: step.until, fault: step.fault };
      const holdForMs = step.holdFor ?? step.every / 2;
      if (step.every <= 0) issue([...path, 'every'], 'expected a period > 0');
      if (holdForMs <= 0 || holdForMs >= step.every)
        issue(
          [...path, 'holdFor'],
          `expected holdFor between 0 and the period (${step.every} ms), got ${holdForMs} ms`,
        );
      return {
        step: 'every',
        everyMs: step.every,
        holdForMs,
        fromMs: step.from,
        untilMs: step.until,
        fault: step.fault,
      };
    });

    if (input.app.startAt > durationMs)
      issue(['app', 'startAt'], `expected a time within the run's duration (${durationMs} ms)`);
    const load = input.load === undefined ? null : toLoadProfile(input.load, durationMs);
    if (load !== null && load.startAtMs + load.durationMs > durationMs) {
      issue(
        ['load'],
        `expected the load to end within the run (it ends at ${load.startAtMs + load.durationMs} ms, the run lasts ${durationMs} ms)`,
      );
    }

    const checks: ConfiguredCheck[] = Object.entries(input.checks)
      .filter(([, options]) => options !== undefined)
      .map(([name, options]) => ({ name: name as CheckName, options }));
    if (checks.length === 0) issue(['checks'], `expected at least one check (${CHECK_NAMES.join(', ')})`);
    if (input.app.expect === 'fail-fast' && !checks.some((check) => check.name === 'exits-as-documented')) {
      issue(['checks'], "expected 'exits-as-documented' in a scenario whose app is expected to fail fast");
    }

    const needs = {
      redis: input.needs.redis ?? false,
      processControl: input.needs.processControl ?? false,
      postgresControl: input.needs.postgresControl ?? false,
    };
    for (const step of steps) {
      const need = faultNeeds(step.fault.type);
      if (need !== null) needs[need] = true;
    }

    return {
      name: input.name,
      description: input.description,
      needs,
      app: {
        startAtMs: input.app.startAt,
        env: Object.fromEntries(Object.entries(input.app.env).map(([key, value]) => [key, String(value)])),
        expect: input.app.expect,
      },
      durationMs,
      graceMs: input.grace,
      seed: input.seed,
      timeline: steps,
      plan: planFaults(steps),
      load,
      checks,
    };
  });
