import { z } from 'zod';
import { say } from '../i18n/say';
import { dateProblem, isPlausibleDate } from '../time';
import { BadRequestError } from './errors';
import { parseOrThrow } from './field-errors';

/**
 * Path and query parameters, read the one way every route reads them. A path parameter is a string checked by
 * `pathValue`. Query parameters: the query string becomes an object (a name given
 * once is a string, a repeated name an array; blank values count as absent) and a zod schema built from the
 * helpers below checks it. Each helper takes the parameter's name so its messages name it.
 */

type RawValue = string | string[] | undefined;

/** The query string as the schemas see it. */
export function queryObject(params: URLSearchParams): Record<string, string | string[]> {
  const object: Record<string, string | string[]> = {};
  for (const name of new Set(params.keys())) {
    const values = params.getAll(name).filter((value) => value.trim() !== '');
    if (values.length > 0) object[name] = values.length === 1 ? (values[0] as string) : values;
  }
  return object;
}

/** Checks a query string against a schema of query helpers; a failure is a 400 naming each parameter. */
export function parseQuery<S extends z.ZodType>(params: URLSearchParams, schema: S): z.output<S> {
  return parseOrThrow(schema, queryObject(params));
}

const raw = z.union([z.string(), z.array(z.string())]).optional();

/** Runs a parser inside a zod transform: the BadRequestError it throws becomes the field's issue. */
export function asIssue<T>(read: () => T, ctx: z.RefinementCtx): T {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof BadRequestError)) throw error;
    ctx.addIssue({ code: 'custom', message: error.message });
    return z.NEVER;
  }
}

/**
 * A single-valued parameter converted by `read` (called with null when absent, the trimmed text otherwise),
 * which returns the value or throws a BadRequestError saying what is wrong. Given twice, it is refused.
 */
export function queryValue<T>(name: string, read: (text: string | null) => T) {
  return raw.transform((value: RawValue, ctx): T => {
    if (Array.isArray(value)) {
      ctx.addIssue({ code: 'custom', message: say(`${name} 只能给出一次`, `${name} may be given once`) });
      return z.NEVER;
    }
    return asIssue(() => read(value === undefined ? null : value.trim()), ctx);
  });
}

/** A path parameter converted by `read`, which throws a BadRequestError when the text is not acceptable. */
export function pathValue<T>(read: (text: string) => T) {
  return z.string().transform((text, ctx): T => asIssue(() => read(text), ctx));
}

/** The whole query as a URLSearchParams for an existing parser of several parameters at once. */
export function queryWith<T>(read: (params: URLSearchParams) => T) {
  return z.record(z.string(), raw).transform((object, ctx) => {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(object)) for (const item of [value ?? []].flat()) params.append(name, item);
    return asIssue(() => read(params), ctx);
  });
}

/** Values of a repeatable or comma-separated parameter, trimmed, without blanks or repeats. */
export function listValues(value: RawValue): string[] {
  const values = [value ?? []]
    .flat()
    .flatMap((item) => item.split(','))
    .map((item) => item.trim())
    .filter(Boolean);
  return [...new Set(values)];
}

/** A repeatable or comma-separated list; with `allowed`, every value must be one of them. */
export function queryList<const T extends string = string>(name: string, allowed?: readonly T[]) {
  return raw.transform((value, ctx) => {
    const values = listValues(value);
    const unknown = allowed && values.find((item) => !(allowed as readonly string[]).includes(item));
    if (unknown !== undefined) {
      ctx.addIssue({
        code: 'custom',
        message: say(
          `未知的 ${name}“${unknown.slice(0, 40)}”；请使用 ${allowed?.join('、')} 之一`,
          `unknown ${name} "${unknown.slice(0, 40)}"; use one of ${allowed?.join(', ')}`,
        ),
      });
      return z.NEVER;
    }
    return values as T[];
  });
}

/** Optional text of at most `max` characters. */
export function queryText(name: string, max: number) {
  return queryValue(name, (text) => {
    if (text !== null && text.length > max)
      throw new BadRequestError(say(`${name} 最多 ${max} 个字符`, `${name} must be at most ${max} characters`));
    return text ?? undefined;
  });
}

/** Optional whole number (digits only: no sign, exponent or spaces) from `min` to `max`. */
export function queryWholeNumber(name: string, min: number, max: number) {
  return queryValue(name, (text) => {
    if (text === null) return undefined;
    const value = /^\d{1,15}$/.test(text) ? Number(text) : NaN;
    if (!(value >= min && value <= max))
      throw new BadRequestError(say(`${name} 必须是 ${min} 到 ${max} 的整数`, `${name} must be a whole number from ${min} to ${max}`));
    return value;
  });
}

/** Optional decimal number written with digits and an optional fraction, from `min` to `max`. */
export function queryNumber(name: string, min: number, max: number) {
  return queryValue(name, (text) => {
    if (text === null) return undefined;
    const value = /^\d{1,15}(\.\d{1,15})?$/.test(text) ? Number(text) : NaN;
    if (!(value >= min && value <= max))
      throw new BadRequestError(say(`${name} 必须是 ${min} 到 ${max} 的数`, `${name} must be a number from ${min} to ${max}`));
    return value;
  });
}

/** Optional choice among fixed values. */
export function queryChoice<const T extends string>(name: string, values: readonly T[]) {
  return queryValue(name, (text) => {
    if (text === null) return undefined;
    if (!(values as readonly string[]).includes(text))
      throw new BadRequestError(say(`${name} 必须是 ${values.join('、')} 之一`, `${name} must be one of ${values.join(', ')}`));
    return text as T;
  });
}

/** Optional `true` or `false`. */
export function queryBoolean(name: string) {
  return queryValue(name, (text) => {
    if (text === null) return undefined;
    if (text !== 'true' && text !== 'false')
      throw new BadRequestError(say(`${name} 必须是 true 或 false`, `${name} must be true or false`));
    return text === 'true';
  });
}

/** Optional date written YYYY-MM-DD: one that exists (no 30 February), within the product's dates. */
export function queryDate(name: string) {
  return queryValue(name, (text) => {
    if (text === null) return undefined;
    if (!isPlausibleDate(text)) throw new BadRequestError(`${dateProblem(name)}${say('，收到的是', ', got ')}"${text.slice(0, 40)}"`);
    return text;
  });
}
