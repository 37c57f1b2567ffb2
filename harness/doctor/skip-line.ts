// The one-line form of what a run will skip on this machine, printed before it starts: the
// scenarios whose needs (Redis, process control, …) the chosen environment lacks, grouped by reason.
import {
  expectedCapabilities,
  missingCapabilityReason,
  type EnvironmentChoice,
} from '../runner/environment-factory.ts';
import type { Scenario } from '../scenario/types.ts';

export function skipLine(
  scenarios: readonly Scenario[],
  choice: Omit<EnvironmentChoice, 'target'>,
): string | undefined {
  const capabilities = expectedCapabilities(choice);
  const byReason = new Map<string, string[]>();
  for (const scenario of scenarios) {
    const reason = missingCapabilityReason(scenario.needs, capabilities, choice.kind, scenario.app.instances);
    if (reason !== undefined) byReason.set(reason, [...(byReason.get(reason) ?? []), scenario.name]);
  }
  if (byReason.size === 0) return undefined;
  const skipped = [...byReason.values()].flat().length;
  const groups = [...byReason].map(([reason, names]) => `${names.join(', ')} (${reason})`);
  return `will skip ${skipped} of ${scenarios.length} scenario(s) here: ${groups.join('; ')} — \`npx faultline doctor\` says what this machine can run`;
}
