// The reference app's defect matrix, part of its target (faultline.config.ts, `defects.cells`): for
// every defect of its registry (target-app/src/lib/defects.ts), the scenarios that must catch it, the
// checks that must fail, the checks that must still pass (so that it failed for the stated reason),
// and the evidence that says why — a count or a figure of the failed check's result. `faultline
// matrix` runs every cell against the app with the defect switched on; a defect no scenario catches
// is a hole in the harness. Only cells that catch the defect every time belong here: a scenario that
// catches it by luck of timing would make the matrix flaky, so the reasons below also say why it is
// certain.
import type { CellCheckName, DefectCell, DefectEvidence } from '../../harness/target/types.ts';
import type { DefectName } from '../src/lib/defects.ts';

/** The evidence that a failed check counted something (`count`), or measured it (`figure`), at least once. */
const counted = (check: CellCheckName, count: string, says: string): DefectEvidence => ({ check, count, says });
const figured = (check: CellCheckName, figure: string, says: string): DefectEvidence => ({ check, figure, says });

export const DEFECT_MATRIX: Readonly<Record<DefectName, readonly DefectCell[]>> = {
  'listen-before-db': [
    {
      scenario: 'startup-db-late',
      mustFail: ['no-5xx-except-503', 'db-failures-are-503'],
      mustPass: ['no-crash', 'ready-within'],
      evidence: counted('no-5xx-except-503', '500', 'a 500 was answered'),
      why: 'The app listens while the database is still down; requests of the first seconds reach routes that answer 500 ("Engine is not yet connected"). It stays up and comes ready: the 500s are the whole bug.',
    },
    {
      scenario: 'startup-thundering-herd',
      mustFail: ['no-5xx-except-503', 'db-failures-are-503'],
      mustPass: ['no-crash', 'ready-within'],
      evidence: counted('no-5xx-except-503', '500', 'a 500 was answered'),
      why: 'Hundreds of requests per second meet the listening-but-unconnected app for three seconds: a flood of 500s instead of refused connections.',
    },
    {
      scenario: 'startup-db-never',
      mustFail: ['no-5xx-except-503'],
      mustPass: ['exits-as-documented'],
      evidence: counted('no-5xx-except-503', '500', 'a 500 was answered'),
      why: 'While it retries a database that never comes, the early-listening app answers 500s; it still gives up as documented (and no-crash fails too: an exit after it has served answers is no startup fail-fast).',
    },
  ],
  'unhandled-p2025': [
    {
      scenario: 'p2025-sweep',
      mustFail: ['missing-records-are-404', 'no-5xx-except-503'],
      mustPass: [],
      evidence: counted('missing-records-are-404', '500', 'a missing record answered 500'),
      why: 'Every probe updates or deletes a missing row; the P2025 nobody handles becomes a 500 instead of a 404, from the first probe on. (The crash of the fire-and-forget write needs a user deleted between the token check and the write, which the app revokes: target-app/src/lib/defects.test.ts drives that race.)',
    },
    {
      scenario: 'concurrent-delete-race',
      mustFail: ['missing-records-are-404', 'no-5xx-except-503', 'status-allowlist'],
      mustPass: ['no-crash', 'no-unhandled-errors'],
      evidence: counted('no-5xx-except-503', '500', 'a 500 was answered'),
      why: 'Every update that loses the race to a delete, and every probe of a missing row, escapes as P2025 → 500 instead of 404. Only live admins call, so nothing crashes: the 500s are the bug.',
    },
    {
      scenario: 'users-deleted-behind-the-app',
      mustFail: ['no-crash', 'no-unhandled-errors'],
      mustPass: ['no-5xx-except-503'],
      evidence: counted('no-unhandled-errors', 'process.unhandledRejection', 'an unhandled rejection was logged'),
      why: "Every USER is soft-deleted straight in the database three seconds in; the app's token cache (30 s in this run) still lets them call, and each one's throttled 'last seen' write (every 10 s) meets a row that is gone. The first such P2025 escapes the fire-and-forget write as an unhandled rejection and the process exits 1: with dozens of deleted users calling about once a second, the write comes within ten seconds, every time.",
    },
  ],
  'db-errors-as-500': [
    {
      scenario: 'pool-exhaustion',
      mustFail: ['db-failures-are-503', 'no-5xx-except-503', 'fault-statuses'],
      mustPass: ['no-crash', 'recovers-within'],
      evidence: counted('no-5xx-except-503', '500', 'a 500 was answered'),
      why: 'Requests queued for a pooled connection time out by the hundred; mapped to 500 instead of 503, so none of the 503s the scenario promises comes. The app still recovers.',
    },
    {
      scenario: 'db-blackhole',
      mustFail: ['db-failures-are-503', 'no-5xx-except-503'],
      mustPass: ['no-crash', 'recovers-within', 'latency'],
      evidence: counted('no-5xx-except-503', '500', 'a 500 was answered'),
      why: 'Every request in flight when the database stops answering fails with a query timeout three seconds later: 500 instead of 503, still within the timeout budget.',
    },
  ],
  'exit-on-db-error': [
    {
      scenario: 'db-blackhole',
      mustFail: ['no-crash'],
      mustPass: ['no-5xx-except-503'],
      evidence: counted('no-crash', 'unexpected exit code 1', 'the process exited with code 1'),
      why: 'The requests in flight when the database goes silent fail with a query timeout, and the first such error exits the process. It dies without answering a 500.',
    },
    {
      scenario: 'db-latency-spike',
      mustFail: ['no-crash'],
      mustPass: ['no-5xx-except-503'],
      evidence: counted('no-crash', 'unexpected exit code 1', 'the process exited with code 1'),
      why: 'Latency beyond the query timeout turns the queries in flight into timeouts, and the first one exits the process.',
    },
  ],
  'no-reconnect': [
    {
      scenario: 'db-outage-under-load',
      mustFail: ['recovers-within', 'status-allowlist'],
      mustPass: ['no-crash', 'db-failures-are-503', 'no-5xx-except-503'],
      evidence: counted('recovers-within', 'not-recovered', 'the app never served again after the fault'),
      why: 'Once the outage is noticed the app never reconnects: it answers 503 correctly during the outage, and keeps answering 503 long after the database is back.',
    },
    {
      scenario: 'postgres-restart',
      mustFail: ['recovers-within'],
      mustPass: ['no-crash', 'no-5xx-except-503'],
      evidence: counted('recovers-within', 'not-recovered', 'the app never served again after the fault'),
      why: 'PostgreSQL comes back after three seconds; the app, having lost it, never serves again.',
    },
  ],
  'ack-before-commit': [
    {
      scenario: 'db-blackhole',
      mustFail: ['no-lost-writes'],
      mustPass: ['no-crash', 'no-5xx-except-503'],
      evidence: counted('no-lost-writes', 'missing', 'an acknowledged write is missing from the database'),
      why: 'Tickets are acknowledged before they are written; for the three seconds until the first query times out, every flush of the queue hangs and then fails, and its acknowledged writes are dropped.',
    },
    {
      scenario: 'app-kill-restart',
      mustFail: ['no-lost-writes'],
      mustPass: ['no-5xx-except-503', 'recovers-within'],
      evidence: counted('no-lost-writes', 'missing', 'an acknowledged write is missing from the database'),
      why: 'SIGKILL takes the in-memory queue of acknowledged, unwritten tickets with it. The queue (flushed every 500 ms) is empty only until the next write, about 36 ms at 28 writes/s; three kills all landing in such a gap is a 1-in-3,000 chance.',
    },
  ],
  'health-always-ok': [
    {
      scenario: 'health-truthful',
      mustFail: ['health-truthful'],
      mustPass: ['no-crash', 'recovers-within'],
      evidence: counted('health-truthful', 'down: untruthful', 'health said up while the database was down'),
      why: 'The health endpoints say ok through both outages, while every API request answers 503.',
    },
    {
      scenario: 'redis-outage-under-load',
      mustFail: ['health-truthful'],
      mustPass: ['no-crash', 'status-allowlist'],
      evidence: counted('health-truthful', 'redis degraded: untruthful', 'health said ok while Redis was down'),
      why: 'Health says ok while Redis is gone (it should say degraded); the API itself is fine.',
    },
  ],
  'redis-critical': [
    {
      scenario: 'startup-redis-down',
      mustFail: ['no-crash', 'ready-within'],
      mustPass: ['no-5xx-except-503'],
      evidence: counted('no-crash', 'unexpected exit code 1', 'the process exited with code 1'),
      why: 'Redis unreachable at boot stops the startup: the app exits instead of starting degraded.',
    },
    {
      scenario: 'redis-outage-under-load',
      mustFail: ['no-5xx-except-503', 'status-allowlist'],
      mustPass: ['no-crash'],
      evidence: counted('no-5xx-except-503', '500', 'a 500 was answered'),
      why: 'With Redis down at runtime, cached reads (the event listing) fail with 500 instead of going to the database.',
    },
  ],
  'no-query-timeout': [
    {
      scenario: 'db-blackhole',
      mustFail: ['answered-within', 'latency'],
      mustPass: ['no-crash', 'no-5xx-except-503'],
      evidence: counted('answered-within', 'hung', 'a request hung past its bound'),
      why: 'Without a query timeout the queries on the pooled connections when the database goes silent hang for the whole hole, which outlasts the answer budget by design; they are released only when it lifts. The requests queued behind them still get their 503 from the connection timeout.',
    },
  ],
  'silent-startup-exit': [
    {
      scenario: 'startup-db-never',
      mustFail: ['exits-as-documented'],
      mustPass: ['no-5xx-except-503', 'status-allowlist'],
      evidence: counted('exits-as-documented', 'exit code 0', 'the process exited with code 0'),
      why: 'The database never comes, so the retry budget is always spent; the app then exits 0 without its fatal line, which an orchestrator reads as a clean stop.',
    },
  ],
  'no-connect-retry': [
    {
      scenario: 'startup-db-late',
      mustFail: ['no-crash', 'ready-within'],
      mustPass: ['no-5xx-except-503'],
      evidence: counted('no-crash', 'unexpected exit code 1', 'the process exited with code 1'),
      why: 'The one connection attempt meets the database that is not there yet; the app exits instead of retrying and never comes ready.',
    },
    {
      scenario: 'startup-db-slow',
      mustFail: ['no-crash', 'ready-within'],
      mustPass: ['no-5xx-except-503'],
      evidence: counted('no-crash', 'unexpected exit code 1', 'the process exited with code 1'),
      why: 'The one connection attempt times out on the slow database; the app exits instead of retrying with backoff.',
    },
  ],
  'missing-parent-500': [
    {
      scenario: 'p2025-sweep',
      mustFail: ['missing-records-are-404', 'no-5xx-except-503'],
      mustPass: ['no-crash', 'no-unhandled-errors'],
      evidence: counted('missing-records-are-404', '500', 'a missing record answered 500'),
      why: "Three create probes (an event under a deleted organizer, a ticket and a message for a deleted event) make up a ninth of the mix: dozens of creates under a missing parent (63 of 400 requests in a run here), each answering 500 instead of 404. Nothing crashes: the 500s are the bug. (Creates by a deleted caller are refused at authentication; the app's own tests drive that race.)",
    },
  ],
  'redis-unbounded': [
    {
      scenario: 'redis-blackhole-under-load',
      mustFail: ['status-allowlist', 'latency'],
      // Not health-truthful: the health endpoints read Redis too, and a health answer that hangs past the
      // poller's timeout is judged untruthful now and then (15 of 633 in one run) — a side effect of the
      // same bug, not another one.
      mustPass: ['no-crash', 'no-5xx-except-503'],
      evidence: figured('status-allowlist', 'offending timeout', 'a request timed out'),
      why: 'Redis stays silent for 13 s, longer than the load waits for an answer (the Redis request budget plus 2 s); half the load is cached listing reads, about fifteen a second, and each one waits on a Redis command that never times out: every one of them hangs until the load gives up. Nothing crashes and nothing answers 5xx: the hangs are the bug.',
    },
  ],
  'ready-before-connect': [
    {
      scenario: 'restart-into-db-outage',
      mustFail: ['health-truthful'],
      mustPass: ['no-crash', 'no-5xx-except-503', 'recovers-within'],
      evidence: counted('health-truthful', 'down: untruthful', 'health said up while the database was down'),
      why: 'Restarted three seconds into a seventeen-second outage, the new process listens at once and its health endpoints say ok for the whole rest of the outage (about twelve seconds, polled every 100 ms), while it has never connected. Its API still answers 503 through the readiness gate, and it connects once the database is back: the health lie is the whole bug.',
    },
  ],
  'auth-fails-open': [
    {
      scenario: 'chat-under-db-outage',
      mustFail: ['sockets-fail-closed'],
      mustPass: ['no-crash', 'no-5xx-except-503', 'answered-within'],
      evidence: counted(
        'sockets-fail-closed',
        'admitted unchecked',
        'a socket was admitted with no token check while the database was down',
      ),
      why: 'A socket handshake passes no readiness gate, so only the token check can stop it. With the revocation cache at 1 s, every handshake from 2 s into the eight-second outage needs a lookup that fails (about eight sessions a second, some forty in all): the healthy app refuses each as SERVICE_UNAVAILABLE, the defect admits each on its signature alone. Its events then get DATABASE_NOT_READY acknowledgements and the HTTP API 503s: the admissions are the whole bug.',
    },
  ],
  'timeouts-flip-state': [
    {
      scenario: 'db-lock-contention',
      mustFail: ['status-allowlist'],
      // Not answered-within: on a busy machine the flips now and then leave a request waiting past
      // the budget (10 of 959 in one run) — a side effect of the same bug, not another one.
      mustPass: ['no-crash', 'no-5xx-except-503', 'db-failures-are-503', 'fault-statuses'],
      evidence: figured(
        'status-allowlist',
        'faultOffending',
        'a request during the fault got an answer the fault does not allow',
      ),
      why: 'For thirty seconds a locked table makes five reads a second time out; each timeout flips the instance to reconnecting until its ping answers, and the requests on the other tables that arrive meanwhile (thirty a second) answer 503. About a hundred and fifty flips of a few milliseconds each catch dozens of them (25, 30 and 51 in three runs here, fewer the idler the machine): the healthy app answers every one of those 2xx, so a single 503 among them is the bug.',
    },
  ],
  'no-background-ping': [
    {
      scenario: 'idle-db-outage',
      mustFail: ['health-truthful'],
      mustPass: ['no-crash'],
      evidence: counted('health-truthful', 'down: untruthful', 'health said up while the database was down'),
      why: 'No request comes and only /health is polled, which reports the state the app holds without a round-trip: without the background ping nothing ever fails, so /health says ok for the whole twenty-second outage, past the lag its ping interval allows. The app is up throughout: the stale state is the whole bug.',
    },
  ],
  'rate-limit-fails-open': [
    {
      scenario: 'login-guessing-redis-down',
      mustFail: ['rate-limited'],
      mustPass: ['no-crash', 'status-allowlist', 'no-5xx-except-503'],
      evidence: figured(
        'rate-limited',
        'offending',
        'a request over the limit was not refused with 429 and Retry-After',
      ),
      why: "Redis is down for the whole run, and an eighth of the load (two and a half a second) guesses one account's password: with the limiter failing open every guess reaches the login and answers 401, some thirty of them sent after the five the window allows had been answered (31 of 31 in two runs here). The rest of the API is untouched: the missing 429s are the whole bug.",
    },
  ],
  'no-drain': [
    {
      scenario: 'rolling-restart',
      mustFail: ['status-allowlist'],
      mustPass: ['no-crash', 'no-lost-writes'],
      evidence: figured('status-allowlist', 'offending 502', 'a request was answered 502'),
      why: 'Each instance closes its listener the moment it gets SIGTERM while the balancer still holds it healthy: until two failed checks (a second apart) take it out, every other request of ten a second is sent to a closed port and answered 502 by the balancer, which never retries — twice per run, once per instance. The exit itself is the SIGTERM the harness sent, exit 0: no crash.',
    },
  ],
  'presence-without-expiry': [
    {
      scenario: 'presence-after-instance-crash',
      mustFail: ['presence-expires'],
      mustPass: ['no-crash', 'no-unhandled-errors'],
      evidence: counted('presence-expires', 'overCounted', 'a read counted the killed instance’s sockets'),
      why: "Some sixteen sockets have joined the event through the balancer's round-robin when instance 1 is SIGKILLed, so some are on it (each has an even chance; were none, the check would say not proven, never passed). Without expiry their members have no end and no one is left to remove them: every presence read from the TTL's end (and its slack) to the end of the run — about twenty — counts them. The survivor serves throughout: the stale count is the whole bug.",
    },
  ],
};
