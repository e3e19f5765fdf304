import { sql } from 'kysely';
import type { TileLayerName } from '../../lib/map/layer-names';
import type { Db } from '../schema';

export interface TileAddress {
  z: number;
  x: number;
  y: number;
}

/**
 * Tile extent and buffer in tile units, shared by both tile paths so their output matches. At town-overview
 * zooms (≤ 12) a footprint is a pixel or two: a coarser grid (≈ 10 m a unit at z12) lets both encoders drop
 * most vertices, so the first view downloads and parses far less.
 */
export function tileGrid(z: number): { extent: number; buffer: number } {
  return z <= 12 ? { extent: 1024, buffer: 16 } : { extent: 4096, buffer: 64 };
}

/**
 * Columns carried in building tiles: only what the map colours by. The feature id (MVT id) is enough for
 * the detail card to fetch the rest, and unique strings such as codes would bloat every tile's string table.
 */
const TILE_ROWS: Record<TileLayerName, ReturnType<typeof sql>> = {
  buildings: sql`SELECT id, village_code, use, fire_grade, geom, geom_mercator FROM buildings`,
};

function villageCondition(villages: string[]) {
  return villages.length === 0 ? sql`true` : sql`r.village_code = ANY(${villages}::text[])`;
}

/**
 * The tile and, with its buffer, the search area, both in EPSG:3857 like the stored `geom_mercator`
 * (ST_TileEnvelope: PostGIS ≥ 3.1, present on both engines). No per-row transform at tile time.
 */
const bounds = (t: TileAddress) => {
  const { extent, buffer } = tileGrid(t.z);
  return sql`
  SELECT ST_TileEnvelope(${t.z}, ${t.x}, ${t.y}) AS mercator,
         ST_TileEnvelope(${t.z}, ${t.x}, ${t.y}, margin => ${buffer / extent}) AS search`;
};

/** PostGIS server path: the whole tile encoded by ST_AsMVT. */
export async function mvtTile(db: Db, layer: TileLayerName, tile: TileAddress, villages: string[]): Promise<Uint8Array> {
  const { extent, buffer } = tileGrid(tile.z);
  const result = await sql<{ mvt: Uint8Array }>`
    WITH bounds AS (${bounds(tile)})
    SELECT ST_AsMVT(t, ${layer}, ${extent}, 'geom', 'id') AS mvt FROM (
      SELECT r.id, r.use, r.fire_grade,
        ST_AsMVTGeom(r.geom_mercator, bounds.mercator, ${extent}, ${buffer}, true) AS geom
      FROM (${TILE_ROWS[layer]}) r, bounds
      WHERE r.geom_mercator && bounds.search AND ${villageCondition(villages)}
    ) t`.execute(db); // ST_AsMVT skips rows whose clipped geometry is NULL
  return result.rows[0]?.mvt ?? new Uint8Array();
}

export interface TileFeatureRow {
  id: number;
  properties: Record<string, unknown>;
  geometry: string;
}

/**
 * Embedded path (PGlite's PostGIS has no protobuf): the features touching the tile as GeoJSON, for
 * geojson-vt + vt-pbf to cut and encode in JS. Same rows as the server path.
 */
export async function tileFeatures(db: Db, layer: TileLayerName, tile: TileAddress, villages: string[]): Promise<TileFeatureRow[]> {
  const result = await sql<{ id: number; use: string; fire_grade: string; geometry: string }>`
    WITH bounds AS (${bounds(tile)})
    SELECT r.id, r.use, r.fire_grade, ST_AsGeoJSON(r.geom, 7) AS geometry
    FROM (${TILE_ROWS[layer]}) r, bounds
    WHERE r.geom_mercator && bounds.search AND ${villageCondition(villages)}`.execute(db);
  return result.rows.map(({ id, geometry, ...properties }) => ({ id, geometry, properties }));
}
