// The Redis proxy switched off. Inverse: on again.
import { proxyToggle } from './proxy-faults.ts';

export const redisDown = proxyToggle('redisDown', 'redis', false);
