// The database proxy switched off: connections refused and open ones cut. Inverse: on again.
import { proxyToggle } from './proxy-faults.ts';

export const dbDown = proxyToggle('dbDown', 'database', false);
