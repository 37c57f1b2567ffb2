// The scenario's clock for the runner: waiting until a moment of it (cut short by an abort), and the
// environment's events shifted onto it (0 = the scenario's start).
import type { EnvironmentEvents, StartedEnvironment } from '../environment/types.ts';

export function sleepUntil(clock: () => number, atMs: number, signal?: AbortSignal): Promise<void> {
  const waitMs = atMs - clock();
  if (waitMs <= 0 || signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, waitMs);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** The environment's events on the scenario's clock (0 = the scenario's start). */
export function shifted(env: StartedEnvironment, originMs: number): EnvironmentEvents {
  return {
    onAppLog: (listener) => env.onAppLog((line) => listener({ ...line, atMs: line.atMs - originMs })),
    onAppExit: (listener) => env.onAppExit((exit) => listener({ ...exit, atMs: exit.atMs - originMs })),
    onAppStart: (listener) => env.onAppStart((start) => listener({ ...start, atMs: start.atMs - originMs })),
  };
}
