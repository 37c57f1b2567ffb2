// The app's whole configuration, read from the environment once at start and validated with zod.
// Nothing else in target-app reads process.env.
import { z } from 'zod';
import { DEFECT_NAMES, type DefectName } from './lib/defects.ts';

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
  REDIS_CONNECT_TIMEOUT_MS: int(1_000, 1),
  SERVICE_INIT_TIMEOUT_MS: int(5_000, 1),
  SHUTDOWN_TIMEOUT_MS: int(10_000, 1),
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

export type Config = z.infer<typeof configSchema>;

/** Rules across keys: a production instance never hands out verification codes. */
const checkedSchema = configSchema.superRefine((config, ctx) => {
  if (config.NODE_ENV === 'production' && config.PHONE_CODE_IN_RESPONSE)
    ctx.addIssue({
      code: 'custom',
      path: ['PHONE_CODE_IN_RESPONSE'],
      message: 'must not be true when NODE_ENV is production',
    });
});

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(readonly problems: string[]) {
    super(`invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

/** Parse the environment; throws ConfigError naming every bad key. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const result = checkedSchema.safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`));
}
