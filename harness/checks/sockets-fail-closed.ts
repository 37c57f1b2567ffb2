// sockets-fail-closed: while the database is unavailable, a Socket.IO session is refused at the
// handshake with a reason that says so (SERVICE_UNAVAILABLE), or — when it was admitted — ends with
// an error acknowledgement whose code says the database is unavailable (DATABASE_*). A socket the app
// admits after its cached token checks have run out (`cachedForMs` after the fault took hold: the
// app's revocation cache TTL plus slack) was admitted on a token no one could check — authenticated
// with an unknown revocation state, the fail-open bug (judged when the whole handshake lay in that
// span: one still open as the database came back may have been checked after it). Sessions that got no answer are left to
// answered-within (a hang) and no-crash (an exit). Requires at least one answered session that began
// past the cache while the database was down: otherwise nothing was proven.
import { z } from 'zod';
import { durationMsSchema, formatDuration } from '../lib/duration.ts';
import { faultWindows } from '../timeline/phases.ts';
import { gotAnswer, wasSent } from '../timeline/samples.ts';
import type { FaultWindow, Sample } from '../timeline/types.ts';
import { checkResult, sampleEvidence, tally } from './result.ts';
import type { Check, Evidence } from './types.ts';

export interface SocketsFailClosedOptions {
  cachedForMs: number;
  refusalReasons: string[];
  /** The code an error acknowledgement starts with; default: the target's database-failure code. */
  codePrefix?: string;
}

const overlaps = (sample: Sample, window: FaultWindow): boolean =>
  sample.startedAtMs < (window.endedAtMs ?? Number.POSITIVE_INFINITY) && sample.endedAtMs >= window.requestedAtMs;

/**
 * Whether the whole handshake (sent → admitted or refused) lay in the database outage, past every
 * cached check: then the app could not have checked the token. A handshake still open when the
 * database came back may have been checked after it did.
 */
const handshakeUnchecked = (sample: Sample, window: FaultWindow, cachedForMs: number): boolean =>
  sample.startedAtMs >= window.effectiveAtMs + cachedForMs &&
  (sample.socket?.admittedAtMs ?? sample.endedAtMs) < (window.endedAtMs ?? Number.POSITIVE_INFINITY);

/** Why this answered session during a database fault is wrong, or null when it is right. */
function problemWith(sample: Sample, unchecked: boolean, options: SocketsFailClosedOptions): string | null {
  const code = sample.errorCode ?? 'none';
  if (sample.socket?.outcome === 'refused')
    return options.refusalReasons.includes(code)
      ? null
      : `refused as ${code}, not as unavailable (${options.refusalReasons.join(', ')})`;
  if (unchecked)
    return `admitted while the database was down, more than ${formatDuration(options.cachedForMs)} after it went (past any cached token check): its token was never checked`;
  if (
    sample.socket?.outcome === 'error-ack' &&
    options.codePrefix !== undefined &&
    !code.startsWith(options.codePrefix)
  )
    return `error acknowledgement ${code}, not ${options.codePrefix}*`;
  return null;
}

export const socketsFailClosed: Check<SocketsFailClosedOptions> = {
  name: 'sockets-fail-closed',
  description:
    'While the database is down, a Socket.IO session is refused as unavailable or gets a DATABASE_* error acknowledgement — never admitted on a token no one could check.',
  optionsSchema: z.strictObject({
    cachedForMs: durationMsSchema,
    refusalReasons: z.array(z.string().min(1)).min(1).default(['SERVICE_UNAVAILABLE']),
    codePrefix: z.string().min(1).optional(),
  }),
  evaluate(timeline, { options: given, scenario }) {
    const options = { ...given, codePrefix: given.codePrefix ?? scenario.contract?.unavailableCode };
    const windows = faultWindows(timeline, { target: 'database', effect: 'unavailable' });
    const counts: Record<string, number> = {};
    const offending: Evidence[] = [];
    let duringFault = 0;
    let unchecked = 0;
    for (const sample of timeline.samples) {
      if (sample.kind !== 'socket' || !wasSent(sample)) continue;
      const during = windows.filter((window) => overlaps(sample, window));
      if (during.length === 0) continue;
      duringFault++;
      if (!gotAnswer(sample)) {
        tally(counts, `no answer (${sample.errorClass ?? 'other'})`);
        continue;
      }
      const isUnchecked = during.some((window) => handshakeUnchecked(sample, window, options.cachedForMs));
      if (isUnchecked) unchecked++;
      tally(
        counts,
        `${isUnchecked ? 'past the cache' : 'within the cache window'}: ${sample.socket?.outcome} ${sample.errorCode ?? ''}`.trim(),
      );
      const problem = problemWith(sample, isUnchecked, options);
      if (problem === null) continue;
      offending.push(sampleEvidence(sample, problem));
      if (isUnchecked && sample.socket?.outcome !== 'refused') tally(counts, 'admitted unchecked');
    }
    return checkResult(this.name, {
      passed: unchecked > 0 && offending.length === 0,
      proven: unchecked > 0 || offending.length > 0,
      summary:
        offending.length > 0
          ? `${offending.length} of ${duringFault} socket sessions during database outages were not failed closed.`
          : unchecked === 0
            ? `No socket session was answered after the cached token checks ran out (${formatDuration(options.cachedForMs)}) in ${windows.length} database outages (${duringFault} sessions overlapped one): nothing was proven.`
            : `All ${duringFault} socket sessions during database outages failed closed (${unchecked} began with no cached check to lean on).`,
      figures: {
        cachedForMs: options.cachedForMs,
        sessionsDuringDbFault: duringFault,
        uncheckedSessions: unchecked,
        offending: offending.length,
        dbFaultWindows: windows.length,
      },
      counts,
      offending,
    });
  },
};
