// A request's `read` (the target's reading of a 2xx answer): the builtin engine records the numbers
// it returns on the sample, leaves out what is not a finite number, and records nothing for an
// error answer, a reader that throws, or one that finds nothing — against a real HTTP server.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestDefinition } from '../target/types.ts';
import { TimelineRecorder } from '../timeline/recorder.ts';
import { BuiltinLoadEngine, readingOf } from './builtin-engine.ts';
import { constantProfile, mixOf, testContext, TEST_REQUESTS } from './fixtures.ts';

let url = '';
let server: http.Server;

beforeAll(async () => {
  server = http.createServer((request, response) => {
    const online = request.url === '/down' ? null : 7;
    response
      .writeHead(request.url === '/error' ? 503 : 200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ online, error: { code: 'X' } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const read: RequestDefinition<unknown>['read'] = ({ body }) => {
  const online = (body as { online?: unknown }).online;
  return typeof online === 'number' ? { online } : undefined;
};

describe("a request's reading", () => {
  it('records the numbers the target reads from each 2xx answer, and none from an error answer', async () => {
    const requests = {
      ...TEST_REQUESTS,
      'presence.ok': { kind: 'read' as const, read, build: () => ({ method: 'GET' as const, path: '/ok' }) },
      'presence.down': { kind: 'read' as const, read, build: () => ({ method: 'GET' as const, path: '/down' }) },
      'presence.error': { kind: 'read' as const, read, build: () => ({ method: 'GET' as const, path: '/error' }) },
    };
    const recorder = new TimelineRecorder({ runId: 'reading-test', seed: 3, clock: { now: () => performance.now() } });
    const mix = mixOf({ 'presence.ok': 1, 'presence.down': 1, 'presence.error': 1 });
    await new BuiltinLoadEngine().run(
      constantProfile(30, 500, { mix }),
      testContext({ appUrl: url, requests }),
      recorder,
    );
    const byTemplate = (template: string) => recorder.finish().samples.filter((s) => s.template === template);
    expect(byTemplate('presence.ok').length).toBeGreaterThan(0);
    for (const sample of byTemplate('presence.ok')) expect(sample.reading).toEqual({ online: 7 });
    for (const sample of byTemplate('presence.down')) expect(sample.reading).toBeUndefined();
    for (const sample of byTemplate('presence.error')) {
      expect(sample).toMatchObject({ status: 503, errorCode: 'X' });
      expect(sample.reading).toBeUndefined();
    }
  });

  it('keeps finite numbers only, and reads nothing from a reader that throws', () => {
    expect(readingOf('{"a":1}', 200, { read: () => ({ a: 1, b: Number.NaN, c: Infinity }) })).toEqual({ a: 1 });
    expect(readingOf('not json', 200, { read: ({ body }) => ({ length: String(body).length }) })).toEqual({
      length: 8,
    });
    expect(
      readingOf('{}', 200, {
        read: () => {
          throw new Error('no');
        },
      }),
    ).toBeUndefined();
  });
});
