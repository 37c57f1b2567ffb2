// The database and what the service knows of it: 'connecting' until the first query succeeds, then
// 'up' or 'down'. Only connection-level failures make it 'down' (a slow query is not an outage);
// while down it is tried again every `recheckMs`, while up pinged as often, so an idle service
// notices a lost database too.
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client.ts';
import { log } from './log.ts';
import type { Settings } from './settings.ts';

export type DatabaseState = 'connecting' | 'up' | 'down';

const CONNECTION_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017']);
const CONNECTION_TEXT = /connection terminated|connection timeout|ECONNREFUSED|ECONNRESET|can't reach database/i;
const TIMEOUT_TEXT = /query read timeout|statement timeout|canceling statement/i;

interface Link {
  code: string;
  message: string;
}

/** The error and its causes, outermost first, as code and message texts. */
function chain(error: unknown): Link[] {
  const links: Link[] = [];
  for (let link = error, depth = 0; link instanceof Object && depth < 5; depth += 1) {
    const { code, message, cause } = link as { code?: unknown; message?: unknown; cause?: unknown };
    links.push({ code: typeof code === 'string' ? code : '', message: typeof message === 'string' ? message : '' });
    link = cause;
  }
  return links;
}

export function isConnectionFailure(error: unknown): boolean {
  return chain(error).some((link) => CONNECTION_CODES.has(link.code) || CONNECTION_TEXT.test(link.message));
}

/** Failures that mean "the database cannot answer now": the caller gets 503 and may retry. */
export function isUnavailable(error: unknown): boolean {
  return isConnectionFailure(error) || chain(error).some((link) => TIMEOUT_TEXT.test(link.message));
}

export class Database {
  readonly prisma: PrismaClient;
  state: DatabaseState = 'connecting';
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly settings: Settings) {
    const adapter = new PrismaPg(
      {
        connectionString: settings.databaseUrl,
        max: 8,
        connectionTimeoutMillis: settings.connectTimeoutMs,
        query_timeout: settings.queryTimeoutMs,
        statement_timeout: settings.queryTimeoutMs,
      },
      { onPoolError: (error) => this.noteFailure(error), onConnectionError: (error) => this.noteFailure(error) },
    );
    this.prisma = new PrismaClient({ adapter });
  }

  /** The startup connection: retried with exponential backoff; throws once the attempts are spent. */
  async connect(): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.prisma.$queryRaw`SELECT 1`;
        this.setState('up');
        this.timer = setInterval(() => void this.recheck(), this.settings.recheckMs);
        return;
      } catch (error) {
        if (attempt >= this.settings.connectAttempts) throw error;
        const delayMs = Math.min(250 * 2 ** (attempt - 1), 4_000);
        log('warn', 'db.retry', 'database not reachable yet; retrying', { attempt, delayMs, error: String(error) });
        await new Promise((resolve) => setTimeout(resolve, delayMs));
      }
    }
  }

  /** Called with every failed query: a connection-level failure means the database is gone. */
  noteFailure(error: unknown): void {
    if (this.state === 'up' && isConnectionFailure(error)) this.setState('down', String(error));
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.prisma.$disconnect();
  }

  private async recheck(): Promise<void> {
    try {
      await this.prisma.$queryRaw`SELECT 1`;
      if (this.state === 'down') this.setState('up');
    } catch (error) {
      this.noteFailure(error);
    }
  }

  private setState(state: DatabaseState, reason?: string): void {
    if (state === this.state) return;
    this.state = state;
    log(state === 'down' ? 'error' : 'info', `db.${state}`, `database ${state}`, { reason });
  }
}
