import { sql } from 'kysely';
import type { Db } from '../../schema';
import { inVillages, openOn } from './scope';

export interface ReportHazard {
  code: string;
  category: string;
  severity: string;
  status: string;
  found_on: string;
  deadline: string;
  closed_on: string | null;
  description: string;
  responsible_person: string | null;
  /** On the day the report's period ends. */
  open: boolean;
  overdue: boolean;
}

/**
 * Hazards a report lists: those found or closed in the period, and those still open at its end (as of `asOf`),
 * with their state on that day.
 */
export async function reportHazards(db: Db, scope: { villages: string[]; from: string; asOf: string }): Promise<ReportHazard[]> {
  const { from, asOf } = scope;
  const result = await sql<ReportHazard>`
    SELECT h.code, h.category, h.severity,
      CASE WHEN h.closed_on <= ${asOf}::date THEN 'closed' ELSE coalesce((
        -- the status on asOf: the last status change on or before that day (China time)
        SELECT e.to_status FROM hazard_events e
        WHERE e.hazard_id = h.id AND e.to_status IS NOT NULL
          AND ((e.at AT TIME ZONE 'UTC') + interval '8 hours')::date <= ${asOf}::date
        ORDER BY e.at DESC, e.id DESC LIMIT 1), 'pending') END AS status,
      h.found_on, h.deadline, CASE WHEN h.closed_on <= ${asOf}::date THEN h.closed_on END AS closed_on,
      h.description, h.responsible_person,
      ${openOn(asOf)} AS open, (${openOn(asOf)} AND h.deadline < ${asOf}::date) AS overdue
    FROM hazards h
    WHERE ${inVillages('h.village_code', scope.villages)}
      AND (h.found_on BETWEEN ${from}::date AND ${asOf}::date OR h.closed_on BETWEEN ${from}::date AND ${asOf}::date
        OR ${openOn(asOf)})
    ORDER BY h.found_on, h.code`.execute(db);
  return result.rows;
}

export interface ReportMapData {
  /** [west, south, east, north] of the villages. */
  bbox: [number, number, number, number];
  outlines: GeoJSON.MultiPolygon[];
  passages: { line: GeoJSON.LineString; blocked: boolean; class: string }[];
  hazards: { point: GeoJSON.Point; severity: string; overdue: boolean }[];
}

/**
 * What the report's small map draws: village outlines, their passages (blocked = an obstacle open on `asOf`) and
 * the hazards open on `asOf`.
 */
export async function reportMapData(db: Db, scope: { villages: string[]; asOf: string }): Promise<ReportMapData> {
  const { asOf } = scope;
  const outlines = await sql<{ geom: string; w: number; s: number; e: number; n: number }>`
    SELECT ST_AsGeoJSON(v.geom, 6) AS geom, ST_XMin(v.geom) AS w, ST_YMin(v.geom) AS s, ST_XMax(v.geom) AS e, ST_YMax(v.geom) AS n
    FROM villages v WHERE ${inVillages('v.code', scope.villages)} ORDER BY v.code`.execute(db);
  const passages = await sql<{ geom: string; blocked: boolean; class: string }>`
    SELECT ST_AsGeoJSON(p.geom, 6) AS geom, p.class,
      EXISTS (SELECT 1 FROM obstacles o WHERE o.passage_id = p.id AND o.found_on <= ${asOf}::date
        AND (o.cleared_on IS NULL OR o.cleared_on > ${asOf}::date)) AS blocked
    FROM passages p WHERE ${inVillages('p.village_code', scope.villages)}`.execute(db);
  const hazards = await sql<{ geom: string; severity: string; overdue: boolean }>`
    SELECT ST_AsGeoJSON(h.geom, 6) AS geom, h.severity, h.deadline < ${asOf}::date AS overdue
    FROM hazards h WHERE ${inVillages('h.village_code', scope.villages)} AND ${openOn(asOf)}`.execute(db);
  const bbox = outlines.rows.reduce<[number, number, number, number]>(
    (b, r) => [Math.min(b[0], r.w), Math.min(b[1], r.s), Math.max(b[2], r.e), Math.max(b[3], r.n)],
    [Infinity, Infinity, -Infinity, -Infinity],
  );
  return {
    bbox,
    outlines: outlines.rows.map((r) => JSON.parse(r.geom)),
    passages: passages.rows.map((r) => ({ line: JSON.parse(r.geom), blocked: r.blocked, class: r.class })),
    hazards: hazards.rows.map((r) => ({ point: JSON.parse(r.geom), severity: r.severity, overdue: r.overdue })),
  };
}
