// Every check by name: scenarios name the checks they want, the scenario schema validates each
// one's options with the check's own schema, and the runner evaluates them all over one timeline.
import type { Timeline } from '../timeline/types.ts';
import { answeredWithin } from './answered-within.ts';
import { dbFailuresAre503 } from './db-failures-are-503.ts';
import { exitsAsDocumented } from './exits-as-documented.ts';
import { faultStatuses } from './fault-statuses.ts';
import { healthTruthful } from './health-truthful.ts';
import { latency } from './latency.ts';
import { missingRecordsAre404 } from './missing-records-are-404.ts';
import { no5xxExcept503 } from './no-5xx-except-503.ts';
import { noCrash } from './no-crash.ts';
import { noLostWrites } from './no-lost-writes.ts';
import { noUnhandledErrors } from './no-unhandled-errors.ts';
import { rateLimited } from './rate-limited.ts';
import { readyWithin } from './ready-within.ts';
import { recoversWithin } from './recovers-within.ts';
import { socketsFailClosed } from './sockets-fail-closed.ts';
import { checkResult } from './result.ts';
import { statusAllowlist } from './status-allowlist.ts';
import type { Check, CheckResult, ScenarioFacts } from './types.ts';

export const CHECKS = {
  'no-crash': noCrash,
  'no-unhandled-errors': noUnhandledErrors,
  'status-allowlist': statusAllowlist,
  'no-5xx-except-503': no5xxExcept503,
  'db-failures-are-503': dbFailuresAre503,
  'fault-statuses': faultStatuses,
  'answered-within': answeredWithin,
  'missing-records-are-404': missingRecordsAre404,
  'recovers-within': recoversWithin,
  'ready-within': readyWithin,
  'health-truthful': healthTruthful,
  'no-lost-writes': noLostWrites,
  'sockets-fail-closed': socketsFailClosed,
  latency,
  'exits-as-documented': exitsAsDocumented,
  'rate-limited': rateLimited,
} as const;

export type CheckName = keyof typeof CHECKS;
export const CHECK_NAMES = Object.keys(CHECKS) as CheckName[];

/** A check chosen by a scenario, with its validated options. */
export interface ConfiguredCheck {
  name: CheckName;
  options: unknown;
}

/** One of the target's own checks (its `checks`), chosen by a scenario, with its validated options. */
export interface ConfiguredTargetCheck {
  name: string;
  options: unknown;
  check: Omit<Check<unknown>, 'name'>;
}

export function getCheck(name: CheckName): Check<unknown> {
  return CHECKS[name];
}

/**
 * Evaluates each configured check over the same timeline, in order (the built-in ones, then the
 * target's own). A check that throws is a
 * harness bug: it is reported as a failed result (never a silent pass), and the others still run.
 */
export function evaluateChecks(
  timeline: Timeline,
  checks: readonly ConfiguredCheck[],
  scenario: ScenarioFacts,
  targetChecks: readonly ConfiguredTargetCheck[] = [],
): CheckResult[] {
  const all = [...checks.map(({ name, options }) => ({ name, options, check: getCheck(name) })), ...targetChecks];
  return all.map(({ name, options, check }) => {
    try {
      // The result carries the name the scenario chose it by, whatever the check returned.
      return { ...check.evaluate(timeline, { options, scenario }), name };
    } catch (error) {
      return checkResult(name, {
        passed: false,
        summary: `The check itself failed (a harness bug): ${(error as Error)?.message ?? String(error)}`,
        offending: [
          { type: 'note', note: (error as Error)?.stack?.split('\n').slice(0, 3).join(' | ') ?? String(error) },
        ],
      });
    }
  });
}
