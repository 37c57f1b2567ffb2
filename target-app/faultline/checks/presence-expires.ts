// presence-expires, the reference app's own check (its config's `checks`): an event's presence count,
// read through the balancer, is the chat sockets still connected to it — before an instance is
// killed (every instance's sockets are counted) and again once the presence TTL has passed after
// the kill (the dead instance's sockets are not). In between, the count may lag: that is the TTL.
// A pure function of the timeline: the held sockets (`presence.hold` samples: when each joined and
// whether the kill dropped it), the reads (`presence.read` samples with their `online` reading) and
// the kill's fault window.
import { z } from 'zod';
import { checkResult, plural, sampleEvidence, tally } from '../../../harness/checks/result.ts';
import type { Evidence } from '../../../harness/checks/types.ts';
import { durationMsSchema } from '../../../harness/lib/duration.ts';
import type { TargetCheck } from '../../../harness/target/types.ts';
import type { FaultWindow, Sample } from '../../../harness/timeline/types.ts';
import { PRESENCE_HOLD, PRESENCE_READ } from '../presence-requests.ts';

const NAME = 'presence-expires';

const optionsSchema = z.strictObject({
  /** After the kill took hold, the count must have dropped the dead instance's sockets within this. */
  expiresWithinMs: durationMsSchema,
  /** How long a join or a leave may take to reach the count after the socket saw it (a Redis write). */
  settleMs: durationMsSchema.default(1_000),
});

export type PresenceExpiresOptions = z.infer<typeof optionsSchema>;

interface Held {
  sample: Sample;
  heldAtMs: number;
  closedAtMs: number;
  dropped: boolean;
}

function heldSockets(samples: readonly Sample[]): Held[] {
  return samples.flatMap((sample) => {
    const socket = sample.socket;
    if (sample.template !== PRESENCE_HOLD || socket?.outcome !== 'acked' || socket.heldAtMs === undefined) return [];
    return [
      {
        sample,
        heldAtMs: socket.heldAtMs,
        closedAtMs: socket.closedAtMs ?? sample.endedAtMs,
        dropped: socket.dropped === true,
      },
    ];
  });
}

/** The counts a read may answer: every socket surely in the set, and every one that may still be. */
export function expectedRange(
  held: readonly Held[],
  read: Pick<Sample, 'startedAtMs' | 'endedAtMs'>,
  settleMs: number,
): { least: number; most: number } {
  const least = held.filter(
    (socket) => socket.heldAtMs <= read.startedAtMs - settleMs && socket.closedAtMs >= read.endedAtMs,
  ).length;
  const most = held.filter(
    (socket) => socket.heldAtMs <= read.endedAtMs && socket.closedAtMs > read.startedAtMs - settleMs,
  ).length;
  return { least, most };
}

const isKill = (fault: FaultWindow): boolean => fault.target === 'app' && fault.effect === 'unavailable';

export const presenceExpires: TargetCheck<PresenceExpiresOptions> = {
  description:
    "an event's presence count is the chat sockets still connected, before an instance is killed and once the presence TTL has passed after it",
  optionsSchema,
  evaluate(timeline, { options }) {
    const held = heldSockets(timeline.samples);
    const kill = timeline.faults.find(isKill);
    const counts: Record<string, number> = { heldSockets: held.length };
    const figures: Record<string, number> = { expiresWithinMs: options.expiresWithinMs };
    const unproven = (why: string) =>
      checkResult(NAME, { passed: false, proven: false, summary: why, counts, figures });
    if (held.length === 0) return unproven('No chat socket joined the event and stayed: there was nothing to count.');
    if (kill === undefined) return unproven('No app instance was killed: there was nothing to expire.');
    const killedAtMs = kill.effectiveAtMs;
    const deadlineMs = killedAtMs + options.expiresWithinMs;
    const droppedByKill = held.filter((socket) => socket.dropped && socket.closedAtMs >= kill.requestedAtMs);
    counts.droppedByKill = droppedByKill.length;
    figures.killedAtMs = killedAtMs;
    if (droppedByKill.length === 0)
      return unproven(
        'No held socket was on the killed instance (none was dropped by the kill): nothing could expire.',
      );

    const offending: Evidence[] = [];
    let maxExcess = 0;
    for (const sample of timeline.samples) {
      const online = sample.reading?.online;
      if (sample.template !== PRESENCE_READ || sample.status !== 200 || online === undefined) continue;
      const window =
        sample.endedAtMs < kill.requestedAtMs ? 'before' : sample.startedAtMs >= deadlineMs ? 'after' : null;
      if (window === null) {
        tally(counts, 'readsWhileExpiring');
        continue;
      }
      tally(counts, window === 'before' ? 'readsBeforeKill' : 'readsAfterExpiry');
      const { least, most } = expectedRange(held, sample, options.settleMs);
      if (online >= least && online <= most) continue;
      tally(counts, online > most ? 'overCounted' : 'underCounted');
      maxExcess = Math.max(maxExcess, online - most);
      const when =
        window === 'before' ? 'before the kill' : `${Math.round(sample.startedAtMs - killedAtMs)} ms after the kill`;
      offending.push(
        sampleEvidence(sample, `presence ${online}, ${when}; the sockets connected then say ${least}–${most}`),
      );
    }
    figures.maxExcess = maxExcess;
    if ((counts.readsAfterExpiry ?? 0) === 0)
      return unproven(
        `No presence read was answered with a count after the TTL had passed (${options.expiresWithinMs} ms after the kill).`,
      );
    const passed = offending.length === 0;
    return checkResult(NAME, {
      passed,
      summary: passed
        ? `Presence counted exactly the connected sockets: ${plural(droppedByKill.length, 'socket')} of the killed instance dropped out within ${options.expiresWithinMs} ms.`
        : `${plural(offending.length, 'presence read')} counted sockets that were not connected${(counts.overCounted ?? 0) > 0 ? ` (up to ${maxExcess} too many: the killed instance's sockets never expired)` : ''}.`,
      counts,
      figures,
      offending,
    });
  },
};
