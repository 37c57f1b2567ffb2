// `npm run bench -- <name> [options]`: runs one benchmark. Benchmarks print figures; they are
// not timed tests and do not gate CI. Each is loaded lazily so one does not pay for the others.
type Benchmark = (argv: string[]) => Promise<number>;

const BENCHMARKS: Record<string, () => Promise<Benchmark>> = {
  proxy: async () => (await import('./proxy.ts')).runProxyBenchmark,
  env: async () => (await import('./env.ts')).runEnvBenchmark,
  load: async () => (await import('./load.ts')).runLoadBenchmark,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const load = name === undefined ? undefined : BENCHMARKS[name];
  if (load === undefined) {
    console.error(`Usage: npm run bench -- <${Object.keys(BENCHMARKS).join('|')}> [options]`);
    return 2;
  }
  return (await load())(rest);
}

process.exitCode = await main(process.argv.slice(2));
