// The matcher's messages, on hand-made results: what a team sees when its chaos test fails.
import { describe, expect, it } from 'vitest';
import { gateScenario } from '../report/gating/gate.ts';
import { defineGatingPolicy } from '../report/gating/schema.ts';
import type { ScenarioRunResult } from '../runner/types.ts';
import { toPassCheck, toPassChecks } from './matchers.ts';
import './index.ts';

function result(overrides: Partial<ScenarioRunResult> = {}): ScenarioRunResult {
  return {
    name: 'db-outage',
    description: 'hand-made',
    file: undefined,
    status: 'failed',
    seed: 42,
    startedAt: '2026-11-28T12:00:00.000Z',
    durationMs: 20_000,
    environment: { kind: 'embedded', capabilities: null },
    loadEngine: 'builtin',
    timeline: null,
    checks: [
      {
        name: 'no-crash',
        passed: true,
        summary: 'No unexpected exit.',
        figures: { unexpectedExits: 0 },
        evidence: { counts: {}, firstOffending: [] },
      },
      {
        name: 'no-5xx-except-503',
        passed: false,
        summary: '2 answers were 5xx other than 503 (2 × 500).',
        figures: { other5xx: 2 },
        evidence: {
          counts: { '500': 2 },
          firstOffending: [
            { type: 'note', note: 'GET /api/v1/events → 500 INTERNAL at 4.2s' },
            { type: 'note', note: 'POST /api/v1/events/:id/tickets → 500 INTERNAL at 4.9s' },
          ],
        },
      },
      {
        name: 'latency',
        passed: false,
        summary: 'Thresholds crossed: steady p(95)<500 (was 812).',
        figures: { 'steady p(95)<500': 812 },
        evidence: { counts: {}, firstOffending: [] },
      },
    ],
    ...overrides,
  };
}

describe('toPassChecks', () => {
  it('fails with every failed check, its figures, counts and first offending items', () => {
    const outcome = toPassChecks(result());
    expect(outcome.pass).toBe(false);
    expect(outcome.message()).toBe(
      [
        'expected scenario db-outage (seed 42, embedded environment) to pass every check; 2 of 3 failed:',
        '',
        '  ✗ no-5xx-except-503 — 2 answers were 5xx other than 503 (2 × 500).',
        '    figures: other5xx 2',
        '    counts: 500 2',
        '    first offending:',
        '      - GET /api/v1/events → 500 INTERNAL at 4.2s',
        '      - POST /api/v1/events/:id/tickets → 500 INTERNAL at 4.9s',
        '  ✗ latency — Thresholds crossed: steady p(95)<500 (was 812).',
        '    figures: steady p(95)<500 812',
        '',
        'Re-run with seed 42 to get the same requests.',
      ].join('\n'),
    );
  });

  it('is what expect() reports through expect.extend', () => {
    expect(() => expect(result()).toPassChecks()).toThrow(
      /2 of 3 failed:\n\n {2}✗ no-5xx-except-503 — 2 answers were 5xx other than 503/,
    );
    expect(() => expect(result({ status: 'passed', checks: [result().checks[0]!] })).toPassChecks()).not.toThrow();
    expect(() => expect(result({ status: 'passed', checks: [result().checks[0]!] })).not.toPassChecks()).toThrow(
      'to fail a check, but all 1 held',
    );
  });

  it('lets advisory failures of a gated result pass, and names them under .not', () => {
    const gated = gateScenario(
      result(),
      defineGatingPolicy({ name: 'lenient', advisory: ['latency', 'no-5xx-except-503'] }),
      { graceMs: 5_000 },
    );
    expect(gated).toPassChecks();
    expect(toPassChecks(gated).message()).toContain('(advisory failures: no-5xx-except-503, latency)');
  });

  it('fails a scenario that never reached a verdict, saying why', () => {
    const outcome = toPassChecks(result({ status: 'error', checks: [], reason: 'PostgreSQL did not start' }));
    expect(outcome).toMatchObject({ pass: false });
    expect(outcome.message()).toBe(
      'scenario db-outage (seed 42, embedded environment) did not run to a verdict: error — PostgreSQL did not start',
    );
    expect(toPassChecks({ nope: true }).message()).toBe(
      'expected a scenario result from runScenario(), got {"nope":true}',
    );
  });
});

describe('toPassCheck', () => {
  it('judges one check by name', () => {
    expect(result()).toPassCheck('no-crash');
    expect(toPassCheck(result(), 'no-5xx-except-503').message()).toContain(
      'expected check no-5xx-except-503 of scenario db-outage (seed 42, embedded environment) to pass:\n\n  ✗ no-5xx-except-503 — 2 answers',
    );
    expect(toPassCheck(result(), 'ready-within').message()).toBe(
      'scenario db-outage (seed 42, embedded environment) has no check "ready-within"; it has: no-crash, no-5xx-except-503, latency (status failed)',
    );
  });
});
