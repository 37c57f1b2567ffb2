// One app instance killed, the others left serving behind the balancer (a crashed task of a service):
// not restarted, so whatever the dead instance left behind in shared state must go away by itself.
import { z } from 'zod';
import { defineFault } from './fault.ts';
import { FaultError, type OptionsInput } from './types.ts';

const options = {
  /** Which instance (0-based), as the timeline's process events name it. */
  instance: z
    .number({ error: 'expected the instance to kill, 0-based' })
    .int('expected a whole instance number')
    .min(0, 'expected an instance number ≥ 0'),
  signal: z.enum(['SIGKILL', 'SIGTERM']).default('SIGKILL'),
};

export const instanceKill = defineFault({
  type: 'instanceKill',
  summary: 'one app instance killed (SIGKILL by default) and not restarted; the others keep serving',
  options,
  build: (kill: OptionsInput<typeof options>) => kill,
  example: [{ instance: 1 }],
  target: 'app',
  effect: 'unavailable',
  controls: ['app'],
  apply: async ({ app }, fault) => {
    if (app.killInstance === undefined) throw new FaultError('this environment cannot kill one app instance');
    await app.killInstance(fault.instance, fault.signal);
  },
});
