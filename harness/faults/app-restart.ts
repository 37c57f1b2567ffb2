// The app stopped gracefully (SIGTERM) and started again.
import type { FaultAction } from './types.ts';

export const appRestart: FaultAction<'appRestart'> = {
  type: 'appRestart',
  apply: ({ env }) => env.restartApp(),
};
