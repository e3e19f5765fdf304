import { type Kysely, sql } from 'kysely';

/**
 * Idempotency keys: the first answer to a write sent with an `Idempotency-Key` header, per user, so a client
 * that retries (a phone on a bad connection) gets that answer again instead of a second write. The request's
 * fingerprint tells a true retry from a different request reusing the key. Rows older than a day are stale.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE idempotency_keys (
    user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    key text NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
    fingerprint text NOT NULL CHECK (fingerprint ~ '^[0-9a-f]{64}$'),
    status integer NOT NULL CHECK (status BETWEEN 100 AND 599),
    content_type text,
    body text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, key)
  )`.execute(db);
  await sql`CREATE INDEX idempotency_keys_created_at_idx ON idempotency_keys (created_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS idempotency_keys`.execute(db);
}
