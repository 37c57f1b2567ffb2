// Benchmark of the embedded fault proxy: pgbench select-only against PostgreSQL directly, through a
// bare Node socket.pipe proxy, and through the embedded Toxiproxy server with no toxic, in one run;
// then the error of a 100 ms latency toxic as pgbench observes it per transaction.
// Targets (issue 3): embedded ≥ 0.9× bare pipe, ≥ 0.5× direct; latency error p99 ≤ 2 ms.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { Toxiproxy } from 'toxiproxy-node-client';
import { EmbeddedPostgres } from '../environment/postgres/embedded-postgres.ts';
import { startToxiproxyServer } from '../toxiproxy/server.ts';

const run = promisify(execFile);

interface Options {
  pgbench: string;
  durationS: number;
  clients: number;
  threads: number;
  rounds: number;
  latencyMs: number;
  latencyDurationS: number;
}

function findPgbench(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  return versions.map((version) => path.join(root, version, 'bin', 'pgbench')).find((file) => existsSync(file));
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      pgbench: { type: 'string' },
      'duration-s': { type: 'string', default: '5' },
      clients: { type: 'string', default: '8' },
      threads: { type: 'string', default: '2' },
      rounds: { type: 'string', default: '4' },
      'latency-ms': { type: 'string', default: '100' },
      'latency-duration-s': { type: 'string', default: '6' },
    },
  });
  const pgbench = values.pgbench ?? findPgbench();
  if (pgbench === undefined) throw new Error('pgbench not found under /usr/lib/postgresql/*/bin; pass --pgbench PATH');
  return {
    pgbench,
    durationS: Number(values['duration-s']),
    clients: Number(values.clients),
    threads: Number(values.threads),
    rounds: Number(values.rounds),
    latencyMs: Number(values['latency-ms']),
    latencyDurationS: Number(values['latency-duration-s']),
  };
}

/** The baseline: what a minimal Node TCP proxy costs (with TCP_NODELAY, as the embedded one). */
async function startBarePipe(upstreamPort: number): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer({ noDelay: true }, (client) => {
    const upstream = net.connect({ host: '127.0.0.1', port: upstreamPort, noDelay: true });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
      socket.on('close', () => sockets.delete(socket));
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen({ host: '127.0.0.1', port: 0 }, resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function pgbench(options: Options, port: number, args: string[]): Promise<string> {
  const { stdout } = await run(
    options.pgbench,
    ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', ...args, 'postgres'],
    { env: { ...process.env, PGPASSWORD: 'postgres' }, maxBuffer: 16 * 1024 * 1024 },
  );
  return stdout;
}

async function selectOnlyTps(options: Options, port: number): Promise<number> {
  const output = await pgbench(options, port, [
    '-S',
    '-n',
    '-c',
    String(options.clients),
    '-j',
    String(options.threads),
    '-T',
    String(options.durationS),
  ]);
  const match = /tps = ([\d.]+) \(without initial connection time\)/.exec(output);
  if (match === null) throw new Error(`could not read tps from pgbench:\n${output}`);
  return Number(match[1]);
}

/**
 * Per-transaction latencies (ms) from pgbench's transaction log, 4 clients. With `ratePerS` the
 * load is paced like the latency run's, and the schedule lag pgbench adds is taken out again.
 */
async function transactionLatenciesMs(options: Options, port: number, ratePerS?: number): Promise<number[]> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'faultline-bench-'));
  try {
    const pacing = ratePerS === undefined ? [] : ['-R', String(ratePerS)];
    await pgbench(options, port, [
      '-S',
      '-n',
      '-c',
      '4',
      '-j',
      '2',
      '-T',
      String(options.latencyDurationS),
      ...pacing,
      '-l',
      `--log-prefix=${path.join(directory, 'tx')}`,
    ]);
    const latencies: number[] = [];
    for (const file of await readdir(directory)) {
      for (const line of (await readFile(path.join(directory, file), 'utf8')).split('\n')) {
        const fields = line.trim().split(/\s+/).map(Number);
        if (fields.length >= 6) latencies.push((fields[2]! - (fields[6] ?? 0)) / 1_000);
      }
    }
    return latencies.sort((a, b) => a - b);
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

const mean = (values: number[]): number => values.reduce((sum, value) => sum + value, 0) / values.length;
const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const verdict = (ok: boolean): string => (ok ? 'ok' : 'BELOW TARGET');
const tps = (value: number): string => `${Math.round(value).toLocaleString('en-US').padStart(9)} tps`;

export async function runProxyBenchmark(argv: string[]): Promise<number> {
  const options = parseOptions(argv);
  console.log(`pgbench: ${options.pgbench}; ${os.cpus().length} CPUs; Node ${process.version}`);
  const postgres = await EmbeddedPostgres.start({ settings: { max_connections: 100 } });
  const pipe = await startBarePipe(postgres.port);
  const server = await startToxiproxyServer({ port: 0, seed: 1 });
  try {
    await pgbench(options, postgres.port, ['-i', '-q', '-s', '1']);
    const client = new Toxiproxy(server.url);
    const proxy = await client.createProxy({
      name: 'postgres',
      listen: '127.0.0.1:0',
      upstream: `127.0.0.1:${postgres.port}`,
    });
    const embeddedPort = Number(proxy.listen.split(':').pop());

    const targets = { direct: postgres.port, pipe: pipe.port, embedded: embeddedPort };
    const results: Record<keyof typeof targets, number[]> = { direct: [], pipe: [], embedded: [] };
    console.log(
      `select-only: ${options.clients} clients, ${options.threads} threads, ${options.durationS} s per run, ${options.rounds} rounds`,
    );
    const names = Object.keys(targets) as Array<keyof typeof targets>;
    for (let round = 1; round <= options.rounds; round++) {
      // Rotate the order each round: on a shared machine, whoever runs at a given slot is favoured.
      const order = names.map((_name, i) => names[(i + round - 1) % names.length]!);
      for (const name of order) {
        const value = await selectOnlyTps(options, targets[name]);
        results[name].push(value);
        console.log(`  round ${round} ${name.padEnd(8)} ${tps(value)}`);
      }
    }
    // Means over rotated rounds: this machine's noise (±15% run to run) dwarfs the differences.
    const direct = mean(results.direct);
    const bare = mean(results.pipe);
    const embedded = mean(results.embedded);
    console.log('mean');
    console.log(`  direct                      ${tps(direct)}`);
    console.log(`  bare Node socket.pipe proxy ${tps(bare)}`);
    console.log(`  embedded Toxiproxy, no toxic${tps(embedded)}`);
    const vsPipe = embedded / bare;
    const vsDirect = embedded / direct;
    console.log('ratios');
    console.log(`  embedded / bare pipe = ${vsPipe.toFixed(2)}  (target ≥ 0.90) ${verdict(vsPipe >= 0.9)}`);
    console.log(`  embedded / direct    = ${vsDirect.toFixed(2)}  (target ≥ 0.50) ${verdict(vsDirect >= 0.5)}`);
    console.log(`  bare pipe / direct   = ${(bare / direct).toFixed(2)}`);

    // 4 clients waiting ~latencyMs per transaction: pace the baseline the same way.
    const ratePerS = Math.round((4 * 1_000) / options.latencyMs);
    const baseline = await transactionLatenciesMs(options, embeddedPort, ratePerS);
    await proxy.addToxic({
      type: 'latency',
      stream: 'downstream',
      attributes: { latency: options.latencyMs },
    } as never);
    const errors = (await transactionLatenciesMs(options, embeddedPort)).map((latency) => latency - options.latencyMs);
    const p99 = percentile(errors, 99);
    const describe = (values: number[]) =>
      `min ${values[0]!.toFixed(2)}, p50 ${percentile(values, 50).toFixed(2)}, p99 ${percentile(values, 99).toFixed(2)}, ` +
      `max ${values[values.length - 1]!.toFixed(2)} ms`;
    console.log(`latency toxic ${options.latencyMs} ms downstream, 4 clients, ${options.latencyDurationS} s:`);
    console.log(
      `  observed error (transaction time − ${options.latencyMs} ms), ${errors.length} transactions: ${describe(errors)}`,
    );
    console.log(
      `  for scale, the same transactions without the toxic (${ratePerS}/s), ${baseline.length}: ${describe(baseline)}`,
    );
    console.log(`  error p99 ${p99.toFixed(2)} ms (target ≤ 2 ms) ${verdict(p99 <= 2)}`);
    return 0;
  } finally {
    await server.stop();
    await pipe.close();
    await postgres.destroy();
  }
}
