// Preflight's second half: once the app is healthy, is the target's own definition usable against
// it? Every request the run will load is built from the real prepared fixtures (through the load's
// own request factory), and every health endpoint is asked once. A request that cannot be built, a
// write with no key, a health path the app does not have: each is a mistake in the config, found
// here before any fault, with what to fix — never a harness failure minutes into a run.
import { LoadError } from '../load/errors.ts';
import { resolveMix } from '../load/mix.ts';
import { RequestFactory } from '../load/request-factory.ts';
import type { ScenarioProblem } from '../scenario/errors.ts';
import type { Scenario } from '../scenario/types.ts';
import type { TargetFixtures } from '../target/fixtures.ts';
import { healthEndpoints, type HealthEndpointSpec } from '../target/health.ts';
import type { HealthReading, Target } from '../target/types.ts';

/** Builds per request: its picks are random, so one build may miss a pool that another needs. */
const BUILDS_PER_REQUEST = 5;
const HEALTH_TIMEOUT_MS = 5_000;
/** How long an endpoint that reads as down on the healthy app is asked again before it counts. */
const SETTLE_MS = 5_000;
const SETTLE_POLL_MS = 250;
const BODY_CHARS = 120;

/** The requests a run's scenarios load: their mixes, and the default mix for a load without one. */
export function requestsOfScenarios(
  target: Pick<Target, 'defaultMix' | 'requests'>,
  scenarios: readonly Pick<Scenario, 'load'>[],
): string[] {
  const names = new Set<string>();
  for (const { load } of scenarios)
    if (load !== null) for (const { template } of resolveMix(load.mix, target)) names.add(template);
  return [...names];
}

/** What is wrong with building `names` from these fixtures; empty when every one builds as its kind says. */
export function requestProblems(
  target: Target,
  fixtures: TargetFixtures,
  names: readonly string[],
  seed: number,
): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  for (const name of names) {
    const definition = target.requests[name];
    // A name the target does not define is the scenario's mistake, refused before anything starts.
    if (definition === undefined) continue;
    const problem = (message: string): void => void problems.push({ path: `requests.${name}`, message });
    let unavailable: string | null;
    try {
      unavailable = definition.unavailable?.({ pools: fixtures.pools, state: fixtures.state }) ?? null;
    } catch (error) {
      problem(`unavailable() threw on the healthy app's data: ${(error as Error).message}`);
      continue;
    }
    if (unavailable !== null) {
      problem(
        `cannot be built from the healthy app's data, though a scenario of this run loads it: ${unavailable} — seed what it needs (database.seed, database.pools, prepare) or leave it out of the mix`,
      );
      continue;
    }
    const context = {
      requests: target.requests,
      defaultMix: target.defaultMix,
      fixtures,
      runId: 'preflight',
      rngSeed: seed,
    };
    const factory = RequestFactory.create({ ...context, appUrl: '' }, [{ template: name, weight: 1 }]);
    const keys = new Set<string>();
    for (let build = 0; build < BUILDS_PER_REQUEST; build++) {
      let spec;
      try {
        spec = factory.next();
      } catch (error) {
        const cause = error instanceof LoadError && error.cause instanceof Error ? error.cause : (error as Error);
        problem(
          `build() threw on the healthy app's data (pools: ${describePools(fixtures)}): ${cause.message} — fix build(), or the pools and prepare it reads`,
        );
        break;
      }
      if (!spec.path.startsWith('/') && spec.method !== 'SOCKET') {
        problem(`build() returned the path "${spec.path}": expected a path starting with "/", e.g. "/books/1"`);
        break;
      }
      if (definition.kind !== 'write' || definition.readBack === false) continue;
      if (typeof spec.clientKey !== 'string' || spec.clientKey === '') {
        problem(
          'is a write, but build() returned no key: return `key` (e.g. `const key = nextKey()`, sent with the write) — no-lost-writes reads acknowledged writes back by it; or say `readBack: false` for a write nothing can find again (an update or delete of an existing row)',
        );
        break;
      }
      if (keys.has(spec.clientKey)) {
        problem(
          `is a write, but build() returned the key "${spec.clientKey}" twice: give each write its own key with nextKey(), or every acknowledged write reads back as one`,
        );
        break;
      }
      keys.add(spec.clientKey);
    }
  }
  return problems;
}

function describePools(fixtures: TargetFixtures): string {
  const pools = Object.entries(fixtures.pools).map(([pool, ids]) => `${pool} (${ids.length})`);
  return pools.length === 0 ? 'none' : pools.join(', ');
}

interface Answer {
  status: number;
  body: unknown;
  text: string;
}

async function ask(url: string): Promise<Answer> {
  const response = await fetch(url, { signal: AbortSignal.timeout(HEALTH_TIMEOUT_MS) });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // A text answer is read as text.
  }
  return { status: response.status, body, text };
}

const readsDown = (reading: HealthReading): boolean => reading.database === 'down' || reading.status === 'down';

/** One endpoint's problem on the healthy app, or undefined. */
async function endpointProblem(
  appUrl: string,
  endpoint: HealthEndpointSpec,
  healthyApp: boolean,
): Promise<string | undefined> {
  const get = `GET ${endpoint.path}`;
  const settleUntil = performance.now() + SETTLE_MS;
  for (;;) {
    let answer: Answer;
    try {
      answer = await ask(`${appUrl}${endpoint.path}`);
    } catch (error) {
      return `${get} got no answer from the healthy app: ${(error as Error).message}`;
    }
    if (answer.status === 404)
      return `${get} answered 404 on the healthy app: it has no such route — fix the path to one of the app's health routes`;
    if (answer.status >= 400 && answer.status < 500)
      return `${get} answered ${answer.status} on the healthy app: health endpoints are asked with a plain GET and no headers — give a path that answers without authentication`;
    let reading: HealthReading;
    try {
      reading = endpoint.read({ status: answer.status, body: answer.body });
    } catch (error) {
      return `its read() threw on the healthy app's answer (${answer.status}): ${(error as Error).message}`;
    }
    if (!healthyApp || !readsDown(reading)) return undefined;
    if (performance.now() >= settleUntil)
      return `${get} reads as down (${JSON.stringify(reading)}) on the healthy app, every dependency up — it answered ${answer.status} ${answer.text.slice(0, BODY_CHARS)}: fix its read() or its path`;
    await new Promise((resolve) => setTimeout(resolve, SETTLE_POLL_MS));
  }
}

/**
 * What is wrong with the target's health endpoints on the healthy app. `healthyApp`: no defect is
 * switched on, so an endpoint that reads as down is the config's mistake, not the app's.
 */
export async function healthProblems(
  target: Pick<Target, 'health'>,
  appUrl: string,
  options: { healthyApp: boolean },
): Promise<ScenarioProblem[]> {
  const problems: ScenarioProblem[] = [];
  for (const endpoint of healthEndpoints(target)) {
    const message = await endpointProblem(appUrl, endpoint, options.healthyApp);
    if (message !== undefined) problems.push({ path: `health.endpoints.${endpoint.name}`, message });
  }
  return problems;
}
