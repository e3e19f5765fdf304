import { sql } from 'kysely';
import { BASE_TABLES } from '../migrations/base-tables';
import type { Db } from '../schema';

/**
 * What the planner reads of the stored network besides the analyses' own loaders: a fingerprint of the
 * data, the shape of a drawn link and where it meets passages and buildings, where points meet the
 * network, and the open obstacles of the ranked list. Reads only.
 */

type Point = [number, number];

const geometryFromJson = (geometry: GeoJSON.Geometry) => sql`ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(geometry)}), 4326)`;

/**
 * A fingerprint of the data the network figures rest on: row counts and the sum of row versions (xmin) of
 * every table read. Any insert, update or delete changes it, on both engines, for a few table scans. Base layers
 * are summed over their stored table, since a view has no row versions; retiring a row updates it, so it counts.
 */
export async function networkDataFingerprint(db: Db): Promise<string> {
  const tables = ['passages', 'obstacles', 'buildings', 'stations', 'water_sources', 'rules'];
  const parts = sql.join(
    tables.map((table) => {
      const stored = (BASE_TABLES as readonly string[]).includes(table) ? `${table}_all` : table;
      return sql`(SELECT count(*)::text || '/' || coalesce(sum(xmin::text::bigint), 0)::text FROM ${sql.table(stored)})`;
    }),
    sql` || ':' || `,
  );
  const result = await sql<{ key: string }>`SELECT ${parts} AS key`.execute(db);
  const [row] = result.rows;
  if (!row) throw new Error('the data fingerprint query returned no row');
  return row.key;
}

export interface LineShape {
  valid: boolean;
  reason: string;
  simple: boolean;
  length_m: number;
  /** The village holding the line's midpoint (the first by code on a boundary); null for an invalid line. */
  village_code: string | null;
}

/** What PostGIS says of a line: valid, simple, its EPSG:4546 length and its village. Rejects what is not GeoJSON. */
export async function lineShape(db: Db, line: GeoJSON.LineString): Promise<LineShape> {
  const result = await sql<LineShape>`
    SELECT ST_IsValid(g) AS valid, ST_IsValidReason(g) AS reason, ST_IsSimple(g) AS simple,
      ST_Length(ST_Transform(g, 4546)) AS length_m,
      CASE WHEN ST_IsValid(g) THEN
        (SELECT v.code FROM villages v WHERE ST_Intersects(v.geom, ST_LineInterpolatePoint(g, 0.5)) ORDER BY v.code LIMIT 1)
      END AS village_code
    FROM (SELECT ${geometryFromJson(line)} AS g) s`.execute(db);
  const [row] = result.rows;
  if (!row) throw new Error('the line check returned no row');
  return row;
}

/** The passage end nearest a point within `radiusM` (ties by position), or undefined. */
export async function nearestPassageEnd(db: Db, [lon, lat]: Point, radiusM: number): Promise<Point | undefined> {
  const result = await sql<{ x: number; y: number }>`
    SELECT ST_X(e.pt) AS x, ST_Y(e.pt) AS y
    FROM (SELECT ST_Transform(ST_SetSRID(ST_MakePoint(${lon}::float8, ${lat}::float8), 4326), 4546) AS m OFFSET 0) q
    CROSS JOIN LATERAL (
      SELECT p.geom FROM passages p WHERE p.geom_metric && ST_Expand(q.m, ${radiusM}::float8)
    ) p
    CROSS JOIN LATERAL (VALUES (ST_StartPoint(p.geom)), (ST_EndPoint(p.geom))) e(pt)
    WHERE ST_Distance(ST_Transform(e.pt, 4546), q.m) <= ${radiusM}::float8
    ORDER BY ST_Distance(ST_Transform(e.pt, 4546), q.m), ST_X(e.pt), ST_Y(e.pt) LIMIT 1`.execute(db);
  const [hit] = result.rows;
  return hit ? [hit.x, hit.y] : undefined;
}

/** The passage nearest a point within `radiusM` (KNN, metres), or undefined. */
export async function nearestPassageId(db: Db, [lon, lat]: Point, radiusM: number): Promise<number | undefined> {
  const result = await sql<{ id: number }>`
    SELECT p.id FROM passages p,
      (SELECT ST_Transform(ST_SetSRID(ST_MakePoint(${lon}::float8, ${lat}::float8), 4326), 4546) AS m OFFSET 0) q
    WHERE ST_DWithin(p.geom_metric, q.m, ${radiusM}::float8)
    ORDER BY p.geom_metric <-> q.m, p.id LIMIT 1`.execute(db);
  return result.rows[0]?.id;
}

export interface LinkAttachment {
  buildingId: number;
  legM: number;
  /** Where along the link, as a fraction of its EPSG:4546 length. */
  fraction: number;
}

/** Buildings within `radiusM` of a line, with where along it they are closest. */
export async function buildingsAlongLine(db: Db, line: GeoJSON.LineString, radiusM: number): Promise<LinkAttachment[]> {
  const result = await sql<{ id: number; leg: number; fraction: number }>`
    SELECT b.id, ST_Distance(l.m, b.geom_metric) AS leg, ST_LineLocatePoint(l.m, ST_ClosestPoint(l.m, b.geom_metric)) AS fraction
    FROM (SELECT ST_Transform(${geometryFromJson(line)}, 4546) AS m OFFSET 0) l
    JOIN buildings b ON b.geom_metric && ST_Expand(l.m, ${radiusM}::float8)
    WHERE ST_Distance(l.m, b.geom_metric) <= ${radiusM}::float8
    ORDER BY b.id`.execute(db);
  return result.rows.map((r) => ({ buildingId: r.id, legM: r.leg, fraction: r.fraction }));
}

/** Buildings whose footprint a line runs through (not just touches). */
export async function buildingsCrossed(db: Db, line: GeoJSON.LineString): Promise<number[]> {
  const result = await sql<{ id: number }>`
    SELECT b.id FROM buildings b, (SELECT ${geometryFromJson(line)} AS g OFFSET 0) l
    WHERE b.geom && l.g AND ST_Relate(b.geom, l.g, '1********') ORDER BY b.id`.execute(db);
  return result.rows.map((r) => r.id);
}

export interface PointOnPassage {
  passageId: number;
  legM: number;
  /** Where along the passage, as a fraction of its EPSG:4546 length. */
  fraction: number;
}

/** Where each point meets the network: the nearest point of the nearest stored passage (KNN, metres), in order. */
export async function nearestPassagePoints(db: Db, points: readonly Point[]): Promise<PointOnPassage[]> {
  if (points.length === 0) return [];
  const values = sql.join(points.map(([lon, lat], i) => sql`(${i}::int, ${lon}::float8, ${lat}::float8)`));
  const result = await sql<{ i: number; passage_id: number; leg: number; fraction: number }>`
    SELECT s.i, n.passage_id, n.leg, n.fraction
    FROM (SELECT i, ST_Transform(ST_SetSRID(ST_MakePoint(lon, lat), 4326), 4546) AS m FROM (VALUES ${values}) v(i, lon, lat) OFFSET 0) s
    CROSS JOIN LATERAL (
      SELECT p.id AS passage_id, ST_Distance(p.geom_metric, s.m) AS leg,
        ST_LineLocatePoint(p.geom_metric, ST_ClosestPoint(p.geom_metric, s.m)) AS fraction
      FROM passages p ORDER BY p.geom_metric <-> s.m, p.id LIMIT 1
    ) n ORDER BY s.i`.execute(db);
  return result.rows.map((r) => ({ passageId: r.passage_id, legM: r.leg, fraction: r.fraction }));
}

/** How far each point lies from the nearest village of the town (0 inside one), in metres, in order. */
export async function distancesToTown(db: Db, points: readonly Point[]): Promise<number[]> {
  if (points.length === 0) return [];
  const values = sql.join(points.map(([lon, lat], i) => sql`(${i}::int, ${lon}::float8, ${lat}::float8)`));
  const result = await sql<{ distance: number }>`
    SELECT (SELECT min(ST_Distance(ST_Transform(v.geom, 4546), ST_Transform(ST_SetSRID(ST_MakePoint(p.lon, p.lat), 4326), 4546)))
            FROM villages v)::float8 AS distance
    FROM (VALUES ${values}) p(i, lon, lat) ORDER BY p.i`.execute(db);
  return result.rows.map((r) => r.distance);
}

export interface OpenObstacle {
  id: number;
  code: string;
  passage_id: number;
  obstacle_type: string;
  found_on: string;
  /** A crowded place (social unit of kind crowded) lies within the given distance. */
  near_crowded: boolean;
}

export async function openObstacles(db: Db, crowdedWithinM: number): Promise<OpenObstacle[]> {
  const result = await sql<OpenObstacle>`
    SELECT o.id, o.code, o.passage_id, o.obstacle_type, o.found_on,
      EXISTS (SELECT 1 FROM social_units u WHERE u.kind = 'crowded'
        AND ST_DWithin(ST_Transform(u.geom, 4546), ST_Transform(o.geom, 4546), ${crowdedWithinM}::float8)) AS near_crowded
    FROM obstacles o WHERE o.status = 'open' ORDER BY o.id`.execute(db);
  return result.rows;
}

export interface PassageOutline {
  id: number;
  name: string | null;
  class: string;
  geometry: GeoJSON.Geometry;
}

export async function passageOutlines(db: Db, ids: readonly number[]): Promise<Map<number, PassageOutline>> {
  if (ids.length === 0) return new Map();
  const result = await sql<{ id: number; name: string | null; class: string; geometry: string }>`
    SELECT id, name, class, ST_AsGeoJSON(geom, 7) AS geometry FROM passages WHERE id = ANY(${[...ids]}::int[])`.execute(db);
  return new Map(result.rows.map((r) => [r.id, { ...r, geometry: JSON.parse(r.geometry) as GeoJSON.Geometry }]));
}
