// A scenario about the app's start, or with app settings of its own, needs the harness to start the
// app: against an app already running (the external environment) it would pass on a runtime outage,
// or be judged by bounds computed from settings the app does not have.
import { describe, expect, it } from 'vitest';
import { defineScenario } from './define.ts';
import { dbDown, dbUp } from './faults.ts';
import { afterReady, at } from './steps.ts';
import type { ScenarioInput } from './types.ts';

const runtime: ScenarioInput = {
  name: 'outage',
  description: 'The database goes away while the app serves.',
  duration: '20s',
  timeline: [at(afterReady('3s'), dbDown()), at(afterReady('8s'), dbUp())],
  checks: { 'no-crash': true },
};

describe('what a scenario needs of the app process', () => {
  it('a runtime outage needs no process control', () => {
    expect(defineScenario(runtime).needs.processControl).toBe(false);
    // A fault counted from the process start but after it is a runtime fault too.
    const later = defineScenario({ ...runtime, timeline: [at('3s', dbDown()), at('8s', dbUp())] });
    expect(later.needs.processControl).toBe(false);
  });

  it('a fault in place when the app starts needs the harness to start the app', () => {
    const bootsInto = defineScenario({ ...runtime, timeline: [at(0, dbDown()), at('8s', dbUp())] });
    expect(bootsInto.needs.processControl).toBe(true);
    const startsLate = defineScenario({
      ...runtime,
      app: { startAt: '2s' },
      timeline: [at('1s', dbDown()), at('8s', dbUp())],
    });
    expect(startsLate.needs.processControl).toBe(true);
  });

  it('so does a scenario that starts the app with settings of its own', () => {
    const tuned = defineScenario({ ...runtime, app: { env: { DB_POOL_MAX: 2 } } });
    expect(tuned.needs.processControl).toBe(true);
  });

  it('a check that judges the start needs it too', () => {
    const judged = defineScenario({ ...runtime, checks: { 'ready-within': { withinMs: '5s' } } });
    expect(judged.needs.processControl).toBe(true);
  });
});
