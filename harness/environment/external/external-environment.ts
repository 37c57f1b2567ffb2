// Everything given by URL: a docker-compose stack or a staging environment that is already running.
// The harness drives faults through its Toxiproxy, reads its database directly (the target's
// prepare builds the fixtures from it), and has no hands on its processes: scenarios that need
// process control are skipped with that reason.
import { Toxiproxy } from 'toxiproxy-node-client';
import { prepareFixtures } from '../../target/fixtures.ts';
import type { Target } from '../../target/types.ts';
import type { StartedEnvironment } from '../types.ts';
import { ExitCode, FaultlineError } from '../../cli/exit-codes.ts';

export interface ExternalEnvironmentOptions {
  appUrl: string;
  toxiproxyUrl: string;
  /** A direct (not proxied) connection string, for seeding and for reading back writes. */
  databaseUrl: string;
  /** The app's environment as far as the caller knows it (its secrets, for the target's prepare). */
  appEnv: Record<string, string>;
  target: Target;
  dbProxyName?: string;
  redisProxyName?: string;
  seed: number;
}

/** A scenario needing a missing capability is skipped before it starts: reaching this is a harness bug. */
export class CapabilityError extends FaultlineError {
  readonly code = 'CAPABILITY_UNAVAILABLE';
  readonly exitCode = ExitCode.HarnessFailed;
  constructor(what: string) {
    super(`${what} is not available in the external environment (the harness does not control its processes)`);
    this.name = 'CapabilityError';
  }
}

export async function startExternalEnvironment(options: ExternalEnvironmentOptions): Promise<StartedEnvironment> {
  const origin = performance.now();
  const toxiproxy = new Toxiproxy(options.toxiproxyUrl);
  const proxies = await toxiproxy.getAll();
  const dbProxyName = options.dbProxyName ?? 'postgres';
  if (proxies[dbProxyName] === undefined)
    throw new Error(
      `toxiproxy at ${options.toxiproxyUrl} has no proxy named "${dbProxyName}" (it has: ${Object.keys(proxies).join(', ') || 'none'})`,
    );
  const redisProxyName = options.redisProxyName ?? (proxies.redis === undefined ? undefined : 'redis');
  if (redisProxyName !== undefined && proxies[redisProxyName] === undefined)
    throw new Error(`toxiproxy has no proxy named "${redisProxyName}"`);
  const fixtures = await prepareFixtures(options.target, {
    databaseUrl: options.databaseUrl,
    appEnv: options.appEnv,
    seeded: undefined,
    seed: options.seed,
  });
  const unavailable = (what: string) => async (): Promise<never> => {
    throw new CapabilityError(what);
  };
  const noListeners = (): (() => void) => () => undefined;
  const environment: StartedEnvironment = {
    kind: 'external',
    capabilities: { redis: redisProxyName !== undefined, processControl: false, postgresControl: false },
    appUrl: options.appUrl.replace(/\/+$/, ''),
    toxiproxyUrl: options.toxiproxyUrl,
    toxiproxy,
    dbProxyName,
    redisProxyName,
    databaseUrl: options.databaseUrl,
    fixtures,
    appSettings: undefined,
    now: () => performance.now() - origin,
    onAppLog: noListeners,
    onAppExit: noListeners,
    onAppStart: noListeners,
    startApp: async () => undefined,
    killApp: unavailable('killing the app'),
    restartApp: unavailable('restarting the app'),
    stopPostgres: unavailable('stopping PostgreSQL'),
    startPostgres: unavailable('starting PostgreSQL'),
    // Leave the stack as we found it: no proxy disabled, no toxic left behind.
    stop: () => toxiproxy.reset(),
    [Symbol.asyncDispose]: () => environment.stop(),
  };
  return environment;
}
