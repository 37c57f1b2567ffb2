import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { constantProfile, mixOf } from './fixtures.ts';
import { K6_RESPONSE_METRIC, generateK6Script, k6Options } from './k6-script.ts';
import type { LoadProfile, RequestSpec } from './types.ts';

const ramping: LoadProfile = {
  startAtMs: 2_000,
  arrival: {
    type: 'ramping',
    startRatePerSec: 10,
    stages: [
      { durationMs: 5_000, targetPerSec: 100 },
      { durationMs: 10_000, targetPerSec: 100 },
    ],
  },
  durationMs: 15_000,
  maxInFlight: 300,
  timeoutMs: 4_000,
  mix: mixOf({ 'events.list': 1 }),
};

/** Runs the generated script's default function with stand-ins for k6's modules. */
function simulate(script: string, requests: RequestSpec[], iterations: number[]) {
  const calls: { method: string; url: string; body: unknown; params: Record<string, unknown> }[] = [];
  const counted: Record<string, string>[] = [];
  const body = script
    .replace(/^import .*$/gm, '')
    .replace('export const options =', 'const options =')
    .replace('export default function ()', 'return function ()');
  let iterationInTest = 0;
  const k6 = {
    http: {
      request: (method: string, url: string, reqBody: unknown, params: Record<string, unknown>) => {
        calls.push({ method, url, body: reqBody, params });
        return {
          status: 503,
          body: '{"error":{"code":"DATABASE_NOT_READY"}}',
          headers: { 'Retry-After': '2' },
          error_code: 0,
          timings: { duration: 3 },
        };
      },
    },
    exec: {
      scenario: {
        get iterationInTest() {
          return iterationInTest;
        },
      },
    },
    SharedArray: class {
      constructor(_name: string, make: () => unknown[]) {
        return make();
      }
    },
    Counter: class {
      add(_value: number, tags: Record<string, string>) {
        counted.push(tags);
      }
    },
    open: () => JSON.stringify(requests),
    __ENV: {},
  };
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the generated script, run with k6's modules stubbed
  const iterate = new Function('http', 'exec', 'SharedArray', 'Counter', 'open', '__ENV', body)(
    k6.http,
    k6.exec,
    k6.SharedArray,
    k6.Counter,
    k6.open,
    k6.__ENV,
  ) as () => void;
  for (const index of iterations) {
    iterationInTest = index;
    iterate();
  }
  return { calls, counted };
}

describe('k6 script', () => {
  it('declares one ramping-arrival-rate scenario with the profile stages and maxInFlight as maxVUs', () => {
    expect(k6Options(ramping)).toEqual({
      discardResponseBodies: false,
      scenarios: {
        faultline: {
          executor: 'ramping-arrival-rate',
          startRate: 10,
          timeUnit: '1s',
          preAllocatedVUs: 50,
          maxVUs: 300,
          stages: [
            { duration: '5000ms', target: 100 },
            { duration: '10000ms', target: 100 },
          ],
          gracefulStop: '5000ms',
        },
      },
      summaryTrendStats: ['avg', 'min', 'med', 'max', 'p(95)', 'p(99)'],
    });
  });

  it('expresses a constant rate as a flat ramping stage', () => {
    const options = k6Options(constantProfile(200, 3_000)) as { scenarios: { faultline: Record<string, unknown> } };
    expect(options.scenarios.faultline).toMatchObject({
      executor: 'ramping-arrival-rate',
      startRate: 200,
      stages: [{ duration: '3000ms', target: 200 }],
    });
  });

  it('is valid JavaScript', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'faultline-k6-script-'));
    try {
      const file = path.join(dir, 'script.mjs');
      await writeFile(
        file,
        generateK6Script(ramping, { appUrl: 'http://127.0.0.1:3000', requestsPath: '/tmp/requests.json' }),
      );
      await promisify(execFile)(process.execPath, ['--check', file]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('sends request i on iteration i with tags, and counts the error code and Retry-After', () => {
    const requests: RequestSpec[] = [
      {
        template: 'events.list',
        kind: 'read',
        method: 'GET',
        routeTemplate: '/api/v1/events',
        path: '/api/v1/events?limit=20',
        headers: { authorization: 'Bearer a' },
      },
      {
        template: 'tickets.create',
        kind: 'write',
        method: 'POST',
        routeTemplate: '/api/v1/events/:eventId/tickets',
        path: '/api/v1/events/e1/tickets',
        headers: {},
        body: '{"clientKey":"k-1"}',
        clientKey: 'k-1',
      },
    ];
    const script = generateK6Script(ramping, { appUrl: 'http://127.0.0.1:3000', requestsPath: 'requests.json' });
    const { calls, counted } = simulate(script, requests, [1, 0, 7]);
    expect(calls).toHaveLength(2); // iteration 7 has no request: it does nothing
    expect(calls[0]).toMatchObject({
      method: 'POST',
      url: 'http://127.0.0.1:3000/api/v1/events/e1/tickets',
      body: '{"clientKey":"k-1"}',
      params: {
        timeout: '4000ms',
        tags: {
          name: '/api/v1/events/:eventId/tickets',
          faultline_id: '1',
          template: 'tickets.create',
          kind: 'write',
          client_key: 'k-1',
        },
      },
    });
    expect(calls[1]).toMatchObject({ method: 'GET', body: null, params: { headers: { authorization: 'Bearer a' } } });
    expect(counted[0]).toEqual({
      faultline_id: '1',
      status: '503',
      error_code: 'DATABASE_NOT_READY',
      k6_error_code: '',
      retry_after: '2',
      duration_ms: '3',
    });
    expect(script).toContain(`new Counter("${K6_RESPONSE_METRIC}")`);
  });
});
