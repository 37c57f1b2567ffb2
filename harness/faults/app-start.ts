// The app started: a scenario may start it after its first faults are in place; a restore that
// ends the open appKill windows.
import { appKill } from './app-kill.ts';
import { defineFault } from './fault.ts';

export const appStart = defineFault({
  type: 'appStart',
  summary: 'the app started (ends appKill)',
  options: {},
  build: () => ({}),
  target: 'app',
  effect: 'restore',
  restores: [appKill.type],
  controls: ['app'],
  apply: ({ app }) => app.start(),
});
