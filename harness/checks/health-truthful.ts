// health-truthful: the health endpoints tell the truth about the database, compared with the fault
// schedule, each answer read as its target reads it (by default 503 says down, 200 up). Once a
// database outage has held for `lagMs`, every polled endpoint must say down; once the database has
// been back (and the app up) for `lagMs`, up. Probes inside a lag, during a degraded (slow)
// database window, or while the app is starting or down are not held to "up"; but any answer during
// an outage that has held for `lagMs` is held to "down" — a process that has just started (say,
// restarted into the outage) must not claim ready before it has connected. Figure: max lag observed.
// With `redis: true` it also holds the endpoints that report an overall status to the truth about
// Redis, the non-critical service: once a Redis outage has held for `redisLagMs` they must say
// 'degraded', and away from every fault (lag included) 'ok'.
import { z } from 'zod';
import { durationMsSchema } from '../lib/duration.ts';
import { PhaseMap, faultWindows } from '../timeline/phases.ts';
import { probeEndMs, probeSaysDown, probeSaysUp } from '../timeline/samples.ts';
import type { FaultWindow, HealthEndpoint, HealthProbe } from '../timeline/types.ts';
import { checkResult, describeProbe, tally } from './result.ts';
import type { Check, Evidence } from './types.ts';

export interface HealthTruthfulOptions {
  lagMs: number;
  /** Only these endpoints (default: every endpoint polled). */
  endpoints?: HealthEndpoint[];
  redis: boolean;
  /** Defaults to lagMs. */
  redisLagMs?: number;
}

const endOf = (window: FaultWindow): number => window.endedAtMs ?? Number.POSITIVE_INFINITY;

export const healthTruthful: Check<HealthTruthfulOptions> = {
  name: 'health-truthful',
  description: 'Health endpoints report the database down during an outage and up after it, within a lag bound.',
  optionsSchema: z.strictObject({
    lagMs: durationMsSchema.default(5_000),
    endpoints: z.array(z.string().min(1)).min(1).optional(),
    redis: z.boolean().default(false),
    redisLagMs: durationMsSchema.optional(),
  }),
  evaluate(timeline, { options, scenario }) {
    const { lagMs } = options;
    const outages = faultWindows(timeline, { target: 'database', effect: 'unavailable' });
    const slow = faultWindows(timeline, { target: 'database', effect: 'degraded' });
    const phases = PhaseMap.of(timeline, { graceMs: scenario.graceMs });
    const starts = timeline.process.filter((event) => event.type === 'start').map((event) => event.atMs);
    const probes = timeline.health.filter(
      (probe) => options.endpoints === undefined || options.endpoints.includes(probe.endpoint),
    );
    const endpoints = [...new Set(probes.map((probe) => probe.endpoint))];

    const judgeable = (probe: HealthProbe): boolean => {
      const [fromMs, toMs] = [probe.atMs, probeEndMs(probe)];
      const phase = phases.phaseOf(fromMs, toMs);
      if (phase === 'startup' || phase === 'app-down') return false;
      return !starts.some((startMs) => fromMs >= startMs && fromMs < startMs + lagMs);
    };
    const near = (windows: FaultWindow[], probe: HealthProbe, lag: number): boolean =>
      windows.some((window) => probe.atMs < endOf(window) + lag && probeEndMs(probe) >= window.requestedAtMs);

    const expectation = (probe: HealthProbe): 'down' | 'up' | null => {
      // Held to "down" even right after a process start: whatever answers has not connected.
      if (outages.some((window) => probe.atMs >= window.effectiveAtMs + lagMs && probeEndMs(probe) < endOf(window)))
        return 'down';
      if (!judgeable(probe)) return null;
      return near([...outages, ...slow], probe, lagMs) ? null : 'up';
    };

    // Redis: 'degraded' once an outage has held for the lag, 'ok' away from every fault.
    const redisLagMs = options.redisLagMs ?? lagMs;
    const redisOutages = faultWindows(timeline, { target: 'redis', effect: 'unavailable' });
    const redisWindows = faultWindows(timeline, { target: 'redis' });
    const redisExpectation = (probe: HealthProbe): 'degraded' | 'ok' | null => {
      if (!options.redis || probe.reading?.status === undefined || probe.status !== 200 || !judgeable(probe))
        return null;
      if (near([...outages, ...slow], probe, lagMs)) return null;
      if (
        redisOutages.some(
          (window) => probe.atMs >= window.effectiveAtMs + redisLagMs && probeEndMs(probe) < endOf(window),
        )
      )
        return 'degraded';
      return near(redisWindows, probe, redisLagMs) ? null : 'ok';
    };

    const counts: Record<string, number> = {};
    const offending: Evidence[] = [];
    let compared = 0;
    let redisCompared = 0;
    for (const probe of probes) {
      if (probe.status === null) {
        tally(counts, 'unanswered');
        continue;
      }
      const redisExpected = redisExpectation(probe);
      if (redisExpected !== null) {
        redisCompared++;
        const truthful = probe.reading?.status === redisExpected;
        tally(counts, `redis ${redisExpected}: ${truthful ? 'truthful' : 'untruthful'}`);
        if (!truthful)
          offending.push({
            type: 'health',
            probe,
            note: `${describeProbe(probe)} while Redis was ${redisExpected === 'degraded' ? 'down (expected degraded)' : 'up (expected ok)'}`,
          });
      }
      const expected = expectation(probe);
      if (expected === null) {
        tally(counts, 'not judged');
        continue;
      }
      compared++;
      const truthful = expected === 'down' ? probeSaysDown(probe) : probeSaysUp(probe);
      tally(counts, `${expected}: ${truthful ? 'truthful' : 'untruthful'}`);
      if (!truthful)
        offending.push({ type: 'health', probe, note: `${describeProbe(probe)} while the database was ${expected}` });
    }

    // Lags: how long each endpoint took to report each transition (down at an outage, up after it).
    const figures: Record<string, number> = {};
    let maxLagMs = 0;
    let unreported = 0;
    for (const window of outages) {
      for (const endpoint of endpoints) {
        const ofEndpoint = probes.filter((probe) => probe.endpoint === endpoint);
        const down = ofEndpoint.find(
          (probe) => probe.atMs >= window.effectiveAtMs && probe.atMs < endOf(window) && probeSaysDown(probe),
        );
        if (down !== undefined) maxLagMs = Math.max(maxLagMs, down.atMs - window.effectiveAtMs);
        else if (endOf(window) - window.effectiveAtMs > lagMs) unreported++;
        if (window.endedAtMs === null) continue;
        const up = ofEndpoint.find((probe) => probe.atMs >= (window.endedAtMs as number) && probeSaysUp(probe));
        if (up !== undefined) maxLagMs = Math.max(maxLagMs, up.atMs - window.endedAtMs);
      }
    }
    if (options.redis) {
      let maxRedisLagMs = 0;
      for (const window of redisOutages) {
        // The endpoints that report an overall status (the database-only ones say nothing of Redis).
        const reportsServices = endpoints.filter((name) =>
          probes.some((probe) => probe.endpoint === name && probe.reading?.status !== undefined),
        );
        for (const endpoint of reportsServices) {
          const ofEndpoint = probes.filter((probe) => probe.endpoint === endpoint && probe.status === 200);
          const degraded = ofEndpoint.find(
            (probe) =>
              probe.atMs >= window.effectiveAtMs && probe.atMs < endOf(window) && probe.reading?.status === 'degraded',
          );
          if (degraded !== undefined) maxRedisLagMs = Math.max(maxRedisLagMs, degraded.atMs - window.effectiveAtMs);
          if (window.endedAtMs === null) continue;
          const ok = ofEndpoint.find(
            (probe) => probe.atMs >= (window.endedAtMs as number) && probe.reading?.status === 'ok',
          );
          if (ok !== undefined) maxRedisLagMs = Math.max(maxRedisLagMs, ok.atMs - window.endedAtMs);
        }
      }
      figures.maxRedisLagMs = Math.round(maxRedisLagMs);
      figures.redisCompared = redisCompared;
    }
    figures.maxLagMs = Math.round(maxLagMs);
    figures.compared = compared;
    figures.untruthful = offending.length;
    figures.outagesUnreported = unreported;

    return checkResult(this.name, {
      passed: compared > 0 && (!options.redis || redisCompared > 0) && offending.length === 0,
      proven: offending.length > 0 || (compared > 0 && (!options.redis || redisCompared > 0)),
      summary:
        compared === 0 || (options.redis && redisCompared === 0)
          ? `No health answer could be compared with the ${compared === 0 ? 'database' : 'Redis'} fault schedule (${probes.length} probes): nothing was proven.`
          : offending.length === 0
            ? `All ${compared + redisCompared} judged health answers were truthful (max lag ${Math.round(maxLagMs)} ms, bound ${lagMs} ms${options.redis ? `; Redis max lag ${figures.maxRedisLagMs} ms, bound ${redisLagMs} ms` : ''}).`
            : `${offending.length} of ${compared + redisCompared} judged health answers contradicted the ${options.redis ? "database's or Redis's" : "database's"} real state.`,
      figures,
      counts,
      offending,
    });
  },
};
