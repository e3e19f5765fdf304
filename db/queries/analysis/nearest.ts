import { sql } from 'kysely';
import type { Db } from '../../schema';
import { buildingInVillages, usableWater } from './network';

/**
 * Distance from each building to the nearest of the given passages (metres), for buildings that have none
 * within the hose distance. KNN on the EPSG:4546 expression index, exact in metres.
 */
export async function nearestPassageDistances(
  db: Db,
  buildingIds: readonly number[],
  passageIds: readonly number[],
): Promise<Map<number, number>> {
  if (buildingIds.length === 0 || passageIds.length === 0) return new Map();
  const result = await sql<{ id: number; distance: number }>`
    SELECT b.id, n.distance FROM buildings b
    CROSS JOIN LATERAL (SELECT b.geom_metric AS m OFFSET 0) bm
    CROSS JOIN LATERAL (
      SELECT ST_Distance(p.geom_metric, bm.m) AS distance
      FROM passages p WHERE p.id = ANY(${[...passageIds]}::int[])
      ORDER BY p.geom_metric <-> bm.m LIMIT 1
    ) n
    WHERE b.id = ANY(${[...buildingIds]}::int[])`.execute(db);
  return new Map(result.rows.map((r) => [r.id, r.distance]));
}

/**
 * Straight distance from each building (of the selected villages) to the nearest source usable in the month
 * (KNN on the EPSG:4546 index, exact metres).
 */
export async function nearestUsableWaterDistances(db: Db, month: number, villages: readonly string[]): Promise<Map<number, number>> {
  const result = await sql<{ id: number; distance: number }>`
    SELECT b.id, n.distance FROM buildings b
    CROSS JOIN LATERAL (SELECT b.geom_metric AS m OFFSET 0) bm
    CROSS JOIN LATERAL (
      SELECT ST_Distance(ST_Transform(w.geom, 4546), bm.m) AS distance
      FROM water_sources w WHERE ${usableWater(month)}
      ORDER BY ST_Transform(w.geom, 4546) <-> bm.m LIMIT 1
    ) n
    WHERE ${buildingInVillages(villages)}`.execute(db);
  return new Map(result.rows.map((r) => [r.id, r.distance]));
}
