import { afterReady, at, defineScenario, rollingRestart } from '../harness/scenario/index.ts';

/** Any request that fails — a 5xx (the balancer's 502 included), a reset, a refusal, a timeout. */
const ONLY_ANSWERS: ['2xx', 404] = ['2xx', 404];

export default defineScenario((b) => ({
  name: 'rolling-restart',
  description:
    "A deploy under load: two instances behind a load balancer (health-checked like an ALB target group) are restarted one at a time — SIGTERM, exit, start, ready and back in rotation, then the next. Not one request may fail: no 5xx (a balancer's 502 is a request the instance dropped), no reset, no refusal, and no acknowledged write lost. The balancer never retries, so zero failed requests is what proves that readiness answered 503 before the listener closed: an instance that closes while still in rotation receives requests on a closed port, and cuts the ones in flight.",
  app: { instances: 2 },
  timeline: [at(afterReady('5s'), rollingRestart())],
  // The roll takes two drains (8 s each) and two boots (up to twenty seconds each on a busy
  // machine), then the recovery streak: the run must outlast it, or it ends not proven.
  duration: '75s',
  // While one instance boots the other serves alone, on two cores shared with everything else.
  load: { rate: 10, mix: { kinds: { read: 1, write: 3, missing: 1 } } },
  checks: {
    'no-crash': true,
    'no-unhandled-errors': true,
    'status-allowlist': {
      startup: ONLY_ANSWERS,
      'app-down': ONLY_ANSWERS,
      fault: ONLY_ANSWERS,
      grace: ONLY_ANSWERS,
      steady: ONLY_ANSWERS,
    },
    'recovers-within': { withinMs: b.recoveryMs, targets: ['app'] },
    'no-lost-writes': true,
  },
}));
