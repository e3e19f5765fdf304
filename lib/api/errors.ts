/** A request the client got wrong: answered 400 with the message (and any details, e.g. every bad field) in JSON. */
export class BadRequestError extends Error {
  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'BadRequestError';
  }
}

export class NotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

/** No valid session: answered 401. */
export class UnauthorizedError extends Error {
  constructor(message = 'sign in first') {
    super(message);
    this.name = 'UnauthorizedError';
  }
}

/** Signed in, but the role or village scope does not allow it: answered 403. */
export class ForbiddenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ForbiddenError';
  }
}

/** The request conflicts with the record's current state (stale version, illegal step): answered 409. */
export class ConflictError extends Error {
  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ConflictError';
  }
}

/** Well-formed but not acceptable (a rule of the domain refuses it): answered 422. */
export class UnprocessableError extends Error {
  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'UnprocessableError';
  }
}

/** Too many attempts: answered 429 with Retry-After. */
export class TooManyRequestsError extends Error {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
    this.name = 'TooManyRequestsError';
  }
}

/** Turns an error into the JSON response every API route gives: 4xx for the client's, 500 otherwise. */
export function errorResponse(error: unknown): Response {
  if (error instanceof BadRequestError) return Response.json({ error: error.message, ...error.details }, { status: 400 });
  if (error instanceof UnauthorizedError) return Response.json({ error: error.message }, { status: 401 });
  if (error instanceof ForbiddenError) return Response.json({ error: error.message }, { status: 403 });
  if (error instanceof NotFoundError) return Response.json({ error: error.message }, { status: 404 });
  if (error instanceof ConflictError) return Response.json({ error: error.message, ...error.details }, { status: 409 });
  if (error instanceof UnprocessableError) return Response.json({ error: error.message, ...error.details }, { status: 422 });
  if (error instanceof TooManyRequestsError) {
    return Response.json({ error: error.message }, { status: 429, headers: { 'Retry-After': String(error.retryAfterSeconds) } });
  }
  if (error instanceof Error && error.name === 'PayloadTooLargeError') return Response.json({ error: error.message }, { status: 413 });
  console.error(error);
  return Response.json({ error: 'Internal server error' }, { status: 500 });
}
