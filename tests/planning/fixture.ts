import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { diamond, lonLatOf, metresFrom, rect, TOWN_ORIGIN, type Xy } from '../town/coordinates';
import { insertTown, type TownIds } from '../town/insert-town';
import { TestTown } from '../town/town';

/**
 * A small hand-built town for the planner workspace, in EPSG:4546 metres relative to the town origin (x east,
 * y north). Buildings near lanes are diamonds (corner 5 m from the centre) so their closest point to a lane is
 * one corner. All passages are concrete lanes; all buildings one-storey grade-3 homes.
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

const PLAN_FRAME = metresFrom(TOWN_ORIGIN);

function planningTown(): TestTown {
  const town = new TestTown();
  const lane = (clear_width_m: number) => ({ class: 'lane', clear_width_m }) as const;
  town
    .village(PLAN_VILLAGE, { name: '规划测试村', frame: PLAN_FRAME, area: rect(0, 0, 1000, 1000) })
    .passage('AB', [100, 100], [300, 100], { ...lane(6), has_turnaround: true })
    .passage('BC', [300, 100], [500, 100], lane(6))
    .passage('BD', [300, 100], [300, 300], lane(5))
    .passage('DE', [300, 300], [300, 500], lane(5))
    .passage('CF', [500, 100], [500, 300], lane(3))
    .passage('GH', [700, 300], [700, 500], lane(5))
    .obstacle('O1', 'BD', [300, 200], { obstacle_type: 'illegal_structure', found_on: '2024-03-01' })
    .station('BR', [90, 100], { name: '测试专职队', kind: 'township_brigade', speed_kmh: 6 })
    .building('P1', diamond(315, 250))
    .building('P2', diamond(315, 450))
    .building('P3', diamond(285, 420))
    .building('P4', diamond(515, 250))
    .building('P5', diamond(715, 400))
    .building('P6', rect(590, 205, 600, 215))
    .building('P7', rect(900, 900, 910, 910))
    .building('P8', diamond(190, 130))
    .building('P9', diamond(410, 130))
    .building('P10', diamond(480, 70));
  return town;
}

export function loadPlanningFixture(db: Kysely<Database>): Promise<TownIds> {
  return insertTown(db, planningTown());
}

/** lon/lat of a local point, computed by PostGIS (the same transform the stored data went through). */
export function lonLat(db: Kysely<Database>, point: Xy): Promise<Xy> {
  return lonLatOf(db, PLAN_FRAME, point);
}

/** A drawn line in local metres as GeoJSON lon/lat. */
export async function drawnLine(db: Kysely<Database>, points: Xy[]): Promise<{ type: 'LineString'; coordinates: Xy[] }> {
  return { type: 'LineString', coordinates: await Promise.all(points.map((p) => lonLat(db, p))) };
}
