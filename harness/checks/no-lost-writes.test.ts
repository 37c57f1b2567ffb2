import { describe, expect, it } from 'vitest';
import { DB_503, sample, timeline } from '../timeline/fixtures.ts';
import { noLostWrites } from './no-lost-writes.ts';

const write = (atMs: number, clientKey: string, status: number | null = 201) =>
  sample({
    atMs,
    status,
    kind: 'write',
    method: 'POST',
    template: 'tickets.create',
    routeTemplate: '/api/v1/events/:eventId/tickets',
    clientKey,
  });
const evaluate = (run: ReturnType<typeof timeline>) =>
  noLostWrites.evaluate(run, { options: {}, scenario: { name: 't', graceMs: 0, expectFailFast: false } });

const writes = [
  write(0, 'r-0'),
  write(10, 'r-1', 200),
  write(20, 'r-2'),
  { ...write(30, 'r-3'), ...DB_503 },
  write(40, 'r-4', null),
];

describe('no-lost-writes', () => {
  it('passes when every acknowledged key was found (unacknowledged ones do not matter)', () => {
    const result = evaluate(
      timeline({
        samples: writes,
        writeReadback: { atMs: 1, checkedKeys: ['r-0', 'r-1', 'r-2'], foundKeys: ['r-0', 'r-1', 'r-2'] },
      }),
    );
    expect(result.passed).toBe(true);
    expect(result.figures).toEqual({ writes: 5, acknowledged: 3, missing: 0, notChecked: 0 });
  });

  it('fails when an acknowledged write is missing (ack before commit), naming the key', () => {
    const result = evaluate(
      timeline({
        samples: writes,
        writeReadback: { atMs: 1, checkedKeys: ['r-0', 'r-1', 'r-2'], foundKeys: ['r-0', 'r-2'] },
      }),
    );
    expect(result.passed).toBe(false);
    expect(result.figures.missing).toBe(1);
    expect(result.evidence.firstOffending).toEqual([
      {
        type: 'write',
        clientKey: 'r-1',
        sampleId: writes[1]!.id,
        note: expect.stringContaining('r-1: acknowledged but not in the database'),
      },
    ]);
  });

  it('fails without a readback, with a failed readback, or with nothing acknowledged', () => {
    expect(evaluate(timeline({ samples: writes })).summary).toContain('never read back');
    expect(
      evaluate(
        timeline({
          samples: writes,
          writeReadback: { atMs: 1, checkedKeys: [], foundKeys: [], error: 'ECONNREFUSED' },
        }),
      ).passed,
    ).toBe(false);
    expect(
      evaluate(timeline({ samples: [writes[3]!], writeReadback: { atMs: 1, checkedKeys: [], foundKeys: [] } })).summary,
    ).toContain('nothing was proven');
    expect(
      evaluate(timeline({ samples: writes, writeReadback: { atMs: 1, checkedKeys: ['r-0'], foundKeys: ['r-0'] } }))
        .figures.notChecked,
    ).toBe(2);
  });
});
