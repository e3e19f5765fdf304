import { type RawBuilder, sql } from 'kysely';
import type { Bbox } from '../../lib/geo';
import type { LayerName } from '../../lib/map/layer-names';
import type { Db } from '../schema';
import { singleRow } from './rows';

export interface LayerFilter {
  bbox?: Bbox;
  /** Village codes; empty or absent means the whole town. */
  villages?: string[];
}

/** What the derived legend fields are measured against: the day (overdue) and the rule book's passage clearances (narrow). */
export interface LayerContext {
  /** Today's date in China, YYYY-MM-DD. */
  today: string;
  /** A fire-truck passage's least clear width and height in metres; a passage below either is narrow. */
  passageMinWidthM: number;
  passageMinHeightM: number;
}

/**
 * One SELECT per layer: the columns the map and its detail card show, derived fields the legend needs
 * (a passage's width class, a hazard's overdue flag, …), `village_code` for the village filter and `geom`.
 * Every row must have `id` (the map's feature id).
 */
const layerRows = (context: LayerContext): Record<LayerName, RawBuilder<unknown>> => ({
  villages: sql`
    SELECT code AS id, code, name, population, households, is_seat, code AS village_code,
      round(ST_X(ST_PointOnSurface(geom))::numeric, 6)::float8 AS label_lon,
      round(ST_Y(ST_PointOnSurface(geom))::numeric, 6)::float8 AS label_lat, geom
    FROM villages`,
  buildings: sql`
    SELECT id, code, village_code, name, use, shop_front_home_back, shop_below_home_above, three_in_one,
      nine_small_category, floors, height_m, structure, fire_grade, through_stair, occupants, vulnerable_residents,
      has_smoke_alarm, has_extinguisher, responsible_person, built_year, geom
    FROM buildings`,
  passages: sql`
    SELECT p.id, p.code, p.name, p.village_code, p.class, p.clear_width_m, p.clear_height_m, p.surface,
      p.has_turnaround, p.slope_pct, o.open_obstacles,
      CASE WHEN o.open_obstacles > 0 THEN 'blocked'
           WHEN p.clear_width_m < ${context.passageMinWidthM} OR p.clear_height_m < ${context.passageMinHeightM} THEN 'narrow'
           ELSE 'ok' END AS width_class,
      p.geom
    FROM passages p
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS open_obstacles FROM obstacles WHERE passage_id = p.id AND status = 'open') o`,
  obstacles: sql`
    SELECT o.id, o.code, p.code AS passage_code, p.village_code, o.obstacle_type, o.status, o.found_on,
      o.cleared_on, o.note, o.geom
    FROM obstacles o JOIN passages p ON p.id = o.passage_id`,
  'water-sources': sql`
    SELECT id, code, name, village_code, kind, capacity_m3, usable_months, status,
      cardinality(usable_months) < 12 AS seasonal, geom
    FROM water_sources`,
  stations: sql`
    SELECT id, code, name, village_code, kind, staff, vehicles, vehicle_type, speed_kmh, geom FROM stations`,
  units: sql`
    SELECT u.id, u.code, u.name, u.kind, u.village_code, u.trained_persons, u.drills_per_year,
      u.responsible_person, b.code AS building_code, u.geom
    FROM social_units u LEFT JOIN buildings b ON b.id = u.building_id`,
  // The map shows hazards still open; closed ones live on the hazard list.
  hazards: sql`
    SELECT id, code, village_code, category, place_type, severity, criterion, description, found_on, deadline,
      status, responsible_person, deadline < ${context.today}::date AS overdue, geom
    FROM hazards WHERE status <> 'closed'`,
  incidents: sql`
    SELECT id, code, occurred_on, extract(year FROM occurred_on)::int AS year, village_code, cause, loss_yuan,
      deaths, injuries, description, geom
    FROM fire_incidents`,
  'straw-stacks': sql`SELECT id, code, village_code, size, volume_m3, geom FROM straw_stacks`,
});

function envelope([west, south, east, north]: Bbox): RawBuilder<unknown> {
  return sql`ST_MakeEnvelope(${west}, ${south}, ${east}, ${north}, 4326)`;
}

/**
 * Rows in the selected villages: by village code, or, for features that belong to no village
 * (town roads, the county station), by lying inside a selected village.
 */
function villageCondition(villages: string[] | undefined): RawBuilder<unknown> {
  if (!villages || villages.length === 0) return sql`true`;
  return sql`(r.village_code = ANY(${villages}::text[]) OR (r.village_code IS NULL AND EXISTS (
    SELECT 1 FROM villages v WHERE v.code = ANY(${villages}::text[]) AND ST_Intersects(v.geom, r.geom))))`;
}

/** A layer's rows (aliased `r`) within the filter: what the map, the counts and the OGC API all read from. */
export function filtered(layer: LayerName, filter: LayerFilter, context: LayerContext): RawBuilder<unknown> {
  const inBbox = filter.bbox ? sql`r.geom && ${envelope(filter.bbox)}` : sql`true`;
  return sql`SELECT r.* FROM (${layerRows(context)[layer]}) r WHERE ${inBbox} AND ${villageCondition(filter.villages)}`;
}

/** A layer as an RFC 7946 FeatureCollection (built by PostGIS, 7 decimals ≈ 1 cm). */
export async function layerFeatureCollection(db: Db, layer: LayerName, filter: LayerFilter, context: LayerContext): Promise<string> {
  const result = await sql<{ collection: string }>`
    SELECT json_build_object(
      'type', 'FeatureCollection',
      'features', coalesce(json_agg(ST_AsGeoJSON(f.*, 'geom', 7)::json), '[]'::json)
    )::text AS collection
    FROM (${filtered(layer, filter, context)}) f`.execute(db);
  return singleRow(result).collection;
}

/** How many features of each layer lie in the view: the layer panel's live counts. */
export async function layerCounts(
  db: Db,
  layers: readonly LayerName[],
  filter: LayerFilter,
  context: LayerContext,
): Promise<Record<string, number>> {
  const selects = layers.map(
    (layer) => sql`SELECT ${sql.lit(layer)} AS layer, count(*)::int AS n FROM (${filtered(layer, filter, context)}) f`,
  );
  const result = await sql<{ layer: string; n: number }>`${sql.join(selects, sql` UNION ALL `)}`.execute(db);
  return Object.fromEntries(result.rows.map((row) => [row.layer, row.n]));
}

/**
 * One feature of a layer by its id, with every property the detail card shows; null when absent or
 * outside the given villages (the same rule as the layer itself).
 */
export async function layerFeature(
  db: Db,
  layer: LayerName,
  id: string,
  villages: string[],
  context: LayerContext,
): Promise<string | null> {
  const result = await sql<{ feature: string }>`
    SELECT ST_AsGeoJSON(r.*, 'geom', 7) AS feature
    FROM (${layerRows(context)[layer]}) r WHERE r.id::text = ${id} AND ${villageCondition(villages)}`.execute(db);
  return result.rows[0]?.feature ?? null;
}
