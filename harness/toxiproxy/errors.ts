// Errors the Toxiproxy API answers with. The messages and statuses are Toxiproxy 2.12's: clients
// and people match on them. The HTTP layer turns any of these into `{"error", "status"}` in one place.

export type ToxiproxyErrorCode =
  | 'BAD_REQUEST_BODY'
  | 'MISSING_FIELD'
  | 'PROXY_NOT_FOUND'
  | 'PROXY_ALREADY_EXISTS'
  | 'INVALID_STREAM'
  | 'INVALID_TOXIC_TYPE'
  | 'TOXIC_ALREADY_EXISTS'
  | 'TOXIC_NOT_FOUND'
  | 'LISTEN_FAILED';

export class ToxiproxyApiError extends Error {
  readonly code: ToxiproxyErrorCode;
  readonly status: number;

  constructor(code: ToxiproxyErrorCode, message: string, status: number, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ToxiproxyApiError';
    this.code = code;
    this.status = status;
  }

  toJSON(): { error: string; status: number } {
    return { error: this.message, status: this.status };
  }
}

export const apiErrors = {
  badRequestBody: (detail: string, cause?: unknown) =>
    new ToxiproxyApiError('BAD_REQUEST_BODY', `bad request body: ${detail}`, 400, { cause }),
  missingField: (field: string) => new ToxiproxyApiError('MISSING_FIELD', `missing required field: ${field}`, 400),
  proxyNotFound: () => new ToxiproxyApiError('PROXY_NOT_FOUND', 'proxy not found', 404),
  proxyAlreadyExists: () => new ToxiproxyApiError('PROXY_ALREADY_EXISTS', 'proxy already exists', 409),
  invalidStream: () =>
    new ToxiproxyApiError('INVALID_STREAM', 'stream was invalid, can be either upstream or downstream', 400),
  invalidToxicType: () => new ToxiproxyApiError('INVALID_TOXIC_TYPE', 'invalid toxic type', 400),
  toxicAlreadyExists: () => new ToxiproxyApiError('TOXIC_ALREADY_EXISTS', 'toxic already exists', 409),
  toxicNotFound: () => new ToxiproxyApiError('TOXIC_NOT_FOUND', 'toxic not found', 404),
  /** Toxiproxy reports a failed listen as an unclassified error: 500 with Go's message. */
  listenFailed: (message: string, cause?: unknown) => new ToxiproxyApiError('LISTEN_FAILED', message, 500, { cause }),
};
