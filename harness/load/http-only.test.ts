// k6 cannot speak Socket.IO: the k6 engine and `faultline k6 export` refuse a mix with a chat session,
// naming the template, before anything starts — never a run or an export with the sessions left out.
import { describe, expect, it } from 'vitest';
import { k6Command } from '../cli/commands/k6.ts';
import { TimelineRecorder } from '../timeline/recorder.ts';
import { constantProfile, mixOf, TEST_REQUESTS, testContext } from './fixtures.ts';
import { refuseNonHttpTemplates } from './http-only.ts';
import { K6LoadEngine } from './k6-engine.ts';

const refusal = {
  name: 'LoadError',
  code: 'TEMPLATE_UNSUPPORTED',
  exitCode: 2,
  message: expect.stringMatching(/cannot run the Socket\.IO request template "chat\.session"/),
};

describe('a Socket.IO template given to k6', () => {
  it('is refused by the k6 engine before it looks for k6', async () => {
    const recorder = new TimelineRecorder({ runId: 'k6-refusal', seed: 1, clock: { now: () => 0 } });
    const profile = constantProfile(10, 1_000, { mix: mixOf({ 'events.list': 3, 'chat.session': 1 }) });
    // A k6 that does not exist: without the refusal this would fail as K6_NOT_INSTALLED instead.
    const run = new K6LoadEngine({ k6Path: '/nonexistent/k6' }).run(profile, testContext(), recorder);
    await expect(run).rejects.toMatchObject({ ...refusal, message: expect.stringMatching(/^The k6 engine cannot/) });
    expect(recorder.finish().samples).toHaveLength(0);
  });

  it('is refused by k6 export, naming the template, before any database is seeded', async () => {
    await expect(k6Command.run(['export', 'chat-under-db-outage', '--out', '/nonexistent/out'])).rejects.toMatchObject({
      ...refusal,
      message: expect.stringMatching(/^k6 export cannot/),
    });
  });

  it('lets an HTTP-only mix through, and a socket template at weight 0', () => {
    expect(() =>
      refuseNonHttpTemplates(
        mixOf({ 'events.list': 1, 'chat.session': 0 }),
        { requests: TEST_REQUESTS, defaultMix: {} },
        'k6',
      ),
    ).not.toThrow();
  });
});
