// The k6 engine's plumbing, with a stand-in `k6` executable that writes k6-shaped JSON output for
// the request list it is given; and the real thing when k6 is installed (it is not on these machines).
import http from 'node:http';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TimelineRecorder } from '../timeline/recorder.ts';
import { constantProfile, mixOf, testContext } from './fixtures.ts';
import { K6LoadEngine, isK6Available } from './k6-engine.ts';

// Answers every request of requests.json with a 200, except every third (a 503 with an error code).
const FAKE_K6 = `#!/usr/bin/env node
const fs = require('node:fs');
const path = require('node:path');
const args = process.argv.slice(2);
if (args[0] === 'version') { console.log('k6 v0.0.0-fake'); process.exit(0); }
const out = args.find((a) => a.startsWith('json=')).slice(5);
const script = args.at(-1);
const requests = JSON.parse(fs.readFileSync(path.join(path.dirname(script), 'requests.json'), 'utf8'));
const lines = [];
const t0 = Date.now();
requests.forEach((spec, i) => {
  const time = new Date(t0 + i * 10 + 5).toISOString();
  const status = i % 3 === 2 ? 503 : 200;
  const tags = { faultline_id: String(i), method: spec.method, name: spec.routeTemplate, status: String(status), template: spec.template, kind: spec.kind, client_key: spec.clientKey || '' };
  lines.push(JSON.stringify({ type: 'Point', metric: 'http_req_duration', data: { time, value: 5, tags } }));
  lines.push(JSON.stringify({ type: 'Point', metric: 'faultline_response', data: { time, value: 1, tags: { faultline_id: String(i), status: String(status), error_code: status === 503 ? 'DATABASE_UNAVAILABLE' : '', k6_error_code: '', retry_after: status === 503 ? '2' : '', duration_ms: '5' } } }));
});
fs.writeFileSync(out, lines.join('\\n') + '\\n');
`;

let dir: string;
let fakeK6: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'faultline-fake-k6-'));
  fakeK6 = path.join(dir, 'k6');
  await writeFile(fakeK6, FAKE_K6);
  await chmod(fakeK6, 0o755);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function recorder(): TimelineRecorder {
  const origin = performance.now();
  return new TimelineRecorder({ runId: 'k6-test', seed: 1, clock: { now: () => performance.now() - origin } });
}

describe('K6LoadEngine', () => {
  it('says k6 is unavailable when the binary is missing, and refuses to run', async () => {
    expect(await isK6Available(path.join(dir, 'no-such-k6'))).toBe(false);
    const engine = new K6LoadEngine({ k6Path: path.join(dir, 'no-such-k6') });
    await expect(engine.run(constantProfile(10, 1_000), testContext(), recorder())).rejects.toMatchObject({
      code: 'K6_NOT_INSTALLED',
    });
  });

  it('runs the k6 executable and records its output as samples', async () => {
    expect(await isK6Available(fakeK6)).toBe(true);
    const rec = recorder();
    const profile = constantProfile(30, 1_000, { mix: mixOf({ 'tickets.create': 1, 'events.list': 1 }) });
    await new K6LoadEngine({ k6Path: fakeK6 }).run(profile, testContext(), rec);
    const timeline = rec.finish();
    expect(timeline.samples).toHaveLength(30);
    expect(
      timeline.samples
        .filter((s) => s.status === 503)
        .every((s) => s.errorCode === 'DATABASE_UNAVAILABLE' && s.retryAfter === '2'),
    ).toBe(true);
    expect(
      timeline.samples.filter((s) => s.kind === 'write').every((s) => /^run-2026-11-28-\d+$/.test(s.clientKey ?? '')),
    ).toBe(true);
    expect(timeline.markers.map((m) => m.name)).toEqual(['load-start', 'load-end']);
    // Scheduled times follow the arrival schedule from the (inferred) start: 1/30 s apart.
    expect(timeline.samples[1]!.scheduledAtMs - timeline.samples[0]!.scheduledAtMs).toBeCloseTo(1_000 / 30, 6);
  });
});

describe('K6LoadEngine with a real k6', async () => {
  const available = await isK6Available();
  if (!available)
    console.warn("skipping the real-k6 test: k6 is not on PATH (not installable from these machines' registries)");
  it.skipIf(!available)(
    'drives a local server at the scheduled rate (skipped: k6 is not installed on this machine)',
    async () => {
      const server = http.createServer((_req, res) =>
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}'),
      );
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const rec = recorder();
        const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
        await new K6LoadEngine().run(constantProfile(50, 2_000), testContext({ appUrl: url }), rec);
        const answered = rec.finish().samples.filter((s) => s.status === 200);
        expect(answered.length).toBeGreaterThanOrEqual(90);
      } finally {
        server.close();
      }
    },
  );
});
