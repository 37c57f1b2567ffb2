// The one mapping from errors to HTTP. Prisma 7 with adapter-pg raises P-codes for some failures
// and leaves others as plain pg errors without a code ("Connection terminated unexpectedly",
// "Query read timeout"); both kinds of database failure are 503, never 500 (see DESIGN.md).
import { AppError, type ErrorCode } from './errors.ts';

export type ErrorKind = 'app' | 'database-unavailable' | 'not-found' | 'conflict' | 'validation' | 'incident';

export interface MappedError {
  status: number;
  code: ErrorCode;
  message: string;
  kind: ErrorKind;
  /** Prisma or pg code, when there is one. */
  sourceCode?: string;
}

/** Prisma codes that mean "the database cannot be reached or did not answer in time". */
const UNAVAILABLE_PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P1000', 'P1003', 'P1011']);

/** Driver-adapter error kinds (meta.driverAdapterError.cause.kind) that mean the same. */
const UNAVAILABLE_ADAPTER_KINDS = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TlsConnectionError',
  'TooManyConnections',
  'DatabaseDoesNotExist',
  'AuthenticationFailed',
]);

/** Node socket errors. */
const UNAVAILABLE_SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/** PostgreSQL SQLSTATEs: 57P01-03 admin/crash shutdown, cannot connect now; 53300 too many connections; 57014 statement timeout; 08xxx connection exceptions. */
const UNAVAILABLE_SQLSTATES = /^(08...|57P0[1-3]|53300|57014)$/;

/** Messages of pg errors that carry no code. */
const UNAVAILABLE_MESSAGES = [
  /connection terminated/i,
  /query read timeout/i,
  /timeout exceeded when trying to connect/i,
  /connection timeout/i,
  /client has encountered a connection error/i,
  /cannot use a pool after calling end/i,
  /client was closed and is not queryable/i,
  /server closed the connection unexpectedly/i,
  /terminating connection/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /can't reach database server/i,
  /connection refused/i,
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

/** True when an error (or anything in its cause chain) says the database is unavailable. */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (depth > 5) return false;
  const e = asInspectable(error);
  const code = typeof e.code === 'string' ? e.code : undefined;
  if (
    code !== undefined &&
    (UNAVAILABLE_PRISMA_CODES.has(code) || UNAVAILABLE_SOCKET_CODES.has(code) || UNAVAILABLE_SQLSTATES.test(code))
  )
    return true;
  const adapterCause = e.meta?.driverAdapterError?.cause;
  if (typeof adapterCause?.kind === 'string' && UNAVAILABLE_ADAPTER_KINDS.has(adapterCause.kind)) return true;
  if (typeof adapterCause?.originalCode === 'string' && UNAVAILABLE_SQLSTATES.test(adapterCause.originalCode))
    return true;
  if (e.name === 'PrismaClientInitializationError') return true;
  const message = typeof e.message === 'string' ? e.message : '';
  if (UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message))) return true;
  return e.cause !== undefined && isDatabaseUnavailable(e.cause, depth + 1);
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
