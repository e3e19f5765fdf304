import { sql } from 'kysely';
import type { BuildingAccess } from '../../../lib/analysis/access';
import type { Attachment } from '../../../lib/network/attachments';
import type { Graph, PassageEdgeInput } from '../../../lib/network/graph';
import type { TruckLimits } from '../../../lib/network/truck';
import type { Db } from '../../schema';

/**
 * Data the network analyses read. Geometry work stays in PostGIS (metres in EPSG:4546, through the
 * stored EPSG:4546 `geom_metric` columns of migration 007); the graph search runs in lib/network.
 */

/** Every passage as a graph edge: exact lon/lat end points (node identity), length in metres, attributes. */
export async function loadPassageEdges(db: Db): Promise<PassageEdgeInput[]> {
  const result = await sql<{
    id: number;
    code: string;
    village_code: string | null;
    ax: number;
    ay: number;
    bx: number;
    by: number;
    length_m: number;
    clear_width_m: number;
    clear_height_m: number | null;
    open_obstacles: number;
    has_turnaround: boolean;
  }>`
    SELECT p.id, p.code, p.village_code,
      ST_X(ST_StartPoint(p.geom)) AS ax, ST_Y(ST_StartPoint(p.geom)) AS ay,
      ST_X(ST_EndPoint(p.geom)) AS bx, ST_Y(ST_EndPoint(p.geom)) AS by,
      ST_Length(p.geom_metric) AS length_m, p.clear_width_m, p.clear_height_m, p.has_turnaround,
      (SELECT count(*)::int FROM obstacles o WHERE o.passage_id = p.id AND o.status = 'open') AS open_obstacles
    FROM passages p
    ORDER BY p.id`.execute(db);
  return result.rows.map((r) => ({
    id: r.id,
    code: r.code,
    villageCode: r.village_code,
    start: [r.ax, r.ay],
    end: [r.bx, r.by],
    lengthM: r.length_m,
    widthM: r.clear_width_m,
    heightM: r.clear_height_m,
    openObstacles: r.open_obstacles,
    hasTurnaround: r.has_turnaround,
  }));
}

/** The graph edge of a passage row; the graph is built from every passage, so a miss means it is stale. */
function edgeOf(graph: Graph, passageId: number): number {
  const edge = graph.edgeIndexById.get(passageId);
  if (edge === undefined) throw new Error(`passage ${passageId} is not in the network graph`);
  return edge;
}

/** `b.village_code` in the selected villages; all buildings when none are selected. */
export function buildingInVillages(villages: readonly string[]) {
  return villages.length === 0 ? sql`true` : sql`b.village_code = ANY(${[...villages]}::text[])`;
}

/**
 * Buildings (of the selected villages) with every passage within `radiusM` of their footprint: the straight
 * leg in metres and where the closest point lies along the passage (fraction of its EPSG:4546 length).
 * Buildings with no passage that close come back with no attachments.
 *
 * Performance: `OFFSET 0` keeps each `ST_Transform` a single evaluation per row (a plain lateral subquery
 * would be inlined and the transform repeated in every expression); the index finds candidates by bounding
 * box on `geom_metric` (EPSG:4546), then the exact distance decides. Attachments come back as one text per
 * building ("passage:leg:fraction,…"): parsing float arrays costs node-postgres more than the query itself.
 */
export async function loadBuildingAccess(db: Db, graph: Graph, radiusM: number, villages: readonly string[]): Promise<BuildingAccess[]> {
  const result = await sql<{ id: number; village_code: string; attachments: string | null }>`
    SELECT b.id, b.village_code,
      string_agg(a.passage_id || ':' || a.leg || ':' || a.fraction, ',' ORDER BY a.passage_id) AS attachments
    FROM buildings b
    CROSS JOIN LATERAL (SELECT b.geom_metric AS m OFFSET 0) bm
    LEFT JOIN LATERAL (
      SELECT c.id AS passage_id, ST_Distance(c.m, bm.m) AS leg, ST_LineLocatePoint(c.m, ST_ClosestPoint(c.m, bm.m)) AS fraction
      FROM (
        SELECT p.id, p.geom_metric AS m FROM passages p
        WHERE p.geom_metric && ST_Expand(bm.m, ${radiusM}::float8) OFFSET 0
      ) c
      WHERE ST_Distance(c.m, bm.m) <= ${radiusM}::float8
    ) a ON true
    WHERE ${buildingInVillages(villages)}
    GROUP BY b.id, b.village_code
    ORDER BY b.id`.execute(db);
  return result.rows.map((row) => ({
    id: row.id,
    villageCode: row.village_code,
    attachments:
      row.attachments === null
        ? []
        : row.attachments.split(',').map((item) => {
            const [passageId, leg, fraction] = item.split(':');
            return { edge: edgeOf(graph, Number(passageId)), legM: Number(leg), fraction: Number(fraction) };
          }),
  }));
}

export interface StationRow {
  id: number;
  code: string;
  name: string;
  kind: string;
  villageCode: string | null;
  speedKmh: number;
}

export async function loadStations(db: Db, kinds: readonly string[]): Promise<StationRow[]> {
  const result = await sql<{ id: number; code: string; name: string; kind: string; village_code: string | null; speed_kmh: number }>`
    SELECT id, code, name, kind, village_code, speed_kmh
    FROM stations WHERE kind = ANY(${[...kinds]}::text[]) ORDER BY id`.execute(db);
  return result.rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    kind: r.kind,
    villageCode: r.village_code,
    speedKmh: r.speed_kmh,
  }));
}

/** Sources usable in a month: in service and not dry that month (usable_months lists it). */
export function usableWater(month: number) {
  return sql`w.status = 'in_service' AND ${month}::int = ANY(w.usable_months)`;
}

export async function usableWaterSourceIds(db: Db, month: number): Promise<number[]> {
  const result = await sql<{ id: number }>`SELECT w.id FROM water_sources w WHERE ${usableWater(month)} ORDER BY w.id`.execute(db);
  return result.rows.map((r) => r.id);
}

/** A passage a fire truck can use: the rule table's clear width and height, no open obstacle. */
export function truckPassableCondition(limits: TruckLimits) {
  return sql`p.clear_width_m >= ${limits.minWidthM}::float8
    AND (p.clear_height_m IS NULL OR p.clear_height_m >= ${limits.minHeightM}::float8)
    AND NOT EXISTS (SELECT 1 FROM obstacles o WHERE o.passage_id = p.id AND o.status = 'open')`;
}

/**
 * Where point sources (stations, water sources) meet the network: the nearest point of the nearest passage
 * (only truck-passable ones when `limits` is given), by KNN on the EPSG:4546 index — exact metres. A hydrant
 * halfway along a road enters the network there, not at a junction 100 m away.
 */
export async function loadSourceAttachments(
  db: Db,
  graph: Graph,
  table: 'stations' | 'water_sources',
  ids: readonly number[],
  limits?: TruckLimits,
): Promise<Map<number, Attachment>> {
  if (ids.length === 0) return new Map();
  const result = await sql<{ id: number; passage_id: number; leg: number; fraction: number }>`
    SELECT s.id, n.passage_id, n.leg, n.fraction FROM ${sql.table(table)} s
    CROSS JOIN LATERAL (
      SELECT p.id AS passage_id,
        ST_Distance(p.geom_metric, ST_Transform(s.geom, 4546)) AS leg,
        ST_LineLocatePoint(p.geom_metric, ST_ClosestPoint(p.geom_metric, ST_Transform(s.geom, 4546))) AS fraction
      FROM passages p WHERE ${limits ? truckPassableCondition(limits) : sql`true`}
      ORDER BY p.geom_metric <-> ST_Transform(s.geom, 4546), p.id LIMIT 1
    ) n
    WHERE s.id = ANY(${[...ids]}::int[])`.execute(db);
  return new Map(result.rows.map((r) => [r.id, { edge: edgeOf(graph, r.passage_id), legM: r.leg, fraction: r.fraction }]));
}
