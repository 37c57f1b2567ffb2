// The moment the app is first ready — its first healthy answer to a health probe — which is what
// faults written afterReady(...) and a scenario on the 'ready' clock count from. On a busy machine
// the boot takes anywhere from one to ten seconds: a runtime fault placed on the process-start clock
// may meet an app that is not serving yet, and then proves nothing.
import { probeSaysUp } from '../timeline/samples.ts';
import type { HealthProbe } from '../timeline/types.ts';

export interface ReadinessWatch {
  /** Feed every health probe here, in the order they complete. */
  observe(probe: HealthProbe): void;
  /** Resolves with the time (scenario clock) of the first healthy answer, or null if closed first. */
  readonly ready: Promise<number | null>;
  readyAtMs(): number | null;
  /** The run is over: a readiness that never came resolves null. */
  close(): void;
}

export function watchReadiness(onReady?: (atMs: number) => void): ReadinessWatch {
  let readyAtMs: number | null = null;
  let settle: (atMs: number | null) => void = () => {};
  const ready = new Promise<number | null>((resolve) => (settle = resolve));
  return {
    observe(probe) {
      if (readyAtMs !== null || !probeSaysUp(probe)) return;
      readyAtMs = probe.endedAtMs ?? probe.atMs;
      onReady?.(readyAtMs);
      settle(readyAtMs);
    },
    ready,
    readyAtMs: () => readyAtMs,
    close: () => settle(null),
  };
}
