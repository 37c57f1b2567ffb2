// Ctrl-C (or SIGTERM) during a long command: the first one aborts the work so the environment is
// stopped in order; a second one exits at once (the last-resort clean-up still kills what we started).
import { ExitCode } from './exit-codes.ts';

export interface Interruptible {
  signal: AbortSignal;
  dispose(): void;
}

export function onInterrupt(): Interruptible {
  const abort = new AbortController();
  let interrupts = 0;
  const handler = (): void => {
    interrupts += 1;
    if (interrupts > 1) process.exit(ExitCode.Interrupted);
    process.stderr.write('\n  interrupted: stopping the environment (Ctrl-C again to force)\n');
    abort.abort();
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    signal: abort.signal,
    dispose() {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}
