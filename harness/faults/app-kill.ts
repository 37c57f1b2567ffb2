// The app killed (SIGKILL: the container restart of the post-mortem; SIGTERM: a deploy).
// Inverse: started again.
import { z } from 'zod';
import { defineFault } from './fault.ts';
import type { OptionsInput } from './types.ts';

const options = { signal: z.enum(['SIGKILL', 'SIGTERM']).default('SIGKILL') };

export const appKill = defineFault({
  type: 'appKill',
  summary: 'the app killed (SIGKILL by default, or SIGTERM)',
  options,
  build: (kill: OptionsInput<typeof options> = {}) => kill,
  target: 'app',
  effect: 'unavailable',
  controls: ['app'],
  apply: ({ app }, fault) => app.kill(fault.signal),
  revert: ({ app }) => app.start(),
});
