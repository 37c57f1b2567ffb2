// status-allowlist: every request got an answer its phase allows. Phases (timeline/phases.ts):
// startup and app-down tolerate connection errors (nothing is listening); a database or Redis
// fault tolerates 503; steady state tolerates only success and the 404s of P2025 probes. A run in
// which no request was answered at all proved nothing, and fails (except in a fail-fast scenario).
// HTTP requests only: a Socket.IO session has no status (sockets-fail-closed judges those).
// `templates` narrows it to the requests of those templates: the routes a fault must leave serving
// (a lock on one table), or all but the requests that are refused on purpose (repeated logins).
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

export type StatusAllowlistOptions = Record<Phase, AllowEntry[]> & {
  /** Judge only the requests of these templates (default: every request). */
  templates?: string[];
};

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

const ofTemplates =
  ({ templates }: StatusAllowlistOptions) =>
  (sample: Sample): boolean =>
    templates === undefined || templates.includes(sample.template);

export const statusAllowlist: Check<StatusAllowlistOptions> = {
  name: 'status-allowlist',
  description:
    'Every request got an answer its phase allows (steady, during a fault, in the grace after one, at startup, while the app is down).',
  optionsSchema: z
    .strictObject({
      ...(Object.fromEntries(PHASES.map((phase) => [phase, z.array(entry).optional()])) as Record<
        Phase,
        z.ZodOptional<z.ZodArray<typeof entry>>
      >),
      templates: z
        .array(z.string().min(1, 'expected a request template name'))
        .min(1, 'expected at least one request template (or leave templates out to judge every request)')
        .optional(),
    })
    .transform((given): StatusAllowlistOptions => {
      const lists = Object.fromEntries(PHASES.map((phase) => [phase, given[phase] ?? DEFAULT_ALLOWLIST[phase]]));
      return {
        ...(lists as Record<Phase, AllowEntry[]>),
        ...(given.templates === undefined ? {} : { templates: given.templates }),
      };
    }),
  evaluate(timeline, { options, scenario }) {
    const phases = PhaseMap.of(timeline, { graceMs: scenario.graceMs });
    const counts: Record<string, number> = {};
    const figures: Record<string, number> = {};
    const offending: Evidence[] = [];
    const judged = options.templates === undefined ? timeline.samples : timeline.samples.filter(ofTemplates(options));
    for (const sample of judged) {
      if (!wasSent(sample) || !isHttp(sample)) continue;
      const phase = phases.phaseOf(sample.startedAtMs, sample.endedAtMs);
      const outcome = sample.status ?? sample.errorClass ?? 'none';
      tally(figures, `${phase}Requests`);
      tally(counts, `${phase}:${outcome}`);
      if (isAllowed(sample, options[phase])) continue;
      tally(figures, `${phase}Offending`);
      tally(figures, `offending ${outcome}`);
      offending.push(sampleEvidence(sample, `not allowed in phase ${phase} (allowed: ${options[phase].join(', ')})`));
    }
    const http = judged.filter((sample) => wasSent(sample) && isHttp(sample));
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
          ? `No request${options.templates === undefined ? '' : ` of ${options.templates.join(', ')}`} was sent: nothing was proven.`
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
