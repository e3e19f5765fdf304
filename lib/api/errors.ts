import { say } from '../i18n/say';
import type { FieldError } from './field-errors';

/**
 * The errors any layer may throw to refuse a request. Which status and machine code each answers with is
 * decided in one place, `error-table.ts`; these classes only carry the message and the details.
 */

/** A request the client got wrong: 400 with the message (and any details) in JSON. */
export class BadRequestError extends Error {
  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'BadRequestError';
  }
}

/** Path parameters, query or body failed their schema: 400 with one `{ field, message }` per problem. */
export class ValidationError extends Error {
  constructor(
    message: string,
    readonly errors: FieldError[],
  ) {
    super(message);
    this.name = 'ValidationError';
  }
}

/** The body is not JSON at all (or not UTF-8): 400. */
export class InvalidJsonError extends Error {
  constructor(message = say('请求体不是有效的 JSON', 'the body is not valid JSON')) {
    super(message);
    this.name = 'InvalidJsonError';
  }
}

/** The body is not of the media type the route reads: 415. */
export class UnsupportedMediaTypeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedMediaTypeError';
  }
}

/** A body over the route's limit: 413 naming the limit, refused before (or while) it is read. */
export class PayloadTooLargeError extends Error {
  constructor(
    readonly limitBytes: number,
    what = say('请求体', 'the request body'),
  ) {
    super(say(`${what}超过了 ${formatBytes(limitBytes)} 的上限`, `${what} is larger than the limit of ${formatBytes(limitBytes)}`));
    this.name = 'PayloadTooLargeError';
  }
}

/** An OGC API `filter` that is not CQL2 text this server understands, or names what is not a queryable: 400. */
export class InvalidFilterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidFilterError';
  }
}

/** A `crs`, `bbox-crs` or `filter-crs` the OGC API does not serve: 400. */
export class UnsupportedCrsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedCrsError';
  }
}

export class NotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

/** No valid session: 401. */
export class UnauthorizedError extends Error {
  constructor(message = say('请先登录', 'sign in first')) {
    super(message);
    this.name = 'UnauthorizedError';
  }
}

/** A personal API token its owner revoked: 401 with its own code, so a client knows to ask for a new one. */
export class ApiTokenRevokedError extends Error {
  constructor(message = say('该 API 令牌已被吊销', 'this API token has been revoked')) {
    super(message);
    this.name = 'ApiTokenRevokedError';
  }
}

/** A personal API token past its expiry: 401 with its own code. */
export class ApiTokenExpiredError extends Error {
  constructor(message = say('该 API 令牌已过期', 'this API token has expired')) {
    super(message);
    this.name = 'ApiTokenExpiredError';
  }
}

/** Signed in, but the role or village scope does not allow it: 403. */
export class ForbiddenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ForbiddenError';
  }
}

/** The request conflicts with the record's current state: 409. */
export class ConflictError extends Error {
  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ConflictError';
  }
}

/** Well-formed but not acceptable (a rule of the domain refuses it): 422. */
export class UnprocessableError extends Error {
  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'UnprocessableError';
  }
}

/** Too many attempts: 429 with Retry-After. */
export class TooManyRequestsError extends Error {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
    this.name = 'TooManyRequestsError';
  }
}

/** The database cannot be opened (data folder locked, server down, migration failed): 503 with the reason. */
export class DatabaseUnavailableError extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = 'DatabaseUnavailableError';
  }
}

/** A limit as people read it: whole mebibytes as "10 MB" (as the rest of the product writes them), else bytes. */
export function formatBytes(bytes: number): string {
  return bytes % 1048576 === 0 ? `${bytes / 1048576} MB` : `${bytes.toLocaleString('en')} bytes`;
}
