import { type Kysely, sql } from 'kysely';
import { BASE_TABLES, createBaseView } from './base-tables';

/**
 * Base features get a version (an edit based on an older one is refused) and can be retired instead of deleted
 * (an import that no longer lists a feature, or a deletion in the browser): the rows move behind views of the
 * current ones, so nothing that reads the town changes and hazard history still finds what it linked to.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // The version is raised here, by the database, so no writer (form, import, field check, seed) can forget it.
  await sql`CREATE FUNCTION raise_feature_version() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN NEW.version := OLD.version + 1; RETURN NEW; END $$`.execute(db);
  for (const table of BASE_TABLES) {
    await sql`ALTER TABLE ${sql.id(table)} RENAME TO ${sql.id(`${table}_all`)}`.execute(db);
    await sql`ALTER TABLE ${sql.id(`${table}_all`)}
      ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
      ADD COLUMN retired_at timestamptz`.execute(db);
    await sql`CREATE TRIGGER ${sql.id(`${table}_version`)} BEFORE UPDATE ON ${sql.id(`${table}_all`)}
      FOR EACH ROW EXECUTE FUNCTION raise_feature_version()`.execute(db);
    await createBaseView(db, table);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [...BASE_TABLES].reverse()) {
    await sql`DROP VIEW IF EXISTS ${sql.id(table)}`.execute(db);
    await sql`DROP TRIGGER ${sql.id(`${table}_version`)} ON ${sql.id(`${table}_all`)}`.execute(db);
    await sql`DELETE FROM ${sql.id(`${table}_all`)} WHERE retired_at IS NOT NULL`.execute(db);
    await sql`ALTER TABLE ${sql.id(`${table}_all`)} DROP COLUMN version, DROP COLUMN retired_at`.execute(db);
    await sql`ALTER TABLE ${sql.id(`${table}_all`)} RENAME TO ${sql.id(table)}`.execute(db);
  }
  await sql`DROP FUNCTION raise_feature_version()`.execute(db);
}
