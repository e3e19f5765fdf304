import { type Kysely, sql } from 'kysely';
import { ROLES } from '../../lib/domain/enums';

/**
 * Accounts and sessions, kept in the product's own database on both engines.
 * - users: role and, for scoped roles, the villages they may see; `active = false` locks the user out at once.
 * - sessions: only the SHA-256 of the session token is stored, so a leaked table gives no usable cookie.
 * - sign_in_attempts: failed and successful sign-ins, read by the rate limit and kept for 责任倒查.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const roles = sql.join(ROLES.map((role) => sql.lit(role)));
  await sql`CREATE TABLE users (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username text NOT NULL CHECK (username ~ '^[a-z0-9_.-]{2,40}$'),
    display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
    role text NOT NULL CHECK (role IN (${roles})),
    villages text[] CHECK (villages IS NULL OR cardinality(villages) > 0),
    password_hash text NOT NULL,
    active boolean NOT NULL DEFAULT true,
    version integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT users_village_officer_has_one_village CHECK (role <> 'village' OR cardinality(villages) = 1),
    CONSTRAINT users_inspector_has_villages CHECK (role <> 'inspector' OR villages IS NOT NULL),
    CONSTRAINT users_town_roles_unscoped CHECK (role IN ('inspector', 'village') OR villages IS NULL)
  )`.execute(db);
  await sql`CREATE UNIQUE INDEX users_username_idx ON users (username)`.execute(db);
  await sql`CREATE TABLE sessions (
    token_hash text PRIMARY KEY,
    user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    ip text,
    user_agent text
  )`.execute(db);
  await sql`CREATE INDEX sessions_user_idx ON sessions (user_id)`.execute(db);
  await sql`CREATE TABLE sign_in_attempts (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT now(),
    username text NOT NULL,
    ip text,
    succeeded boolean NOT NULL
  )`.execute(db);
  await sql`CREATE INDEX sign_in_attempts_username_idx ON sign_in_attempts (username, at)`.execute(db);
  await sql`CREATE INDEX sign_in_attempts_ip_idx ON sign_in_attempts (ip, at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS sign_in_attempts`.execute(db);
  await sql`DROP TABLE IF EXISTS sessions`.execute(db);
  await sql`DROP TABLE IF EXISTS users`.execute(db);
}
