import { countRows, lockForSeeding } from './queries/seed';
import type { Db } from './schema';
import { loadGeodata } from './seed/load-geodata';

/** Loads the geodata folder into the database if it has no villages yet, all or nothing. */
export async function seedIfEmpty(db: Db, geodataDir: string): Promise<Record<string, number> | null> {
  if ((await countRows(db, 'villages')) > 0) return null;
  return db.transaction().execute(async (trx) => {
    await lockForSeeding(trx); // two servers starting on one empty database: only one seeds
    if ((await countRows(trx, 'villages')) > 0) return null;
    return loadGeodata(trx, geodataDir);
  });
}
