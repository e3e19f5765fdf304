import { z } from 'zod';
import { say } from '../i18n/say';
import { refuseControlText } from './control-text';
import { InvalidJsonError, PayloadTooLargeError, UnsupportedMediaTypeError } from './errors';
import { parseOrThrow } from './field-errors';

/** Largest JSON body a route accepts unless it declares its own limit; uploads have their own limits. */
export const DEFAULT_JSON_LIMIT_BYTES = 1024 * 1024;

/** The media type of a Content-Type header, without parameters, lower case (`application/json; charset=utf-8` → `application/json`). */
export function mediaType(request: Request): string {
  return (request.headers.get('content-type') ?? '').split(';', 1)[0]?.trim().toLowerCase() ?? '';
}

/**
 * The body's bytes, refused with 413 as soon as it is known to exceed `limitBytes`: from a declared
 * Content-Length before anything is read, else while reading, so an oversized body is never buffered whole.
 */
async function readBodyBytes(request: Request, limitBytes: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (declared > limitBytes) throw new PayloadTooLargeError(limitBytes);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limitBytes) {
      await reader.cancel();
      throw new PayloadTooLargeError(limitBytes);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(utf8.decode(bytes));
  } catch {
    throw new InvalidJsonError();
  }
}

/** JSON written inside a text field (a form field, a query parameter), checked by `schema`. */
export function jsonText<S extends z.ZodType>(schema: S) {
  return z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: say('不是有效的 JSON', 'is not valid JSON') });
        return z.NEVER;
      }
    })
    .pipe(schema);
}

/**
 * Reads and validates a JSON body: 415 unless it is `application/json`, 413 over the limit, 400 when it is
 * not JSON, and 400 naming every bad field when it does not fit the schema.
 */
export async function readJsonBody<S extends z.ZodType>(
  request: Request,
  schema: S,
  limitBytes = DEFAULT_JSON_LIMIT_BYTES,
): Promise<z.output<S>> {
  if (mediaType(request) !== 'application/json') {
    throw new UnsupportedMediaTypeError(
      say('请求体必须是 JSON（Content-Type: application/json）', 'the body must be JSON (Content-Type: application/json)'),
    );
  }
  const value = parseJson(await readBodyBytes(request, limitBytes));
  refuseControlText(value, () => say('请求体', 'the body'));
  return parseOrThrow(schema, value);
}
