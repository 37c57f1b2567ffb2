import { describe, expect, it } from 'vitest';
import type { Fault } from './faults.ts';
import { planFaults } from './plan.ts';
import type { Step } from './steps.ts';

const down: Fault = { type: 'dbDown' };
const up: Fault = { type: 'dbUp' };
const latency: Fault = { type: 'dbLatency', latencyMs: 800, jitterMs: 0, stream: 'downstream', toxicity: 1 };
const brief = (steps: Step[]) =>
  planFaults(steps).map(
    (a) => `${a.atMs} ${a.action} ${a.window}${a.closes.length > 0 ? ` closes ${a.closes.join(',')}` : ''}`,
  );

describe('planFaults', () => {
  it('pairs a restore with the windows it ends', () => {
    expect(
      brief([
        { step: 'at', anchor: 'start', atMs: 3_000, fault: down },
        { step: 'at', anchor: 'start', atMs: 8_000, fault: up },
      ]),
    ).toEqual(['3000 apply dbDown#1', '8000 apply dbUp#1 closes dbDown#1']);
  });

  it('applies and reverts a during() window, with target and effect', () => {
    const actions = planFaults([{ step: 'during', anchor: 'start', fromMs: 3_000, untilMs: 8_000, fault: latency }]);
    expect(actions).toEqual([
      {
        atMs: 3_000,
        anchor: 'start',
        action: 'apply',
        fault: latency,
        target: 'database',
        effect: 'degraded',
        window: 'dbLatency#1',
        closes: [],
        source: 'timeline[0]',
      },
      {
        atMs: 8_000,
        anchor: 'start',
        action: 'revert',
        fault: latency,
        target: 'database',
        effect: 'degraded',
        window: 'dbLatency#1',
        closes: [],
        source: 'timeline[0]',
      },
    ]);
  });

  it('honours an effect override on the descriptor', () => {
    const slow: Fault = { ...latency, latencyMs: 5_000, effect: 'unavailable' };
    expect(planFaults([{ step: 'during', anchor: 'start', fromMs: 0, untilMs: 1_000, fault: slow }])[0]?.effect).toBe(
      'unavailable',
    );
  });

  it('expands every() into flapping windows that stop at until', () => {
    expect(
      brief([
        { step: 'every', anchor: 'start', everyMs: 1_000, holdForMs: 400, fromMs: 2_000, untilMs: 4_500, fault: down },
      ]),
    ).toEqual([
      '2000 apply dbDown#1',
      '2400 revert dbDown#1',
      '3000 apply dbDown#2',
      '3400 revert dbDown#2',
      '4000 apply dbDown#3',
      '4400 revert dbDown#3',
    ]);
  });

  it('reverts before applying at the same instant, and drops the revert of a window a restore already ended', () => {
    expect(
      brief([
        { step: 'during', anchor: 'start', fromMs: 1_000, untilMs: 2_000, fault: latency },
        { step: 'during', anchor: 'start', fromMs: 2_000, untilMs: 3_000, fault: latency },
        { step: 'during', anchor: 'start', fromMs: 4_000, untilMs: 9_000, fault: down },
        { step: 'at', anchor: 'start', atMs: 6_000, fault: up },
      ]),
    ).toEqual([
      '1000 apply dbLatency#1',
      '2000 revert dbLatency#1',
      '2000 apply dbLatency#2',
      '3000 revert dbLatency#2',
      '4000 apply dbDown#1',
      '6000 apply dbUp#1 closes dbDown#1',
    ]);
  });

  it('plans the steps counted from readiness after those counted from the process start, names unique across both', () => {
    const actions = planFaults([
      { step: 'during', anchor: 'ready', fromMs: 1_000, untilMs: 5_000, fault: down },
      { step: 'at', anchor: 'start', atMs: 0, fault: down },
      { step: 'at', anchor: 'start', atMs: 3_000, fault: up },
    ]);
    expect(actions.map((a) => `${a.anchor} ${a.atMs} ${a.action} ${a.window}`)).toEqual([
      'start 0 apply dbDown#1',
      'start 3000 apply dbUp#1',
      'ready 1000 apply dbDown#2',
      'ready 5000 revert dbDown#2',
    ]);
  });
});
