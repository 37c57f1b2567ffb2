// defineGatingPolicy: a policy as its file writes it, validated once (a bad metric, tag or k6
// expression is a ScenarioError naming the field, exit 2 before anything runs), then frozen.
//
//   defineGatingPolicy({
//     name: 'release',
//     advisory: ['latency', 'db-outage-under-load/health-truthful'],
//     thresholds: {
//       'http_req_failed{phase:steady}': ['rate<0.01'],
//       'http_req_duration{phase:steady}': [{ threshold: 'p(95)<1000', advisory: true }],
//     },
//     retries: 1,
//   })
import { z } from 'zod';
import { ScenarioError, problemsFromZod } from '../../scenario/errors.ts';
import { parseExpression, parseMetricKey } from './metrics.ts';
import type { GatingPolicy, GatingThreshold } from './types.ts';
import { KEBAB_CASE } from '../../lib/kebab-case.ts';

export interface GatingPolicyInput {
  /** kebab-case; a policy named like a suite gates that suite by default. */
  name: string;
  description?: string;
  /** Failures that warn without blocking: 'check', 'scenario/check', or a threshold's check name. */
  advisory?: string[];
  /** k6's thresholds object: metric (with tags) → expressions, each a string or { threshold, advisory }. */
  thresholds?: Record<string, (string | { threshold: string; advisory?: boolean })[]>;
  /** Re-runs allowed for a failed scenario (0–5); a pass on a retry is reported as flaky. Default 0. */
  retries?: number;
}

const expressionInput = z.union(
  [z.string(), z.strictObject({ threshold: z.string(), advisory: z.boolean().optional() })],
  {
    error: "expected a k6 threshold string such as 'p(95)<500' or { threshold: 'rate<0.01', advisory: true }",
  },
);

const policySchema = z.strictObject({
  name: z.string().regex(KEBAB_CASE, 'expected a kebab-case policy name'),
  description: z.string().default(''),
  advisory: z.array(z.string().min(1)).default([]),
  thresholds: z
    .record(z.string(), z.array(expressionInput).min(1, 'expected at least one threshold expression'))
    .default({})
    .transform((given, ctx): GatingThreshold[] =>
      Object.entries(given).flatMap(([key, list]) => {
        let parsedKey: ReturnType<typeof parseMetricKey>;
        try {
          parsedKey = parseMetricKey(key);
        } catch (error) {
          ctx.addIssue({ code: 'custom', path: [key], message: (error as Error).message });
          return [];
        }
        const expressions = list.flatMap((entry, index) => {
          const source = typeof entry === 'string' ? entry : entry.threshold;
          try {
            return [
              {
                expression: parseExpression(parsedKey.metric, source),
                role:
                  typeof entry !== 'string' && entry.advisory === true ? ('advisory' as const) : ('blocking' as const),
              },
            ];
          } catch (error) {
            ctx.addIssue({ code: 'custom', path: [key, index], message: (error as Error).message });
            return [];
          }
        });
        return [{ key, ...parsedKey, expressions }];
      }),
    ),
  retries: z.number().int().min(0).max(5, 'expected at most 5 retries: more hides a real failure').default(0),
});

const VALIDATED = Symbol.for('faultline.gating-policy');

export function defineGatingPolicy(input: GatingPolicyInput): GatingPolicy {
  const result = policySchema.safeParse(input);
  if (!result.success)
    throw new ScenarioError(
      problemsFromZod(result.error.issues),
      `gating policy ${JSON.stringify((input as { name?: unknown })?.name ?? '?')}`,
    );
  const policy: GatingPolicy = { ...result.data };
  Object.defineProperty(policy, VALIDATED, { value: true, enumerable: false });
  return Object.freeze(policy);
}

export function isGatingPolicy(value: unknown): value is GatingPolicy {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[VALIDATED] === true;
}
