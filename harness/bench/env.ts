// `npm run bench -- env [--runs 5]`: the embedded environment from nothing to a ready app (health
// 200), median and spread over several runs, and the share of that spent before the app starts.
import { parseArgs } from 'node:util';
import { startEmbeddedEnvironment } from '../environment/embedded/embedded-environment.ts';

async function untilHealthy(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(`${url}/api/v1/health`)).status === 200) return;
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

export async function runEnvBenchmark(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, strict: true, options: { runs: { type: 'string', default: '5' } } });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) {
    console.error('--runs expects a whole number ≥ 1');
    return 2;
  }
  const totals: number[] = [];
  const infra: number[] = [];
  for (let run = 1; run <= runs; run += 1) {
    const started = performance.now();
    const env = await startEmbeddedEnvironment({ seed: run, startApp: false });
    const infraMs = performance.now() - started;
    await env.startApp();
    await untilHealthy(env.appUrl);
    const totalMs = performance.now() - started;
    await env.stop();
    totals.push(totalMs);
    infra.push(infraMs);
    console.log(
      `run ${run}: ready in ${totalMs.toFixed(0)} ms (PostgreSQL + migrations + seed + proxy + Redis: ${infraMs.toFixed(0)} ms, app start: ${(totalMs - infraMs).toFixed(0)} ms)`,
    );
  }
  console.log(
    `\nembedded environment, nothing → ready: median ${median(totals).toFixed(0)} ms (min ${Math.min(...totals).toFixed(0)}, max ${Math.max(...totals).toFixed(0)}) over ${runs} runs`,
  );
  console.log(
    `  of which infrastructure: median ${median(infra).toFixed(0)} ms; app process start to healthy: median ${median(totals.map((t, i) => t - infra[i]!)).toFixed(0)} ms`,
  );
  return 0;
}
