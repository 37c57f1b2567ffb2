// The app started (a scenario may start it after its first faults are in place).
import type { FaultAction } from './types.ts';

export const appStart: FaultAction<'appStart'> = {
  type: 'appStart',
  apply: ({ env }) => env.startApp(),
};
