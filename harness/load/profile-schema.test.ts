import { describe, expect, it } from 'vitest';
import { problemsFromZod } from '../scenario/errors.ts';
import { loadSectionSchema, toLoadProfile } from './profile-schema.ts';

const parse = (input: unknown) => loadSectionSchema.safeParse(input);
const messages = (input: unknown) =>
  problemsFromZod(parse(input).error?.issues ?? []).map((problem) => `${problem.path}: ${problem.message}`);

describe('load profile', () => {
  it('a constant rate without duration runs from startAt to the scenario end, with defaults', () => {
    const section = loadSectionSchema.parse({ rate: 50, startAt: '2s' });
    expect(toLoadProfile(section, 20_000)).toEqual({
      startAtMs: 2_000,
      arrival: { type: 'constant', ratePerSec: 50, durationMs: 18_000 },
      durationMs: 18_000,
      maxInFlight: 200,
      timeoutMs: 10_000,
      // No mix of its own: the target's default mix, chosen when the run starts.
      mix: [],
    });
  });

  it('stages ramp from startRate; durations are parsed', () => {
    const section = loadSectionSchema.parse({
      startRate: 5,
      stages: [
        { duration: '5s', target: 100 },
        { duration: 3_000, target: 0 },
      ],
      mix: { 'events.list': 1 },
      timeout: '4s',
    });
    const profile = toLoadProfile(section, 60_000);
    expect(profile.arrival).toEqual({
      type: 'ramping',
      startRatePerSec: 5,
      stages: [
        { durationMs: 5_000, targetPerSec: 100 },
        { durationMs: 3_000, targetPerSec: 0 },
      ],
    });
    expect(profile.durationMs).toBe(8_000);
    expect(profile.timeoutMs).toBe(4_000);
    expect(profile.mix).toEqual([{ template: 'events.list', weight: 1 }]);
  });

  it.each([
    [{}, 'rate: expected either `rate` (constant req/s) or `stages`'],
    [{ rate: 10, stages: [{ duration: '1s', target: 1 }] }, 'rate: expected either'],
    [{ rate: -1 }, 'rate: expected rate ≥ 0'],
    [{ rate: 10, duration: '10 secs' }, "duration: expected a duration such as '250ms'"],
    [{ rate: 10, mix: { '': 1 } }, 'expected a request name'],
    [{ rate: 10, mix: { 'events.list': 0 } }, 'mix: expected at least one request with a positive weight'],
    [{ rate: 10, maxInFlight: 0 }, 'maxInFlight: expected maxInFlight ≥ 1'],
    [{ rate: 10, rps: 3 }, 'Unrecognized key'],
    [{ stages: [{ duration: '1s', target: 1 }], duration: '5s' }, 'duration: expected no `duration` with `stages`'],
  ])('rejects %j', (input, expected) => {
    expect(messages(input).join('\n')).toContain(expected);
  });
});
