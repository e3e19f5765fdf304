import { type Kysely, sql } from 'kysely';

/**
 * A user whose password an administrator has reset signs in with the temporary password and must choose a
 * new one before anything else; the flag clears when they do.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE users ADD COLUMN must_change_password boolean NOT NULL DEFAULT false`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE users DROP COLUMN IF EXISTS must_change_password`.execute(db);
}
