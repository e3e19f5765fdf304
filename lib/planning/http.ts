import type { z } from 'zod';
import { BadRequestError, ConflictError, errorResponse } from '../api/errors';
import { FixStepError, StaleFixError } from './errors';

/** The request's JSON body checked against a schema; a clear 400 naming the field otherwise. */
export async function parseBody<T extends z.ZodType>(request: Request, schema: T): Promise<z.infer<T>> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new BadRequestError('the request body must be JSON');
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    throw new BadRequestError(`${where}${issue.message}`);
  }
  return parsed.data;
}

export function parseId(value: string, what: string): number {
  if (!/^\d{1,9}$/.test(value) || Number(value) === 0) throw new BadRequestError(`${what} id must be a positive whole number`);
  return Number(value);
}

/** errorResponse, with the planner's lifecycle errors answered 409 and the current record. */
export function planningErrorResponse(error: unknown): Response {
  if (error instanceof StaleFixError || error instanceof FixStepError) {
    return errorResponse(new ConflictError(error.message, { current: error.current }));
  }
  return errorResponse(error);
}
