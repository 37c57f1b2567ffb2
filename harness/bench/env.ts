// `npm run bench -- env [--runs 5] [--env embedded,containers]`: each environment from nothing to a
// ready app (health 200), median and spread over several runs, side by side, and the share of that
// spent before the app starts. The containers environment is measured when a Docker engine answers
// (its images built or reused first, outside the timing), else skipped with the reason.
import { parseArgs } from 'node:util';
import { applyTestcontainersDefaults, connectContainerRuntime } from '../environment/containers/container-runtime.ts';
import { startEnvironment } from '../runner/environment-factory.ts';
import type { EnvironmentKind } from '../environment/types.ts';
import { loadTarget } from '../target/load-target.ts';
import type { Target } from '../target/types.ts';
import { readyPath } from '../target/health.ts';

/** Ready: the target's readiness endpoint answers 200. */
async function untilHealthy(url: string, target: Target, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const path = readyPath(target);
  for (;;) {
    try {
      if ((await fetch(`${url}${path}`)).status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('the app did not become healthy');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

interface Measured {
  kind: EnvironmentKind;
  totals: number[];
  infra: number[];
}

async function measure(kind: 'embedded' | 'containers', runs: number): Promise<Measured> {
  const target = await loadTarget();
  const totals: number[] = [];
  const infra: number[] = [];
  for (let run = 1; run <= runs; run += 1) {
    const started = performance.now();
    const env = await startEnvironment({ kind, target }, { seed: run, appEnv: {} });
    try {
      const infraMs = performance.now() - started;
      await env.startApp();
      await untilHealthy(env.appUrl, target);
      const totalMs = performance.now() - started;
      totals.push(totalMs);
      infra.push(infraMs);
      console.log(
        `${kind} run ${run}: ready in ${totalMs.toFixed(0)} ms (PostgreSQL + migrations + seed + proxy + Redis: ${infraMs.toFixed(0)} ms, app start: ${(totalMs - infraMs).toFixed(0)} ms)`,
      );
    } finally {
      await env.stop();
    }
  }
  return { kind, totals, infra };
}

export async function runEnvBenchmark(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: { runs: { type: 'string', default: '5' }, env: { type: 'string', default: 'embedded,containers' } },
  });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) {
    console.error('--runs expects a whole number ≥ 1');
    return 2;
  }
  const kinds = values.env.split(',').map((kind) => kind.trim());
  const unknown = kinds.filter((kind) => kind !== 'embedded' && kind !== 'containers');
  if (unknown.length > 0 || kinds.length === 0) {
    console.error(`--env expects embedded and/or containers, got "${values.env}"`);
    return 2;
  }
  const results: Measured[] = [];
  for (const kind of kinds as ('embedded' | 'containers')[]) {
    if (kind === 'containers') {
      applyTestcontainersDefaults(process.env);
      const missing = await connectContainerRuntime({ timeoutMs: 10_000 }).then(
        () => undefined,
        (error: Error) => error.message,
      );
      if (missing !== undefined) {
        console.log(`containers: skipped — ${missing}`);
        continue;
      }
      // Build or reuse the images outside the timing, as CI does before the tests: one throwaway start.
      const warm = await startEnvironment(
        { kind, target: await loadTarget() },
        { seed: 0, appEnv: {}, onProgress: (line) => console.log(`  ${line}`) },
      );
      await warm.stop();
    }
    results.push(await measure(kind, runs));
  }
  console.log('');
  for (const { kind, totals, infra } of results) {
    console.log(
      `${kind.padEnd(10)} nothing → ready: median ${median(totals).toFixed(0)} ms (min ${Math.min(...totals).toFixed(0)}, max ${Math.max(...totals).toFixed(0)}) over ${runs} runs; infrastructure median ${median(infra).toFixed(0)} ms, app start to healthy median ${median(totals.map((t, i) => t - infra[i]!)).toFixed(0)} ms`,
    );
  }
  return 0;
}
