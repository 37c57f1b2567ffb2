// A target's own checks (`checks` in its config): validated with the target (a bad one is exit 2,
// naming the field), named by scenarios under `targetChecks` and refused before a run when the
// target has no such check or the options do not pass its schema, evaluated over the timeline
// beside the built-in checks, and usable in the defect matrix's cells.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { evaluateChecks } from '../checks/registry.ts';
import { checkResult } from '../checks/result.ts';
import { checkCoverage } from '../matrix/judge.ts';
import { planMatrix } from '../matrix/run-matrix.ts';
import { defineScenario } from '../scenario/define.ts';
import { SHOP_TARGET_FIELDS } from '../testing/shop-target.ts';
import { sample, timeline } from '../timeline/fixtures.ts';
import { defineTarget, TargetError } from './define.ts';
import { assertScenariosFit } from './fit.ts';
import { loadTarget } from './load-target.ts';
import { configuredTargetChecks } from './target-checks.ts';
import type { Target, TargetCheck, TargetDefinition } from './types.ts';

/** Fails when a request answered more than `atMost` items (its `reading.items`). */
const itemsAtMost: TargetCheck<{ atMost: number }> = {
  description: 'no answer lists more items than the page holds',
  optionsSchema: z.strictObject({ atMost: z.number().int().min(0).default(20) }),
  evaluate: (run, { options }) => {
    const over = run.samples.filter((s) => (s.reading?.items ?? 0) > options.atMost);
    return checkResult('ignored', { passed: over.length === 0, summary: 'items', counts: { over: over.length } });
  },
};

const SHOP: TargetDefinition = {
  name: 'shop',
  app: { command: ['node', 'server.js'], inject: { databaseUrl: 'SHOP_DB', port: 'SHOP_PORT' } },
  database: { migrate: { sql: 'schema.sql' } },
  health: { endpoints: { ready: '/ready' }, ready: 'ready' },
  requests: { home: { kind: 'read', build: () => ({ method: 'GET', path: '/' }) } },
  defaultMix: { home: 1 },
  checks: { 'items-at-most': itemsAtMost },
  defects: {
    env: 'SHOP_DEFECTS',
    names: ['long-pages'],
    cells: {
      'long-pages': [
        {
          scenario: 'paging',
          mustFail: ['items-at-most'],
          mustPass: ['no-crash'],
          evidence: { check: 'items-at-most', count: 'over', says: 'a page was too long' },
          why: 'pages are not cut',
        },
      ],
    },
  },
};
const target: Target = { ...SHOP, root: '/shop' };

function problems(definition: unknown): string[] {
  try {
    defineTarget(definition as TargetDefinition);
  } catch (error) {
    if (error instanceof TargetError) return error.problems.map((problem) => `${problem.path}: ${problem.message}`);
    throw error;
  }
  return [];
}

const paging = defineScenario({
  name: 'paging',
  description: 'Pages are read while nothing goes wrong.',
  duration: '5s',
  load: { rate: 5, mix: { home: 1 } },
  checks: { 'no-crash': true },
  targetChecks: { 'items-at-most': { atMost: 10 } },
});

describe("a target's own checks", () => {
  it('are accepted with a description, an options schema and evaluate, and named in cells', () => {
    expect(problems(SHOP)).toEqual([]);
  });

  it('are refused with the field named: a built-in name, not kebab-case, a missing part', () => {
    const checks = (own: unknown) => problems({ ...SHOP, defects: undefined, checks: own });
    expect(checks({ 'no-crash': itemsAtMost })).toEqual([
      'checks.no-crash: expected a name that is not a built-in check',
    ]);
    expect(checks({ ItemsAtMost: itemsAtMost })).toEqual(['checks.ItemsAtMost: expected a kebab-case check name']);
    expect(checks({ 'items-at-most': { ...itemsAtMost, evaluate: 'yes' } })).toEqual([
      'checks.items-at-most.evaluate: expected evaluate(timeline, { options, scenario }) returning a CheckResult',
    ]);
    expect(checks({ 'items-at-most': { ...itemsAtMost, optionsSchema: { atMost: 1 } } })[0]).toMatch(
      /^checks\.items-at-most\.optionsSchema: expected a zod schema/,
    );
    expect(checks({ 'items-at-most': { evaluate: itemsAtMost.evaluate, optionsSchema: z.object({}) } })).toEqual([
      'checks.items-at-most.description: expected a description of what the check holds the app to',
    ]);
  });

  it('refuses a cell that names a check neither built in nor the target’s own', () => {
    const wrong = { ...SHOP, checks: undefined };
    expect(problems(wrong)).toEqual([
      expect.stringMatching(
        /^defects\.cells\.long-pages\[0\]\.mustFail\[0\]: expected a check name, built-in or the target's own \(no-crash, .*\); got "items-at-most"$/,
      ),
      expect.stringMatching(/^defects\.cells\.long-pages\[0\]\.evidence\.check: expected a check name/),
    ]);
  });

  it('is exit 2 from a config file, naming the file and the field', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'faultline-target-checks-'));
    try {
      const body = `{\n  ${SHOP_TARGET_FIELDS}\n  checks: { 'no-crash': { description: 'x', optionsSchema: {}, evaluate: () => null } },\n}`;
      writeFileSync(
        path.join(dir, 'faultline.config.ts'),
        `import { defineTarget } from 'faultline';\nexport default defineTarget(${body});\n`,
      );
      await expect(loadTarget({ cwd: dir })).rejects.toMatchObject({
        exitCode: 2,
        message: expect.stringContaining('checks.no-crash: expected a name that is not a built-in check'),
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('are named by a scenario, and refused before a run when unknown or given bad options (exit 2)', () => {
    expect(paging.targetChecks).toEqual([{ name: 'items-at-most', options: { atMost: 10 } }]);
    expect(() => assertScenariosFit(target, [paging])).not.toThrow();
    const typo = defineScenario({ ...scenarioInput(), targetChecks: { 'items-at-mots': true } });
    expect(() => assertScenariosFit(target, [typo])).toThrow(
      /targetChecks\.items-at-mots: expected one of the checks of the target "shop" \(items-at-most\)/,
    );
    const bad = defineScenario({ ...scenarioInput(), targetChecks: { 'items-at-most': { atMost: -1 } } });
    expect(() => assertScenariosFit(target, [bad])).toThrow(/targetChecks\.items-at-most\.atMost: /);
    try {
      assertScenariosFit(target, [bad]);
    } catch (error) {
      expect(error).toMatchObject({ exitCode: 2 });
    }
    expect(() => assertScenariosFit({ ...target, checks: undefined }, [paging])).toThrow(
      /the target "shop" declares none/,
    );
  });

  it('are evaluated over the timeline beside the built-in ones, under their names, failing on evidence', () => {
    const run = timeline({ samples: [sample({ atMs: 100, reading: { items: 25 } }), sample({ atMs: 200 })] });
    const own = configuredTargetChecks(target, paging);
    const results = evaluateChecks(run, paging.checks, { name: 'paging', graceMs: 0, expectFailFast: false }, own);
    expect(results.map((result) => [result.name, result.passed])).toEqual([
      ['no-crash', true],
      ['items-at-most', false],
    ]);
    expect(results[1]?.evidence.counts).toEqual({ over: 1 });
    const defaults = configuredTargetChecks(
      target,
      defineScenario({ ...scenarioInput(), targetChecks: { 'items-at-most': true } }),
    );
    expect(defaults[0]?.options).toEqual({ atMost: 20 });
  });

  it('fail, never pass, when they throw', () => {
    const broken = {
      ...target,
      checks: {
        'items-at-most': {
          ...itemsAtMost,
          evaluate: () => {
            throw new Error('boom');
          },
        },
      },
    };
    const [result] = evaluateChecks(
      timeline(),
      [],
      { name: 'paging', graceMs: 0, expectFailFast: false },
      configuredTargetChecks(broken, paging),
    );
    expect(result).toMatchObject({ name: 'items-at-most', passed: false });
    expect(result?.summary).toContain('boom');
  });

  it('are planned in matrix cells and counted among the checks a defect made fail', () => {
    const matrix = SHOP.defects?.cells ?? {};
    expect(planMatrix(matrix, new Map([['paging', paging]])).healthy).toEqual([paging]);
    const cell = {
      defect: 'long-pages',
      scenario: 'paging',
      verdict: 'caught' as const,
      explanation: '',
      why: '',
      mustFail: [{ name: 'items-at-most', passed: false, summary: '' }],
      mustPass: [],
      failedChecks: ['items-at-most'],
      seed: 1,
      durationMs: 1,
    };
    expect(checkCoverage([cell], ['items-at-most']).shown).toEqual(['items-at-most']);
  });
});

function scenarioInput() {
  return {
    name: 'paging',
    description: 'Pages are read while nothing goes wrong.',
    duration: '5s',
    checks: { 'no-crash': true as const },
  };
}
