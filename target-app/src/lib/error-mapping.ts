// The one mapping from errors to HTTP. Prisma 7 with adapter-pg raises P-codes for some failures
// and leaves others as plain pg errors without a code ("Connection terminated unexpectedly",
// "Query read timeout"); both kinds of database failure are 503, never 500 (see DESIGN.md).
// P2028 (an interactive transaction could not start in time, or outlived its timeout) is a timeout:
// 503 + Retry-After, the instance stays ready. P2034 (write conflict or deadlock) is 409 + Retry-After.
import { AppError, type ErrorCode } from './errors.ts';

export type ErrorKind =
  'app' | 'database-unavailable' | 'not-found' | 'conflict' | 'write-conflict' | 'validation' | 'incident';

export interface MappedError {
  status: number;
  code: ErrorCode;
  message: string;
  kind: ErrorKind;
  /** Prisma or pg code, when there is one. */
  sourceCode?: string;
}

// Two kinds of database failure, both answered 503 + Retry-After, but only one changes the instance's
// database state:
//   connection — the database cannot be reached or dropped us (refused, reset, closed, shutting down,
//                a connection that could not be opened in time). Every request would fail the same
//                way, so the instance goes to "reconnecting" and the readiness gate answers at once.
//   timeout    — this one piece of work did not finish in time: a statement timeout (57014), pg's
//                query read timeout, waiting for a pooled connection (the pool is busy, not gone),
//                too many connections, an interactive transaction that could not start or expired
//                (P2028). A slow query is not an outage: the other requests keep being served. If the
//                database really is black-holed, the background ping (Database.watch) notices.
export type DatabaseFailure = 'connection' | 'timeout';

/** Prisma codes, by kind. P1002/P2024 come only from the old Rust engine; kept for its users. */
const CONNECTION_PRISMA_CODES = new Set(['P1000', 'P1001', 'P1002', 'P1003', 'P1008', 'P1011', 'P1017']);
const TIMEOUT_PRISMA_CODES = new Set(['P2024', 'P2028']);

/** Driver-adapter error kinds (meta.driverAdapterError.cause.kind) that mean the database is unreachable. */
const CONNECTION_ADAPTER_KINDS = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TlsConnectionError',
  'DatabaseDoesNotExist',
  'AuthenticationFailed',
]);
const TIMEOUT_ADAPTER_KINDS = new Set(['TooManyConnections']);

/** Node socket errors. */
const CONNECTION_SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/** PostgreSQL SQLSTATEs: 08xxx connection exceptions, 57P01-03 admin/crash shutdown, cannot connect now. */
const CONNECTION_SQLSTATES = /^(08...|57P0[1-3])$/;
/** 57014 statement timeout (or cancel), 53300 too many connections. */
const TIMEOUT_SQLSTATES = /^(57014|53300)$/;
/** 40001 serialization failure, 40P01 deadlock: a concurrent transaction won; this one rolled back. */
const WRITE_CONFLICT_SQLSTATES = /^(40001|40P01)$/;

/** Messages of pg errors that carry no code. */
const CONNECTION_MESSAGES = [
  /connection terminated/i,
  /client has encountered a connection error/i,
  /cannot use a pool after calling end/i,
  /client was closed and is not queryable/i,
  /server closed the connection unexpectedly/i,
  /terminating connection/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /can't reach database server/i,
  /connection refused/i,
];
const TIMEOUT_MESSAGES = [
  /query read timeout/i,
  // pg-pool: no pooled connection became free within connectionTimeoutMillis.
  /timeout exceeded when trying to connect/i,
];

interface Inspectable {
  code?: unknown;
  message?: unknown;
  name?: unknown;
  meta?: { driverAdapterError?: { cause?: { kind?: unknown; originalCode?: unknown } } };
  cause?: unknown;
}

function asInspectable(error: unknown): Inspectable {
  return typeof error === 'object' && error !== null ? error : {};
}

/**
 * What kind of database failure an error (or anything in its cause chain) is, or undefined when it
 * is not one. A connection-level sign anywhere in the chain wins over a timeout
 * ("Connection terminated due to connection timeout" wraps a timeout but means "could not connect").
 */
export function classifyDatabaseFailure(error: unknown, depth = 0): DatabaseFailure | undefined {
  if (depth > 5) return undefined;
  const e = asInspectable(error);
  const code = typeof e.code === 'string' ? e.code : undefined;
  const adapterCause = e.meta?.driverAdapterError?.cause;
  const kind = typeof adapterCause?.kind === 'string' ? adapterCause.kind : undefined;
  const sqlState = typeof adapterCause?.originalCode === 'string' ? adapterCause.originalCode : code;
  const message = typeof e.message === 'string' ? e.message : '';
  if (
    (code !== undefined && (CONNECTION_PRISMA_CODES.has(code) || CONNECTION_SOCKET_CODES.has(code))) ||
    (kind !== undefined && CONNECTION_ADAPTER_KINDS.has(kind)) ||
    (sqlState !== undefined && CONNECTION_SQLSTATES.test(sqlState)) ||
    e.name === 'PrismaClientInitializationError' ||
    CONNECTION_MESSAGES.some((pattern) => pattern.test(message))
  )
    return 'connection';
  const deeper = e.cause !== undefined ? classifyDatabaseFailure(e.cause, depth + 1) : undefined;
  if (deeper === 'connection') return deeper;
  if (
    (code !== undefined && TIMEOUT_PRISMA_CODES.has(code)) ||
    (kind !== undefined && TIMEOUT_ADAPTER_KINDS.has(kind)) ||
    (sqlState !== undefined && TIMEOUT_SQLSTATES.test(sqlState)) ||
    TIMEOUT_MESSAGES.some((pattern) => pattern.test(message))
  )
    return 'timeout';
  return deeper;
}

/** True when an error says the database is unavailable for this request (either kind: 503). */
export function isDatabaseUnavailable(error: unknown): boolean {
  return classifyDatabaseFailure(error) !== undefined;
}

/** True when an error says the database connection itself is lost (the instance's state changes). */
export function isConnectionFailure(error: unknown): boolean {
  return classifyDatabaseFailure(error) === 'connection';
}

/** pg-pool's "no pooled connection became free in time": the pool is busy, which says nothing about the database. */
export function isPoolAcquireTimeout(error: unknown, depth = 0): boolean {
  if (depth > 5) return false;
  const e = asInspectable(error);
  if (typeof e.message === 'string' && /timeout exceeded when trying to connect/i.test(e.message)) return true;
  return e.cause !== undefined && isPoolAcquireTimeout(e.cause, depth + 1);
}

/**
 * P2034 (and its SQLSTATEs 40001/40P01, which raw queries report as P2010 with adapter kind
 * TransactionWriteConflict): the transaction lost a serialization race or a deadlock and was rolled
 * back whole, so nothing of it was written and the same request may simply be sent again.
 */
export function isWriteConflict(error: unknown): boolean {
  const e = asInspectable(error);
  const adapterCause = e.meta?.driverAdapterError?.cause;
  return (
    e.code === 'P2034' ||
    adapterCause?.kind === 'TransactionWriteConflict' ||
    (typeof adapterCause?.originalCode === 'string' && WRITE_CONFLICT_SQLSTATES.test(adapterCause.originalCode))
  );
}

export function prismaCode(error: unknown): string | undefined {
  const code = asInspectable(error).code;
  return typeof code === 'string' && /^P\d{4}$/.test(code) ? code : undefined;
}

export interface MappingOptions {
  /** Defect `db-errors-as-500`: the bug the fix removed. */
  databaseErrorsAs500?: boolean;
  /** Defect `unhandled-p2025`: P2025 escapes as an unexpected error. */
  recordNotFoundAs500?: boolean;
}

export function mapError(error: unknown, options: MappingOptions = {}): MappedError {
  if (error instanceof AppError) {
    return { status: error.status, code: error.code, message: error.message, kind: kindOfAppError(error) };
  }
  const e = asInspectable(error);
  const code = prismaCode(error);
  if (isDatabaseUnavailable(error)) {
    if (options.databaseErrorsAs500)
      return { status: 500, code: 'INTERNAL', message: 'internal error', kind: 'incident', sourceCode: code };
    return {
      status: 503,
      code: 'DATABASE_UNAVAILABLE',
      message: 'the database is unavailable; retry later',
      kind: 'database-unavailable',
      sourceCode: code ?? stringCode(e.code),
    };
  }
  if (code === 'P2025' && options.recordNotFoundAs500) {
    return { status: 500, code: 'INTERNAL', message: 'internal error', kind: 'incident', sourceCode: code };
  }
  if (code === 'P2025' || code === 'P2001' || code === 'P2015' || code === 'P2018') {
    return { status: 404, code: 'NOT_FOUND', message: 'record not found', kind: 'not-found', sourceCode: code };
  }
  if (isWriteConflict(error))
    // 409, not 503: the database and this instance are healthy — a concurrent transaction won — so it
    // must not count against availability or page anyone (a 5xx would); not 500: it is no bug. The
    // transaction rolled back whole, so retrying the same request is safe; Retry-After says so.
    return {
      status: 409,
      code: 'CONFLICT',
      message: 'the change collided with a concurrent change and was rolled back; retry it',
      kind: 'write-conflict',
      sourceCode: code ?? 'P2034',
    };
  if (code === 'P2002')
    return {
      status: 409,
      code: 'CONFLICT',
      message: 'a record with this unique value already exists',
      kind: 'conflict',
      sourceCode: code,
    };
  if (code === 'P2003' || code === 'P2014')
    return {
      status: 409,
      code: 'CONFLICT',
      message: 'the change conflicts with related records',
      kind: 'conflict',
      sourceCode: code,
    };
  if (
    code === 'P2000' ||
    code === 'P2005' ||
    code === 'P2006' ||
    code === 'P2007' ||
    code === 'P2011' ||
    code === 'P2012' ||
    code === 'P2023' ||
    e.name === 'PrismaClientValidationError'
  ) {
    return { status: 400, code: 'VALIDATION_FAILED', message: 'invalid input', kind: 'validation', sourceCode: code };
  }
  return {
    status: 500,
    code: 'INTERNAL',
    message: 'internal error',
    kind: 'incident',
    sourceCode: code ?? stringCode(e.code),
  };
}

function stringCode(code: unknown): string | undefined {
  return typeof code === 'string' ? code : undefined;
}

function kindOfAppError(error: AppError): ErrorKind {
  switch (error.code) {
    case 'NOT_FOUND':
      return 'not-found';
    case 'CONFLICT':
      return 'conflict';
    case 'VALIDATION_FAILED':
      return 'validation';
    case 'DATABASE_NOT_READY':
    case 'DATABASE_UNAVAILABLE':
      return 'database-unavailable';
    case 'INTERNAL':
      return 'incident';
    default:
      return 'app';
  }
}
