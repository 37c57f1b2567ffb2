// A preflight in words, the same in every report: one line when the app became healthy; when it did
// not, why, the command that started it, the run's app environment, its exit and its last lines.
import type { PreflightResult } from '../runner/types.ts';

/** Lines without indentation markup: the first says what happened, the rest are the app's own words. */
export function preflightLines(result: PreflightResult): string[] {
  const took = `preflight took ${(result.durationMs / 1_000).toFixed(1)} s`;
  if (result.passed)
    return [`preflight: the app became healthy after ${((result.healthyAfterMs ?? 0) / 1_000).toFixed(1)} s (${took})`];
  return [
    `preflight FAILED: ${result.reason ?? 'the app did not become healthy'} (${took})`,
    ...(result.command === undefined ? [] : [`  command: ${result.command}`]),
    ...(Object.keys(result.appEnv).length === 0
      ? []
      : [
          `  run's app environment: ${Object.entries(result.appEnv)
            .map(([key, value]) => `${key}=${value}`)
            .join(' ')}`,
        ]),
    ...(result.exit === undefined
      ? []
      : [`  exit: code ${result.exit.code ?? 'none'}, signal ${result.exit.signal ?? 'none'}`]),
    ...(result.output.length === 0
      ? ['  the app printed nothing']
      : [
          `  the app's last ${result.output.length} line(s):`,
          ...result.output.map((line) => `    ${line.stream} | ${line.line}`),
        ]),
  ];
}
