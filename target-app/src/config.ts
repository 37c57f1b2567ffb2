// The app's whole configuration, read once at start from the environment and, when CONFIG_FILE
// names one, a file (lib/config-source.ts), then validated with zod. Nothing else in target-app
// reads process.env.
import { z } from 'zod';
import { DEFECT_NAMES, type DefectName } from './lib/defects.ts';
import { ConfigSourceError, environmentSource, fileSource, type RawConfig } from './lib/config-source.ts';

const int = (fallback: number, min = 0) => z.coerce.number().int().min(min).default(fallback);

const defectList = z
  .string()
  .default('')
  .transform((raw, ctx) => {
    const names = raw
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name.length > 0);
    const unknown = names.filter((name) => !(DEFECT_NAMES as readonly string[]).includes(name));
    if (unknown.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `unknown defect(s) ${unknown.join(', ')}; known: ${DEFECT_NAMES.join(', ')}`,
      });
      return z.NEVER;
    }
    return names as DefectName[];
  });

const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: int(3000).pipe(z.number().max(65_535)),
  DATABASE_URL: z
    .string()
    .url()
    .refine((url) => /^postgres(ql)?:\/\//.test(url), 'must be a postgresql:// URL'),
  REDIS_URL: z
    .string()
    .url()
    .refine((url) => /^rediss?:\/\//.test(url), 'must be a redis:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  JWT_SECRET: z.string().min(16, 'must be at least 16 characters'),
  JWT_TTL_SEC: int(3_600, 1),
  /** How long an instance trusts what it read about a token's user (0: read it on every request). */
  AUTH_CACHE_TTL_MS: int(5_000).pipe(z.number().max(60_000)),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  DB_CONNECT_MAX_RETRIES: int(5),
  DB_CONNECT_DELAY_MS: int(2_000, 1),
  DB_CONNECT_MAX_DELAY_MS: int(30_000, 1),
  DB_POOL_MAX: int(10, 1),
  DB_CONNECTION_TIMEOUT_MS: int(2_000, 1),
  DB_QUERY_TIMEOUT_MS: int(3_000, 1),
  DB_IDLE_TIMEOUT_MS: int(10_000, 1),
  DB_RECONNECT_INTERVAL_MS: int(1_000, 1),
  // How often a ready database is pinged in the background. An idle app notices a lost database
  // within this interval plus one connection and one query timeout. Below 100 ms it is load, not a check.
  DB_PING_INTERVAL_MS: int(2_000, 100).pipe(z.number().max(300_000)),
  REDIS_CONNECT_TIMEOUT_MS: int(1_000, 1),
  // A chat socket's presence outlives its instance by at most this long (a crash, a lost leave);
  // each instance refreshes its own sockets every third of it.
  PRESENCE_TTL_MS: int(30_000, 1_000).pipe(z.number().max(3_600_000)),
  // Derived when absent (see withServiceInitTimeout): it must fit what it contains.
  SERVICE_INIT_TIMEOUT_MS: z.coerce.number().int().min(1).optional(),
  SHUTDOWN_TIMEOUT_MS: int(10_000, 1),
  // On SIGTERM, how long readiness answers 503 while the app keeps serving, before the listener
  // closes: at least the time a load balancer takes to take the instance out (its health-check
  // interval times its unhealthy threshold, plus one check's timeout). 0: no balancer in front.
  SHUTDOWN_DRAIN_MS: int(0).pipe(z.number().max(120_000)),
  RETRY_AFTER_SEC: int(2, 1),
  TARGET_APP_DEFECTS: defectList,
  /** Rate limits: attempts per window, per account and per client IP (see lib/rate-limiter.ts). */
  RATE_LIMIT_WINDOW_SEC: int(900, 1),
  LOGIN_LIMIT_PER_ACCOUNT: int(10, 1),
  LOGIN_LIMIT_PER_IP: int(100, 1),
  PHONE_CODE_LIMIT_PER_ACCOUNT: int(5, 1),
  PHONE_CODE_LIMIT_PER_IP: int(20, 1),
  /** Proxies in front of the app whose X-Forwarded-For is trusted for the client IP (0: none). */
  TRUST_PROXY_HOPS: int(0),
  /** The explicit development switch that returns phone-verification codes in responses. */
  PHONE_CODE_IN_RESPONSE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
  /** Who delivers verification codes: `log` (the default) delivers nothing and says so in health. */
  SMS_SENDER: z.enum(['log']).default('log'),
});

/** Slack on top of one connection wait and one query, for the service's own work between them. */
export const SERVICE_INIT_SLACK_MS = 1_000;

/**
 * A service's startup work (the schema check) waits for a pooled connection and runs a query: its
 * timeout must outlast both bounds, or a slow database turns into a startup failure the pool itself
 * would not have raised. Absent, it is derived; given shorter than that, it is a configuration error.
 */
const configWithTimeouts = configSchema
  // Rules across keys: a production instance never hands out verification codes.
  .superRefine((config, ctx) => {
    if (config.NODE_ENV === 'production' && config.PHONE_CODE_IN_RESPONSE)
      ctx.addIssue({
        code: 'custom',
        path: ['PHONE_CODE_IN_RESPONSE'],
        message: 'must not be true when NODE_ENV is production',
      });
  })
  .superRefine((config, ctx) => {
    const containsMs = config.DB_CONNECTION_TIMEOUT_MS + config.DB_QUERY_TIMEOUT_MS;
    if (config.SERVICE_INIT_TIMEOUT_MS !== undefined && config.SERVICE_INIT_TIMEOUT_MS < containsMs)
      ctx.addIssue({
        code: 'custom',
        path: ['SERVICE_INIT_TIMEOUT_MS'],
        message: `must be at least DB_CONNECTION_TIMEOUT_MS + DB_QUERY_TIMEOUT_MS (${containsMs} ms): a service's startup work waits for a connection and runs a query`,
      });
  })
  .transform((config) => ({
    ...config,
    SERVICE_INIT_TIMEOUT_MS:
      config.SERVICE_INIT_TIMEOUT_MS ??
      config.DB_CONNECTION_TIMEOUT_MS + config.DB_QUERY_TIMEOUT_MS + SERVICE_INIT_SLACK_MS,
  }));

export type Config = z.infer<typeof configWithTimeouts>;

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(readonly problems: string[]) {
    super(`invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

/** Parse the environment; throws ConfigError naming every bad key. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const result = configWithTimeouts.safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`));
}

export interface LoadedConfig {
  config: Config;
  /** Which settings each source supplied (names only: values may be secrets). */
  sources: Record<string, string[]>;
}

/**
 * The environment, plus the file CONFIG_FILE names. The environment wins over the file: it is the
 * most specific layer (a per-task override in the task definition, a one-off `PORT=0`), and it is
 * the convention every .env loader follows; the file carries the shared settings and the secrets.
 * The startup log says which source supplied each setting, so an override is never a mystery.
 * A key in the file that is not a setting of this app is an error (a mistyped secret name must not
 * leave the real setting at its default).
 */
export async function readConfig(env: NodeJS.ProcessEnv): Promise<LoadedConfig> {
  const known = new Set(Object.keys(configSchema.shape));
  const layers: { name: string; values: RawConfig }[] = [];
  try {
    const file = env.CONFIG_FILE;
    if (file !== undefined && file !== '') {
      const source = fileSource(file);
      const values = await source.read();
      const unknown = Object.keys(values).filter((key) => !known.has(key));
      if (unknown.length > 0) throw new ConfigSourceError(source.name, `unknown setting(s) ${unknown.join(', ')}`);
      layers.push({ name: source.name, values });
    }
    const environment = environmentSource(env);
    layers.push({ name: environment.name, values: await environment.read() });
  } catch (error) {
    if (error instanceof ConfigSourceError) throw new ConfigError([error.message]);
    throw error;
  }
  // Later layers win: the file first, the environment over it.
  const merged: RawConfig = {};
  const origin = new Map<string, string>();
  for (const layer of layers)
    for (const [key, value] of Object.entries(layer.values))
      if (value !== undefined) {
        merged[key] = value;
        if (known.has(key)) origin.set(key, layer.name);
      }
  const sources: Record<string, string[]> = {};
  for (const [key, name] of origin) (sources[name] ??= []).push(key);
  return { config: loadConfig(merged), sources };
}
