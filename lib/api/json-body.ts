import type { z } from 'zod';
import { BadRequestError } from './errors';
import { fieldErrors } from './field-errors';

/** Largest JSON body an API accepts; uploads have their own limits. */
const MAX_JSON_BYTES = 1_000_000;

/** Reads and validates a JSON body; any problem is a 400 naming the field. */
export async function readJsonBody<T>(request: Request, schema: z.ZodType<T>): Promise<T> {
  if (!(request.headers.get('content-type') ?? '').includes('application/json')) {
    throw new BadRequestError('the body must be JSON (Content-Type: application/json)');
  }
  const text = await request.text();
  if (text.length > MAX_JSON_BYTES) throw new BadRequestError(`the body is larger than ${MAX_JSON_BYTES} bytes`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new BadRequestError('the body is not valid JSON');
  }
  const result = schema.safeParse(value);
  if (!result.success) {
    const errors = fieldErrors(result.error);
    const message = errors.map((e) => (!e.field || e.message.includes(e.field) ? e.message : `${e.field}: ${e.message}`)).join('; ');
    throw new BadRequestError(message, { errors });
  }
  return result.data;
}
