// The exported k6 test, checked two ways: its options as data (scenarios, stages, thresholds from
// the scenario and the gating policy), and its code run under stand-ins for k6's modules — the
// tokens it mints must be ones the app accepts, requests must carry the phase of the fault timeline.
import { createHmac } from 'node:crypto';
import { jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { RELEASE_POLICY } from '../report/gating/policies.ts';
import { defineGatingPolicy } from '../report/gating/schema.ts';
import dbOutageUnderLoad from '../../scenarios/db-outage-under-load.ts';
import type { SeedManifest } from '../../target-app/faultline/manifest.ts';
import { repoTarget } from '../testing/target.ts';
import { arrivalOffsetsMs } from './arrival.ts';
import {
  faultWindows,
  generateK6Export,
  k6Thresholds,
  RUN_PLACEHOLDER,
  toExportedRequest,
  type ExportedRequest,
} from './k6-export.ts';
import { RequestFactory } from './request-factory.ts';

const SECRET = 'k6-export-test-secret';
const id = (n: number): string => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const MANIFEST: SeedManifest = {
  users: [
    { id: id(1), role: 'ADMIN' },
    { id: id(2), role: 'ORGANIZER' },
    { id: id(3), role: 'USER' },
    { id: id(4), role: 'USER' },
  ],
  deletedUserIds: [id(5)],
  organizers: [{ id: id(10), ownerId: id(2) }],
  deletedOrganizerIds: [id(11)],
  publishedEventIds: [id(20), id(21)],
  draftEventIds: [id(22)],
  deletedEventIds: [id(23)],
  artistIds: [id(30)],
  deletedArtistIds: [id(31)],
  venueIds: [id(40)],
  deletedVenueIds: [id(41)],
  ticketIds: [id(50)],
  messageIds: [id(60)],
  deletedMessageIds: [id(61)],
};

async function exportedRequests(): Promise<ExportedRequest[]> {
  const profile = dbOutageUnderLoad.load!;
  // The reference app's requests, prepared from this manifest as its target does after seeding.
  const target = await repoTarget();
  const appEnv = { JWT_SECRET: 'x'.repeat(16) };
  const state = await target.prepare?.({ databaseUrl: 'unused', appEnv, seeded: MANIFEST, seed: 5, pools: {} });
  const factory = RequestFactory.create(
    {
      appUrl: 'http://unused',
      requests: target.requests,
      defaultMix: target.defaultMix,
      fixtures: { pools: {}, state },
      runId: RUN_PLACEHOLDER,
      rngSeed: 5,
    },
    profile.mix,
  );
  return [...arrivalOffsetsMs(profile.arrival)].map(() => toExportedRequest(factory.next()));
}

/** Runs the generated script's code with stand-ins for k6's modules; returns its exports. */
function load(script: string, requestsJson: string, clock: { elapsedMs: number; iteration: number }) {
  const sent: {
    method: string;
    url: string;
    body: string | null;
    params: { headers: Record<string, string>; tags: Record<string, string> };
  }[] = [];
  const checks: Record<string, boolean>[] = [];
  let response = { status: 200, body: '{}', headers: {} as Record<string, string> };
  const stubs = {
    http: {
      request: (method: string, url: string, body: string | null, params: (typeof sent)[number]['params']) => (
        sent.push({ method, url, body, params }),
        response
      ),
    },
    exec: {
      scenario: {
        get iterationInTest() {
          return clock.iteration;
        },
        get startTime() {
          return Date.now() - clock.elapsedMs;
        },
      },
    },
    crypto: {
      hmac: (algorithm: string, secret: string, data: string, encoding: string) => (
        expect([algorithm, encoding]).toEqual(['sha256', 'base64rawurl']),
        createHmac('sha256', secret).update(data).digest('base64url')
      ),
    },
    encoding: {
      b64encode: (input: string, variant: string) => (
        expect(variant).toBe('rawurl'),
        Buffer.from(input).toString('base64url')
      ),
    },
    check: (value: unknown, sets: Record<string, (value: unknown) => boolean>) =>
      checks.push(Object.fromEntries(Object.entries(sets).map(([name, fn]) => [name, fn(value)]))),
    SharedArray: class {
      constructor(_name: string, make: () => unknown[]) {
        return make();
      }
    },
    open: (file: string) => (expect(file).toBe('./requests.json'), requestsJson),
    __ENV: { FAULTLINE_JWT_SECRET: SECRET, FAULTLINE_RUN_ID: 'run7' },
  };
  const body = script
    .replace(/^import .*$/gm, '')
    .replace(/^export default function/m, 'const main = function')
    .replace(/^export /gm, '');
  // The generated script is evaluated as k6 would, with k6's modules stubbed.
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const exports = new Function(...Object.keys(stubs), `${body}\nreturn { options, setup, main, phaseAt };`)(
    ...Object.values(stubs),
  );
  return { ...exports, sent, checks, respond: (next: typeof response) => void (response = next) } as {
    options: Record<string, any>;
    setup: () => { tokens: Record<string, string> };
    main: (data: { tokens: Record<string, string> }) => void;
    phaseAt: (elapsedMs: number) => string;
    sent: typeof sent;
    checks: typeof checks;
    respond: (next: typeof response) => void;
  };
}

describe('faultline k6 export', () => {
  it('derives fault windows relative to the load and k6 thresholds from the scenario and the gating policy', () => {
    expect(faultWindows(dbOutageUnderLoad)).toEqual([
      { name: 'dbDown#1', kind: 'dbDown', target: 'database', fromMs: 3_000, toMs: 11_000 },
    ]);
    const { thresholds, advisory } = k6Thresholds(dbOutageUnderLoad, RELEASE_POLICY);
    expect(thresholds).toEqual({
      'checks{check:status-allowlist}': ['rate==1'],
      'checks{check:no-5xx-except-503}': ['rate==1'],
      'checks{check:db-failures-are-503}': ['rate==1'],
      'checks{check:missing-records-are-404}': ['rate==1'],
      'http_req_failed{phase:steady,kind:read}': ['rate<0.01'],
      'http_req_failed{phase:steady,kind:write}': ['rate<0.01'],
    });
    expect(advisory).toEqual(['http_req_duration{phase:steady} p(95)<1000']);
    const strict = defineGatingPolicy({
      name: 'strict',
      advisory: ['db-outage-under-load/status-allowlist'],
      thresholds: { 'http_req_duration{kind:write}': ['p(99)<2000'], 'http_reqs{scenario:other}': ['count>1'] },
    });
    expect(k6Thresholds(dbOutageUnderLoad, strict)).toMatchObject({
      thresholds: { 'http_req_duration{kind:write}': ['p(99)<2000'] },
      advisory: ['checks{check:status-allowlist} rate==1'],
    });
  });

  it('writes a script whose options are the load profile as a ramping-arrival-rate scenario, with the thresholds', async () => {
    const requests = await exportedRequests();
    const { script } = generateK6Export({
      scenario: dbOutageUnderLoad,
      policy: RELEASE_POLICY,
      requests,
      seed: 5,
      appUrl: 'http://localhost:3000',
      faultlineVersion: '0.1.0',
    });
    const options = JSON.parse(/^export const options = (\{[\s\S]*?\n\});$/m.exec(script)![1]!);
    expect(options.scenarios.faultline).toMatchObject({
      executor: 'ramping-arrival-rate',
      startRate: 40,
      timeUnit: '1s',
      stages: [{ duration: '21000ms', target: 40 }],
    });
    expect(options.thresholds['http_req_failed{phase:steady,kind:write}']).toEqual(['rate<0.01']);
    expect(script).toContain('//   3.0 s → 11.0 s  dbDown (database)');
    expect(script).toContain(
      '// Judged by Faultline from the whole timeline, not here: no-crash, no-unhandled-errors, fault-statuses, answered-within, recovers-within, health-truthful, no-lost-writes.',
    );
    expect(script).not.toMatch(/Bearer ey/);
    // 40 requests/s for the scenario's 21 s.
    expect(requests.length).toBe(840);
    expect(requests.some((request) => request.auth !== undefined && request.headers.authorization === undefined)).toBe(
      true,
    );
  });

  it('mints tokens the app accepts, tags requests with the phase, and judges responses as Faultline does', async () => {
    const exported = generateK6Export({
      scenario: dbOutageUnderLoad,
      policy: RELEASE_POLICY,
      requests: await exportedRequests(),
      seed: 5,
      appUrl: 'http://localhost:3000',
      faultlineVersion: '0.1.0',
    });
    const clock = { elapsedMs: 0, iteration: 0 };
    const k6 = load(exported.script, exported.requests, clock);
    const data = k6.setup();
    const [auth, token] = Object.entries(data.tokens)[0]!;
    const { payload } = await jwtVerify(token, new TextEncoder().encode(SECRET), { algorithms: ['HS256'] });
    expect(`${String(payload.sub)}:${String(payload.role)}`).toBe(auth);

    expect([1_000, 5_000, 13_000, 18_000].map(k6.phaseAt)).toEqual(['steady', 'fault', 'grace', 'steady']);
    const requests = JSON.parse(exported.requests) as ExportedRequest[];
    const write = requests.findIndex((request) => request.template === 'tickets.create');
    Object.assign(clock, { elapsedMs: 5_000, iteration: write });
    k6.respond({ status: 500, body: '{"error":{"code":"INTERNAL"}}', headers: {} });
    k6.main(data);
    expect(k6.sent[0]).toMatchObject({
      method: 'POST',
      url: expect.stringMatching(/^http:\/\/localhost:3000\/api\/v1\/events\/[^/]+\/tickets$/),
      params: { tags: { phase: 'fault', kind: 'write', name: '/api/v1/events/:eventId/tickets' } },
    });
    expect(k6.sent[0]?.body).toContain('"clientKey":"run7-');
    expect(k6.sent[0]?.params.headers.authorization).toBe(`Bearer ${data.tokens[requests[write]!.auth!]}`);
    expect(Object.assign({}, ...k6.checks)).toEqual({
      'status-allowlist': false,
      'no-5xx-except-503': false,
      'db-failures-are-503': false,
      'missing-records-are-404': true,
    });

    k6.checks.length = 0;
    k6.respond({ status: 503, body: '{"error":{"code":"DATABASE_UNAVAILABLE"}}', headers: { 'Retry-After': '2' } });
    k6.main(data);
    expect(Object.values(Object.assign({}, ...k6.checks))).toEqual([true, true, true, true]);
    // 503 is allowed during the fault, not once the app is steady again.
    k6.checks.length = 0;
    clock.elapsedMs = 19_000;
    k6.main(data);
    expect(Object.assign({}, ...k6.checks)['status-allowlist']).toBe(false);
  });
});
