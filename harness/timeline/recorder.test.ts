import { describe, expect, it } from 'vitest';
import { attachEnvironment } from './attach-environment.ts';
import { sample } from './fixtures.ts';
import { RecorderError, TimelineRecorder } from './recorder.ts';
import type { EnvironmentEvents, AppLogLine, AppExit, AppStart } from '../environment/types.ts';

function manualClock(startMs = 0): { now(): number; advance(ms: number): void } {
  let nowMs = startMs;
  return { now: () => nowMs, advance: (ms) => (nowMs += ms) };
}

describe('TimelineRecorder', () => {
  it('records facts in order and hands out a sealed timeline', () => {
    const clock = manualClock();
    const recorder = new TimelineRecorder({ runId: 'r1', seed: 42, clock, originEpochMs: 1_000 });
    recorder.mark('run-start');
    clock.advance(100);
    const name = recorder.faultRequested({ kind: 'dbDown', target: 'database', effect: 'unavailable' });
    clock.advance(5);
    recorder.faultEffective(name);
    recorder.recordSample(sample({ atMs: 200, id: recorder.nextSampleId() }));
    recorder.recordSample(sample({ atMs: 150, id: recorder.nextSampleId() }));
    clock.advance(900);
    recorder.faultEnded(name);
    recorder.recordHealth({ atMs: 1_000, endpoint: 'health', status: 200, bodyStatus: 'ok' });

    const timeline = recorder.finish();
    expect(timeline).toMatchObject({ runId: 'r1', seed: 42, originEpochMs: 1_000, endedAtMs: 1_005 });
    expect(timeline.faults).toEqual([
      {
        name: 'dbDown@100',
        kind: 'dbDown',
        target: 'database',
        effect: 'unavailable',
        requestedAtMs: 100,
        effectiveAtMs: 105,
        endedAtMs: 1_005,
        details: {},
      },
    ]);
    // Samples come out in schedule order, whatever order the engine recorded them in.
    expect(timeline.samples.map((s) => s.scheduledAtMs)).toEqual([150, 200]);
    expect(timeline.samples.map((s) => s.id)).toEqual([1, 0]);
    expect(timeline.markers).toEqual([{ name: 'run-start', atMs: 0 }]);
  });

  it('refuses appends after finish(), but accepts the write readback', () => {
    const recorder = new TimelineRecorder({ runId: 'r', seed: 1, clock: manualClock() });
    recorder.finish();
    expect(() => recorder.mark('late')).toThrow(RecorderError);
    recorder.setWriteReadback({ atMs: 5, checkedKeys: ['a'], foundKeys: ['a'] });
    expect(recorder.finish().writeReadback).toEqual({ atMs: 5, checkedKeys: ['a'], foundKeys: ['a'] });
    expect(() => recorder.setWriteReadback({ atMs: 6, checkedKeys: [], foundKeys: [] })).toThrow(/already/);
  });

  it('sets a window end once, and names windows uniquely', () => {
    const recorder = new TimelineRecorder({ runId: 'r', seed: 1, clock: manualClock() });
    const a = recorder.faultRequested({ kind: 'dbDown', target: 'database', effect: 'unavailable' });
    const b = recorder.faultRequested({ kind: 'dbDown', target: 'database', effect: 'unavailable' });
    expect(a).not.toBe(b);
    expect(recorder.openFaults((w) => w.kind === 'dbDown')).toHaveLength(2);
    recorder.faultEnded(a);
    expect(() => recorder.faultEnded(a)).toThrow(expect.objectContaining({ code: 'FAULT_ALREADY_SET' }));
    expect(() => recorder.faultEnded('nope')).toThrow(expect.objectContaining({ code: 'FAULT_UNKNOWN' }));
    expect(recorder.openFaults().map((w) => w.name)).toEqual([b]);
  });

  it('snapshots are copies: changing one does not change the recording', () => {
    const recorder = new TimelineRecorder({ runId: 'r', seed: 1, clock: manualClock() });
    recorder.recordSample(sample({ atMs: 1, id: 0 }));
    const first = recorder.snapshot();
    first.samples.length = 0;
    expect(recorder.snapshot().samples).toHaveLength(1);
  });
});

describe('attachEnvironment', () => {
  it('records app logs, starts and exits, and detaches', () => {
    const listeners: { log?: (l: AppLogLine) => void; exit?: (e: AppExit) => void; start?: (s: AppStart) => void } = {};
    const events: EnvironmentEvents = {
      onAppLog: (fn) => ((listeners.log = fn), () => delete listeners.log),
      onAppExit: (fn) => ((listeners.exit = fn), () => delete listeners.exit),
      onAppStart: (fn) => ((listeners.start = fn), () => delete listeners.start),
    };
    const recorder = new TimelineRecorder({ runId: 'r', seed: 1, clock: manualClock() });
    const detach = attachEnvironment(recorder, events);
    listeners.start?.({ atMs: 1, pid: 7 });
    listeners.log?.({ atMs: 2, raw: '{"level":60,"event":"startup.failed","msg":"x"}' });
    listeners.exit?.({ atMs: 3, pid: 7, code: 1, signal: null, expected: false });
    detach();
    expect(listeners).toEqual({});
    const timeline = recorder.finish();
    expect(timeline.process).toEqual([
      { type: 'start', atMs: 1, pid: 7 },
      { type: 'exit', atMs: 3, pid: 7, code: 1, signal: null, expected: false },
    ]);
    expect(timeline.logs[0]).toMatchObject({ level: 60, event: 'startup.failed' });
  });
});
