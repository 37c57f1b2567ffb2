// defineTarget: checks a target definition the moment a config file is loaded, so a wrong field stops
// the run before anything starts (exit 2), naming the field and what was expected.
import { z } from 'zod';
import { CHECK_NAMES } from '../checks/registry.ts';
import { ExitCode, FaultlineError } from '../cli/exit-codes.ts';
import { problemsFromZod, ScenarioError, type ScenarioProblem } from '../scenario/errors.ts';
import type { TargetDefinition } from './types.ts';
import { KEBAB_CASE } from '../lib/kebab-case.ts';

/** A config file (or a definition) that does not describe a usable target: exit code 2. */
export class TargetError extends FaultlineError {
  readonly code = 'TARGET_INVALID';
  readonly exitCode = ExitCode.InvalidInput;

  constructor(
    readonly problems: ScenarioProblem[],
    readonly file?: string,
    options?: { cause?: unknown },
  ) {
    super(ScenarioError.format(problems, file ?? 'target'), options);
    this.name = 'TargetError';
  }
}

const fn = (what: string) => z.custom<(...args: never[]) => unknown>((value) => typeof value === 'function', what);
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const envName = z.string().regex(ENV_NAME, 'expected an environment variable name such as DATABASE_URL');
const argv = z
  .array(z.string().min(1, 'expected a non-empty argument'))
  .min(1, 'expected the command as a non-empty list of arguments, e.g. ["npx", "tsx", "src/main.ts"]');
const commandStep = z.strictObject({ command: argv, env: z.record(envName, z.string()).optional() });
const step = z.union([
  commandStep,
  z.strictObject({ sql: z.string().min(1, 'expected a path to a .sql file or a folder of migrations') }),
  fn('expected { command: [...] }, { sql: "path" } or an async function'),
]);
const ms = z.number().int('expected whole milliseconds').nonnegative('expected milliseconds ≥ 0');
const path = z.string().startsWith('/', 'expected a path starting with "/"');
const containerExtras = {
  port: z.number().int().min(1).max(65_535, 'expected a port 1-65535').optional(),
  env: z.record(envName, z.string()).optional(),
};
const container = z.union(
  [
    z.strictObject({
      dockerfile: z.string().min(1),
      context: z.string().min(1).optional(),
      nodeImageArg: envName.optional(),
      ...containerExtras,
    }),
    z.strictObject({ image: z.string().min(1), ...containerExtras }),
  ],
  { error: 'expected { dockerfile: "Dockerfile", context?: "." } or { image: "name:tag" }' },
);

// A built-in check or one of the target's own: which, is judged with the whole target (below).
const checkName = z.string().min(1, 'expected a check name');
const targetCheck = z.looseObject({
  description: z
    .string({ error: 'expected a description of what the check holds the app to' })
    .min(1, 'expected a description of what the check holds the app to'),
  optionsSchema: z.custom<{ safeParse: unknown }>(
    (value) => typeof (value as { safeParse?: unknown } | null)?.safeParse === 'function',
    'expected a zod schema of the options a scenario gives it (z.object({...}); `true` is parsed as {})',
  ),
  evaluate: fn('expected evaluate(timeline, { options, scenario }) returning a CheckResult'),
});
const evidence = z.union(
  [
    z.strictObject({
      check: checkName,
      count: z.string().min(1),
      atLeast: z.number().int().min(1).optional(),
      says: z.string().min(1),
    }),
    z.strictObject({
      check: checkName,
      figure: z.string().min(1),
      atLeast: z.number().optional(),
      says: z.string().min(1),
    }),
  ],
  { error: "expected { check, count: 'a key of evidence.counts' | figure: 'a key of figures', atLeast?, says }" },
);
const cell = z
  .strictObject({
    scenario: z.string().min(1, 'expected a scenario name or file'),
    mustFail: z.array(checkName).min(1, 'expected at least one check that must fail'),
    mustPass: z.array(checkName),
    evidence: evidence.optional(),
    why: z.string().min(1, 'expected why the defect makes those checks fail'),
  })
  .superRefine((cell, context) => {
    for (const name of cell.mustFail.filter((name) => cell.mustPass.includes(name)))
      context.addIssue({ code: 'custom', path: ['mustPass'], message: `${name} cannot both fail and pass` });
    if (cell.evidence !== undefined && !cell.mustFail.includes(cell.evidence.check))
      context.addIssue({
        code: 'custom',
        path: ['evidence', 'check'],
        message: `expected one of the checks that must fail (${cell.mustFail.join(', ')})`,
      });
  });
const defectsSchema = z
  .strictObject({
    env: envName,
    names: z.array(z.string().regex(/^[a-z0-9-]+$/, 'expected kebab-case')).min(1),
    cells: z.record(z.string(), z.array(cell)).optional(),
  })
  .superRefine((defects, context) => {
    for (const name of Object.keys(defects.cells ?? {}))
      if (!defects.names.includes(name))
        context.addIssue({
          code: 'custom',
          path: ['cells', name],
          message: `expected a defect of names (${defects.names.join(', ')})`,
        });
  });

const schema = z
  .strictObject({
    name: z.string().min(1, 'expected a short name for reports'),
    app: z.strictObject({
      command: argv,
      cwd: z.string().min(1).optional(),
      build: z.union([commandStep, fn('expected { command: [...] } or an async function')]).optional(),
      env: z
        .union([z.record(envName, z.string()), fn('expected an object of strings or a function returning one')])
        .optional(),
      inject: z.strictObject({
        databaseUrl: envName,
        redisUrl: envName.optional(),
        port: envName,
        drainMs: envName.optional(),
      }),
      container: container.optional(),
    }),
    database: z.strictObject({
      migrate: step,
      seed: step.optional(),
      pools: z
        .record(z.string().min(1), z.string().min(1, 'expected a SELECT whose first column is the id'))
        .optional(),
    }),
    prepare: fn('expected an async function').optional(),
    scenarios: z.string().min(1, "expected a folder of the target's own scenarios and suites").optional(),
    health: z.strictObject({
      endpoints: z
        .record(
          z.string().min(1),
          z.union([
            path,
            z.strictObject({
              path,
              read: fn('expected a function reading an answer').optional(),
              polled: z.boolean().optional(),
            }),
          ]),
        )
        .refine((endpoints) => Object.keys(endpoints).length > 0, 'expected at least one health endpoint'),
      ready: z.string().min(1),
    }),
    requests: z
      .record(
        z.string().min(1),
        z.looseObject({
          kind: z.enum(['read', 'write', 'missing', 'socket']),
          build: fn('expected a function building the request'),
          unavailable: fn('expected a function').optional(),
          tags: z.array(z.string().regex(/^[a-z0-9-]+$/, 'expected a kebab-case tag')).optional(),
          byNameOnly: z.boolean().optional(),
          read: fn('expected a function reading named numbers from an answer').optional(),
          readBack: z.literal(false, { error: 'expected readBack: false (or no readBack)' }).optional(),
        }),
      )
      .refine((requests) => Object.keys(requests).length > 0, 'expected at least one request'),
    defaultMix: z.record(z.string().min(1), z.number().nonnegative('expected a weight ≥ 0')),
    writes: z.strictObject({ readBack: z.string().min(1) }).optional(),
    bounds: z
      .union([
        z.strictObject({
          retryMaxDelayMs: ms,
          connectionTimeoutMs: ms,
          queryTimeoutMs: ms,
          recheckMs: ms,
          startupMs: ms,
          redis: z.strictObject({ commandTimeoutMs: ms, reconnectMaxMs: ms, initTimeoutMs: ms.optional() }).optional(),
        }),
        fn('expected the bounds, or a function of the app environment returning them'),
      ])
      .optional(),
    errors: z
      .strictObject({
        code: fn('expected a function reading a code from a body').optional(),
        unavailable: z
          .strictObject({ code: z.string().min(1).optional(), retryAfter: z.boolean().optional() })
          .optional(),
      })
      .optional(),
    defects: defectsSchema.optional(),
    checks: z
      .record(
        z
          .string()
          .regex(KEBAB_CASE, 'expected a kebab-case check name')
          .refine(
            (name) => !(CHECK_NAMES as readonly string[]).includes(name),
            'expected a name that is not a built-in check',
          ),
        targetCheck,
      )
      .optional(),
    logs: z
      .strictObject({
        format: z.enum(['json', 'text'], "expected 'json' (one JSON object a line) or 'text'"),
        unhandled: fn('expected a function telling whether a log line is an unhandled error').optional(),
      })
      .optional(),
    startup: z
      .strictObject({
        fatalExitCode: z
          .number()
          .int('expected a whole exit code')
          .min(0)
          .max(255, 'expected an exit code 0-255')
          .optional(),
        fatalLog: z
          .union([z.string().min(1), z.instanceof(RegExp), z.null()], {
            error: 'expected an event name, a RegExp matching the line, or null for no line',
          })
          .optional(),
      })
      .optional(),
  })
  .superRefine((target, context) => {
    const problem = (path: PropertyKey[], message: string): void => context.addIssue({ code: 'custom', path, message });
    if (!(target.health.ready in target.health.endpoints))
      problem(
        ['health', 'ready'],
        `expected one of the endpoints' names (${Object.keys(target.health.endpoints).join(', ')})`,
      );
    const names = Object.keys(target.requests);
    for (const [name, weight] of Object.entries(target.defaultMix))
      if (!(name in target.requests)) problem(['defaultMix', name], `expected a request name (${names.join(', ')})`);
      else if (weight < 0) problem(['defaultMix', name], 'expected a weight ≥ 0');
    if (!Object.values(target.defaultMix).some((weight) => weight > 0))
      problem(['defaultMix'], 'expected at least one request with a positive weight');
    const known = [...CHECK_NAMES, ...Object.keys(target.checks ?? {})];
    for (const [defect, cells] of Object.entries(target.defects?.cells ?? {}))
      cells.forEach((cell, index) => {
        const named = [
          ...cell.mustFail.map((name, at) => ({ name, path: ['mustFail', at] })),
          ...cell.mustPass.map((name, at) => ({ name, path: ['mustPass', at] })),
          ...(cell.evidence === undefined ? [] : [{ name: cell.evidence.check, path: ['evidence', 'check'] }]),
        ];
        for (const { name, path } of named)
          if (!known.includes(name))
            problem(
              ['defects', 'cells', defect, index, ...path],
              `expected a check name, built-in or the target's own (${known.join(', ')}); got "${name}"`,
            );
      });
    const writes = names.filter((name) => target.requests[name]?.kind === 'write');
    if (writes.length > 0 && target.writes === undefined)
      problem(
        ['writes'],
        `expected writes.readBack: requests ${writes.join(', ')} are writes, and acknowledged writes are read back`,
      );
  });

/** Validates a target definition and returns it unchanged; throws TargetError naming every bad field. */
export function defineTarget<State>(definition: TargetDefinition<State>): TargetDefinition<State> {
  const parsed = schema.safeParse(definition);
  if (!parsed.success) throw new TargetError(problemsFromZod(parsed.error.issues));
  return definition;
}
