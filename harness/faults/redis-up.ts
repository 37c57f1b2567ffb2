// The Redis proxy switched on again: a restore that ends the open redisDown windows.
import { defineFault } from './fault.ts';
import { redisDown } from './redis-down.ts';

export const redisUp = defineFault({
  type: 'redisUp',
  summary: 'the Redis proxy switched on again (ends redisDown)',
  options: {},
  build: () => ({}),
  target: 'redis',
  effect: 'restore',
  restores: [redisDown.type],
  controls: ['redisProxy'],
  apply: ({ redisProxy }) => redisProxy.setEnabled(true),
});
