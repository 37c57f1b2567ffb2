// no-5xx-except-503: the app never answered a 5xx other than 503 — not from a route, not from a
// health endpoint. 500 means an unmapped error (an incident); 502/504 mean something worse.
import { z } from 'zod';
import { wasSent } from '../timeline/samples.ts';
import { checkResult, describeProbe, sampleEvidence, tally } from './result.ts';
import type { Check, Evidence } from './types.ts';

const isBad = (status: number | null): status is number => status !== null && status >= 500 && status !== 503;

export const no5xxExcept503: Check<Record<string, never>> = {
  name: 'no-5xx-except-503',
  description: 'No answer was a 5xx other than 503 (routes and health endpoints alike).',
  optionsSchema: z.strictObject({}),
  evaluate(timeline) {
    const counts: Record<string, number> = {};
    const offending: { atMs: number; evidence: Evidence }[] = [];
    let answered503 = 0;
    for (const sample of timeline.samples) {
      if (!wasSent(sample)) continue;
      if (sample.status === 503) answered503++;
      if (!isBad(sample.status)) continue;
      tally(counts, String(sample.status));
      offending.push({ atMs: sample.startedAtMs, evidence: sampleEvidence(sample) });
    }
    for (const probe of timeline.health) {
      if (!isBad(probe.status)) continue;
      tally(counts, `${probe.status} (health)`);
      offending.push({ atMs: probe.atMs, evidence: { type: 'health', probe, note: describeProbe(probe) } });
    }
    offending.sort((a, b) => a.atMs - b.atMs);
    return checkResult(this.name, {
      passed: offending.length === 0,
      summary:
        offending.length === 0
          ? `No 5xx other than 503 (${answered503} × 503).`
          : `${offending.length} answers were 5xx other than 503 (${Object.entries(counts)
              .map(([status, n]) => `${n} × ${status}`)
              .join(', ')}).`,
      figures: { other5xx: offending.length, answered503 },
      counts,
      offending: offending.map((item) => item.evidence),
    });
  },
};
