import { type RawBuilder, sql } from 'kysely';

export type GeometryType = 'Point' | 'LineString' | 'Polygon' | 'MultiPolygon';

/**
 * A geometry column in EPSG:4326 with the constraints every stored geometry must meet:
 * the type and SRID (typmod), valid by OGC rules, not empty, and inside lon/lat bounds
 * (catches projected metres or swapped axes sent as if they were degrees).
 */
export function geometryColumn(table: string, type: GeometryType): RawBuilder<unknown> {
  const valid = `${table}_geom_valid`;
  const lonLat = `${table}_geom_lonlat`;
  return sql`geom geometry(${sql.raw(type)}, 4326) NOT NULL,
    CONSTRAINT ${sql.id(valid)} CHECK (ST_IsValid(geom) AND NOT ST_IsEmpty(geom)),
    CONSTRAINT ${sql.id(lonLat)} CHECK (
      ST_XMin(geom) >= -180 AND ST_XMax(geom) <= 180 AND ST_YMin(geom) >= -90 AND ST_YMax(geom) <= 90)`;
}

export function gistIndex(table: string): RawBuilder<unknown> {
  return sql`CREATE INDEX ${sql.id(`${table}_geom_gist`)} ON ${sql.id(table)} USING gist (geom)`;
}
