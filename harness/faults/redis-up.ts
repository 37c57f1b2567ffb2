// The Redis proxy switched on again (ends redisDown windows).
import { proxyToggle } from './proxy-faults.ts';

export const redisUp = proxyToggle('redisUp', 'redis', true);
