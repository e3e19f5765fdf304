import { createHash } from 'node:crypto';
import { findStoredAnswer, type KeyOwner, lockIdempotencyKey, storeAnswer } from '../../db/queries/idempotency-keys';
import type { Db } from '../../db/schema';
import { say } from '../i18n/say';
import { BadRequestError } from './errors';

import { IDEMPOTENCY_HEADER } from './idempotency-header';

export { IDEMPOTENCY_HEADER };
/** Set on an answer that is the stored first answer to an earlier request with the same key. */
export const REPLAYED_HEADER = 'Idempotent-Replayed';

// 1–255 printable ASCII characters (space to tilde); a header's own surrounding spaces are already trimmed.
const KEY_PATTERN = /^[\x20-\x7e]{1,255}$/;

/** The key was first used for a different request (another body, path or method): 422. */
export class IdempotencyKeyReusedError extends Error {
  constructor() {
    super(
      say(
        '该 Idempotency-Key 已用于另一个请求；新请求请使用新的键',
        'this Idempotency-Key was already used for a different request; use a new key for a new request',
      ),
    );
    this.name = 'IdempotencyKeyReusedError';
  }
}

/** The request's Idempotency-Key, null without one; 400 for a key that is not 1–255 printable ASCII characters. */
export function idempotencyKeyOf(request: Request): string | null {
  const key = request.headers.get(IDEMPOTENCY_HEADER);
  if (key === null) return null;
  if (!KEY_PATTERN.test(key))
    throw new BadRequestError(
      say(`${IDEMPOTENCY_HEADER} 必须是 1–255 个可打印的 ASCII 字符`, `${IDEMPOTENCY_HEADER} must be 1–255 printable ASCII characters`),
    );
  return key;
}

/** JSON with object keys sorted, so the same body written in another key order has the same fingerprint. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([name, item]) => `${JSON.stringify(name)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const sha256 = (bytes: string | Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A form by its fields; a file by its name, type and the SHA-256 of its bytes (a retry has a new boundary). */
async function formFields(form: FormData): Promise<[string, string][]> {
  const fields: [string, string][] = [];
  for (const [name, value] of form.entries()) {
    fields.push([
      name,
      typeof value === 'string' ? value : `file:${value.name}:${value.type}:${sha256(new Uint8Array(await value.arrayBuffer()))}`,
    ]);
  }
  return fields.sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : 1) : a < b ? -1 : 1));
}

/** What makes two requests the same request: method, path and query, and the parsed body or form. */
export async function requestFingerprint(request: Request, body: unknown, form: FormData | undefined): Promise<string> {
  const url = new URL(request.url);
  const content = form ? await formFields(form) : body;
  return sha256(canonicalJson([request.method, url.pathname, url.search, content ?? null]));
}

function replay(answer: { status: number; contentType: string | null; body: string }): Response {
  const headers = new Headers({ [REPLAYED_HEADER]: 'true' });
  if (answer.contentType) headers.set('Content-Type', answer.contentType);
  return new Response(answer.body, { status: answer.status, headers });
}

/**
 * Answers a request sent with an Idempotency-Key once. In one transaction: the key is locked (a parallel
 * request with it waits here), an earlier answer under it is replayed (422 when it was for another request);
 * otherwise `run` does the writes in this transaction and its answer is stored with them, so both commit or
 * neither does. A thrown error rolls everything back and keeps nothing: the key may be retried.
 */
export function answerOnce(db: Db, owner: KeyOwner, fingerprint: string, run: (trx: Db) => Promise<Response>): Promise<Response> {
  return db.transaction().execute(async (trx) => {
    await lockIdempotencyKey(trx, owner);
    const stored = await findStoredAnswer(trx, owner);
    if (stored) {
      if (stored.fingerprint !== fingerprint) throw new IdempotencyKeyReusedError();
      return replay(stored);
    }
    const response = await run(trx);
    const body = await response.text();
    await storeAnswer(trx, owner, { fingerprint, status: response.status, contentType: response.headers.get('content-type'), body });
    return new Response(body, { status: response.status, headers: response.headers });
  });
}
