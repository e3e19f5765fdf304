import { type Kysely, sql } from 'kysely';

/**
 * A spacing hazard (防火间距不足) concerns two buildings: the linked one and the building it stands too close to.
 * The pair may straddle a village line, so the second building's village is not the hazard's.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE hazards ADD COLUMN paired_building_id integer REFERENCES buildings(id)`.execute(db);
  await sql`ALTER TABLE hazards ADD CONSTRAINT hazards_paired_building_needs_building
    CHECK (paired_building_id IS NULL OR (building_id IS NOT NULL AND paired_building_id <> building_id))`.execute(db);
  await sql`CREATE INDEX hazards_paired_building_id_idx ON hazards (paired_building_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE hazards DROP COLUMN IF EXISTS paired_building_id`.execute(db);
}
