import { describe, expect, it } from 'vitest';
import { sample, timeline } from '../timeline/fixtures.ts';
import { CHECKS, CHECK_NAMES, evaluateChecks } from './registry.ts';

const facts = { name: 't', graceMs: 0, expectFailFast: false };

describe('check registry', () => {
  it('lists every check under its own name, each with a description', () => {
    expect(CHECK_NAMES).toHaveLength(16);
    for (const name of CHECK_NAMES) {
      expect(CHECKS[name].name).toBe(name);
      expect(CHECKS[name].description.length).toBeGreaterThan(20);
    }
  });

  it('gives defaults for checks without required options, and refuses {} for those with bounds', () => {
    const needBounds = CHECK_NAMES.filter((name) => !CHECKS[name].optionsSchema.safeParse({}).success);
    expect(needBounds.sort()).toEqual([
      'answered-within',
      'exits-as-documented',
      'fault-statuses',
      'latency',
      'rate-limited',
      'ready-within',
      'recovers-within',
      'sockets-fail-closed',
    ]);
  });

  it('evaluates checks in order over one timeline, and reports a throwing check as failed', () => {
    const run = timeline({ samples: [sample({ atMs: 0 })] });
    const results = evaluateChecks(
      run,
      [
        { name: 'no-crash', options: {} },
        { name: 'latency', options: { thresholds: 'not what the check expects' } },
      ],
      facts,
    );
    expect(results.map((r) => [r.name, r.passed])).toEqual([
      ['no-crash', true],
      ['latency', false],
    ]);
    expect(results[1]?.summary).toContain('The check itself failed (a harness bug)');
  });
});
