// no-lost-writes: every write the app acknowledged (2xx with a client key) is in the database, as
// read back directly by the runner after the run. Evidence: the missing keys with their requests.
// A write can be swallowed only where it fails: at the moment a fault begins (the first failures)
// and ends (the held requests released). So the check also demands a write in flight at each edge of
// every fault window of `edgeTargets` (default the database) while the app served — a run without
// one did not prove that no write is lost there, and says which edge it missed. Only writes that
// reached the app count (an answer or a timeout): a refused connection could not be swallowed.
// Edges while the app was starting or down (a startup fault) demand nothing: nothing serves there.
import { z } from 'zod';
import { durationMsSchema, formatDuration } from '../lib/duration.ts';
import { PhaseMap, faultWindows } from '../timeline/phases.ts';
import { acknowledgedWrites, wasSent } from '../timeline/samples.ts';
import type { FaultTarget, Timeline } from '../timeline/types.ts';
import { checkResult, describeSample } from './result.ts';
import type { Check, Evidence } from './types.ts';

export interface NoLostWritesOptions {
  /** Fault targets whose window edges must each meet a write in flight; [] turns the demand off. */
  edgeTargets: FaultTarget[];
  /** How near an edge a write must be in flight to count (a busy machine moves edges by this much). */
  edgeSlackMs: number;
}

/** The edges (begin, end) of the targets' fault windows that no write was in flight at. */
function uncoveredEdges(
  timeline: Timeline,
  options: NoLostWritesOptions,
  graceMs: number,
): { window: string; edge: 'begins' | 'ends'; atMs: number }[] {
  const phases = PhaseMap.of(timeline, { graceMs });
  const writes = timeline.samples.filter(
    (sample) =>
      sample.kind === 'write' && wasSent(sample) && (sample.status !== null || sample.errorClass === 'timeout'),
  );
  const edges = faultWindows(timeline)
    .filter((window) => options.edgeTargets.includes(window.target))
    .flatMap((window) => [
      { window: window.name, edge: 'begins' as const, atMs: window.effectiveAtMs },
      ...(window.endedAtMs === null ? [] : [{ window: window.name, edge: 'ends' as const, atMs: window.endedAtMs }]),
    ]);
  return edges.filter(
    ({ atMs }) =>
      phases.phaseOf(atMs) !== 'startup' &&
      phases.phaseOf(atMs) !== 'app-down' &&
      !writes.some(
        (write) => write.startedAtMs <= atMs + options.edgeSlackMs && write.endedAtMs >= atMs - options.edgeSlackMs,
      ),
  );
}

export const noLostWrites: Check<NoLostWritesOptions> = {
  name: 'no-lost-writes',
  description:
    'Every write acknowledged with a 2xx is in the database afterwards (read back directly, not through the app).',
  optionsSchema: z.strictObject({
    edgeTargets: z.array(z.enum(['database', 'redis', 'app'])).default(['database']),
    edgeSlackMs: durationMsSchema.default(250),
  }),
  evaluate(timeline, { options, scenario }) {
    const acknowledged = acknowledgedWrites(timeline);
    const keys = new Map(acknowledged.map((sample) => [sample.clientKey, sample]));
    const writes = timeline.samples.filter((sample) => sample.kind === 'write').length;
    const uncovered = uncoveredEdges(timeline, options, scenario.graceMs);
    const figures = { writes, acknowledged: keys.size, missing: 0, notChecked: 0, edgesWithoutWrite: uncovered.length };
    const edgeNotes: Evidence[] = uncovered.map(({ window, edge, atMs }) => ({
      type: 'note',
      note: `no write was in flight within ${formatDuration(options.edgeSlackMs)} of the moment ${window} ${edge === 'begins' ? 'began' : 'ended'} (${formatDuration(atMs)}): a write lost there would go unseen`,
    }));
    if (keys.size === 0) {
      return checkResult(this.name, {
        passed: false,
        proven: false,
        summary: `No write was acknowledged (${writes} sent): nothing was proven. Add a write request of the target to the load mix.`,
        figures,
      });
    }
    const readback = timeline.writeReadback;
    if (readback === null || readback.error !== undefined) {
      return checkResult(this.name, {
        passed: false,
        summary:
          readback === null
            ? 'The acknowledged writes were never read back from the database.'
            : `Reading the writes back failed: ${readback.error}`,
        figures,
      });
    }
    const checked = new Set(readback.checkedKeys);
    const found = new Set(readback.foundKeys);
    const offending: Evidence[] = [];
    for (const [clientKey, sample] of keys) {
      if (found.has(clientKey)) continue;
      const why = checked.has(clientKey) ? 'acknowledged but not in the database' : 'acknowledged but never looked up';
      if (checked.has(clientKey)) figures.missing++;
      else figures.notChecked++;
      offending.push({
        type: 'write',
        clientKey,
        sampleId: sample.id,
        note: `${clientKey}: ${why} (${describeSample(sample)})`,
      });
    }
    const lost =
      offending.length === 0
        ? `All ${keys.size} acknowledged writes are in the database`
        : `${figures.missing} of ${keys.size} acknowledged writes are missing from the database${figures.notChecked > 0 ? ` (${figures.notChecked} were never looked up)` : ''}`;
    return checkResult(this.name, {
      passed: offending.length === 0 && uncovered.length === 0,
      // A write lost is a failure; only a fault edge with no write in flight is "not tried".
      proven: offending.length > 0 || uncovered.length === 0,
      summary:
        uncovered.length === 0
          ? `${lost}.`
          : `${lost}; but no write was in flight at ${uncovered.length} fault edge(s), where nothing was proven.`,
      figures,
      counts: {
        acknowledged: keys.size,
        found: keys.size - offending.length,
        missing: figures.missing,
        notChecked: figures.notChecked,
      },
      offending: [...offending, ...edgeNotes],
    });
  },
};
