// The Redis proxy switched off. Inverse: on again.
import { defineFault } from './fault.ts';

export const redisDown = defineFault({
  type: 'redisDown',
  summary: 'the Redis proxy switched off',
  options: {},
  build: () => ({}),
  target: 'redis',
  effect: 'unavailable',
  controls: ['redisProxy'],
  apply: ({ redisProxy }) => redisProxy.setEnabled(false),
  revert: ({ redisProxy }) => redisProxy.setEnabled(true),
});
