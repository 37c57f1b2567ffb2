import { describe, expect, it } from 'vitest';
import { fault, sample, timeline } from '../timeline/fixtures.ts';
import type { Sample, SocketOutcome } from '../timeline/types.ts';
import { socketsFailClosed, type SocketsFailClosedOptions } from './sockets-fail-closed.ts';

// The reference app's contract: a database failure's code starts DATABASE_.
const facts = {
  name: 't',
  graceMs: 0,
  expectFailFast: false,
  contract: { unavailableCode: 'DATABASE_', retryAfter: true },
};
const evaluate = (run: ReturnType<typeof timeline>, options: Partial<SocketsFailClosedOptions> = {}) =>
  socketsFailClosed.evaluate(run, {
    options: socketsFailClosed.optionsSchema.parse({ cachedForMs: 2_000, ...options }),
    scenario: facts,
  });
// The database is down from 3 s to 11 s; from 5 s no cached token check can admit a socket.
const outage = fault({ kind: 'dbDown', fromMs: 3_000, toMs: 11_000 });

function session(atMs: number, socket: SocketOutcome | undefined, errorCode: string | null, latencyMs = 30): Sample {
  return sample({
    atMs,
    latencyMs,
    kind: 'socket',
    method: 'SOCKET',
    routeTemplate: 'socket.io chat:join+chat:send',
    template: 'chat.session',
    status: null,
    errorClass: socket === undefined ? 'timeout' : null,
    errorCode,
    ...(socket === undefined ? {} : { socket }),
  });
}
const refused = (atMs: number, reason = 'SERVICE_UNAVAILABLE'): Sample =>
  session(atMs, { outcome: 'refused', step: 'connect' }, reason);
const admitted = (atMs: number, outcome: 'acked' | 'error-ack', code: string | null = null, latencyMs = 30): Sample =>
  session(
    atMs,
    { outcome, step: outcome === 'acked' ? 'chat:send' : 'chat:join', admittedAtMs: atMs + 10 },
    code,
    latencyMs,
  );

describe('sockets-fail-closed', () => {
  it('passes when sockets past the cache are refused as unavailable and cached ones get DATABASE_* error acks', () => {
    const result = evaluate(
      timeline({
        faults: [outage],
        samples: [
          admitted(1_000, 'acked'),
          admitted(2_990, 'error-ack', 'DATABASE_UNAVAILABLE'),
          admitted(4_000, 'error-ack', 'DATABASE_NOT_READY'),
          refused(4_500),
          refused(6_000),
          refused(9_000),
          admitted(12_000, 'acked'),
        ],
      }),
    );
    expect(result.passed).toBe(true);
    expect(result.figures).toMatchObject({ sessionsDuringDbFault: 5, uncheckedSessions: 2, offending: 0 });
  });

  it('fails on a socket admitted past every cached check while the database was down', () => {
    const result = evaluate(
      timeline({
        faults: [outage],
        samples: [refused(6_000), admitted(7_000, 'error-ack', 'DATABASE_NOT_READY'), admitted(8_000, 'acked')],
      }),
    );
    expect(result.passed).toBe(false);
    expect(result.figures).toMatchObject({ uncheckedSessions: 3, offending: 2 });
    // The fact a reader matches on, counted: the two admissions no token check stood behind.
    expect(result.evidence.counts['admitted unchecked']).toBe(2);
    expect(result.evidence.firstOffending[0]?.note).toMatch(/admitted while the database was down/);
  });

  it('does not blame a handshake that was still open when the database came back', () => {
    const result = evaluate(
      timeline({
        faults: [outage],
        samples: [
          refused(6_000),
          { ...admitted(10_900, 'acked'), socket: { outcome: 'acked', step: 'chat:send', admittedAtMs: 11_200 } },
        ],
      }),
    );
    expect(result.passed).toBe(true);
  });

  it('fails on a refusal that does not say unavailable and on an error ack that is not DATABASE_*', () => {
    const result = evaluate(
      timeline({
        faults: [outage],
        samples: [admitted(4_000, 'error-ack', 'INTERNAL'), refused(6_000, 'UNAUTHORIZED'), refused(7_000)],
      }),
    );
    expect(result.passed).toBe(false);
    expect(result.evidence.firstOffending.map((item) => item.note)).toEqual([
      expect.stringContaining('error acknowledgement INTERNAL, not DATABASE_*'),
      expect.stringContaining('refused as UNAUTHORIZED, not as unavailable'),
    ]);
  });

  it('proves nothing when no socket session was answered past the cache during the outage', () => {
    const onlyCached = evaluate(
      timeline({ faults: [outage], samples: [refused(3_500), session(6_000, undefined, null)] }),
    );
    expect(onlyCached.passed).toBe(false);
    expect(onlyCached.summary).toMatch(/nothing was proven/);
    expect(onlyCached.evidence.counts).toMatchObject({ 'no answer (timeout)': 1 });

    const noSockets = evaluate(timeline({ faults: [outage], samples: [sample({ atMs: 6_000, status: 503 })] }));
    expect(noSockets.passed).toBe(false);
    expect(noSockets.summary).toMatch(/nothing was proven/);
  });
});
