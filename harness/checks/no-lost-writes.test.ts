import { describe, expect, it } from 'vitest';
import { DB_503, fault, sample, timeline } from '../timeline/fixtures.ts';
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
  noLostWrites.evaluate(run, {
    options: noLostWrites.optionsSchema.parse({}),
    scenario: { name: 't', graceMs: 0, expectFailFast: false },
  });

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
    expect(result.figures).toEqual({ writes: 5, acknowledged: 3, missing: 0, notChecked: 0, edgesWithoutWrite: 0 });
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

  it('demands a write that reached the app in flight at each edge of a database fault while the app served', () => {
    const hole = fault({ name: 'dbTimeout#1', kind: 'dbTimeout', fromMs: 1_000, toMs: 5_000 });
    const base = [write(0, 'w-0'), write(100, 'w-1')];
    const readback = { atMs: 9_000, checkedKeys: ['w-0', 'w-1', 'w-2'], foundKeys: ['w-0', 'w-1', 'w-2'] };
    // A write held by the black hole from its start until it was released: in flight at both edges.
    const held = { ...write(900, 'w-2'), endedAtMs: 5_100 };
    expect(evaluate(timeline({ faults: [hole], samples: [...base, held], writeReadback: readback })).passed).toBe(true);

    // Only a refused write near the end: it never reached the app, so it proves nothing there.
    const result = evaluate(
      timeline({
        faults: [hole],
        samples: [...base, write(1_050, 'w-2', 503), write(4_950, 'w-3', null)],
        writeReadback: readback,
      }),
    );
    expect(result.passed).toBe(false);
    expect(result.figures.edgesWithoutWrite).toBe(1);
    expect(result.summary).toMatch(/no write was in flight at 1 fault edge/);
    expect(result.evidence.firstOffending.at(-1)?.note).toMatch(/the moment dbTimeout#1 ended \(5s\)/);
  });

  it('demands nothing at the edges of a fault the app met while starting', () => {
    const atBoot = fault({ fromMs: 0, toMs: 3_000 });
    const samples = [write(0, 'w-0', null), write(4_000, 'w-1')];
    const readback = { atMs: 9_000, checkedKeys: ['w-1'], foundKeys: ['w-1'] };
    expect(evaluate(timeline({ faults: [atBoot], samples, writeReadback: readback })).passed).toBe(true);
  });
});
