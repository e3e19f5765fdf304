import { sql } from 'kysely';
import type { Db } from '../../schema';

const inVillages = (alias: string, villages: readonly string[]) =>
  villages.length === 0 ? sql`true` : sql`${sql.ref(`${alias}.village_code`)} = ANY(${[...villages]}::text[])`;

export interface StackBuildingRow {
  stack_id: number;
  stack_code: string;
  stack_village: string | null;
  size: string;
  building_id: number;
  building_code: string;
  fire_grade: string;
  building_village: string;
  rule_id: string;
  measured: number;
  geometry: string;
}

/** The distance a stack of a size must keep from a building of a fire grade, from one rule. */
export interface StackDistance {
  size: string;
  grade: string;
  thresholdM: number;
  ruleId: string;
}

/** Stack–building pairs closer than the stack-size/grade distance (index search with the largest distance). */
export async function stacksNearBuildings(
  db: Db,
  distances: readonly StackDistance[],
  villages: readonly string[],
): Promise<StackBuildingRow[]> {
  if (distances.length === 0) return [];
  const required = distances.map((d) => sql`(${d.size}, ${d.grade}, ${d.thresholdM}::float8, ${d.ruleId})`);
  const maxM = Math.max(...distances.map((d) => d.thresholdM));
  const result = await sql<StackBuildingRow>`
    WITH required(size, grade, threshold, rule_id) AS (VALUES ${sql.join(required)})
    SELECT s.id AS stack_id, s.code AS stack_code, s.village_code AS stack_village, s.size,
      b.id AS building_id, b.code AS building_code, b.fire_grade, b.village_code AS building_village,
      r.rule_id, d.measured,
      ST_AsGeoJSON(ST_Transform(ST_ShortestLine(ST_Transform(s.geom, 4546), b.geom_metric), 4326), 7) AS geometry
    FROM straw_stacks s
    JOIN buildings b ON ST_DWithin(b.geom_metric, ST_Transform(s.geom, 4546), ${maxM}::float8)
    JOIN required r ON r.size = s.size AND r.grade = b.fire_grade
    CROSS JOIN LATERAL (SELECT ST_Distance(ST_Transform(s.geom, 4546), b.geom_metric) AS measured) d
    WHERE d.measured < r.threshold AND (${inVillages('s', villages)} OR ${inVillages('b', villages)})
    ORDER BY s.id, b.id`.execute(db);
  return result.rows;
}

export interface StackOnPassageRow {
  stack_id: number;
  stack_code: string;
  stack_village: string | null;
  passage_id: number;
  passage_code: string;
  clear_width_m: number;
  measured: number;
  geometry: string;
}

/**
 * Stacks inside a passage's clear width (centreline distance below half the width plus the rule's
 * clearance). The index search uses the widest passage; the exact test uses each passage's own width.
 */
export async function stacksOnPassages(db: Db, clearanceM: number, villages: readonly string[]): Promise<StackOnPassageRow[]> {
  const result = await sql<StackOnPassageRow>`
    SELECT s.id AS stack_id, s.code AS stack_code, s.village_code AS stack_village,
      p.id AS passage_id, p.code AS passage_code, p.clear_width_m, d.measured,
      ST_AsGeoJSON(s.geom, 7) AS geometry
    FROM straw_stacks s
    JOIN passages p ON ST_DWithin(p.geom_metric, ST_Transform(s.geom, 4546),
      (SELECT max(clear_width_m) FROM passages) / 2 + ${clearanceM}::float8)
    CROSS JOIN LATERAL (SELECT ST_Distance(ST_Transform(s.geom, 4546), p.geom_metric) AS measured) d
    WHERE d.measured < p.clear_width_m / 2 + ${clearanceM}::float8 AND ${inVillages('s', villages)}
    ORDER BY s.id, p.id`.execute(db);
  return result.rows;
}

export interface HazardousSiteRow {
  unit_id: number;
  unit_code: string;
  unit_name: string;
  unit_kind: string;
  village_code: string;
  building_ids: number[];
  building_codes: string[];
  measured: number;
  geometry: string;
}

/** Which buildings count as protected for a kind named in the rule's params. */
const PROTECTED_CONDITION: Record<string, ReturnType<typeof sql>> = {
  home: sql`(b.use = 'residential' OR b.shop_front_home_back OR b.shop_below_home_above OR b.three_in_one)`,
  school: sql`b.nine_small_category = 'school'`,
  clinic: sql`b.nine_small_category = 'clinic'`,
};

/**
 * Hazardous production units (by kind) with protected buildings (homes, schools, clinics) within the
 * distance. Measured from the unit's own building footprint when it has one, else from its point; the
 * unit's own building is not its neighbour.
 */
export async function hazardousSites(
  db: Db,
  distanceM: number,
  unitKinds: readonly string[],
  protectedKinds: readonly string[],
  villages: readonly string[],
): Promise<HazardousSiteRow[]> {
  const conditions = protectedKinds.map((kind) => PROTECTED_CONDITION[kind]).filter((c) => c !== undefined);
  if (conditions.length === 0 || unitKinds.length === 0) return [];
  const result = await sql<HazardousSiteRow>`
    SELECT u.id AS unit_id, u.code AS unit_code, u.name AS unit_name, u.kind AS unit_kind, u.village_code,
      array_agg(b.id ORDER BY d.measured, b.id) AS building_ids, array_agg(b.code ORDER BY d.measured, b.id) AS building_codes,
      min(d.measured) AS measured, ST_AsGeoJSON(site.geom, 7) AS geometry
    FROM social_units u
    LEFT JOIN buildings own ON own.id = u.building_id
    CROSS JOIN LATERAL (SELECT coalesce(own.geom, u.geom) AS geom) site
    JOIN buildings b ON ST_DWithin(b.geom_metric, ST_Transform(site.geom, 4546), ${distanceM}::float8)
      AND b.id IS DISTINCT FROM u.building_id AND (${sql.join(conditions, sql` OR `)})
    CROSS JOIN LATERAL (SELECT ST_Distance(b.geom_metric, ST_Transform(site.geom, 4546)) AS measured) d
    WHERE u.kind = ANY(${[...unitKinds]}::text[]) AND ${inVillages('u', villages)}
    GROUP BY u.id, u.code, u.name, u.kind, u.village_code, site.geom
    ORDER BY u.id`.execute(db);
  return result.rows;
}
