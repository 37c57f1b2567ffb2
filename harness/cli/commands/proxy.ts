// `faultline proxy`: serves the embedded Toxiproxy-compatible API until SIGINT/SIGTERM, then closes
// every listener and connection and exits 0. For machines without Toxiproxy or Docker; any
// Toxiproxy client (toxiproxy-node-client, toxiproxy-cli) can drive it.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { Command } from '../command.ts';
import { ExitCode, UsageError } from '../exit-codes.ts';
import { parseProxyConfig, ProxyConfigError } from '../../toxiproxy/config-file.ts';
import { startToxiproxyServer, type StartedToxiproxyServer } from '../../toxiproxy/server.ts';
import type { ProxyFields } from '../../toxiproxy/proxy-collection.ts';

const USAGE = 'faultline proxy [--host 127.0.0.1] [--port 8474] [--config proxies.json] [--seed N]';

function parseInteger(flag: string, text: string, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value > max)
    throw new UsageError(`--${flag} must be an integer from 0 to ${max}, got "${text}"`);
  return value;
}

async function readConfig(file: string): Promise<ProxyFields[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(
      `--config ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
  try {
    return parseProxyConfig(text);
  } catch (error) {
    if (error instanceof ProxyConfigError) throw new UsageError(`--config ${file}: ${error.message}`);
    throw error;
  }
}

function waitForSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '8474' },
      config: { type: 'string' },
      seed: { type: 'string' },
    },
  });
  const port = parseInteger('port', values.port, 65_535);
  const seed = values.seed === undefined ? undefined : parseInteger('seed', values.seed, 4_294_967_295);
  const proxies = values.config === undefined ? [] : await readConfig(values.config);

  // Listen for signals before anything starts, so an early Ctrl-C still shuts down in order.
  const signalled = waitForSignal();
  let server: StartedToxiproxyServer;
  try {
    server = await startToxiproxyServer({ host: values.host, port, seed });
  } catch (error) {
    console.error(`faultline proxy: cannot serve the API on ${values.host}:${port}: ${(error as Error).message}`);
    return ExitCode.NotProven;
  }
  try {
    if (proxies.length > 0) await server.populate(proxies);
  } catch (error) {
    console.error(`faultline proxy: --config ${values.config}: ${(error as Error).message}`);
    await server.stop();
    return ExitCode.NotProven;
  }
  const populated =
    proxies.length > 0 ? `, ${proxies.length} ${proxies.length === 1 ? 'proxy' : 'proxies'} from ${values.config}` : '';
  console.log(`faultline proxy: Toxiproxy API listening on ${server.url} (seed ${server.seed}${populated})`);

  const signal = await signalled;
  await server.stop();
  console.error(`faultline proxy: ${signal}: closed every listener and connection`);
  return ExitCode.Ok;
}

export const proxyCommand: Command = {
  name: 'proxy',
  summary: 'Serve the embedded Toxiproxy-compatible fault proxy API (Toxiproxy 2.12) until SIGINT/SIGTERM.',
  usage: USAGE,
  run,
};
