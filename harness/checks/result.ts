// Building CheckResults the same way everywhere: evidence capped at five, readable sample notes.
import { formatDuration } from '../lib/duration.ts';
import type { HealthProbe, Sample } from '../timeline/types.ts';
import type { CheckResult, Evidence } from './types.ts';

export const MAX_EVIDENCE = 5;

export interface ResultParts {
  passed: boolean;
  summary: string;
  figures?: Record<string, number>;
  counts?: Record<string, number>;
  offending?: readonly Evidence[];
}

export function checkResult(name: string, parts: ResultParts): CheckResult {
  return {
    name,
    passed: parts.passed,
    summary: parts.summary,
    figures: parts.figures ?? {},
    evidence: { counts: parts.counts ?? {}, firstOffending: (parts.offending ?? []).slice(0, MAX_EVIDENCE) },
  };
}

/** 'PATCH /api/v1/artists/:id → 500 INTERNAL at 5.1s', 'SOCKET … → refused at connect SERVICE_UNAVAILABLE at 6s' */
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
  return `GET /api/v1/${probe.endpoint} → ${answer} at ${formatDuration(probe.atMs)}`;
}

/** Increments counts[key]. */
export function tally(counts: Record<string, number>, key: string, by = 1): void {
  counts[key] = (counts[key] ?? 0) + by;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
