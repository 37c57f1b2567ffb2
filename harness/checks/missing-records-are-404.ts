// missing-records-are-404: every P2025 probe (an update or delete of a deleted or never-existing
// row) answered 404 — or 503 DATABASE_* while the database was at fault — never a 500, never a 2xx.
// Probes that got no answer are counted but left to status-allowlist.
import { z } from 'zod';
import { PhaseMap } from '../timeline/phases.ts';
import { wasAnswered, wasSent } from '../timeline/samples.ts';
import { checkResult, sampleEvidence, tally } from './result.ts';
import type { Check, Evidence } from './types.ts';

export const missingRecordsAre404: Check<{ allowDuringDbFault: number[] }> = {
  name: 'missing-records-are-404',
  description:
    'Every P2025 probe (update/delete of a missing row) answered 404, or 503 during a database fault; never 500 or 2xx.',
  optionsSchema: z.strictObject({
    allowDuringDbFault: z.array(z.number().int().min(100).max(599)).default([503]),
  }),
  evaluate(timeline, { options, scenario }) {
    const phases = PhaseMap.of(timeline, { graceMs: scenario.graceMs });
    const counts: Record<string, number> = {};
    const offending: Evidence[] = [];
    let probes = 0;
    let answered = 0;
    for (const sample of timeline.samples) {
      if (sample.kind !== 'p2025-probe' || !wasSent(sample)) continue;
      probes++;
      if (!wasAnswered(sample)) {
        tally(counts, sample.errorClass ?? 'no answer');
        continue;
      }
      answered++;
      tally(counts, String(sample.status));
      if (sample.status === 404) continue;
      const duringDbFault =
        phases.faultsAt(sample.startedAtMs, sample.endedAtMs, { target: 'database', includeGrace: true }).length > 0 ||
        phases.phaseOf(sample.startedAtMs) === 'startup';
      if (duringDbFault && options.allowDuringDbFault.includes(sample.status)) continue;
      offending.push(
        sampleEvidence(
          sample,
          duringDbFault
            ? `a missing record answered ${sample.status} during a database fault`
            : `a missing record answered ${sample.status}, not 404`,
        ),
      );
    }
    return checkResult(this.name, {
      passed: answered > 0 && offending.length === 0,
      proven: answered > 0,
      summary:
        answered === 0
          ? `No P2025 probe was answered (${probes} sent): nothing was proven. Add probe templates to the load mix.`
          : offending.length === 0
            ? `All ${answered} answered P2025 probes were 404 (or 503 during a database fault).`
            : `${offending.length} of ${answered} P2025 probes answered something other than 404.`,
      figures: { probes, answered, answered404: counts['404'] ?? 0, offending: offending.length },
      counts,
      offending,
    });
  },
};
