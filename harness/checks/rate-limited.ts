// rate-limited: a limited request is refused once its limit is spent. For each limited template
// (login with a wrong password, say), once `limit` of its requests have been answered within the
// window, every later one must answer 429 with a Retry-After header: a limiter that stops counting
// (its shared store is down and it fails open) lets them through. Only requests sent after `limit`
// answers had come back are held to it, so requests in flight together are never misjudged; 5xx
// answers do not count (they may have been refused before the limiter). The window is fixed and
// starts at the template's first request: requests after it are not judged (a new window may count
// from zero). Figures: how many requests were over the limit, and how many of those were refused.
import { z } from 'zod';
import { durationMsSchema } from '../lib/duration.ts';
import { wasSent } from '../timeline/samples.ts';
import type { Sample } from '../timeline/types.ts';
import { checkResult, plural, sampleEvidence, tally } from './result.ts';
import type { Check, Evidence } from './types.ts';

export interface RateLimit {
  /** The request template that is limited, e.g. 'auth.login-wrong-password'. */
  template: string;
  /** Requests allowed per window; the next one must be refused. */
  limit: number;
  windowMs: number;
}

export interface RateLimitedOptions {
  limits: RateLimit[];
}

/**
 * Retry-After is delta-seconds or an HTTP date (RFC 9110 §10.2.3). Undefined: the engine recorded no
 * headers, so only the status can be judged (as db-failures-are-503 does).
 */
export function validRetryAfter(value: string | null | undefined): boolean {
  if (value === undefined) return true;
  if (value === null) return false;
  return /^\d+$/.test(value.trim()) || !Number.isNaN(Date.parse(value));
}

/** The answers the app surely counted: those that came back (below 500) before `sample` was sent. */
const countedBefore = (answered: Sample[], sample: Sample): number =>
  answered.filter((other) => other !== sample && other.endedAtMs <= sample.startedAtMs).length;

export const rateLimited: Check<RateLimitedOptions> = {
  name: 'rate-limited',
  description:
    'A limited request sent after its limit was spent within the window is refused with 429 and a Retry-After header.',
  optionsSchema: z.strictObject({
    limits: z
      .array(
        z.strictObject({
          template: z.string().min(1, 'expected the name of the limited request template'),
          limit: z.number().int('expected a whole number').min(1, 'expected a limit ≥ 1'),
          windowMs: durationMsSchema.refine((ms) => ms > 0, 'expected a window > 0'),
        }),
      )
      .min(1, 'expected at least one limit: { template, limit, windowMs }'),
  }),
  evaluate(timeline, { options }) {
    const counts: Record<string, number> = {};
    const figures: Record<string, number> = { overLimit: 0, refused: 0 };
    const offending: Evidence[] = [];
    const unproven: string[] = [];
    for (const { template, limit, windowMs } of options.limits) {
      const sent = timeline.samples
        .filter((sample) => sample.template === template && wasSent(sample))
        .sort((a, b) => a.startedAtMs - b.startedAtMs);
      const windowEndMs = (sent[0]?.startedAtMs ?? 0) + windowMs;
      const inWindow = sent.filter((sample) => sample.startedAtMs < windowEndMs);
      const answered = inWindow.filter((sample) => sample.status !== null && sample.status < 500);
      let over = 0;
      for (const sample of answered) {
        if (countedBefore(answered, sample) < limit) continue;
        over++;
        const refused = sample.status === 429 && validRetryAfter(sample.retryAfter);
        tally(
          counts,
          `${template}: ${refused ? '429 with Retry-After' : sample.status === 429 ? '429 without Retry-After' : `${sample.status} over the limit`}`,
        );
        if (refused) figures.refused = (figures.refused ?? 0) + 1;
        else
          offending.push(
            sampleEvidence(
              sample,
              `sent after ${countedBefore(answered, sample)} answered attempts (limit ${limit} per ${windowMs} ms): expected 429 with Retry-After`,
            ),
          );
      }
      figures.overLimit = (figures.overLimit ?? 0) + over;
      figures[`${template}.sent`] = sent.length;
      if (over === 0) unproven.push(`${template} (${plural(answered.length, 'answered request')}, limit ${limit})`);
    }
    figures.offending = offending.length;
    const passed = unproven.length === 0 && offending.length === 0;
    return checkResult(this.name, {
      passed,
      proven: offending.length > 0 || unproven.length === 0,
      summary:
        offending.length > 0
          ? `${offending.length} of ${figures.overLimit} requests sent after their limit was spent were not refused with 429 and Retry-After.`
          : unproven.length > 0
            ? `No request was sent after its limit was spent: ${unproven.join('; ')}. Nothing was proven.`
            : `All ${figures.overLimit} requests sent after their limit was spent were refused with 429 and Retry-After.`,
      figures,
      counts,
      offending,
    });
  },
};
