import { z } from 'zod';
import { say } from '../i18n/say';
import { BadRequestError } from './errors';
import { pathValue, queryValue } from './query';

/** Largest PostgreSQL `integer`, the type of every id column. */
export const MAX_ID = 2_147_483_647;

/**
 * A record id as written in a path, a query or a form field: decimal digits without sign, spaces, exponent
 * or leading zeros, from 1 to MAX_ID. Anything else is not an id at all (400), never looked up, so 0 and
 * 2^31 are refused the same way as "abc"; a well-formed id without a record is a 404.
 */
export function parseId(text: string): number | null {
  if (!/^[1-9]\d{0,9}$/.test(text)) return null;
  const id = Number(text);
  return id <= MAX_ID ? id : null;
}

/** The Chinese names of the ids the paths take; field names (`building_id`) are shown as they are. */
const ID_NAMES_ZH: Record<string, string> = {
  'hazard id': '隐患编号',
  'passage fix id': '通道整治措施编号',
  'photo id': '照片编号',
  'scenario id': '方案编号',
  'token id': '令牌编号',
  'user id': '用户编号',
  'feature id': '要素编号',
};

const idMessage = (what: string) =>
  say(`${ID_NAMES_ZH[what] ?? what} 必须是不超过 ${MAX_ID} 的正整数`, `${what} must be a positive whole number up to ${MAX_ID}`);

/** `text` as a record id, or a 400 naming `what`. */
export function requireId(text: string, what: string): number {
  return parseId(text) ?? refuse(what);
}

/**
 * A map feature's id as written in a path: a village is known by its 12-digit code, every other feature by its
 * record id. Anything else is a 400, like any malformed id.
 */
export function requireFeatureId(text: string, idType: 'integer' | 'string'): number | string {
  if (idType === 'integer') return requireId(text, 'feature id');
  if (!/^\d{12}$/.test(text))
    throw new BadRequestError(say('村要素的 id 是其 12 位村代码', 'a village feature id is its 12-digit village code'));
  return text;
}

/** A path parameter that is a record id, e.g. `params: z.object({ id: pathId('hazard id') })`. */
export function pathId(what: string) {
  return pathValue((text) => requireId(text, what));
}

/** An optional query parameter that is a record id. */
export function queryId(name: string) {
  return queryValue(name, (text) => {
    if (text === null) return undefined;
    return parseId(text) ?? refuse(name);
  });
}

/** An optional form field (multipart) that is a record id. */
export function formId(form: FormData, name: string): number | null {
  const value = form.get(name);
  if (value === null) return null;
  return (typeof value === 'string' ? parseId(value) : null) ?? refuse(name);
}

function refuse(what: string): never {
  throw new BadRequestError(idMessage(what));
}

/** A record id inside a JSON body. */
export function jsonId(field: string) {
  return wholeNumberUpToMaxId(field, () => idMessage(field));
}

/** The version a user saw (optimistic concurrency): a version column is an `integer` like the ids. */
export function jsonVersion(field = 'version') {
  return wholeNumberUpToMaxId(field, () => idMessage(field));
}

/** `message` is called when a value is refused, so it is worded in the request's language. */
function wholeNumberUpToMaxId(field: string, message: () => string) {
  return z
    .number({ error: (issue) => (issue.input === undefined ? say(`请给出 ${field}`, `${field} is required`) : message()) })
    .int({ error: message })
    .min(1, { error: message })
    .max(MAX_ID, { error: message });
}
