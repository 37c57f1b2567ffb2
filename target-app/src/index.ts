// The process entry: the sequential startup of the post-mortem, and a graceful shutdown.
//   1. read and validate config: the environment, plus CONFIG_FILE when set (exit 1 naming each bad key)
//   2. connect to the database — must succeed within the retry budget, else one fatal line, exit 1
//   3. initialise the other services through the integration manager (graceful failures)
//   4. set up Socket.IO
//   5. listen
// SIGTERM/SIGINT: readiness answers 503 for SHUTDOWN_DRAIN_MS while everything else is still served
// (a load balancer takes the instance out), then stop accepting, finish in-flight requests, close
// Socket.IO, Redis and Prisma, exit 0 (defect `no-drain`: close at once).
import { ConfigError, readConfig, type LoadedConfig } from './config.ts';
import { createLogger } from './lib/logger.ts';
import { startServer, type RunningServer } from './server.ts';

let loaded: LoadedConfig;
try {
  loaded = await readConfig(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  const logger = createLogger('info');
  logger.fatal({ event: 'startup.failed', reason: 'config', problems: error.problems }, error.message);
  process.exit(1);
}

const { config } = loaded;
const logger = createLogger(config.LOG_LEVEL);
logger.info({ event: 'config.loaded', sources: loaded.sources }, 'configuration loaded');

// Last line of defence: log what escaped, then exit so the orchestrator restarts us cleanly.
process.on('unhandledRejection', (reason) => {
  logger.fatal({ event: 'process.unhandledRejection', err: reason }, 'unhandled promise rejection; exiting');
  process.exit(1);
});
process.on('uncaughtException', (error) => {
  logger.fatal({ event: 'process.uncaughtException', err: error }, 'uncaught exception; exiting');
  process.exit(1);
});

// Signal handlers go in before the startup, which may retry for a minute or more: an orchestrator
// stopping a container that is still waiting for its database gets a prompt, logged exit (0: it was
// asked to stop, nothing failed), not a silent kill.
const running: { server?: RunningServer } = {};
let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    const server = running.server;
    if (server === undefined) {
      logger.info({ event: 'shutdown.start', signal, phase: 'startup' }, `received ${signal} during startup; exiting`);
      logger.info({ event: 'shutdown.done', phase: 'startup' }, 'stopped before the startup finished');
      process.exit(0);
    }
    logger.info({ event: 'shutdown.start', signal, phase: 'serving' }, `received ${signal}; shutting down`);
    server.stop().then(
      () => {
        logger.info({ event: 'shutdown.done' }, 'shutdown complete');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ event: 'shutdown.failed', err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}

running.server = await startServer(config, logger).catch((error: unknown) => {
  // Defect `silent-startup-exit`: an orchestrator reads exit 0 as "done", not "failed".
  if (config.TARGET_APP_DEFECTS.includes('silent-startup-exit')) process.exit(0);
  logger.fatal(
    { event: 'startup.failed', code: (error as { code?: string }).code, err: error },
    `startup failed: ${(error as Error).message}`,
  );
  process.exit(1);
});
