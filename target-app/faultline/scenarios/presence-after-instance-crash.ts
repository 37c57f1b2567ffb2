import { afterReady, at, defineScenario, instanceKill } from '../../../harness/scenario/index.ts';
import { PRESENCE_HOLD, PRESENCE_READ } from '../presence-requests.ts';
import { PRESENCE_EXPIRY_MS, PRESENCE_TTL_MS } from './bounds.ts';

// Instance 1 is killed and stays down: a restarted process is a new instance with a new id that never
// refreshes the old one's sockets, so a restart would prove nothing more — and a count that is only
// right once the crashed instance is back would hide exactly this bug.
export default defineScenario({
  name: 'presence-after-instance-crash',
  description:
    "Two instances behind a load balancer share chat presence through Redis; users join an event's chat and keep the page open, on both instances, while others read the event's presence count. One instance is SIGKILLed (a crashed task: no leave is ever sent for its sockets) and not restarted. Within the presence TTL the count must drop to the sockets still connected — a crashed instance's users must not stay online for ever.",
  needs: { redis: true },
  app: { instances: 2, env: { PRESENCE_TTL_MS } },
  timeline: [at(afterReady('8s'), instanceKill({ instance: 1 }))],
  // The kill, the TTL and its slack, then reads for as long again: every read then must be exact.
  duration: '32s',
  // Two sockets joining a second and two reads: some sixteen sockets before the kill, each on either
  // instance (the balancer's round-robin), so both hold some but once in tens of thousands of runs.
  load: { rate: 4, duration: '30s', maxInFlight: 200, mix: { [PRESENCE_HOLD]: 1, [PRESENCE_READ]: 1 } },
  checks: {
    'no-crash': true,
    'no-unhandled-errors': true,
  },
  targetChecks: {
    'presence-expires': { expiresWithinMs: PRESENCE_EXPIRY_MS },
  },
});
