/** A request the client got wrong: answered 400 with the message in JSON. */
export class BadRequestError extends Error {
  constructor(message: string) {
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

/** Turns an error into the JSON response every API route gives: 400/404 for the client's, 500 otherwise. */
export function errorResponse(error: unknown): Response {
  if (error instanceof BadRequestError) return Response.json({ error: error.message }, { status: 400 });
  if (error instanceof NotFoundError) return Response.json({ error: error.message }, { status: 404 });
  console.error(error);
  return Response.json({ error: 'Internal server error' }, { status: 500 });
}
