import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema';

/**
 * Hand-built scenarios for the spatial analyses, laid out in EPSG:4546 metres (CGCS2000 GK CM 111E) so every
 * expected distance can be worked out by hand, and stored in EPSG:4326 through PostGIS (ST_Transform), as
 * every stored geometry must be. Each scenario is a village of its own, 1 km square, 3 km from the next,
 * so scenarios do not see each other (no shared passages; the analyses are asked for one village).
 * Local coordinates (x east, y north, metres) are relative to the village's south-west corner.
 * The expected findings are worked out in the tests next to their assertions.
 *
 * Buildings near passages in the network scenarios are "diamonds" (squares turned 45°, 5 m from centre to
 * corner) so that their closest point to a straight lane is a single corner, not a whole edge (a tie that
 * would make the position along the lane, and so travel times, arbitrary).
 */
export const ORIGIN = { x: 597_400, y: 4_138_100 }; // ≈ 112.0996°E 37.3696°N, in the 4546 zone (109.5–112.5°E)

export const V = {
  spacing: '141121104201',
  stacks: '141121104202',
  lanes: '141121104203',
  water: '141121104204',
  clean: '141121104205',
  lonlat: '141121104206',
} as const;

const OFFSET: Record<keyof typeof V, number> = { spacing: 0, stacks: 3000, lanes: 6000, water: 9000, clean: 12000, lonlat: 0 };

type Xy = [number, number];
type Ring = Xy[];
const rect = (x0: number, y0: number, x1: number, y1: number): Ring => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];
/** A square turned 45°: corners 5 m south, east, north and west of (cx, cy). */
const diamond = (cx: number, cy: number, r = 5): Ring => [
  [cx, cy - r],
  [cx + r, cy],
  [cx, cy + r],
  [cx - r, cy],
  [cx, cy - r],
];

interface BuildingSpec {
  code: string;
  ring: Ring;
  grade: '1-2' | '3' | '4';
  use?: string;
  height?: number;
  floors?: number;
  nine?: string;
}
interface PassageSpec {
  code: string;
  from: Xy;
  to: Xy;
  width: number;
  height?: number | null;
  turnaround?: boolean;
  cls?: string;
}
interface Scenario {
  buildings?: BuildingSpec[];
  passages?: PassageSpec[];
  obstacles?: { code: string; passage: string; at: Xy; status: 'open' | 'cleared' }[];
  water?: { code: string; at: Xy; kind: string; months?: number[]; status?: string }[];
  stations?: { code: string; at: Xy; kind: string; speed: number }[];
  stacks?: { code: string; ring: Ring; size: 'large' | 'small' }[];
  units?: { code: string; kind: string; at: Xy; building?: string }[];
}

export const SCENARIOS: Record<Exclude<keyof typeof V, 'lonlat'>, Scenario> = {
  // Fire spacing and clusters. Pairs sit on rows 100 m apart; only the named pairs are near each other.
  spacing: {
    buildings: [
      { code: 'S1', ring: rect(100, 100, 110, 110), grade: '3' },
      { code: 'S2', ring: rect(115.5, 100, 125.5, 110), grade: '4' }, // gap 5.5
      { code: 'S3', ring: rect(100, 200, 110, 210), grade: '1-2' },
      { code: 'S4', ring: rect(114.5, 200, 124.5, 210), grade: '1-2' }, // gap 4.5
      { code: 'S5', ring: rect(100, 300, 110, 310), grade: '4' },
      { code: 'S6', ring: rect(118.3, 300, 128.3, 310), grade: '4' }, // gap 8.3
      { code: 'S7', ring: rect(100, 400, 110, 410), grade: '1-2' },
      { code: 'S8', ring: rect(114.9, 400, 124.9, 410), grade: '3' }, // gap 4.9
      { code: 'S9', ring: rect(100, 500, 110, 510), grade: '3' },
      { code: 'S10', ring: rect(113, 514, 123, 524), grade: '3' }, // corner (110,510) to corner (113,514): 3-4-5 → 5.0
      { code: 'S11', ring: rect(100, 600, 110, 610), grade: '1-2', height: 30, floors: 10 }, // high-rise residential (> 27 m)
      { code: 'S12', ring: rect(120, 600, 130, 610), grade: '3' }, // gap 10
      // C1: four grade-3 buildings 30 × 30 (900 m² each), gaps 5 m → 3,600 m².
      { code: 'C1a', ring: rect(100, 700, 130, 730), grade: '3' },
      { code: 'C1b', ring: rect(135, 700, 165, 730), grade: '3' },
      { code: 'C1c', ring: rect(170, 700, 200, 730), grade: '3' },
      { code: 'C1d', ring: rect(205, 700, 235, 730), grade: '3' },
      // C2: three grade-1-2 buildings 40 × 40 (1,600 m²), gaps 3 m → 4,800 m².
      { code: 'C2a', ring: rect(100, 800, 140, 840), grade: '1-2' },
      { code: 'C2b', ring: rect(143, 800, 183, 840), grade: '1-2' },
      { code: 'C2c', ring: rect(186, 800, 226, 840), grade: '1-2' },
      // C3: two grade-1-2 40 × 40 (gap 3) and a grade-4 10 × 10 (gap 5) → 3,300 m².
      { code: 'C3a', ring: rect(100, 900, 140, 940), grade: '1-2' },
      { code: 'C3b', ring: rect(143, 900, 183, 940), grade: '1-2' },
      { code: 'C3c', ring: rect(188, 900, 198, 910), grade: '4' },
    ],
  },
  // Straw stacks and hazardous production sites.
  stacks: {
    stacks: [
      { code: 'K1', ring: rect(100, 100, 106, 106), size: 'large' },
      { code: 'K2', ring: rect(400, 100, 404, 104), size: 'small' },
      { code: 'K3', ring: rect(400, 301, 402, 303), size: 'small' }, // 1.0 m from the centreline of a 3 m lane
      { code: 'K4', ring: rect(450, 301.6, 452, 303.6), size: 'small' }, // 1.6 m: outside the 1.5 m half width
    ],
    buildings: [
      { code: 'T1', ring: rect(118, 98, 128, 108), grade: '1-2' }, // 12 m east of K1
      { code: 'T2', ring: rect(98, 124, 108, 134), grade: '3' }, // 18 m north of K1
      { code: 'T3', ring: rect(66, 98, 76, 108), grade: '4' }, // 24 m west of K1
      { code: 'T4', ring: rect(98, 74, 108, 84), grade: '1-2' }, // 16 m south of K1
      { code: 'T5', ring: rect(410, 100, 420, 110), grade: '4' }, // 6 m from the small stack K2
      { code: 'H1', ring: rect(100, 500, 120, 520), grade: '1-2', use: 'factory' }, // the distillery's building
      { code: 'R1', ring: rect(160, 500, 170, 510), grade: '3' }, // home, 40 m east of H1
      { code: 'E1', ring: rect(45, 500, 55, 510), grade: '3', use: 'public', nine: 'school' }, // school, 45 m west
      { code: 'R2', ring: rect(100, 575, 110, 585), grade: '3' }, // home, 55 m north
      { code: 'W1', ring: rect(125, 500, 135, 510), grade: '3', use: 'warehouse' }, // 5 m, not protected
      { code: 'M1', ring: rect(190, 500, 200, 510), grade: '3', use: 'business', nine: 'clinic' }, // clinic, 70 m
      { code: 'R3', ring: rect(830, 795, 840, 805), grade: '3' }, // home 30 m east of the packaging unit's point
      { code: 'R4', ring: rect(310, 795, 320, 805), grade: '3' }, // home 10 m from a farm (not hazardous)
    ],
    passages: [{ code: 'L1', from: [300, 300], to: [600, 300], width: 3, cls: 'lane' }],
    units: [
      { code: 'D1', kind: 'distillery', at: [110, 510], building: 'H1' },
      { code: 'PK1', kind: 'packaging', at: [800, 800] },
      { code: 'FA1', kind: 'farm', at: [300, 800] },
    ],
  },
  // A lane graph: main road A–B–C–D, a blocked branch C–E–F, a narrow stub B–H, a low arch D–K then K–L.
  //   F(300,300)        L(400,300)
  //   |                 |
  //   E(300,200)        K(400,200)
  //   | obstacle        | clear height 3.5
  //   |    H(200,160)   |
  //   |    | 3 m wide   |
  //   A(100,100)—B(200,100)—C(300,100)—D(400,100)        brigade at (90,100), 6 km/h (100 m/min)
  lanes: {
    passages: [
      { code: 'AB', from: [100, 100], to: [200, 100], width: 6, turnaround: true },
      { code: 'BC', from: [200, 100], to: [300, 100], width: 6 },
      { code: 'CD', from: [300, 100], to: [400, 100], width: 6 },
      { code: 'CE', from: [300, 100], to: [300, 200], width: 5, cls: 'lane' },
      { code: 'EF', from: [300, 200], to: [300, 300], width: 5, cls: 'lane' },
      { code: 'BH', from: [200, 100], to: [200, 160], width: 3, cls: 'lane' },
      { code: 'DK', from: [400, 100], to: [400, 200], width: 5, height: 3.5, cls: 'lane' },
      { code: 'KL', from: [400, 200], to: [400, 300], width: 5, turnaround: true, cls: 'lane' },
    ],
    obstacles: [
      { code: 'O1', passage: 'CE', at: [300, 150], status: 'open' },
      { code: 'O2', passage: 'AB', at: [150, 100], status: 'cleared' },
    ],
    stations: [{ code: 'BR3', at: [90, 100], kind: 'township_brigade', speed: 6 }],
    buildings: [
      { code: 'Q1', ring: diamond(315, 245), grade: '3' },
      { code: 'Q2', ring: diamond(315, 170), grade: '3' },
      { code: 'Q3', ring: diamond(415, 255), grade: '3' },
      { code: 'Q4', ring: rect(700, 500, 710, 510), grade: '3' },
      { code: 'Q5', ring: diamond(215, 160), grade: '3' },
      { code: 'Q6', ring: diamond(150, 130), grade: '3' },
      { code: 'Q7', ring: diamond(390, 130), grade: '3' },
    ],
  },
  // Water sources and micro stations on a walkable network: lane N1–N2–N3–N4 (y = 500) and a spur N4–N5–N6
  // (x = 700 up to y = 700, then west to x = 300). An open obstacle on N2–N3 must not stop walking.
  water: {
    passages: [
      { code: 'N1N2', from: [100, 500], to: [300, 500], width: 3, cls: 'lane' },
      { code: 'N2N3', from: [300, 500], to: [500, 500], width: 3, cls: 'lane' },
      { code: 'N3N4', from: [500, 500], to: [700, 500], width: 3, cls: 'lane' },
      { code: 'N4N5', from: [700, 500], to: [700, 700], width: 3, cls: 'lane' },
      { code: 'N5N6', from: [700, 700], to: [300, 700], width: 3, cls: 'lane' },
    ],
    obstacles: [{ code: 'O3', passage: 'N2N3', at: [350, 500], status: 'open' }],
    water: [
      { code: 'Y1', at: [100, 490], kind: 'hydrant' },
      { code: 'Y2', at: [700, 490], kind: 'pond', months: [3, 4, 5, 6, 7, 8, 9, 10, 11] }, // dry Dec–Feb
      { code: 'Y3', at: [400, 580], kind: 'tank', status: 'out_of_service' },
      { code: 'Y5', at: [400, 690], kind: 'hydrant' },
    ],
    stations: [
      { code: 'Z1', at: [300, 510], kind: 'micro_station', speed: 4 }, // 66.67 m/min
      { code: 'Z2', at: [710, 560], kind: 'volunteer_team', speed: 3 }, // 50 m/min
    ],
    buildings: [
      { code: 'U1', ring: diamond(150, 525), grade: '3' },
      { code: 'U2', ring: diamond(400, 560), grade: '3' },
      { code: 'U3', ring: diamond(650, 525), grade: '3' },
      { code: 'U5', ring: diamond(500, 900), grade: '3' },
      { code: 'U6', ring: diamond(108, 525), grade: '3' },
    ],
  },
  // A village designed to pass every analysis: a 200 m loop road (no dead ends), brigade, hydrants,
  // a micro station, grade 1-2 houses 20 m apart and within 50 m of the road.
  clean: {
    passages: [
      { code: 'R12', from: [100, 500], to: [300, 500], width: 6 },
      { code: 'R23', from: [300, 500], to: [300, 700], width: 6 },
      { code: 'R34', from: [300, 700], to: [100, 700], width: 6 },
      { code: 'R41', from: [100, 700], to: [100, 500], width: 6 },
    ],
    stations: [
      { code: 'BR5', at: [200, 480], kind: 'township_brigade', speed: 40 },
      { code: 'MS5', at: [320, 600], kind: 'micro_station', speed: 20 },
    ],
    water: [
      { code: 'H5a', at: [210, 480], kind: 'hydrant' },
      { code: 'H5b', at: [200, 720], kind: 'hydrant' },
    ],
    buildings: [
      { code: 'G1', ring: rect(150, 520, 160, 530), grade: '1-2' },
      { code: 'G2', ring: rect(180, 520, 190, 530), grade: '1-2' },
      { code: 'G3', ring: rect(240, 640, 250, 650), grade: '1-2' },
    ],
  },
};

/**
 * Placed in lon/lat, not metres: two grade-4 houses 0.0001° of longitude apart at 37.405°N, far east in the
 * zone (112.30°E), to check the metres the analyses compute against an independent ellipsoid formula.
 */
export const LONLAT_PAIR = { lon: 112.3, lat: 37.405, size: 0.0001 };

const global = (village: keyof typeof OFFSET, [x, y]: Xy): Xy => [ORIGIN.x + OFFSET[village] + x, ORIGIN.y + y];
const wktRing = (village: keyof typeof OFFSET, ring: Ring) => ring.map((p) => global(village, p).join(' ')).join(', ');
const metresGeometry = (wkt: string) => sql`ST_Transform(ST_GeomFromText(${wkt}, 4546), 4326)`;

/** Inserts every scenario; returns the database ids by code (codes are unique across tables' own namespaces). */
export async function loadAnalysisFixtures(db: Kysely<Database>): Promise<FixtureIds> {
  for (const [name, code] of Object.entries(V) as [keyof typeof V, string][]) {
    const geom =
      name === 'lonlat'
        ? sql`ST_GeomFromText(${'MULTIPOLYGON(((112.29 37.4, 112.31 37.4, 112.31 37.41, 112.29 37.41, 112.29 37.4)))'}, 4326)`
        : sql`ST_Multi(${metresGeometry(`POLYGON((${wktRing(name, rect(0, 0, 1000, 1000))}))`)})`;
    await sql`INSERT INTO villages (code, name, population, households, geom) VALUES (${code}, ${`测试村${name}`}, 100, 30, ${geom})`.execute(
      db,
    );
  }
  for (const [name, scenario] of Object.entries(SCENARIOS) as [Exclude<keyof typeof V, 'lonlat'>, Scenario][]) {
    const village = V[name];
    for (const b of scenario.buildings ?? []) {
      await sql`INSERT INTO buildings (code, village_code, use, floors, height_m, structure, fire_grade, nine_small_category, geom)
        VALUES (${b.code}, ${village}, ${b.use ?? 'residential'}, ${b.floors ?? 1}, ${b.height ?? 3.5}, 'brick_wood', ${b.grade},
          ${b.nine ?? null}, ${metresGeometry(`POLYGON((${wktRing(name, b.ring)}))`)})`.execute(db);
    }
    for (const p of scenario.passages ?? []) {
      await sql`INSERT INTO passages (code, village_code, class, clear_width_m, clear_height_m, surface, has_turnaround, geom)
        VALUES (${p.code}, ${village}, ${p.cls ?? 'village_road'}, ${p.width}, ${p.height ?? null}, 'concrete', ${p.turnaround ?? false},
          ${metresGeometry(`LINESTRING(${wktRing(name, [p.from, p.to])})`)})`.execute(db);
    }
    for (const o of scenario.obstacles ?? []) {
      await sql`INSERT INTO obstacles (code, passage_id, obstacle_type, status, found_on, cleared_on, geom)
        VALUES (${o.code}, (SELECT id FROM passages WHERE code = ${o.passage}), 'piled_goods', ${o.status}, '2026-03-01',
          ${o.status === 'cleared' ? '2026-04-01' : null}, ${metresGeometry(`POINT(${wktRing(name, [o.at])})`)})`.execute(db);
    }
    for (const w of scenario.water ?? []) {
      await sql`INSERT INTO water_sources (code, name, village_code, kind, usable_months, status, geom)
        VALUES (${w.code}, ${w.code}, ${village}, ${w.kind}, ${w.months ?? [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]}::int[],
          ${w.status ?? 'in_service'}, ${metresGeometry(`POINT(${wktRing(name, [w.at])})`)})`.execute(db);
    }
    for (const s of scenario.stations ?? []) {
      await sql`INSERT INTO stations (code, name, village_code, kind, speed_kmh, geom)
        VALUES (${s.code}, ${s.code}, ${village}, ${s.kind}, ${s.speed}, ${metresGeometry(`POINT(${wktRing(name, [s.at])})`)})`.execute(db);
    }
    for (const s of scenario.stacks ?? []) {
      await sql`INSERT INTO straw_stacks (code, village_code, size, volume_m3, geom)
        VALUES (${s.code}, ${village}, ${s.size}, 30, ${metresGeometry(`POLYGON((${wktRing(name, s.ring)}))`)})`.execute(db);
    }
    for (const u of scenario.units ?? []) {
      await sql`INSERT INTO social_units (code, name, kind, building_id, village_code, geom)
        VALUES (${u.code}, ${u.code}, ${u.kind}, (SELECT id FROM buildings WHERE code = ${u.building ?? null}), ${village},
          ${metresGeometry(`POINT(${wktRing(name, [u.at])})`)})`.execute(db);
    }
  }
  const { lon, lat, size } = LONLAT_PAIR;
  const square = (west: number) =>
    `POLYGON((${west} ${lat}, ${west + size} ${lat}, ${west + size} ${lat + size}, ${west} ${lat + size}, ${west} ${lat}))`;
  for (const [code, west] of [
    ['LL1', lon],
    ['LL2', lon + 2 * size],
  ] as const) {
    await sql`INSERT INTO buildings (code, village_code, use, floors, height_m, structure, fire_grade, geom)
      VALUES (${code}, ${V.lonlat}, 'residential', 1, 3.5, 'earth_wood', '4', ST_GeomFromText(${square(west)}, 4326))`.execute(db);
  }
  return fixtureIds(db);
}

export interface FixtureIds {
  building: Record<string, number>;
  passage: Record<string, number>;
  station: Record<string, number>;
  stack: Record<string, number>;
  unit: Record<string, number>;
  obstacle: Record<string, number>;
}

async function fixtureIds(db: Kysely<Database>): Promise<FixtureIds> {
  const ids = async (table: string) => {
    const result = await sql<{ code: string; id: number }>`SELECT code, id FROM ${sql.table(table)}`.execute(db);
    return Object.fromEntries(result.rows.map((r) => [r.code, r.id]));
  };
  return {
    building: await ids('buildings'),
    passage: await ids('passages'),
    station: await ids('stations'),
    stack: await ids('straw_stacks'),
    unit: await ids('social_units'),
    obstacle: await ids('obstacles'),
  };
}
