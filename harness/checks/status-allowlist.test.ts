import { describe, expect, it } from 'vitest';
import { DB_503, exit, fault, sample, samplesBetween, timeline } from '../timeline/fixtures.ts';
import { statusAllowlist } from './status-allowlist.ts';
import type { ScenarioFacts } from './types.ts';

const scenario: ScenarioFacts = { name: 't', graceMs: 2_000, expectFailFast: false };
const defaults = statusAllowlist.optionsSchema.parse({});
const evaluate = (run: ReturnType<typeof timeline>, options = defaults) =>
  statusAllowlist.evaluate(run, { options, scenario });

/** A healthy app through a database outage from 5 s to 8 s: refused before it listens, 503s during, 200s after. */
function healthyRun() {
  return timeline({
    samples: [
      ...samplesBetween(0, 400, 100, { status: null, errorClass: 'ECONNREFUSED' }),
      ...samplesBetween(500, 5_000, 100),
      sample({ atMs: 600, kind: 'p2025-probe', status: 404, errorCode: 'NOT_FOUND' }),
      ...samplesBetween(5_000, 8_000, 100, DB_503),
      ...samplesBetween(8_000, 9_000, 100, DB_503),
      ...samplesBetween(9_000, 12_000, 100),
    ],
    faults: [fault({ fromMs: 5_000, toMs: 8_000 })],
  });
}

describe('status-allowlist', () => {
  it('passes a healthy run through a database outage', () => {
    const result = evaluate(healthyRun());
    expect(result.passed).toBe(true);
    expect(result.figures).toMatchObject({ startupRequests: 4, faultRequests: 30, graceRequests: 20, offending: 0 });
  });

  it('fails on a 500 during the fault (db errors mapped to 500)', () => {
    const run = healthyRun();
    run.samples.push(sample({ atMs: 6_050, status: 500, errorCode: 'INTERNAL' }));
    const result = evaluate(run);
    expect(result.passed).toBe(false);
    expect(result.figures.faultOffending).toBe(1);
    expect(result.figures['offending 500']).toBe(1);
    expect(result.evidence.firstOffending[0]?.note).toContain('→ 500 INTERNAL at 6.1s: not allowed in phase fault');
  });

  it('fails on connection errors once the app was up (a crash during the fault)', () => {
    const run = healthyRun();
    run.samples.push(sample({ atMs: 6_010, status: null, errorClass: 'ECONNREFUSED' }));
    expect(evaluate(run).passed).toBe(false);
  });

  it('fails on 503 in steady state, and honours a scenario allowlist', () => {
    const run = timeline({ samples: [sample({ atMs: 0 }), sample({ atMs: 20_000, ...DB_503 })] });
    expect(evaluate(run).passed).toBe(false);
    expect(evaluate(run, statusAllowlist.optionsSchema.parse({ steady: ['2xx', 503] })).passed).toBe(true);
  });

  it('ignores dropped requests (the harness never sent them)', () => {
    const run = timeline({ samples: [sample({ atMs: 0 }), sample({ atMs: 10, status: null, errorClass: 'dropped' })] });
    expect(evaluate(run).passed).toBe(true);
  });

  it('rejects bad allowlist entries with what was expected', () => {
    const result = statusAllowlist.optionsSchema.safeParse({ fault: ['2xx', 'ECONNREFUSD'] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['fault', 1]);
    expect(result.error?.issues[0]?.message).toMatch(/expected an HTTP status \(e\.g\. 404\).*got "ECONNREFUSD"/);
  });

  describe('templates: judging only some requests', () => {
    /** A lock on one table: its route times out (503) while the others keep serving. */
    const lockRun = () =>
      timeline({
        samples: [
          ...samplesBetween(5_000, 8_000, 100, { template: 'artists.get', ...DB_503 }),
          ...samplesBetween(5_000, 8_000, 100, { template: 'users.me' }),
        ],
        faults: [fault({ fromMs: 5_000, toMs: 8_000 })],
      });
    const only = (fault: string[], templates: string[]) => statusAllowlist.optionsSchema.parse({ fault, templates });

    it('judges the named templates alone', () => {
      const result = evaluate(lockRun(), only(['2xx'], ['users.me']));
      expect(result.passed).toBe(true);
      expect(result.figures).toMatchObject({ requests: 30, faultRequests: 30 });
      expect(evaluate(lockRun(), only(['2xx'], ['users.me', 'artists.get'])).passed).toBe(false);
    });

    it('fails when one of them answered 503 where only 2xx is allowed (the whole instance went down)', () => {
      const run = lockRun();
      run.samples.push(sample({ atMs: 6_020, template: 'users.me', ...DB_503 }));
      const result = evaluate(run, only(['2xx'], ['users.me']));
      expect(result.passed).toBe(false);
      expect(result.figures.faultOffending).toBe(1);
    });

    it('proves nothing when no request of those templates was sent, and rejects an empty list', () => {
      const result = evaluate(lockRun(), only(['2xx'], ['venues.get']));
      expect(result.passed).toBe(false);
      expect(result.summary).toBe('No request of venues.get was sent: nothing was proven.');
      expect(statusAllowlist.optionsSchema.safeParse({ templates: [] }).error?.issues[0]?.message).toMatch(
        /at least one request template/,
      );
    });
  });

  describe('nothing answered proves nothing', () => {
    /** The app died at import (exit 1 at 0.3 s) and never listened: every request was refused. */
    const neverListened = () =>
      timeline({
        samples: samplesBetween(0, 28_000, 100, { status: null, errorClass: 'ECONNREFUSED' }),
        process: [{ type: 'start', atMs: 0, pid: 1 }, exit({ atMs: 300, code: 1 })],
      });

    it('fails a run in which every request was refused, saying nothing was proven', () => {
      const result = evaluate(neverListened());
      expect(result.passed).toBe(false);
      expect(result.summary).toBe(
        'None of the 280 requests was answered (every one ECONNREFUSED): nothing was proven.',
      );
      expect(result.figures).toMatchObject({ requests: 280, answered: 0, offending: 0 });
    });

    it('fails a run in which no request was sent', () => {
      const result = evaluate(timeline({ samples: [] }));
      expect(result.passed).toBe(false);
      expect(result.summary).toMatch(/nothing was proven/);
    });

    it('passes refusals while the app is still starting when later requests were answered', () => {
      const run = timeline({
        samples: [
          ...samplesBetween(0, 2_000, 100, { status: null, errorClass: 'ECONNREFUSED' }),
          ...samplesBetween(2_000, 4_000, 100),
        ],
      });
      const result = evaluate(run);
      expect(result.passed).toBe(true);
      expect(result.figures).toMatchObject({ startupRequests: 20, answered: 20, offending: 0 });
    });

    it('passes a fail-fast scenario whose app never listened (its exit is judged by exits-as-documented)', () => {
      const result = statusAllowlist.evaluate(neverListened(), {
        options: defaults,
        scenario: { ...scenario, expectFailFast: true },
      });
      expect(result.passed).toBe(true);
      expect(result.summary).toMatch(/never listened.*fail-fast/);
    });
  });

  it('judges HTTP statuses only: a Socket.IO session (no status) is left to sockets-fail-closed', () => {
    const session = sample({
      atMs: 1_000,
      kind: 'socket',
      method: 'SOCKET',
      status: null,
      errorClass: null,
      socket: { outcome: 'acked', step: 'chat:send' },
    });
    const result = evaluate(timeline({ samples: [sample({ atMs: 500 }), session] }));
    expect(result.passed).toBe(true);
    expect(result.figures).toMatchObject({ requests: 1, answered: 1 });
  });
});
