// The database proxy switched on again (ends dbDown windows).
import { proxyToggle } from './proxy-faults.ts';

export const dbUp = proxyToggle('dbUp', 'database', true);
