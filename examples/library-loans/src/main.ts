// The service's process: settings, then the database (retried with backoff; exit 1 when the attempts
// are spent), then HTTP. While the database is down the API answers 503 with Retry-After; /healthz
// says the process is alive, /readyz whether it can serve (200 or 503). SIGTERM drains and exits 0.
import http from 'node:http';
import express from 'express';
import { Database } from './database.ts';
import { errorHandler, unavailable } from './errors.ts';
import { log } from './log.ts';
import { routes } from './routes.ts';
import { readSettings, type Settings } from './settings.ts';

let settings: Settings;
try {
  settings = readSettings(process.env);
} catch (error) {
  log('fatal', 'startup.failed', (error as Error).message);
  process.exit(1);
}
const { bugs } = settings;
const database = new Database(settings);

const app = express();
app.get('/healthz', (_req, res) => void res.type('text').send('alive'));
app.get('/readyz', (_req, res) => {
  const ready = database.state === 'up' || bugs.has('listen-early');
  res.status(ready ? 200 : 503).json({ database: bugs.has('listen-early') ? 'up' : database.state });
});
app.use(express.json({ limit: '16kb' }));
app.use((_req, res, next) => {
  if (database.state === 'up' || bugs.has('listen-early')) next();
  else unavailable(res, bugs);
});
app.use(routes(database, settings));
app.use(errorHandler(database, bugs));

const server = http.createServer(app);
const listen = (): Promise<void> =>
  new Promise((resolve) =>
    server.listen(settings.port, () => {
      log('info', 'http.listening', 'listening', { port: settings.port });
      resolve();
    }),
  );

process.on('SIGTERM', () => {
  log('info', 'shutdown.start', 'SIGTERM: draining');
  server.close(() => {
    void database.close().finally(() => {
      log('info', 'shutdown.done', 'stopped');
      process.exit(0);
    });
  });
  server.closeIdleConnections();
});
process.on('unhandledRejection', (reason) => {
  log('fatal', 'process.crash', 'unhandled rejection', { error: String(reason) });
  process.exit(1);
});

if (bugs.size > 0) log('warn', 'bugs.enabled', 'BUGS ENABLED', { bugs: [...bugs].join(',') });
if (bugs.has('listen-early')) await listen();
try {
  await database.connect();
} catch (error) {
  log('fatal', 'startup.failed', 'the database could not be reached; giving up', { error: String(error) });
  process.exit(1);
}
if (!bugs.has('listen-early')) await listen();
