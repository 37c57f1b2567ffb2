// The scenario schema: shape, ranges and the rules between fields (faults inside the run, windows
// that end after they start, revertible faults in during()/every(), load within the run). Check
// options are validated by each check's own schema, so a bad threshold fails here, before a run.
import { z } from 'zod';
import { CHECKS, CHECK_NAMES, type CheckName, type ConfiguredCheck } from '../checks/registry.ts';
import { durationMsSchema } from '../lib/duration.ts';
import { loadSectionSchema, toLoadProfile } from '../load/profile-schema.ts';
import type { HealthEndpoint } from '../timeline/types.ts';
import { faultDefinition, faultNeeds, faultSchema } from './faults.ts';
import { planFaults } from './plan.ts';
import { recoveryRoomProblem } from './recovery-room.ts';
import type { Anchor, Step } from './steps.ts';
import type { Scenario } from './types.ts';
import { KEBAB_CASE } from '../lib/kebab-case.ts';

const unknownKeys = (what: string, known: readonly string[]) => (issue: { code: string; keys?: string[] }) =>
  issue.code === 'unrecognized_keys'
    ? `unknown ${what} ${issue.keys?.map((key) => JSON.stringify(key)).join(', ')}; expected one of ${known.join(', ')}`
    : undefined;

/** A step time: a duration from the process start, or afterReady(duration) from the app being ready. */
const readyTimeSchema = z.strictObject({ afterReady: durationMsSchema });
const stepTimeSchema = z.unknown().transform((value, ctx): { anchor: Anchor; ms: number } => {
  const ready = typeof value === 'object' && value !== null;
  const result = ready ? readyTimeSchema.safeParse(value) : durationMsSchema.safeParse(value);
  if (!result.success) {
    for (const problem of result.error.issues)
      ctx.addIssue({ code: 'custom', message: problem.message, path: problem.path });
    return z.NEVER;
  }
  return ready
    ? { anchor: 'ready', ms: (result.data as { afterReady: number }).afterReady }
    : { anchor: 'start', ms: result.data as number };
});

const stepSchema = z.discriminatedUnion(
  'step',
  [
    z.strictObject({ step: z.literal('at'), at: stepTimeSchema, fault: faultSchema }),
    z.strictObject({ step: z.literal('during'), from: stepTimeSchema, until: stepTimeSchema, fault: faultSchema }),
    z.strictObject({
      step: z.literal('every'),
      every: durationMsSchema,
      fault: faultSchema,
      from: stepTimeSchema,
      until: stepTimeSchema,
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

/** Each instance is a Node process with its own pool: more than this is a load test of the machine. */
export const MAX_INSTANCES = 4;

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
  'targetChecks',
  'clock',
  'probes',
];

export const scenarioSchema = z
  .strictObject(
    {
      name: z
        .string({ error: 'expected a kebab-case name' })
        .regex(KEBAB_CASE, 'expected a kebab-case name such as "db-outage-under-load"'),
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
            instances: z
              .number({ error: 'expected the number of app instances as a number' })
              .int('expected a whole number of app instances')
              .min(1, 'expected at least 1 app instance')
              .max(MAX_INSTANCES, `expected at most ${MAX_INSTANCES} app instances`)
              .default(1),
          },
          { error: unknownKeys('app field(s)', ['startAt', 'env', 'expect', 'instances']) },
        )
        .default({ startAt: 0, env: {}, expect: 'ready', instances: 1 }),
      duration: durationMsSchema.refine((ms) => ms > 0, 'expected a duration > 0'),
      grace: durationMsSchema.default(5_000),
      seed: z.number().int().min(0).max(4_294_967_295).optional(),
      timeline: z
        .array(stepSchema, { error: 'expected a list of steps: [at(...), during(...), every(...)]' })
        .default([]),
      load: loadSectionSchema.optional(),
      checks: checksSchema,
      // Named here, judged against the target when the run starts (target/fit.ts).
      targetChecks: z
        .record(
          z.string().regex(KEBAB_CASE, "expected the kebab-case name of one of the target's checks"),
          z.union([z.literal(true), z.record(z.string(), z.unknown())], {
            error: 'expected true or an object of options',
          }),
        )
        .default({}),
      probes: z
        .strictObject(
          {
            // Names of the target's endpoints, checked against it when the run starts.
            health: z
              .array(z.string().min(1), { error: "expected a list of the target's health endpoints to poll" })
              .min(1, 'expected at least one health endpoint to poll: readiness is read from them')
              .optional(),
          },
          { error: unknownKeys('probe field(s)', ['health']) },
        )
        .default({}),
      clock: z
        .enum(['start', 'ready'], {
          error:
            "expected 'start' (the run and its load count from the process start) or 'ready' (from the app's first healthy answer)",
        })
        .optional(),
    },
    { error: unknownKeys('field(s)', SCENARIO_FIELDS) },
  )
  .transform((input, ctx): Scenario => {
    const issue = (path: PropertyKey[], message: string): void => ctx.addIssue({ code: 'custom', path, message });
    const durationMs = input.duration;

    const steps: Step[] = input.timeline.map((raw, index) => {
      const path = ['timeline', index];
      const revertible = faultDefinition(raw.fault.type).revertible;
      if (raw.step === 'at') {
        if (raw.at.ms > durationMs)
          issue([...path, 'at'], `expected a time within the run's duration (${durationMs} ms), got ${raw.at.ms} ms`);
        return { step: 'at', anchor: raw.at.anchor, atMs: raw.at.ms, fault: raw.fault };
      }
      // One anchor per step: a window from the process start until "after ready" has no fixed length.
      const anchor = raw.from.anchor;
      if (raw.until.anchor !== anchor)
        issue(
          [...path, 'until'],
          `expected from and until to count from the same moment (both afterReady(...) or neither)`,
        );
      const step = { ...raw, from: raw.from.ms, until: raw.until.ms };
      if (!revertible)
        issue(
          [...path, 'fault'],
          `expected a fault that can be reverted in ${step.step}(); ${step.fault.type} is a one-off action — use at()`,
        );
      if (step.until <= step.from)
        issue([...path, 'until'], `expected until (${step.until} ms) after from (${step.from} ms)`);
      if (step.until > durationMs)
        issue([...path, 'until'], `expected a time within the run's duration (${durationMs} ms), got ${step.until} ms`);
      if (step.step === 'during')
        return { step: 'during', anchor, fromMs: step.from, untilMs: step.until, fault: step.fault };
      const holdForMs = step.holdFor ?? step.every / 2;
      if (step.every <= 0) issue([...path, 'every'], 'expected a period > 0');
      if (holdForMs <= 0 || holdForMs >= step.every)
        issue(
          [...path, 'holdFor'],
          `expected holdFor between 0 and the period (${step.every} ms), got ${holdForMs} ms`,
        );
      return {
        step: 'every',
        anchor,
        everyMs: step.every,
        holdForMs,
        fromMs: step.from,
        untilMs: step.until,
        fault: step.fault,
      };
    });

    const readyAnchored = steps.some((step) => step.anchor === 'ready');
    const clock = input.clock ?? (readyAnchored ? 'ready' : 'start');
    if (clock === 'start' && readyAnchored)
      issue(['clock'], "expected clock 'ready' in a scenario with afterReady(...) steps (or leave clock out)");
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
    const targetChecks = Object.entries(input.targetChecks).map(([name, options]) => ({
      name,
      options: options === true ? {} : options,
    }));
    if (checks.length + targetChecks.length === 0)
      issue(['checks'], `expected at least one check (${CHECK_NAMES.join(', ')})`);
    if (input.app.expect === 'fail-fast' && !checks.some((check) => check.name === 'exits-as-documented')) {
      issue(['checks'], "expected 'exits-as-documented' in a scenario whose app is expected to fail fast");
    }

    const plan = planFaults(steps);
    const cramped = recoveryRoomProblem(plan, clock, durationMs, checks);
    if (cramped !== undefined) issue(['checks', 'recovers-within'], cramped);
    // health-truthful can only judge the endpoints the poller asks.
    const judged = checks.find((check) => check.name === 'health-truthful')?.options as
      { endpoints?: HealthEndpoint[] } | undefined;
    const polled = input.probes.health;
    const unpolled =
      polled === undefined ? [] : (judged?.endpoints?.filter((endpoint) => !polled.includes(endpoint)) ?? []);
    if (unpolled.length > 0)
      issue(
        ['checks', 'health-truthful', 'endpoints'],
        `expected endpoints the probes poll (probes.health: ${polled?.join(', ')}); not polled: ${unpolled.join(', ')}`,
      );

    const needs = {
      redis: input.needs.redis ?? false,
      processControl: input.needs.processControl ?? false,
      postgresControl: input.needs.postgresControl ?? false,
    };
    for (const step of steps) {
      for (const need of faultNeeds(step.fault.type)) needs[need] = true;
    }
    // The harness must start the app itself for a scenario about the app's start (its checks judge the
    // start, or a fault is in place when the process starts: the app boots into it), and for one that
    // starts it with settings of its own (`app.env`: its bounds are computed from them). Against an app
    // already running (the external environment) the one would pass on a runtime outage, the other
    // be judged by bounds the app does not have.
    const bootsIntoFault = plan.some((action) => action.anchor === 'start' && action.atMs <= input.app.startAt);
    const ownSettings = Object.keys(input.app.env).length > 0;
    if (bootsIntoFault || ownSettings || checks.some((check) => CHECKS[check.name].judgesStartup))
      needs.processControl = true;

    return {
      name: input.name,
      description: input.description,
      needs,
      app: {
        startAtMs: input.app.startAt,
        env: Object.fromEntries(Object.entries(input.app.env).map(([key, value]) => [key, String(value)])),
        expect: input.app.expect,
        instances: input.app.instances,
      },
      durationMs,
      clock,
      graceMs: input.grace,
      seed: input.seed,
      timeline: steps,
      plan,
      load,
      checks,
      targetChecks,
      probes: input.probes.health === undefined ? {} : { health: [...new Set(input.probes.health)] },
    };
  });
