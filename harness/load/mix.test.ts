import { describe, expect, it } from 'vitest';
import type { RequestDefinition } from '../target/types.ts';
import { mixEntries, mixMisfit, mixSchema, resolveMix } from './mix.ts';

const request = (kind: RequestDefinition<unknown>['kind'], tags?: string[]): RequestDefinition<unknown> => ({
  kind,
  ...(tags === undefined ? {} : { tags }),
  build: () => ({ method: 'GET', path: '/' }),
});
const catalog = {
  requests: {
    'books.list': request('read'),
    'books.get': request('read', ['hot']),
    'loans.create': request('write'),
    'books.get-missing': request('missing'),
  },
  defaultMix: { 'books.list': 2, 'books.get': 3, 'loans.create': 1 },
};

describe('a load mix', () => {
  it('parses named weights as entries and `kinds`/`tags` as a selector', () => {
    expect(mixSchema.parse({ 'books.get': 2 })).toEqual([{ template: 'books.get', weight: 2 }]);
    expect(mixSchema.parse({ kinds: { write: 3 } })).toEqual({ kinds: { write: 3 } });
    expect(mixSchema.safeParse({ kinds: { writes: 3 } }).success).toBe(false);
    expect(mixSchema.safeParse({ kinds: { read: 0 } }).success).toBe(false);
  });

  it('weighs each selected request by its default weight (1 when left out) times its kind', () => {
    expect(resolveMix({ kinds: { read: 1, write: 3, missing: 1 } }, catalog)).toEqual([
      { template: 'books.list', weight: 2 },
      { template: 'books.get', weight: 3 },
      { template: 'loans.create', weight: 3 },
      { template: 'books.get-missing', weight: 1 },
    ]);
    expect(resolveMix({ tags: { hot: 2 } }, catalog)).toEqual([{ template: 'books.get', weight: 6 }]);
    expect(resolveMix([], catalog)).toHaveLength(3);
  });

  it('says what the target lacks: unknown names, or a selection of nothing', () => {
    expect(mixMisfit([{ template: 'events.list', weight: 1 }], catalog)).toEqual({ unknown: ['events.list'] });
    expect(mixMisfit({ kinds: { socket: 1 } }, catalog)).toEqual({ nothing: 'the target has no socket requests' });
    expect(mixMisfit({ kinds: { read: 1, socket: 1 } }, catalog)).toBeNull();
    expect(() => mixEntries({ kinds: { socket: 1 } }, catalog)).toThrow(/no socket requests/);
  });
});
