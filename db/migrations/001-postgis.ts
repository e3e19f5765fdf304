import { type Kysely, sql } from 'kysely';

// The PostGIS extension itself is created by db/client.ts before migrating (it needs a clear error
// when the server lacks PostGIS); this migration records that the schema depends on it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE EXTENSION IF NOT EXISTS postgis`.execute(db);
}

export async function down(): Promise<void> {
  // Keep the extension: other schemas in the same database may use it.
}
