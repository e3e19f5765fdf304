import { sql } from 'kysely';
import type { Db } from '../schema';

/** lon/lat of points along passages, the fraction measured on the EPSG:4546 length (as attachments are), in order. */
export async function pointsOnPassages(db: Db, points: readonly { passageId: number; fraction: number }[]): Promise<[number, number][]> {
  if (points.length === 0) return [];
  const values = sql.join(points.map((p, i) => sql`(${i}::int, ${p.passageId}::int, ${p.fraction}::float8)`));
  const result = await sql<{ i: number; lon: number; lat: number }>`
    SELECT v.i, ST_X(pt) AS lon, ST_Y(pt) AS lat
    FROM (VALUES ${values}) v(i, passage_id, fraction)
    JOIN passages p ON p.id = v.passage_id
    CROSS JOIN LATERAL (SELECT ST_Transform(ST_LineInterpolatePoint(p.geom_metric, v.fraction), 4326) AS pt) q
    ORDER BY v.i`.execute(db);
  return result.rows.map((r) => [r.lon, r.lat]);
}

/** A point inside each building's footprint (lon/lat), where the map marks it. */
export async function buildingCentres(db: Db, ids: readonly number[]): Promise<Map<number, [number, number]>> {
  if (ids.length === 0) return new Map();
  const result = await sql<{ id: number; lon: number; lat: number }>`
    SELECT id, ST_X(ST_PointOnSurface(geom)) AS lon, ST_Y(ST_PointOnSurface(geom)) AS lat
    FROM buildings WHERE id = ANY(${[...ids]}::int[])`.execute(db);
  return new Map(result.rows.map((r) => [r.id, [r.lon, r.lat]]));
}
