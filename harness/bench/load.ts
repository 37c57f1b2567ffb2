// Benchmark of the builtin load engine, in one run against one trivial HTTP server (a child
// process, so neither client shares its event loop with the server):
//   1. throughput: autocannon (closed model, N connections) vs the builtin engine (open model,
//      maxInFlight N) scheduled at the rate autocannon achieved — answered requests/s and their
//      ratio. (Scheduling far above capacity would measure the cost of recording drops instead.)
//   2. schedule accuracy: the builtin engine at a moderate open-model rate — achieved vs scheduled
//      requests, and how late requests left compared with their scheduled time.
// `npm run bench -- load [--duration 5] [--connections 50] [--rate 1000]`
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { execa, type ResultPromise } from 'execa';
import { percentile } from '../checks/threshold.ts';
import { BuiltinLoadEngine } from '../load/builtin-engine.ts';
import { scheduledCount } from '../load/arrival.ts';
import type { LoadContext, LoadProfile } from '../load/types.ts';
import { TimelineRecorder } from '../timeline/recorder.ts';
import type { Timeline } from '../timeline/types.ts';

const SERVER = `
const http = require('node:http');
const body = JSON.stringify({ data: [], total: 0 });
const server = http.createServer((req, res) => { req.resume(); res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body); });
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
`;

// One request, a read the trivial server answers: the engine's own cost, not an app's.
const REQUESTS: LoadContext['requests'] = {
  list: { kind: 'read', build: () => ({ method: 'GET', path: '/items?limit=20' }) },
};

async function startServer(): Promise<{ url: string; process: ResultPromise }> {
  const child = execa(process.execPath, ['-e', SERVER], { reject: false });
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout?.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
    child.once('exit', () => reject(new Error('the benchmark server exited before listening')));
  });
  return { url: `http://127.0.0.1:${port}`, process: child };
}

async function runAutocannon(url: string, connections: number, durationS: number): Promise<number> {
  const result = await autocannon({
    url: `${url}/items?limit=20`,
    connections,
    duration: durationS,
    pipelining: 1,
  });
  return result.requests.total / durationS;
}

async function runBuiltin(url: string, profile: LoadProfile): Promise<Timeline> {
  const origin = performance.now();
  const recorder = new TimelineRecorder({ runId: 'bench', seed: 1, clock: { now: () => performance.now() - origin } });
  const context: LoadContext = {
    appUrl: url,
    requests: REQUESTS,
    defaultMix: { list: 1 },
    fixtures: { pools: {}, state: undefined },
    runId: 'bench',
    rngSeed: 1,
  };
  await new BuiltinLoadEngine().run(profile, context, recorder);
  return recorder.finish();
}

const profileOf = (ratePerSec: number, durationMs: number, maxInFlight: number): LoadProfile => ({
  startAtMs: 0,
  arrival: { type: 'constant', ratePerSec, durationMs },
  durationMs,
  maxInFlight,
  timeoutMs: 10_000,
  mix: [{ template: 'events.list', weight: 1 }],
});

export interface LoadBenchmarkResult {
  autocannonRps: number;
  builtinRps: number;
  /** Arrivals the builtin engine did not send because maxInFlight requests were out. */
  builtinDropped: number;
  ratio: number;
  scheduled: number;
  achievedOnTime: number;
  achievedRatio: number;
  startLagP50Ms: number;
  startLagP99Ms: number;
}

/** Runs both measurements; also usable programmatically (returns the figures). */
export async function run(
  options: { durationS?: number; connections?: number; ratePerSec?: number } = {},
): Promise<LoadBenchmarkResult> {
  const durationS = options.durationS ?? 5;
  const connections = options.connections ?? 50;
  const ratePerSec = options.ratePerSec ?? 1_000;
  const server = await startServer();
  try {
    // Warm both sides up (JIT, sockets) before measuring.
    await runAutocannon(server.url, connections, 1);
    const autocannonRps = await runAutocannon(server.url, connections, durationS);

    const atCapacity = await runBuiltin(
      server.url,
      profileOf(Math.round(autocannonRps), durationS * 1_000, connections),
    );
    const loadStart = atCapacity.markers.find((marker) => marker.name === 'load-start')?.atMs ?? 0;
    const builtinRps =
      atCapacity.samples.filter((sample) => sample.status === 200 && sample.endedAtMs - loadStart <= durationS * 1_000)
        .length / durationS;
    const builtinDropped = atCapacity.samples.filter((sample) => sample.errorClass === 'dropped').length;

    const paced = await runBuiltin(server.url, profileOf(ratePerSec, durationS * 1_000, 1_000));
    const pacedStart = paced.markers.find((marker) => marker.name === 'load-start')?.atMs ?? 0;
    const scheduled = scheduledCount(profileOf(ratePerSec, durationS * 1_000, 1_000).arrival);
    // On time: sent before the schedule's end plus 10% of its length.
    const achievedOnTime = paced.samples.filter(
      (sample) => sample.status === 200 && sample.startedAtMs - pacedStart <= durationS * 1_100,
    ).length;
    const lags = paced.samples
      .filter((sample) => sample.errorClass !== 'dropped')
      .map((sample) => sample.startedAtMs - sample.scheduledAtMs)
      .sort((a, b) => a - b);

    return {
      autocannonRps,
      builtinRps,
      builtinDropped,
      ratio: builtinRps / autocannonRps,
      scheduled,
      achievedOnTime,
      achievedRatio: achievedOnTime / scheduled,
      startLagP50Ms: percentile(lags, 50),
      startLagP99Ms: percentile(lags, 99),
    };
  } finally {
    server.process.kill('SIGTERM');
    await server.process;
  }
}

/** The `npm run bench -- load` entry: prints the figures, returns the exit code. */
export async function runLoadBenchmark(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      duration: { type: 'string', default: '5' },
      connections: { type: 'string', default: '50' },
      rate: { type: 'string', default: '1000' },
    },
  });
  const options = {
    durationS: Number(values.duration),
    connections: Number(values.connections),
    ratePerSec: Number(values.rate),
  };
  console.log(
    `load benchmark: ${options.durationS} s per measurement, ${options.connections} connections / maxInFlight, paced at ${options.ratePerSec} req/s`,
  );
  const result = await run(options);
  const round = (value: number) => Math.round(value);
  console.log(
    `throughput  autocannon ${round(result.autocannonRps)} req/s   builtin ${round(result.builtinRps)} req/s (scheduled at autocannon's rate, ${result.builtinDropped} dropped at the cap)   ratio ${result.ratio.toFixed(2)}`,
  );
  console.log(
    `schedule    scheduled ${result.scheduled}   achieved on time ${result.achievedOnTime} (${(result.achievedRatio * 100).toFixed(1)}%)   start lag p50 ${result.startLagP50Ms.toFixed(2)} ms, p99 ${result.startLagP99Ms.toFixed(2)} ms`,
  );
  return 0;
}
