import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { diamond, metresFrom, rect, square, TOWN_ORIGIN } from '../town/coordinates';
import { insertTown, type TownIds } from '../town/insert-town';
import { TestTown } from '../town/town';

/**
 * Hand-built scenarios for the spatial analyses, laid out in EPSG:4546 metres so every expected distance can be
 * worked out by hand. Each scenario is a village of its own, 1 km square, 3 km from the next, so scenarios do
 * not see each other (no shared passages; the analyses are asked for one village). Local coordinates (x east,
 * y north, metres) are relative to the village's south-west corner. The expected findings are worked out in
 * the tests next to their assertions. Buildings default to one-storey grade-3 brick-and-wood homes, 3.5 m high.
 *
 * Buildings near passages in the network scenarios are diamonds (see `diamond`), so that their closest point
 * to a straight lane is a single corner and travel times along it are not arbitrary.
 */
export const V = {
  spacing: '141121104201',
  stacks: '141121104202',
  lanes: '141121104203',
  water: '141121104204',
  clean: '141121104205',
  lonlat: '141121104206',
} as const;

/**
 * Placed in lon/lat, not metres: two grade-4 houses 0.0001° of longitude apart at 37.405°N, far east in the
 * zone (112.30°E), to check the metres the analyses compute against an independent ellipsoid formula.
 */
export const LONLAT_PAIR = { lon: 112.3, lat: 37.405, size: 0.0001 };

function analysisTown(): TestTown {
  const town = new TestTown();
  const village = (name: keyof typeof V, offset: number) =>
    town.village(V[name], {
      name: `测试村${name}`,
      frame: metresFrom([TOWN_ORIGIN[0] + offset, TOWN_ORIGIN[1]]),
      area: rect(0, 0, 1000, 1000),
    });

  // Fire spacing and clusters. Pairs sit on rows 100 m apart; only the named pairs are near each other.
  village('spacing', 0)
    .building('S1', rect(100, 100, 110, 110), { fire_grade: '3' })
    .building('S2', rect(115.5, 100, 125.5, 110), { fire_grade: '4' }) // gap 5.5
    .building('S3', rect(100, 200, 110, 210), { fire_grade: '1-2' })
    .building('S4', rect(114.5, 200, 124.5, 210), { fire_grade: '1-2' }) // gap 4.5
    .building('S5', rect(100, 300, 110, 310), { fire_grade: '4' })
    .building('S6', rect(118.3, 300, 128.3, 310), { fire_grade: '4' }) // gap 8.3
    .building('S7', rect(100, 400, 110, 410), { fire_grade: '1-2' })
    .building('S8', rect(114.9, 400, 124.9, 410), { fire_grade: '3' }) // gap 4.9
    .building('S9', rect(100, 500, 110, 510), { fire_grade: '3', name: '王家院' })
    .building('S10', rect(113, 514, 123, 524), { fire_grade: '3' }) // corner (110,510) to corner (113,514): 3-4-5 → 5.0
    .building('S11', rect(100, 600, 110, 610), { fire_grade: '1-2', height_m: 30, floors: 10 }) // high-rise residential (> 27 m)
    .building('S12', rect(120, 600, 130, 610), { fire_grade: '3' }) // gap 10
    // C1: four grade-3 buildings 30 × 30 (900 m² each), gaps 5 m → 3,600 m².
    .building('C1a', rect(100, 700, 130, 730), { fire_grade: '3' })
    .building('C1b', rect(135, 700, 165, 730), { fire_grade: '3' })
    .building('C1c', rect(170, 700, 200, 730), { fire_grade: '3' })
    .building('C1d', rect(205, 700, 235, 730), { fire_grade: '3' })
    // C2: three grade-1-2 buildings 40 × 40 (1,600 m²), gaps 3 m → 4,800 m².
    .building('C2a', rect(100, 800, 140, 840), { fire_grade: '1-2' })
    .building('C2b', rect(143, 800, 183, 840), { fire_grade: '1-2' })
    .building('C2c', rect(186, 800, 226, 840), { fire_grade: '1-2' })
    // C3: two grade-1-2 40 × 40 (gap 3) and a grade-4 10 × 10 (gap 5) → 3,300 m².
    .building('C3a', rect(100, 900, 140, 940), { fire_grade: '1-2', name: '村东粮库' })
    .building('C3b', rect(143, 900, 183, 940), { fire_grade: '1-2' })
    .building('C3c', rect(188, 900, 198, 910), { fire_grade: '4' });

  // Straw stacks (30 m³) and hazardous production sites.
  village('stacks', 3000)
    .building('T1', rect(118, 98, 128, 108), { fire_grade: '1-2' }) // 12 m east of K1
    .building('T2', rect(98, 124, 108, 134), { fire_grade: '3' }) // 18 m north of K1
    .building('T3', rect(66, 98, 76, 108), { fire_grade: '4' }) // 24 m west of K1
    .building('T4', rect(98, 74, 108, 84), { fire_grade: '1-2' }) // 16 m south of K1
    .building('T5', rect(410, 100, 420, 110), { fire_grade: '4' }) // 6 m from the small stack K2
    .building('H1', rect(100, 500, 120, 520), { fire_grade: '1-2', use: 'factory' }) // the distillery's building
    .building('R1', rect(160, 500, 170, 510), { fire_grade: '3' }) // home, 40 m east of H1
    .building('E1', rect(45, 500, 55, 510), { fire_grade: '3', use: 'public', nine_small_category: 'school' }) // school, 45 m west
    .building('R2', rect(100, 575, 110, 585), { fire_grade: '3' }) // home, 55 m north
    .building('W1', rect(125, 500, 135, 510), { fire_grade: '3', use: 'warehouse' }) // 5 m, not protected
    .building('M1', rect(190, 500, 200, 510), { fire_grade: '3', use: 'business', nine_small_category: 'clinic' }) // clinic, 70 m
    .building('R3', rect(830, 795, 840, 805), { fire_grade: '3' }) // home 30 m east of the packaging unit's point
    .building('R4', rect(310, 795, 320, 805), { fire_grade: '3' }) // home 10 m from a farm (not hazardous)
    .passage('L1', [300, 300], [600, 300], { clear_width_m: 3, class: 'lane' })
    .strawStack('K1', rect(100, 100, 106, 106), { size: 'large' })
    .strawStack('K2', rect(400, 100, 404, 104), { size: 'small' })
    .strawStack('K3', rect(400, 301, 402, 303), { size: 'small' }) // 1.0 m from the centreline of a 3 m lane
    .strawStack('K4', rect(450, 301.6, 452, 303.6), { size: 'small' }) // 1.6 m: outside the 1.5 m half width
    .unit('D1', [110, 510], { kind: 'distillery', building_code: 'H1' })
    .unit('PK1', [800, 800], { kind: 'packaging' })
    .unit('FA1', [300, 800], { kind: 'farm' });

  // A lane graph: main road A–B–C–D, a blocked branch C–E–F, a narrow stub B–H, a low arch D–K then K–L.
  //   F(300,300)        L(400,300)
  //   |                 |
  //   E(300,200)        K(400,200)
  //   | obstacle        | clear height 3.5
  //   |    H(200,160)   |
  //   |    | 3 m wide   |
  //   A(100,100)—B(200,100)—C(300,100)—D(400,100)        brigade at (90,100), 6 km/h (100 m/min)
  const road = { clear_width_m: 6 };
  const lane = { clear_width_m: 5, class: 'lane' } as const;
  village('lanes', 6000)
    .passage('AB', [100, 100], [200, 100], { ...road, has_turnaround: true })
    .passage('BC', [200, 100], [300, 100], road)
    .passage('CD', [300, 100], [400, 100], road)
    .passage('CE', [300, 100], [300, 200], lane)
    .passage('EF', [300, 200], [300, 300], lane)
    .passage('BH', [200, 100], [200, 160], { ...lane, clear_width_m: 3 })
    .passage('DK', [400, 100], [400, 200], { ...lane, clear_height_m: 3.5 })
    .passage('KL', [400, 200], [400, 300], { ...lane, has_turnaround: true })
    .obstacle('O1', 'CE', [300, 150])
    .obstacle('O2', 'AB', [150, 100], { status: 'cleared', cleared_on: '2026-04-01' })
    .station('BR3', [90, 100], { kind: 'township_brigade', speed_kmh: 6 })
    .building('Q1', diamond(315, 245))
    .building('Q2', diamond(315, 170))
    .building('Q3', diamond(415, 255))
    .building('Q4', rect(700, 500, 710, 510))
    .building('Q5', diamond(215, 160))
    .building('Q6', diamond(150, 130))
    .building('Q7', diamond(390, 130));

  // Water sources and micro stations on a walkable network: lane N1–N2–N3–N4 (y = 500) and a spur N4–N5–N6
  // (x = 700 up to y = 700, then west to x = 300). An open obstacle on N2–N3 must not stop walking.
  const footpath = { clear_width_m: 3, class: 'lane' } as const;
  village('water', 9000)
    .passage('N1N2', [100, 500], [300, 500], footpath)
    .passage('N2N3', [300, 500], [500, 500], footpath)
    .passage('N3N4', [500, 500], [700, 500], footpath)
    .passage('N4N5', [700, 500], [700, 700], footpath)
    .passage('N5N6', [700, 700], [300, 700], footpath)
    .obstacle('O3', 'N2N3', [350, 500])
    .waterSource('Y1', [100, 490], { kind: 'hydrant' })
    .waterSource('Y2', [700, 490], { kind: 'pond', usable_months: [3, 4, 5, 6, 7, 8, 9, 10, 11] }) // dry Dec–Feb
    .waterSource('Y3', [400, 580], { kind: 'tank', status: 'out_of_service' })
    .waterSource('Y5', [400, 690], { kind: 'hydrant' })
    .station('Z1', [300, 510], { kind: 'micro_station', speed_kmh: 4 }) // 66.67 m/min
    .station('Z2', [710, 560], { kind: 'volunteer_team', speed_kmh: 3 }) // 50 m/min
    .building('U1', diamond(150, 525))
    .building('U2', diamond(400, 560))
    .building('U3', diamond(650, 525))
    .building('U5', diamond(500, 900))
    .building('U6', diamond(108, 525));

  // A village designed to pass every analysis: a 200 m loop road (no dead ends), brigade, hydrants,
  // a micro station, grade 1-2 houses 20 m apart and within 50 m of the road.
  village('clean', 12000)
    .passage('R12', [100, 500], [300, 500], road)
    .passage('R23', [300, 500], [300, 700], road)
    .passage('R34', [300, 700], [100, 700], road)
    .passage('R41', [100, 700], [100, 500], road)
    .station('BR5', [200, 480], { kind: 'township_brigade', speed_kmh: 40 })
    .station('MS5', [320, 600], { kind: 'micro_station', speed_kmh: 20 })
    .waterSource('H5a', [210, 480], { kind: 'hydrant' })
    .waterSource('H5b', [200, 720], { kind: 'hydrant' })
    .building('G1', rect(150, 520, 160, 530), { fire_grade: '1-2' })
    .building('G2', rect(180, 520, 190, 530), { fire_grade: '1-2' })
    .building('G3', rect(240, 640, 250, 650), { fire_grade: '1-2' });

  const { lon, lat, size } = LONLAT_PAIR;
  town
    .village(V.lonlat, { name: '测试村lonlat', area: rect(112.29, 37.4, 112.31, 37.41) })
    .building('LL1', square(lon, lat, size), { fire_grade: '4', structure: 'earth_wood' })
    .building('LL2', square(lon + 2 * size, lat, size), { fire_grade: '4', structure: 'earth_wood' });
  return town;
}

/** Inserts every scenario; returns the database ids by code. */
export function loadAnalysisFixtures(db: Kysely<Database>): Promise<TownIds> {
  return insertTown(db, analysisTown());
}
