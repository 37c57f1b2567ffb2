// The app killed (SIGKILL: the container restart of the post-mortem; SIGTERM: a deploy). Inverse: started.
import type { FaultAction } from './types.ts';

export const appKill: FaultAction<'appKill'> = {
  type: 'appKill',
  apply: ({ env }, fault) => env.killApp(fault.signal),
  revert: ({ env }) => env.startApp(),
};
