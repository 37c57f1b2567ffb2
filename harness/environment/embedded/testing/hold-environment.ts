// Test fixture: start the embedded environment, print its pids and ports as one JSON line, and
// hold it until interrupted (SIGINT stops it, as a CLI run would).
import { loadTarget } from '../../../target/load-target.ts';
import { startEmbeddedEnvironment } from '../embedded-environment.ts';

// The working folder's target (the repository's own: the reference app).
const env = await startEmbeddedEnvironment({ target: await loadTarget(), seed: 1 });
const pids: number[] = [];
env.onAppStart((start) => start.pid !== undefined && pids.push(start.pid));
// The app was already started inside startEmbeddedEnvironment: restart it so we learn its pid.
await env.restartApp();
const ports = [Number(new URL(env.appUrl).port), Number(new URL(env.toxiproxyUrl).port)];
process.stdout.write(`${JSON.stringify({ pids, ports })}\n`);
process.on('SIGINT', () => {
  void env.stop().then(() => process.exit(130));
});
setInterval(() => undefined, 1_000);
