// db-failures-are-503: while the database is at fault (and in the grace after), every request the
// app failed answered 503 with a DATABASE_* code and a Retry-After header — never a 500, never a
// 503 without its code. Requires at least one request answered during a database fault: otherwise
// the scenario proved nothing here. A refused or reset connection is no answer to a database fault:
// it never counts as answered properly, and once the app has served (outside its startup and the
// harness's own app restarts) it is the app having stopped listening — an offence. HTTP requests
// only: sockets-fail-closed judges how Socket.IO sessions fail.
import { z } from 'zod';
import { PhaseMap } from '../timeline/phases.ts';
import { isConnectionError, isHttp, wasAnswered, wasSent } from '../timeline/samples.ts';
import type { Sample } from '../timeline/types.ts';
import { checkResult, sampleEvidence, tally } from './result.ts';
import type { Check, Evidence, ScenarioFacts } from './types.ts';

export interface DbFailuresOptions {
  includeGrace: boolean;
  /** Default: the target's contract (true unless it says its 503s carry none). */
  requireRetryAfter?: boolean;
  /** The code a database failure's answer starts with; default: the target's, or not judged. */
  codePrefix?: string;
}

/** The options the answers are judged by: the scenario's own, else the target's contract. */
function effective(options: DbFailuresOptions, scenario: ScenarioFacts): { retryAfter: boolean; code?: string } {
  return {
    retryAfter: options.requireRetryAfter ?? scenario.contract?.retryAfter ?? true,
    code: options.codePrefix ?? scenario.contract?.unavailableCode,
  };
}

/** Why this answer is not a proper database-failure answer, or null when it is fine. */
function problemWith(
  sample: Sample & { status: number },
  options: { retryAfter: boolean; code?: string },
): string | null {
  if (sample.status < 500) return null;
  if (sample.status !== 503) return `a database failure answered ${sample.status}, not 503`;
  if (options.code !== undefined && (sample.errorCode === null || !sample.errorCode.startsWith(options.code)))
    return `503 without a ${options.code}* error code (got ${sample.errorCode ?? 'none'})`;
  // retryAfter undefined: the engine did not record headers, so it cannot be judged.
  if (options.retryAfter && sample.retryAfter === null) return '503 without a Retry-After header';
  return null;
}

export const dbFailuresAre503: Check<DbFailuresOptions> = {
  name: 'db-failures-are-503',
  description:
    "During database faults every failed request answered 503, with the target's error code and Retry-After.",
  optionsSchema: z.strictObject({
    includeGrace: z.boolean().default(true),
    requireRetryAfter: z.boolean().optional(),
    codePrefix: z.string().min(1).optional(),
  }),
  evaluate(timeline, { options: given, scenario }) {
    const options = { ...given, ...effective(given, scenario) };
    const phases = PhaseMap.of(timeline, { graceMs: scenario.graceMs });
    const counts: Record<string, number> = {};
    const offending: Evidence[] = [];
    let overlapping = 0;
    let answered = 0;
    let answered503 = 0;
    for (const sample of timeline.samples) {
      if (
        !wasSent(sample) ||
        !isHttp(sample) ||
        phases.faultsAt(sample.startedAtMs, sample.endedAtMs, {
          target: 'database',
          includeGrace: options.includeGrace,
        }).length === 0
      )
        continue;
      overlapping++;
      if (!wasAnswered(sample)) {
        const phase = phases.phaseOf(sample.startedAtMs, sample.startedAtMs);
        if (isConnectionError(sample.errorClass) && phase !== 'startup' && phase !== 'app-down') {
          tally(counts, `no answer (${sample.errorClass})`);
          offending.push(sampleEvidence(sample, 'no answer to a database fault: the serving app stopped listening'));
        }
        continue;
      }
      answered++;
      if (sample.status === 503) answered503++;
      const problem = problemWith(sample, options);
      tally(counts, problem === null ? String(sample.status) : `bad ${sample.status}`);
      if (problem !== null) offending.push(sampleEvidence(sample, problem));
    }
    const dbWindows = timeline.faults.filter(
      (window) => window.target === 'database' && window.effect !== 'restore',
    ).length;
    return checkResult(this.name, {
      passed: answered > 0 && offending.length === 0,
      proven: answered > 0 || offending.length > 0,
      summary:
        overlapping === 0
          ? `No request overlapped a database fault (${dbWindows} fault windows): nothing was proven.`
          : offending.length > 0
            ? `${offending.length} of ${overlapping} requests during database faults were not a proper 503${options.code === undefined ? '' : ` ${options.code}*`}.`
            : answered === 0
              ? `None of the ${overlapping} requests during database faults was answered: nothing was proven.`
              : `All ${answered} requests answered during database faults answered properly (${answered503} × 503${options.code === undefined ? '' : ` ${options.code}*`}).`,
      figures: {
        requestsDuringDbFault: overlapping,
        answeredDuringDbFault: answered,
        answered503,
        offending: offending.length,
        dbFaultWindows: dbWindows,
      },
      counts,
      offending,
    });
  },
};
