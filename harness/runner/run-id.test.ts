import { expect, it } from 'vitest';
import { newRunId } from './run-id.ts';

const NOW = new Date('2026-11-29T18:59:39.123Z');

it('names a run by its UTC second and its seed, then what ran', () => {
  expect(newRunId(2026, undefined, NOW)).toBe('20261129-185939-000007ea');
  expect(newRunId(2026, 'matrix', NOW)).toBe('20261129-185939-000007ea-matrix');
  expect(newRunId(0xffff_ffff, 'startup-db-late', NOW)).toBe('20261129-185939-ffffffff-startup-db-late');
});

it('sorts by time', () => {
  const ids = [new Date('2026-12-01T00:00:00Z'), NOW].map((when) => newRunId(1, undefined, when));
  expect([...ids].sort()).toEqual(ids.reverse());
});
