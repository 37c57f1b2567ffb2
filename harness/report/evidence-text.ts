// A check result as plain text lines: the summary, the counts and figures, and the first offending
// items. The JUnit failure body, the vitest matcher and the Markdown details all say it this way.
import type { CheckResult, Evidence } from '../checks/types.ts';

/** Every evidence item carries its own readable note (the checks write it with the item). */
export function describeEvidence(evidence: Evidence): string {
  return evidence.note;
}

const pairs = (record: Record<string, number>): string =>
  Object.entries(record)
    .map(([key, value]) => `${key} ${value}`)
    .join(', ');

export function checkText(check: CheckResult): string[] {
  const lines = [check.summary];
  if (Object.keys(check.figures).length > 0) lines.push(`figures: ${pairs(check.figures)}`);
  if (Object.keys(check.evidence.counts).length > 0) lines.push(`counts: ${pairs(check.evidence.counts)}`);
  if (check.evidence.firstOffending.length > 0) {
    lines.push('first offending:');
    for (const evidence of check.evidence.firstOffending) lines.push(`  - ${describeEvidence(evidence)}`);
  }
  return lines;
}
