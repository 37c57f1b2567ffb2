// What every service is built from. Services never read config or the environment themselves.
import type { Cache } from '../lib/cache.ts';
import type { Defects } from '../lib/defects.ts';
import type { Logger } from '../lib/logger.ts';
import type { Records } from '../lib/records.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { ChatBroadcaster } from '../socket/chat-broadcaster.ts';
import type { TokenService } from '../lib/auth.ts';
import type { Database } from '../lib/prisma.ts';
import type { TokenRevocation } from '../lib/token-revocation.ts';
import type { SmsSender } from '../lib/sms-sender.ts';
import type { RateLimiter } from '../lib/rate-limiter.ts';

export interface RateLimits {
  limiter: RateLimiter;
  windowSec: number;
  loginPerAccount: number;
  loginPerIp: number;
  phoneCodePerAccount: number;
  phoneCodePerIp: number;
}

export interface ServiceContext {
  prisma: PrismaClient;
  /** Connection state, for code outside HTTP (Socket.IO) that must respect the readiness gate. */
  database: Pick<Database, 'isReady' | 'state' | 'reportFailure'>;
  logger: Logger;
  records: Records;
  cache: Cache;
  defects: Defects;
  chat: ChatBroadcaster;
  tokens: TokenService;
  /** Tokens are honoured only while their user is unchanged; services report changes here. */
  revocation: TokenRevocation;
  /** Expose verification codes in responses: PHONE_CODE_IN_RESPONSE, a development switch. */
  exposeVerificationCodes: boolean;
  /** Login and code-issuing limits (config's RATE_LIMIT_* and *_LIMIT_* keys). */
  limits: RateLimits;
  /** Delivers verification codes (lib/sms-sender.ts). */
  sms: SmsSender;
}
