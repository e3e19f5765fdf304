import { sql } from 'kysely';
import type { Db } from '../schema';

/**
 * How long a key's answer is kept: a retry after that is a new request. A phone may be out of signal for days,
 * and its exported outbox may reach the office later still, so a month rather than the usual day.
 */
export const IDEMPOTENCY_KEY_HOURS = 30 * 24;

export interface StoredAnswer {
  fingerprint: string;
  status: number;
  contentType: string | null;
  body: string;
}

export interface KeyOwner {
  userId: number;
  key: string;
}

/**
 * Holds the key until the caller's transaction ends, so a second request with the same key waits for the
 * first to commit (or roll back) and then sees its answer. Must run inside a transaction.
 */
export async function lockIdempotencyKey(trx: Db, owner: KeyOwner): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`idempotency:${owner.userId}:${owner.key}`}, 0))`.execute(trx);
}

/** The answer first given under this user's key within the kept time, if any. */
export async function findStoredAnswer(db: Db, owner: KeyOwner): Promise<StoredAnswer | undefined> {
  const row = await db
    .selectFrom('idempotency_keys')
    .select(['fingerprint', 'status', 'content_type', 'body'])
    .where('user_id', '=', owner.userId)
    .where('key', '=', owner.key)
    .where('created_at', '>', sql<Date>`now() - make_interval(hours => ${IDEMPOTENCY_KEY_HOURS}::int)`)
    .executeTakeFirst();
  return row && { fingerprint: row.fingerprint, status: row.status, contentType: row.content_type, body: row.body };
}

/** Keeps the answer under the key (replacing a stale one) and drops keys older than the kept time. */
export async function storeAnswer(db: Db, owner: KeyOwner, answer: StoredAnswer): Promise<void> {
  await db
    .deleteFrom('idempotency_keys')
    .where('created_at', '<=', sql<Date>`now() - make_interval(hours => ${IDEMPOTENCY_KEY_HOURS}::int)`)
    .execute();
  const row = {
    user_id: owner.userId,
    key: owner.key,
    fingerprint: answer.fingerprint,
    status: answer.status,
    content_type: answer.contentType,
    body: answer.body,
  };
  await db
    .insertInto('idempotency_keys')
    .values(row)
    .onConflict((conflict) => conflict.columns(['user_id', 'key']).doUpdateSet({ ...row, created_at: sql<Date>`now()` }))
    .execute();
}
