// health-truthful: the health endpoints tell the truth about the database, compared with the fault
// schedule. Once a database outage has held for `lagMs`, /health/detailed and /db-check must answer
// 503 and /health must say status 'unavailable'; once the database has been back (and the app up)
// for `lagMs`, they must answer 200 ok|degraded. Probes inside a lag, during a degraded (slow)
// database window, or while the app is starting or down are not judged. Figure: max lag observed.
import { z } from 'zod';
import { durationMsSchema } from '../lib/duration.ts';
import { PhaseMap, faultWindows } from '../timeline/phases.ts';
import { probeEndMs, probeSaysDown, probeSaysUp } from '../timeline/samples.ts';
import type { FaultWindow, HealthEndpoint, HealthProbe } from '../timeline/types.ts';
import { checkResult, describeProbe, tally } from './result.ts';
import type { Check, Evidence } from './types.ts';

export interface HealthTruthfulOptions {
  lagMs: number;
  endpoints: HealthEndpoint[];
}

const ENDPOINTS: HealthEndpoint[] = ['health', 'health/detailed', 'db-check'];
const endOf = (window: FaultWindow): number => window.endedAtMs ?? Number.POSITIVE_INFINITY;

export const healthTruthful: Check<HealthTruthfulOptions> = {
  name: 'health-truthful',
  description: 'Health endpoints report the database down during an outage and up after it, within a lag bound.',
  optionsSchema: z.strictObject({
    lagMs: durationMsSchema.default(5_000),
    endpoints: z.array(z.enum(ENDPOINTS as [HealthEndpoint, ...HealthEndpoint[]])).min(1).default(ENDPOINTS),
  }),
  evaluate(timeline, { options, scenario }) {
    const { lagMs } = options;
    const outages = faultWindows(timeline, { target: 'database', effect: 'unavailable' });
    const slow = faultWindows(timeline, { target: 'database', effect: 'degraded' });
    const phases = PhaseMap.of(timeline, { graceMs: scenario.graceMs });
    const starts = timeline.process.filter((event) => event.type === 'start').map((event) => event.atMs);
    const probes = timeline.health.filter((probe) => options.endpoints.includes(probe.endpoint));

    const expectation = (probe: HealthProbe): 'down' | 'up' | null => {
      const [fromMs, toMs] = [probe.atMs, probeEndMs(probe)];
      const phase = phases.phaseOf(fromMs, toMs);
      if (phase === 'startup' || phase === 'app-down') return null;
      if (starts.some((startMs) => fromMs >= startMs && fromMs < startMs + lagMs)) return null;
      if (outages.some((window) => fromMs >= window.effectiveAtMs + lagMs && toMs < endOf(window))) return 'down';
      const nearAFault = [...outages, ...slow].some((window) => fromMs < endOf(window) + lagMs && toMs >= window.requestedAtMs);
      return nearAFault ? null : 'up';
    };

    const counts: Record<string, number> = {};
    const offending: Evidence[] = [];
    let compared = 0;
    for (const probe of probes) {
      if (probe.status === null) {
        tally(counts, 'unanswered');
        continue;
      }
      const expected = expectation(probe);
      if (expected === null) {
        tally(counts, 'not judged');
        continue;
      }
      compared++;
      const truthful = expected === 'down' ? probeSaysDown(probe) : probeSaysUp(probe);
      tally(counts, `${expected}: ${truthful ? 'truthful' : 'untruthful'}`);
      if (!truthful) offending.push({ type: 'health', probe, note: `${describeProbe(probe)} while the database was ${expected}` });
    }

    // Lags: how long each endpoint took to report each transition (down at an outage, up after it).
    const figures: Record<string, number> = {};
    let maxLagMs = 0;
    let unreported = 0;
    for (const window of outages) {
      for (const endpoint of options.endpoints) {
        const ofEndpoint = probes.filter((probe) => probe.endpoint === endpoint);
        const down = ofEndpoint.find((probe) => probe.atMs >= window.effectiveAtMs && probe.atMs < endOf(window) && probeSaysDown(probe));
        if (down !== undefined) maxLagMs = Math.max(maxLagMs, down.atMs - window.effectiveAtMs);
        else if (endOf(window) - window.effectiveAtMs > lagMs) unreported++;
        if (window.endedAtMs === null) continue;
        const up = ofEndpoint.find((probe) => probe.atMs >= (window.endedAtMs as number) && probeSaysUp(probe));
        if (up !== undefined) maxLagMs = Math.max(maxLagMs, up.atMs - window.endedAtMs);
      }
    }
    figures.maxLagMs = Math.round(maxLagMs);
    figures.compared = compared;
    figures.untruthful = offending.length;
    figures.outagesUnreported = unreported;

    return checkResult(this.name, {
      passed: compared > 0 && offending.length === 0,
      summary:
        compared === 0
          ? `No health answer could be compared with the fault schedule (${probes.length} probes): nothing was proven.`
          : offending.length === 0
            ? `All ${compared} judged health answers were truthful (max lag ${Math.round(maxLagMs)} ms, bound ${lagMs} ms).`
            : `${offending.length} of ${compared} judged health answers contradicted the database's real state.`,
      figures,
      counts,
      offending,
    });
  },
};
