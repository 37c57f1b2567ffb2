// Building CheckResults the same way everywhere: evidence capped at five, readable sample notes.
import { formatDuration } from '../lib/duration.ts';
import type { HealthProbe, Sample } from '../timeline/types.ts';
import type { CheckResult, Evidence } from './types.ts';

export const MAX_EVIDENCE = 5;

export interface ResultParts {
  passed: boolean;
  /** false: nothing could be judged (see CheckResult.proven). */
  proven?: boolean;
  summary: string;
  figures?: Record<string, number>;
  counts?: Record<string, number>;
  offending?: readonly Evidence[];
}

export function checkResult(name: string, parts: ResultParts): CheckResult {
  return {
    name,
    passed: parts.passed,
    ...(parts.proven === false && !parts.passed ? { proven: false as const } : {}),
    summary: parts.summary,
    figures: parts.figures ?? {},
    evidence: { counts: parts.counts ?? {}, firstOffending: (parts.offending ?? []).slice(0, MAX_EVIDENCE) },
  };
}

/** 'PATCH /artists/:id → 500 INTERNAL at 5.1s', 'SOCKET … → refused at connect SERVICE_UNAVAILABLE at 6s' */
export function describeSample(sample: Sample): string {
  const code = sample.errorCode === null ? '' : ` ${sample.errorCode}`;
  const outcome =
    sample.socket !== undefined
      ? `${sample.socket.outcome} at ${sample.socket.step}${code}`
      : sample.status === null
        ? (sample.errorClass ?? 'no answer')
        : `${sample.status}${code}`;
  return `${sample.method} ${sample.routeTemplate} → ${outcome} at ${formatDuration(sample.startedAtMs)}`;
}

export function sampleEvidence(sample: Sample, why?: string): Evidence {
  return {
    type: 'sample',
    sample,
    note: why === undefined ? describeSample(sample) : `${describeSample(sample)}: ${why}`,
  };
}

export function describeProbe(probe: HealthProbe): string {
  const answer =
    probe.status === null
      ? (probe.errorClass ?? 'no answer')
      : `${probe.status}${probe.bodyStatus === undefined ? '' : ` ${probe.bodyStatus}`}`;
  return `health "${probe.endpoint}" → ${answer} at ${formatDuration(probe.atMs)}`;
}

/** Increments counts[key]. */
export function tally(counts: Record<string, number>, key: string, by = 1): void {
  counts[key] = (counts[key] ?? 0) + by;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** A check that failed only because it found nothing to judge. */
export function isUnproven(check: CheckResult): boolean {
  return !check.passed && check.proven === false;
}

/** Why the checks prove nothing, when the only ones that failed found nothing to judge. */
export function unprovenReason(checks: readonly CheckResult[]): string {
  const names = checks.filter(isUnproven).map((check) => `${check.name} (${check.summary})`);
  return `nothing to judge for ${names.join('; ')}`;
}

/**
 * The verdict of a set of checks: failed when one failed on evidence, not proven when the only
 * failures found nothing to judge (never a pass, and never a failure the app did not earn).
 */
export function checksVerdict(checks: readonly CheckResult[]): 'passed' | 'failed' | 'not-proven' {
  const failed = checks.filter((check) => !check.passed);
  if (failed.length === 0) return 'passed';
  return failed.every(isUnproven) ? 'not-proven' : 'failed';
}
