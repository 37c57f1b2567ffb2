// presence-expires over hand-built timelines: sockets held on two instances, one instance killed,
// presence read before the kill, while the TTL runs and after it. The healthy count passes; the
// count of the `presence-without-expiry` defect (the dead instance's sockets kept for ever) fails
// with the reads that over-count as evidence; and a run that never gave it anything to judge is not
// proven, never passed.
import { describe, expect, it } from 'vitest';
import { fault, sample, timeline } from '../../../harness/timeline/fixtures.ts';
import type { Sample, Timeline } from '../../../harness/timeline/types.ts';
import { PRESENCE_HOLD, PRESENCE_READ } from '../presence-requests.ts';
import { presenceExpires } from './presence-expires.ts';

const KILL_MS = 10_000;
const WITHIN_MS = 8_000;
const options = presenceExpires.optionsSchema.parse({ expiresWithinMs: WITHIN_MS });
const scenario = { name: 'presence-after-instance-crash', graceMs: 5_000, expectFailFast: false };

/** A socket that joined at `atMs` and stayed until `closedAtMs`; `dropped` when the kill closed it. */
function held(atMs: number, closedAtMs: number, dropped: boolean): Sample {
  return sample({
    atMs,
    latencyMs: closedAtMs - atMs,
    template: PRESENCE_HOLD,
    kind: 'socket',
    method: 'SOCKET',
    status: null,
    errorClass: null,
    socket: { outcome: 'acked', step: 'chat:join', admittedAtMs: atMs + 5, heldAtMs: atMs + 10, closedAtMs, dropped },
  });
}

const read = (atMs: number, online: number | undefined, status = 200): Sample =>
  sample({ atMs, template: PRESENCE_READ, status, ...(online === undefined ? {} : { reading: { online } }) });

const kill = fault({ fromMs: KILL_MS, toMs: KILL_MS + 50, kind: 'instanceKill', target: 'app' });
/** Two sockets on the instance that dies, two on the one that lives (released at the end of the load). */
const SOCKETS = [
  held(1_000, KILL_MS + 60, true),
  held(2_000, KILL_MS + 60, true),
  held(1_500, 29_000, false),
  held(2_500, 29_000, false),
];

function run(reads: Sample[], parts: Partial<Timeline> = {}) {
  return presenceExpires.evaluate(timeline({ samples: [...SOCKETS, ...reads], faults: [kill], ...parts }), {
    options,
    scenario,
  });
}

describe('presence-expires', () => {
  it('passes when presence counts every socket before the kill and only the living ones after the TTL', () => {
    const result = run([
      read(5_000, 4),
      read(12_000, 4),
      read(19_000, 2),
      read(25_000, 2),
      read(17_000, undefined, 502),
    ]);
    expect(result).toMatchObject({ passed: true });
    expect(result.evidence.counts).toEqual({
      heldSockets: 4,
      droppedByKill: 2,
      readsBeforeKill: 1,
      readsWhileExpiring: 1,
      readsAfterExpiry: 2,
    });
  });

  it('fails on presence-without-expiry: the killed instance’s sockets still counted after the TTL', () => {
    const result = run([read(5_000, 4), read(12_000, 4), read(19_000, 4), read(25_000, 4)]);
    expect(result.passed).toBe(false);
    expect(result.proven).toBeUndefined();
    expect(result.evidence.counts).toMatchObject({ overCounted: 2, readsAfterExpiry: 2 });
    expect(result.figures.maxExcess).toBe(2);
    expect(result.evidence.firstOffending[0]?.note).toMatch(
      /presence 4, 9000 ms after the kill; the sockets connected then say 2–2$/,
    );
  });

  it('fails when a count before the kill misses a socket that was connected (it reads one instance only)', () => {
    const result = run([read(5_000, 2), read(19_000, 2)]);
    expect(result).toMatchObject({ passed: false, evidence: { counts: { underCounted: 1 } } });
  });

  it('allows a socket joining or leaving while a read is answered, within the settle time', () => {
    const joining = held(18_900, 29_000, false);
    const result = run([read(19_000, 2), read(19_200, 3)], {
      samples: [...SOCKETS, joining, read(19_000, 2), read(19_200, 3)],
    });
    expect(result.passed).toBe(true);
  });

  it.each([
    ['no socket joined and stayed', { samples: [read(19_000, 0)] }, /No chat socket joined/],
    ['no instance was killed', { faults: [] }, /No app instance was killed/],
    [
      'no socket was on the killed instance',
      { samples: [SOCKETS[2] as Sample, read(19_000, 1)] },
      /none was dropped by the kill/,
    ],
    [
      'no read was answered after the TTL',
      { samples: [...SOCKETS, read(5_000, 4), read(19_000, undefined, 502)] },
      /No presence read was answered with a count after the TTL/,
    ],
  ])('is not proven, never passed, when %s', (_, parts: Partial<Timeline>, summary) => {
    const result = run([], parts);
    expect(result).toMatchObject({ passed: false, proven: false });
    expect(result.summary).toMatch(summary);
  });
});
