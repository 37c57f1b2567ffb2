// The run's verdict in one place: what counts as a pass, and the one line a release manager reads.
// A gated result (see gating/) passes when no blocking check failed; advisory failures and flaky
// scenarios (passed on a retry) let it through but are named in the line, never hidden.
import type { RunResult, ScenarioErrorKind, ScenarioRunResult } from '../runner/types.ts';
import type { GatedScenarioResult, GateOutcome } from './gating/types.ts';

/** The scenario's outcome against its gate; an ungated result: every check blocks, no retries. */
export function outcomeOf(scenario: ScenarioRunResult): GateOutcome {
  const gate = (scenario as GatedScenarioResult).gate;
  if (gate !== undefined) return gate.outcome;
  return scenario.status;
}

const LETS_THROUGH: readonly GateOutcome[] = ['passed', 'flaky', 'warned', 'skipped'];

export function runPassed(result: RunResult): boolean {
  if (result.preflight !== undefined && !result.preflight.passed) return false;
  return result.scenarios.every((scenario) => LETS_THROUGH.includes(outcomeOf(scenario)));
}

/** The environment failed, or a scenario never tried what it is about (not proven): no verdict. */
export function runErrored(result: RunResult): boolean {
  if (result.preflight !== undefined && !result.preflight.passed) return true;
  return result.scenarios.some((scenario) => scenario.status === 'error' || scenario.status === 'not-proven');
}

/** Failed checks as 'scenario/check', blocking ones only for a gated scenario. */
function failedChecks(result: RunResult, role: 'blocking' | 'advisory'): string[] {
  return result.scenarios.flatMap((scenario) => {
    const gate = (scenario as GatedScenarioResult).gate;
    const names =
      gate === undefined
        ? role === 'blocking'
          ? scenario.checks.filter((check) => !check.passed).map((check) => check.name)
          : []
        : gate[role];
    return names.map((name) => `${scenario.name}/${name}`);
  });
}

const list = (items: string[], max = 5): string =>
  `${items.slice(0, max).join(', ')}${items.length > max ? ', …' : ''}`;

export function tallyLine(result: RunResult): string {
  const count = (outcome: GateOutcome): number =>
    result.scenarios.filter((scenario) => outcomeOf(scenario) === outcome).length;
  const parts = [`${count('passed')} passed`];
  if (count('flaky') > 0) parts.push(`${count('flaky')} flaky`);
  if (count('warned') > 0) parts.push(`${count('warned')} with warnings`);
  parts.push(`${count('failed')} failed`);
  if (count('skipped') > 0) parts.push(`${count('skipped')} skipped`);
  if (count('error') > 0) parts.push(`${count('error')} errored`);
  if (count('not-proven') > 0) parts.push(`${count('not-proven')} not proven`);
  return parts.join(', ');
}

/** Why the run is not clean though it may release: flaky scenarios and advisory failures. */
function warnings(result: RunResult): string[] {
  const flaky = result.scenarios
    .filter((scenario) => outcomeOf(scenario) === 'flaky')
    .map(
      (scenario) =>
        `${scenario.name} flaky (passed on retry ${((scenario as GatedScenarioResult).gate?.attempts ?? 2) - 1})`,
    );
  const advisory = failedChecks(result, 'advisory');
  return [
    ...flaky,
    ...(advisory.length > 0 ? [`${advisory.length} advisory check(s) failed: ${list(advisory, 3)}`] : []),
  ];
}

/** Why scenarios ended without a verdict, grouped: 'the harness failed in 1 scenario(s) (db-blackhole)'. */
function notProvenParts(result: RunResult): string[] {
  const errored = result.scenarios.filter((scenario) => scenario.status === 'error');
  const named = (kind: ScenarioErrorKind): string[] =>
    errored.filter((scenario) => (scenario.errorKind ?? 'environment') === kind).map((scenario) => scenario.name);
  const parts: string[] = [];
  const harness = named('harness');
  if (harness.length > 0) parts.push(`the harness failed in ${harness.length} scenario(s) (${list(harness, 3)})`);
  const environment = named('environment');
  if (environment.length > 0)
    parts.push(`the environment failed to start for ${environment.length} scenario(s) (${list(environment, 3)})`);
  const preflight = named('preflight');
  if (preflight.length > 0) parts.push(`the app never became healthy in preflight for ${list(preflight, 3)}`);
  const interrupted = named('interrupted');
  if (interrupted.length > 0) parts.push(`interrupted during ${list(interrupted, 3)}`);
  const unproven = result.scenarios
    .filter((scenario) => scenario.status === 'not-proven')
    .map((scenario) => scenario.name);
  if (unproven.length > 0) parts.push(`${list(unproven, 3)} never met a serving app with its faults`);
  return parts;
}

export function verdictLine(result: RunResult): string {
  const tally = `${tallyLine(result)} (seed ${result.seed})`;
  if (result.preflight !== undefined && !result.preflight.passed)
    return `NOT PROVEN — the app never became healthy in preflight (${result.preflight.reason ?? 'no reason recorded'}); no scenario ran (seed ${result.seed})`;
  const blocking = failedChecks(result, 'blocking');
  if (runErrored(result) && blocking.length === 0) return `NOT PROVEN — ${notProvenParts(result).join('; ')}; ${tally}`;
  if (!runPassed(result))
    return `DO NOT RELEASE — ${blocking.length} blocking check(s) failed: ${list(blocking)}; ${tally}`;
  const warned = warnings(result);
  if (warned.length > 0) return `RELEASE OK, WITH WARNINGS — every blocking check held; ${warned.join('; ')}; ${tally}`;
  return `RELEASE OK — every check held; ${tally}`;
}
