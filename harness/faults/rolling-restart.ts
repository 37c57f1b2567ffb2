// A rolling restart (a deploy): each app instance in turn gets SIGTERM, exits, starts again and is
// ready (back in the balancer's rotation) before the next. Its window is the whole roll. Instances
// leave one at a time and the others serve, but the window is app-down for the checks' phases: a
// scenario that says "nothing fails" allows no error in it.
import { defineFault } from './fault.ts';
import { FaultError } from './types.ts';

/** Each app instance in turn: SIGTERM, exit, start, ready again; then the next. */
export const rollingRestart = defineFault({
  type: 'rollingRestart',
  summary: 'each app instance in turn: SIGTERM, exit, start, ready again; then the next',
  options: {},
  build: () => ({}),
  target: 'app',
  effect: 'unavailable',
  controls: ['app'],
  apply: async ({ app }) => {
    if (app.rollingRestart === undefined)
      throw new FaultError('this environment cannot restart app instances one at a time');
    await app.rollingRestart();
  },
});
