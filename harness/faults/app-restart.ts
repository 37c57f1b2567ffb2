// The app stopped gracefully (SIGTERM) and started again: one action, its window the time it took.
import { defineFault } from './fault.ts';

export const appRestart = defineFault({
  type: 'appRestart',
  summary: 'the app stopped gracefully (SIGTERM) and started again',
  options: {},
  build: () => ({}),
  target: 'app',
  effect: 'unavailable',
  controls: ['app'],
  apply: ({ app }) => app.restart(),
});
