import { type Kysely, sql } from 'kysely';

/**
 * Personal API tokens, for desktop GIS (QGIS, GDAL) that cannot sign in with a cookie. Only the SHA-256 of a
 * token is stored, like sessions. A token is never deleted by its owner, only revoked, so its name stays
 * readable next to its last use; it goes when its user does.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE api_tokens (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
    token_hash text NOT NULL UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    revoked_at timestamptz,
    last_used_at timestamptz,
    CHECK (expires_at > created_at)
  )`.execute(db);
  await sql`CREATE INDEX api_tokens_user_idx ON api_tokens (user_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS api_tokens`.execute(db);
}
