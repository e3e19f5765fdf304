import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema';
import { ORIGIN } from '../analysis/fixtures';

/**
 * A small hand-built town for the planner workspace, in EPSG:4546 metres relative to ORIGIN (x east, y north),
 * stored in EPSG:4326 through PostGIS like every geometry. Buildings near lanes are diamonds (corner 5 m from
 * the centre) so their closest point to a lane is one corner.
 *
 *                 E(300,500)                H(700,500)
 *                 | DE 5 m                  | GH 5 m (isolated lane)
 *                 D(300,300)    F(500,300)  G(700,300)
 *                 | BD 5 m      | CF 3 m (narrow)
 *                 | O1 (open)   |
 *   A(100,100)——B(300,100)——C(500,100)          brigade at (90,100), 6 km/h = 100 m/min
 *    AB 6 m (turnaround)  BC 6 m
 *
 * Buildings (hose distance 60 m):
 *   P1 ◇(315,250) 10 m from BD, 47 m from D (DE)      P2 ◇(315,450) 10 m from DE      P3 ◇(285,420) 10 m from DE
 *   P4 ◇(515,250) 10 m from CF                       P5 ◇(715,400) 10 m from GH
 *   P6 □ 590–600 × 205–215: no passage within 60 m; 3.5 m from a link C–G
 *   P7 □ 900–910 × 900–910: far from everything
 *   P8 ◇(190,130) 25 m above AB at x = 190    P9 ◇(410,130) 25 m above BC at x = 410
 *   P10 ◇(480,70) 25 m below BC at x = 480, and 33.5 m from C (so also on CF)
 */
export const PLAN_VILLAGE = '141121104290';

type Xy = [number, number];
const rect = (x0: number, y0: number, x1: number, y1: number): Xy[] => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];
const diamond = (cx: number, cy: number, r = 5): Xy[] => [
  [cx, cy - r],
  [cx + r, cy],
  [cx, cy + r],
  [cx - r, cy],
  [cx, cy - r],
];

export const PASSAGES = [
  { code: 'AB', from: [100, 100], to: [300, 100], width: 6, turnaround: true },
  { code: 'BC', from: [300, 100], to: [500, 100], width: 6 },
  { code: 'BD', from: [300, 100], to: [300, 300], width: 5 },
  { code: 'DE', from: [300, 300], to: [300, 500], width: 5 },
  { code: 'CF', from: [500, 100], to: [500, 300], width: 3 },
  { code: 'GH', from: [700, 300], to: [700, 500], width: 5 },
] as const satisfies readonly { code: string; from: Xy; to: Xy; width: number; turnaround?: boolean }[];

export const BUILDINGS: Record<string, Xy[]> = {
  P1: diamond(315, 250),
  P2: diamond(315, 450),
  P3: diamond(285, 420),
  P4: diamond(515, 250),
  P5: diamond(715, 400),
  P6: rect(590, 205, 600, 215),
  P7: rect(900, 900, 910, 910),
  P8: diamond(190, 130),
  P9: diamond(410, 130),
  P10: diamond(480, 70),
};

const global = ([x, y]: Xy): Xy => [ORIGIN.x + x, ORIGIN.y + y];
const wkt = (points: readonly Xy[]) => points.map((p) => global(p).join(' ')).join(', ');
const metres = (text: string) => sql`ST_Transform(ST_GeomFromText(${text}, 4546), 4326)`;

/** lon/lat of a local point, computed by PostGIS (the same transform the stored data went through). */
export async function lonLat(db: Kysely<Database>, point: Xy): Promise<[number, number]> {
  const result = await sql<{ lon: number; lat: number }>`
    SELECT ST_X(g) AS lon, ST_Y(g) AS lat FROM (SELECT ${metres(`POINT(${wkt([point])})`)} AS g) s`.execute(db);
  return [result.rows[0]!.lon, result.rows[0]!.lat];
}

export interface PlanIds {
  building: Record<string, number>;
  passage: Record<string, number>;
  obstacle: Record<string, number>;
}

export async function loadPlanningFixture(db: Kysely<Database>): Promise<PlanIds> {
  await sql`INSERT INTO villages (code, name, population, households, geom)
    VALUES (${PLAN_VILLAGE}, '规划测试村', 100, 30, ST_Multi(${metres(`POLYGON((${wkt(rect(0, 0, 1000, 1000))}))`)}))`.execute(db);
  for (const p of PASSAGES) {
    await sql`INSERT INTO passages (code, village_code, class, clear_width_m, surface, has_turnaround, geom)
      VALUES (${p.code}, ${PLAN_VILLAGE}, 'lane', ${p.width}, 'concrete', ${'turnaround' in p ? p.turnaround : false},
        ${metres(`LINESTRING(${wkt([p.from, p.to])})`)})`.execute(db);
  }
  await sql`INSERT INTO obstacles (code, passage_id, obstacle_type, status, found_on, geom)
    VALUES ('O1', (SELECT id FROM passages WHERE code = 'BD'), 'illegal_structure', 'open', '2024-03-01',
      ${metres(`POINT(${wkt([[300, 200]])})`)})`.execute(db);
  await sql`INSERT INTO stations (code, name, village_code, kind, speed_kmh, geom)
    VALUES ('BR', '测试专职队', ${PLAN_VILLAGE}, 'township_brigade', 6, ${metres(`POINT(${wkt([[90, 100]])})`)})`.execute(db);
  for (const [code, ring] of Object.entries(BUILDINGS)) {
    await sql`INSERT INTO buildings (code, village_code, use, floors, height_m, structure, fire_grade, geom)
      VALUES (${code}, ${PLAN_VILLAGE}, 'residential', 1, 3.5, 'brick_wood', '3', ${metres(`POLYGON((${wkt(ring)}))`)})`.execute(db);
  }
  const ids = async (table: string) => {
    const result = await sql<{ code: string; id: number }>`SELECT code, id FROM ${sql.table(table)}`.execute(db);
    return Object.fromEntries(result.rows.map((r) => [r.code, r.id]));
  };
  return { building: await ids('buildings'), passage: await ids('passages'), obstacle: await ids('obstacles') };
}

/** A drawn line in local metres as GeoJSON lon/lat. */
export async function drawnLine(db: Kysely<Database>, points: Xy[]): Promise<{ type: 'LineString'; coordinates: [number, number][] }> {
  return { type: 'LineString', coordinates: await Promise.all(points.map((p) => lonLat(db, p))) };
}
