// The embedded Toxiproxy-compatible server: the HTTP API on host:port and the proxies it manages.
// Use it in process (`await using server = await startToxiproxyServer()`) or through
// `faultline proxy`. Every listener and socket it opened is closed by `stop()`.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRng, randomSeed } from '../lib/random.ts';
import { createApiListener, type Route } from './api/http-api.ts';
import { metricsHandler } from './api/metrics.ts';
import { proxyHandlers } from './api/proxy-handlers.ts';
import { toxicHandlers } from './api/toxic-handlers.ts';
import type { ProxyJson } from './proxy.ts';
import { ProxyCollection, type ProxyFields } from './proxy-collection.ts';

/** The Toxiproxy release whose API this server reproduces. */
export const TOXIPROXY_VERSION = '2.12.0';

export interface ToxiproxyServerOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 8474, Toxiproxy's; 0 picks a free port (read it from `port`). */
  port?: number;
  /** Seed for toxicity rolls, jitter and slice sizes; random when left out (read it from `seed`). */
  seed?: number;
}

export interface StartedToxiproxyServer {
  /** e.g. "http://127.0.0.1:8474", for `new Toxiproxy(url)`. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly seed: number;
  /** POST /populate in process: create or replace these proxies. Throws ToxiproxyApiError. */
  populate(proxies: ProxyFields[]): Promise<ProxyJson[]>;
  /** Close the API, every proxy listener and every proxied connection. */
  stop(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

function routes(proxies: ProxyCollection): Route[] {
  const proxy = proxyHandlers(proxies, TOXIPROXY_VERSION);
  const toxic = toxicHandlers(proxies);
  return [
    { path: '/reset', methods: { POST: proxy.reset } },
    { path: '/proxies', methods: { GET: proxy.index, POST: proxy.create } },
    { path: '/populate', methods: { POST: proxy.populate } },
    {
      path: '/proxies/{proxy}',
      methods: { GET: proxy.show, PATCH: proxy.update, POST: proxy.update, DELETE: proxy.remove },
    },
    { path: '/proxies/{proxy}/toxics', methods: { GET: toxic.index, POST: toxic.create } },
    {
      path: '/proxies/{proxy}/toxics/{toxic}',
      methods: { GET: toxic.show, PATCH: toxic.update, POST: toxic.update, DELETE: toxic.remove },
    },
    { path: '/version', methods: { GET: proxy.showVersion } },
    { path: '/metrics', methods: { GET: metricsHandler(proxies) } },
  ];
}

export async function startToxiproxyServer(options: ToxiproxyServerOptions = {}): Promise<StartedToxiproxyServer> {
  const host = options.host ?? '127.0.0.1';
  const seed = options.seed ?? randomSeed();
  // Separate streams, so that jitter drawn by traffic never shifts which connections a toxic hits.
  const proxies = new ProxyCollection({ toxicity: createRng(seed), toxics: createRng(seed ^ 0x5bd1e995) });
  const server = http.createServer({ keepAliveTimeout: 60_000 }, createApiListener(routes(proxies)));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port: options.port ?? 8474 }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await proxies.stopAll();
      await closed;
    })();
    return stopped;
  };

  return {
    url: `http://${urlHost}:${port}`,
    host,
    port,
    seed,
    populate: async (entries) => {
      const result = await proxies.populate(entries);
      if (result.error !== undefined) throw result.error;
      return result.proxies.map((proxy) => proxy.toJSON());
    },
    stop,
    [Symbol.asyncDispose]: stop,
  };
}
