import type { Kysely } from 'kysely';
import { type MigrationResultSet, Migrator } from 'kysely/migration';
import { migrations } from './migrations';

function migrator(db: Kysely<any>): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } });
}

function unwrap(result: MigrationResultSet): void {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    const where = failed ? ` (migration ${failed.migrationName})` : '';
    throw new Error(`Migration failed${where}: ${(result.error as Error).message ?? result.error}`);
  }
}

export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  unwrap(await migrator(db).migrateToLatest());
}

/** Rolls back every migration (used by tests to prove each `down` works). */
export async function migrateAllDown(db: Kysely<any>): Promise<void> {
  const m = migrator(db);
  for (;;) {
    const result = await m.migrateDown();
    unwrap(result);
    if (!result.results || result.results.length === 0) return;
  }
}
