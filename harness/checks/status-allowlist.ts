// status-allowlist: every request got an answer its phase allows. Phases (timeline/phases.ts):
// startup and app-down tolerate connection errors (nothing is listening); a database or Redis
// fault tolerates 503; steady state tolerates only success and the 404s of P2025 probes. A run in
// which no request was answered at all proved nothing, and fails (except in a fail-fast scenario).
// HTTP requests only: a Socket.IO session has no status (sockets-fail-closed judges those).
import { z } from 'zod';
import { PHASES, PhaseMap, type Phase } from '../timeline/phases.ts';
import { isHttp, wasAnswered, wasSent } from '../timeline/samples.ts';
import type { Sample } from '../timeline/types.ts';
import { checkResult, sampleEvidence, tally } from './result.ts';
import type { Check, Evidence } from './types.ts';

/** An HTTP status (404), a status class ('2xx') or a transport error class ('ECONNREFUSED'). */
export type AllowEntry =
  number | '1xx' | '2xx' | '3xx' | '4xx' | '5xx' | 'ECONNREFUSED' | 'ECONNRESET' | 'timeout' | 'other';
const WORDS = ['1xx', '2xx', '3xx', '4xx', '5xx', 'ECONNREFUSED', 'ECONNRESET', 'timeout', 'other'];
const ENTRY_EXPECTATION = `expected an HTTP status (e.g. 404), a class (${WORDS.slice(0, 5).join(', ')}) or a transport error (${WORDS.slice(5).join(', ')})`;

const entry = z.custom<AllowEntry>(
  (value) =>
    (typeof value === 'number' && Number.isInteger(value) && value >= 100 && value <= 599) ||
    (typeof value === 'string' && WORDS.includes(value)),
  { error: (issue) => `${ENTRY_EXPECTATION}, got ${JSON.stringify(issue.input)}` },
);

const CONNECTION: AllowEntry[] = ['ECONNREFUSED', 'ECONNRESET', 'timeout'];
export const DEFAULT_ALLOWLIST: Record<Phase, AllowEntry[]> = {
  startup: ['2xx', 404, 503, ...CONNECTION],
  'app-down': ['2xx', 404, 503, ...CONNECTION],
  fault: ['2xx', 404, 503],
  grace: ['2xx', 404, 503],
  steady: ['2xx', 404],
};

export type StatusAllowlistOptions = Record<Phase, AllowEntry[]>;

export function isAllowed(sample: Sample, allowed: readonly AllowEntry[]): boolean {
  if (sample.status === null) return sample.errorClass !== null && allowed.includes(sample.errorClass as AllowEntry);
  return allowed.includes(sample.status) || allowed.includes(`${Math.floor(sample.status / 100)}xx` as AllowEntry);
}

/** 'every one ECONNREFUSED' or '200 ECONNREFUSED, 80 timeout', from the phase:outcome counts. */
function describeUnanswered(counts: Record<string, number>): string {
  const byOutcome: Record<string, number> = {};
  for (const [key, count] of Object.entries(counts)) tally(byOutcome, key.slice(key.indexOf(':') + 1), count);
  const entries = Object.entries(byOutcome);
  if (entries.length === 1) return `every one ${entries[0]![0]}`;
  return entries.map(([outcome, count]) => `${count} ${outcome}`).join(', ');
}

export const statusAllowlist: Check<StatusAllowlistOptions> = {
  name: 'status-allowlist',
  description:
    'Every request got an answer its phase allows (steady, during a fault, in the grace after one, at startup, while the app is down).',
  optionsSchema: z
    .strictObject(
      Object.fromEntries(PHASES.map((phase) => [phase, z.array(entry).optional()])) as Record<
        Phase,
        z.ZodOptional<z.ZodArray<typeof entry>>
      >,
    )
    .transform(
      (given) =>
        Object.fromEntries(
          PHASES.map((phase) => [phase, given[phase] ?? DEFAULT_ALLOWLIST[phase]]),
        ) as StatusAllowlistOptions,
    ),
  evaluate(timeline, { options, scenario }) {
    const phases = PhaseMap.of(timeline, { graceMs: scenario.graceMs });
    const counts: Record<string, number> = {};
    const figures: Record<string, number> = {};
    const offending: Evidence[] = [];
    for (const sample of timeline.samples) {
      if (!wasSent(sample) || !isHttp(sample)) continue;
      const phase = phases.phaseOf(sample.startedAtMs, sample.endedAtMs);
      const outcome = sample.status ?? sample.errorClass ?? 'none';
      tally(figures, `${phase}Requests`);
      tally(counts, `${phase}:${outcome}`);
      if (isAllowed(sample, options[phase])) continue;
      tally(figures, `${phase}Offending`);
      offending.push(sampleEvidence(sample, `not allowed in phase ${phase} (allowed: ${options[phase].join(', ')})`));
    }
    const http = timeline.samples.filter((sample) => wasSent(sample) && isHttp(sample));
    const sent = http.length;
    const answered = http.filter(wasAnswered).length;
    figures.offending = offending.length;
    figures.requests = sent;
    figures.answered = answered;
    const byPhase = PHASES.filter((phase) => (figures[`${phase}Offending`] ?? 0) > 0).map(
      (phase) => `${figures[`${phase}Offending`]} ${phase}`,
    );
    // Refused connections say nothing about the app's answers: a run in which the app never
    // answered proved nothing — unless never listening is exactly what the scenario expects (a
    // fail-fast startup, whose exit exits-as-documented judges).
    const nothingAnswered = sent > 0 && answered === 0 && offending.length === 0;
    const passed = offending.length === 0 && sent > 0 && (answered > 0 || scenario.expectFailFast);
    return checkResult(this.name, {
      passed,
      summary:
        sent === 0
          ? 'No request was sent: nothing was proven.'
          : nothingAnswered && scenario.expectFailFast
            ? `None of the ${sent} requests was answered: the app never listened while it could not start, as its fail-fast startup expects.`
            : nothingAnswered
              ? `None of the ${sent} requests was answered (${describeUnanswered(counts)}): nothing was proven.`
              : offending.length === 0
                ? `All ${sent} requests got an answer their phase allows (${answered} answered).`
                : `${offending.length} of ${sent} requests got an answer their phase does not allow (${byPhase.join(', ')}).`,
      figures,
      counts,
      offending,
    });
  },
};
