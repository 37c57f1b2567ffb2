import { describe, expect, it } from 'vitest';
import { fault, sample, timeline } from './fixtures.ts';
import { PhaseMap, phaseAt } from './phases.ts';

describe('PhaseMap', () => {
  const run = timeline({
    process: [{ type: 'start', atMs: 500, pid: 1 }],
    samples: [sample({ atMs: 100, status: null }), sample({ atMs: 1_000 }), sample({ atMs: 2_000 })],
    faults: [
      fault({ fromMs: 5_000, toMs: 8_000 }),
      fault({ fromMs: 12_000, toMs: 13_000, kind: 'appKill', target: 'app' }),
    ],
  });
  const phases = PhaseMap.of(run, { graceMs: 2_000 });

  it('is startup until the app first answered', () => {
    expect(phases.phaseOf(100)).toBe('startup');
    expect(phases.phaseOf(999)).toBe('startup');
    expect(phases.phaseOf(1_000)).toBe('steady');
  });

  it('is fault for anything overlapping a database fault window, grace just after it', () => {
    expect(phases.phaseOf(4_990, 5_010)).toBe('fault');
    expect(phases.phaseOf(7_999)).toBe('fault');
    expect(phases.phaseOf(8_000)).toBe('grace');
    expect(phases.phaseOf(9_999)).toBe('grace');
    expect(phases.phaseOf(10_000)).toBe('steady');
  });

  it('is app-down while the harness has the app down, until it answers again', () => {
    expect(phases.phaseOf(12_500)).toBe('app-down');
    // No answer was recorded after the restart, so the app is still considered down.
    expect(phases.phaseOf(20_000)).toBe('app-down');
  });

  it('ends app-down at the first answer after the window', () => {
    const restarted = PhaseMap.of({ ...run, samples: [...run.samples, sample({ atMs: 14_000 })] }, { graceMs: 0 });
    expect(phases.phaseOf(13_500)).toBe('app-down');
    expect(restarted.phaseOf(13_500)).toBe('app-down');
    expect(restarted.phaseOf(14_000)).toBe('steady');
  });

  it('names the windows overlapping a span, with grace on request', () => {
    expect(phases.faultsAt(6_000).map((w) => w.name)).toEqual(['dbDown@5000']);
    expect(phases.faultsAt(9_000)).toEqual([]);
    expect(phases.faultsAt(9_000, 9_000, { includeGrace: true }).map((w) => w.name)).toEqual(['dbDown@5000']);
  });

  it('treats a window that never ended as lasting forever', () => {
    const open = PhaseMap.of(
      timeline({ samples: [sample({ atMs: 0 })], faults: [fault({ fromMs: 1_000, toMs: null })] }),
      { graceMs: 0 },
    );
    expect(open.phaseOf(1_000_000)).toBe('fault');
  });
});

describe('phaseAt', () => {
  const faults = [
    fault({ fromMs: 1_000, toMs: 2_000 }),
    fault({ fromMs: 3_000, toMs: 3_500, kind: 'dbUp', effect: 'restore' }),
  ];
  it('answers steady, fault or grace from the fault windows and a grace period', () => {
    expect(phaseAt(500, faults, 1_000)).toBe('steady');
    expect(phaseAt(1_000, faults, 1_000)).toBe('fault');
    expect(phaseAt(2_000, faults, 1_000)).toBe('grace');
    expect(phaseAt(2_999, faults, 1_000)).toBe('grace');
    // A restore is an instant, not a window.
    expect(phaseAt(3_200, faults, 0)).toBe('steady');
  });
});
