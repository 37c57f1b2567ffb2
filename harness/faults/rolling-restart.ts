// A rolling restart (a deploy): each app instance in turn gets SIGTERM, exits, starts again and is
// ready (back in the balancer's rotation) before the next. Its window is the whole roll.
import type { FaultAction } from './types.ts';
import { FaultError } from './types.ts';

export const rollingRestart: FaultAction<'rollingRestart'> = {
  type: 'rollingRestart',
  apply: async ({ env }) => {
    if (env.rollingRestart === undefined)
      throw new FaultError(`the ${env.kind} environment cannot restart app instances one at a time`);
    await env.rollingRestart();
  },
};
