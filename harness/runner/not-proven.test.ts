import { describe, expect, it } from 'vitest';
import { afterReady, appKill, appStart, at, defineScenario, during, dbDown } from '../scenario/index.ts';
import { fault, probe, samplesBetween, timeline } from '../timeline/fixtures.ts';
import { faultsThatMissedTheApp, notProvenReason, SERVING_WINDOW_MS } from './not-proven.ts';

const READY_AT_MS = 4_000;
const kill = (atMs: number) =>
  fault({ fromMs: atMs, toMs: atMs + 500, name: `appKill#${atMs}`, kind: 'appKill', target: 'app' });

describe('a fault counted from readiness must meet a serving app', () => {
  it('a kill that lands while the app answers nothing (a restart still booting) missed it', () => {
    const run = timeline({
      // Answers until the first kill at 6 s, then nothing: the restarted app never came up before the second.
      samples: samplesBetween(READY_AT_MS, 6_000, 100),
      faults: [kill(6_000), kill(6_000 + SERVING_WINDOW_MS + 2_000)],
    });
    expect(faultsThatMissedTheApp(run, READY_AT_MS).map((missed) => missed.name)).toEqual(['appKill#11000']);
  });

  it('any answer counts as serving — a 503, a health probe — and restores and startup faults are not judged', () => {
    const run = timeline({
      samples: samplesBetween(READY_AT_MS, 7_000, 100, { status: 503 }),
      health: [probe({ atMs: 11_500, status: 503, bodyStatus: 'unavailable' })],
      faults: [
        fault({ fromMs: 1_000, toMs: 3_000 }), // before ready: the app's startup meets it by design
        fault({ fromMs: 6_500, toMs: 8_000 }),
        kill(12_000),
        fault({ fromMs: 20_000, toMs: 20_000, kind: 'dbUp', effect: 'restore' }),
      ],
    });
    expect(faultsThatMissedTheApp(run, READY_AT_MS)).toEqual([]);
  });

  it('a fault after the app crashed on its own is not missed: the crash is the verdict', () => {
    const run = timeline({
      samples: samplesBetween(READY_AT_MS, 6_000, 100),
      process: [
        { type: 'start', atMs: 0, pid: 1 },
        { type: 'exit', atMs: 6_500, pid: 1, code: 1, signal: null, expected: false },
      ],
      faults: [fault({ fromMs: 5_000, toMs: 5_500 }), fault({ fromMs: 12_000, toMs: 13_000 })],
    });
    expect(faultsThatMissedTheApp(run, READY_AT_MS)).toEqual([]);
  });

  it('a run whose fault missed the app is not proven, and says which fault and why', () => {
    const scenario = defineScenario({
      name: 'kills',
      description: 'The app is killed and started again while it serves.',
      timeline: [at(afterReady('2s'), appKill()), at(afterReady('3s'), appStart()), at(afterReady('5s'), appKill())],
      duration: '20s',
      checks: { 'no-crash': true },
    });
    const run = timeline({ samples: samplesBetween(READY_AT_MS, 6_000, 100), faults: [kill(6_000), kill(9_500)] });
    expect(notProvenReason(scenario, run, READY_AT_MS, true)).toMatch(
      /^appKill#9500 \(at 9\.5 s\) took effect when the app had answered nothing for 3 s/,
    );
    const served = timeline({ samples: samplesBetween(READY_AT_MS, 12_000, 100), faults: [kill(6_000), kill(9_500)] });
    expect(notProvenReason(scenario, served, READY_AT_MS, true)).toBeUndefined();
  });

  it('a startup scenario (nothing counted from readiness) is judged by its checks alone', () => {
    const scenario = defineScenario({
      name: 'late',
      description: 'The database comes up after the app has started.',
      timeline: [during(0, '3s', dbDown())],
      duration: '10s',
      checks: { 'no-crash': true },
    });
    expect(
      notProvenReason(scenario, timeline({ faults: [fault({ fromMs: 0, toMs: 3_000 })] }), null, true),
    ).toBeUndefined();
  });
});
