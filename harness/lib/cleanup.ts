// Last-resort clean-up when our process is going away: kill child servers we started, so that
// no PostgreSQL, app or proxy outlives us — also on Ctrl-C and on an uncaught error.
// Orderly shutdown stays the job of each resource's own `stop()`; this only catches what was missed.
type Cleanup = () => void;

const cleanups = new Set<Cleanup>();
let installed = false;

function runAll(): void {
  for (const cleanup of [...cleanups].reverse()) {
    try {
      cleanup();
    } catch {
      // best effort: the process is exiting
    }
  }
  cleanups.clear();
}

function install(): void {
  if (installed) return;
  installed = true;
  process.once('exit', runAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      // Someone else (a CLI, a runner) may own orderly shutdown for this signal.
      if (process.listenerCount(signal) > 1) return;
      runAll();
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  }
}

/** Register a synchronous kill for a resource; returns the function that unregisters it. */
export function registerCleanup(cleanup: Cleanup): () => void {
  install();
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}
