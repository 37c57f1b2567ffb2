import { describe, expect, it } from 'vitest';
import { defineScenario } from './define.ts';
import { ScenarioError } from './errors.ts';
import { afterReady, appKill, appStart, at, dbDown, during } from './index.ts';
import type { ScenarioInput } from './types.ts';

const outage = (duration: string, withinMs: string): ScenarioInput => ({
  name: 'outage',
  description: 'The database goes away for seconds while the app serves.',
  timeline: [during(afterReady('2s'), afterReady('6s'), dbDown())],
  duration,
  checks: { 'recovers-within': { withinMs } },
});

describe('a scenario that bounds recovery lasts long enough to see it', () => {
  it('rejects a run that ends before the bound has passed after the last judged fault, and says how long it must be', () => {
    expect(() => defineScenario(outage('12s', '10s'))).toThrow(ScenarioError);
    expect(() => defineScenario(outage('12s', '10s'))).toThrow(
      /checks\.recovers-within: .*ends \(at 6000 ms after ready\).*leaves 6000 ms — make it at least 16000 ms/,
    );
    expect(defineScenario(outage('16s', '10s')).durationMs).toBe(16_000);
  });

  it('counts a restore (appStart) as the end of the fault it restores, and only the targets it judges', () => {
    const kills = (targets: ('app' | 'database')[]): ScenarioInput => ({
      name: 'kills',
      description: 'The app is killed and started again while it serves.',
      timeline: [at(afterReady('3s'), appKill()), at(afterReady('4s'), appStart())],
      duration: '10s',
      checks: { 'recovers-within': { withinMs: '10s', targets } },
    });
    expect(() => defineScenario(kills(['app']))).toThrow(/make it at least 14000 ms/);
    expect(defineScenario(kills(['database'])).durationMs).toBe(10_000);
  });
});
