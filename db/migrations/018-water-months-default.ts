import { type Kysely, sql } from 'kysely';

/**
 * A water source is usable all year unless someone says otherwise: hydrant lists and drawn points rarely name
 * months, and a missing value must not stop a new source from being added.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE water_sources_all ALTER COLUMN usable_months SET DEFAULT ARRAY[1,2,3,4,5,6,7,8,9,10,11,12]`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE water_sources_all ALTER COLUMN usable_months DROP DEFAULT`.execute(db);
}
