// A small hand-made seed manifest and context for load tests (not used at run time).
import type { SeedManifest } from '../environment/types.ts';
import { createRng } from '../lib/random.ts';
import { randomUuid } from './templates.ts';
import type { LoadContext, LoadProfile, MixEntry } from './types.ts';

const rng = createRng(7);
const ids = (n: number): string[] => Array.from({ length: n }, () => randomUuid(rng));
const one = (): string => ids(1)[0] as string;

export const TEST_SECRET = 'a-test-secret-of-enough-length';

export const TEST_MANIFEST: SeedManifest = {
  users: [
    { id: one(), role: 'ADMIN' },
    { id: one(), role: 'ORGANIZER' },
    ...ids(5).map((id) => ({ id, role: 'USER' as const })),
  ],
  deletedUserIds: ids(2),
  organizers: ids(2).map((id) => ({ id, ownerId: id })),
  deletedOrganizerIds: ids(1),
  publishedEventIds: ids(4),
  draftEventIds: ids(1),
  deletedEventIds: ids(2),
  artistIds: ids(3),
  deletedArtistIds: ids(2),
  venueIds: ids(2),
  deletedVenueIds: ids(1),
  ticketIds: ids(3),
  messageIds: ids(3),
  deletedMessageIds: ids(1),
};

export function testContext(overrides: Partial<LoadContext> = {}): LoadContext {
  return {
    appUrl: 'http://127.0.0.1:1',
    seed: TEST_MANIFEST,
    jwtSecret: TEST_SECRET,
    runId: 'run 2026/11/28',
    rngSeed: 99,
    ...overrides,
  };
}

export function mixOf(weights: Record<string, number>): MixEntry[] {
  return Object.entries(weights).map(([template, weight]) => ({ template, weight }));
}

export function constantProfile(
  ratePerSec: number,
  durationMs: number,
  overrides: Partial<LoadProfile> = {},
): LoadProfile {
  return {
    startAtMs: 0,
    arrival: { type: 'constant', ratePerSec, durationMs },
    durationMs,
    maxInFlight: 500,
    timeoutMs: 5_000,
    mix: mixOf({ 'events.list': 1 }),
    ...overrides,
  };
}
