// Test fixture: start the embedded environment, print its pids and ports as one JSON line, and
// hold it until interrupted (SIGINT stops it, as a CLI run would).
import { startEmbeddedEnvironment } from '../embedded-environment.ts';

const env = await startEmbeddedEnvironment({ seed: 1 });
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
