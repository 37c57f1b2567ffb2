// Maps a transport failure (no HTTP status) to the few classes checks reason about. undici and
// Node report the same condition in several shapes (a code on the error or on its cause, undici's
// own UND_ERR_* codes, an AbortSignal's TimeoutError), so the mapping lives in one place.
import type { ErrorClass } from '../timeline/types.ts';

const REFUSED = new Set(['ECONNREFUSED']);
// The peer went away mid-request: a reset, a broken pipe, or undici's "other side closed".
const RESET = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'ECONNABORTED']);
const TIMEOUT = new Set([
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'TimeoutError',
]);

function codesOf(error: unknown): string[] {
  const codes: string[] = [];
  const seen = new Set<unknown>();
  const visit = (value: unknown, depth: number): void => {
    if (value === null || typeof value !== 'object' || seen.has(value) || depth > 4) return;
    seen.add(value);
    const { code, name, cause, errors } = value as {
      code?: unknown;
      name?: unknown;
      cause?: unknown;
      errors?: unknown;
    };
    if (typeof code === 'string') codes.push(code);
    if (typeof name === 'string') codes.push(name);
    visit(cause, depth + 1);
    if (Array.isArray(errors)) for (const inner of errors) visit(inner, depth + 1);
  };
  visit(error, 0);
  return codes;
}

/** `timedOut` is the caller's own knowledge that its per-request timeout fired. */
export function classifyError(error: unknown, timedOut = false): Exclude<ErrorClass, 'dropped'> {
  if (timedOut) return 'timeout';
  const codes = codesOf(error);
  if (codes.some((code) => REFUSED.has(code))) return 'ECONNREFUSED';
  if (codes.some((code) => TIMEOUT.has(code))) return 'timeout';
  if (codes.some((code) => RESET.has(code))) return 'ECONNRESET';
  return 'other';
}
