import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { ANALYSIS_NAMES } from '../../lib/analysis/types';
import { testEngines } from '../helpers/engines';
import { codesOf, type TownIds } from '../town/insert-town';
import { loadAnalysisFixtures, V } from './fixtures';
import { analyse, ofKind, problems } from './helpers';

/**
 * The lane graph (village `lanes`, see fixtures.ts), metres:
 *   AB, BC, CD main road 6 m wide, 100 m each; brigade at (90,100) → enters AB at A (leg 10), 6 km/h = 100 m/min.
 *   CE 5 m with an open obstacle (O1), EF 5 m: F is a dead end 200 m from junction C (chain F–E–C).
 *   BH 3 m wide, 60 m: H is a dead end. DK 3.5 m clear height; KL ends at L with a turnaround.
 *   A is a dead end too (100 m to B), with a turnaround.
 * Truck graph: AB, BC, CD (reachable from the brigade), EF and KL (passable but cut off).
 * Buildings (diamonds, corner 5 m from centre): Q1 (315,245) next to EF; Q2 (315,170) next to CE (10 m) and
 * 29.2 m from E; Q3 (415,255) next to KL, 52 m from DK; Q4 a square at (700..710, 500..510) far from all lanes;
 * Q5 (215,160) 10 m from H, 55 m from BC and √(15²+55²) = 57.0 m from B (the end of AB); Q6 (150,130) 25 m above AB's middle; Q7 (390,130) 25 m above
 * CD at x = 390 and 5 m from DK.
 */
describe.each(testEngines)('network rules on $name (hand-built lane graph)', (engine) => {
  let handle: DatabaseHandle;
  let ids: TownIds;
  let building: (id: unknown) => string;
  let passage: (id: unknown) => string;
  beforeAll(async () => {
    handle = await engine.open();
    ids = await loadAnalysisFixtures(handle.db);
    building = codesOf(ids.building);
    passage = codesOf(ids.passage);
  });
  afterAll(() => handle?.close());

  it('passages: narrow, low, blocked, and dead ends over 40 m without a turnaround', async () => {
    const result = await analyse(handle.db, 'passages', V.lanes);
    const found = result.features.map((f) => [
      f.properties.kind,
      passage(f.properties.passage_id),
      f.properties.measured,
      f.properties.threshold,
    ]);
    // BH 3 m < 4 m; DK 3.5 m < 4 m clear height; CE one open obstacle (O2 on AB is cleared);
    // dead ends: F (EF + CE = 200 m, no turnaround) ✓, H (BH 60 m) ✓, A (100 m, turnaround) –, L (KL+DK+CD
    // = 300 m, turnaround) –.
    expect(found).toEqual(
      expect.arrayContaining([
        ['narrow', 'BH', 3, 4],
        ['low', 'DK', 3.5, 4],
        ['obstacle', 'CE', 1, 0],
        ['dead_end', 'EF', 200, 40],
        ['dead_end', 'BH', 60, 40],
      ]),
    );
    expect(found).toHaveLength(5);
    const f = ofKind(result, 'dead_end').find((d) => passage(d.properties.passage_id) === 'EF')!;
    expect((f.properties.passage_ids as number[]).map(passage)).toEqual(['EF', 'CE']);
    expect(f.geometry.type).toBe('MultiLineString');
    expect(ofKind(result, 'obstacle')[0]!.properties.obstacle_ids).toEqual([ids.obstacle.O1]);
  });

  it('reachability: cut-off and out-of-reach buildings, and the blocked segments ranked by buildings they cut off', async () => {
    const result = await analyse(handle.db, 'reachability', V.lanes);
    // Hose 60 m. Q1 (lanes within 60 m: EF 10, CE 42.7) and Q2 (CE 10, EF 29.2) only touch the cut-off branch;
    // Q3 (KL 10, DK 52) the cut-off KL; Q4 has no passage within 60 m. Q5 (BC 55), Q6 (AB 25), Q7 (CD 25) are fine.
    // Measured = distance to the nearest reachable passage (AB/BC/CD, y = 100): Q1 bottom corner (315,240) → 140;
    // Q2 (315,165) → 65; Q3 corner (415,250) → D (400,100) √(15²+150²) = 150.75; Q4 corner (700,500) → D 500.
    const unreachable = problems(result)
      .filter((f) => f.properties.kind !== 'blocked_segment')
      .map((f) => [building(f.properties.building_id), f.properties.kind, f.properties.measured]);
    expect(unreachable).toEqual([
      ['Q1', 'cut_off', 140],
      ['Q2', 'cut_off', 65],
      ['Q3', 'cut_off', 150.75],
      ['Q4', 'beyond_hose', 500],
    ]);
    // Clearing CE alone (C is reachable) opens E–F: Q1 and Q2. Making DK passable opens K–L: Q3.
    // BH cuts nobody off (Q5 and Q6 reach the main road within 60 m).
    const blocked = ofKind(result, 'blocked_segment').map((f) => ({
      passage: passage(f.properties.passage_id),
      rank: f.properties.rank,
      cutOff: (f.properties.building_ids as number[]).map(building),
      rule: f.properties.rule_id,
      reasons: f.properties.reasons,
    }));
    expect(blocked).toEqual([
      { passage: 'CE', rank: 1, cutOff: ['Q1', 'Q2'], rule: 'GB55037.passage.obstacle', reasons: ['obstacle'] },
      { passage: 'DK', rank: 2, cutOff: ['Q3'], rule: 'GB55037.passage.height', reasons: ['low'] },
    ]);
    expect(result.summary).toMatchObject({
      buildings: 7,
      without_truck_access: 4,
      by_village: { [V.lanes]: { buildings: 7, without_truck_access: 4 } },
    });
    expect(ofKind(result, 'cut_off')[0]!.properties).toMatchObject({ rule_id: 'campaign.hose_distance', threshold_m: 60 });
  });

  it('reachability with hose_m=30: Q5 now depends on the narrow stub BH', async () => {
    const result = await analyse(handle.db, 'reachability', V.lanes, { hoseM: 30 });
    // Within 30 m: Q5 only BH (10); Q2 CE (10) and EF (29.2); Q1 only EF; Q6 AB 25, Q7 CD 25 still fine.
    // CE → {Q1, Q2}; then DK → {Q3} and BH → {Q5} tie at 1, ordered by passage id (BH before DK).
    expect(ofKind(result, 'cut_off').map((f) => building(f.properties.building_id))).toEqual(['Q1', 'Q2', 'Q3', 'Q5']);
    expect(ofKind(result, 'blocked_segment').map((f) => [passage(f.properties.passage_id), f.properties.cut_off_buildings])).toEqual([
      ['CE', 2],
      ['BH', 1],
      ['DK', 1],
    ]);
    expect(ofKind(result, 'cut_off')[0]!.properties.threshold_m).toBe(30);
  });

  it('response time: truck minutes at the brigade speed, beyond the target or without truck access', async () => {
    // Brigade enters at A after 10 m; 100 m/min. Truck minutes end where the truck stops (the hose leg is not
    // driven). Q6: A + 50 = 60 m → 0.6 min; Q5: the truck stops at B (110 m), 57.0 m of hose from the corner
    // (215,155) — nearer than driving on to x = 215 on BC (125 m) → 1.1; Q7: C (210) + 90 = 300 m → 3.0.
    // Q1–Q4 have no truck access.
    const standard = await analyse(handle.db, 'response-time', V.lanes);
    expect(problems(standard).map((f) => [building(f.properties.building_id), f.properties.kind, f.properties.measured])).toEqual([
      ['Q1', 'no_truck_access', null],
      ['Q2', 'no_truck_access', null],
      ['Q3', 'no_truck_access', null],
      ['Q4', 'no_truck_access', null],
    ]);
    expect(standard.features[0]!.properties).toMatchObject({ rule_id: 'campaign.response_time', threshold_min: 15 });
    const tight = await analyse(handle.db, 'response-time', V.lanes, { targetMin: 1 });
    expect(
      ofKind(tight, 'beyond_target').map((f) => [building(f.properties.building_id), f.properties.measured, f.properties.threshold_min]),
    ).toEqual([
      ['Q5', 1.1, 1],
      ['Q7', 3, 1],
    ]);
    expect(ofKind(tight, 'beyond_target')[0]!.properties.station_id).toBe(ids.station.BR3);
    const gaps = ofKind(tight, 'gap_area');
    expect(gaps.map((g) => [g.properties.village_code, g.properties.uncovered_buildings])).toEqual([[V.lanes, 6]]);
    expect(gaps[0]!.properties).toMatchObject({
      rule_id: 'campaign.response_time',
      unit: 'count',
      threshold: 0,
      measured: 6,
      rule_threshold_min: 1,
    });
    expect(tight.summary).toMatchObject({ total: 6, target_min: 1, by_village: { [V.lanes]: { buildings: 7, uncovered: 6 } } });
  });

  /*
   * Water village (metres): lane N1(100,500)–N2(300,500)–N3(500,500)–N4(700,500), spur N4–N5(700,700)–N6(300,700).
   * Sources enter at the nearest point of their nearest passage: hydrant Y1 (100,490) at N1 (leg 10), seasonal
   * pond Y2 (700,490) at N4 (leg 10, usable March–November), tank Y3 out of service, hydrant Y5 (400,690) on N5–N6
   * 300 m from N5 and 100 m from N6 (leg 10). Node distances in January: N1 10, N2 210, N3 410, N6 110, N5 310,
   * N4 510; in July (Y2 too) N4 10, N3 210, N5 210, N2 210.
   */
  it('water coverage in January: straight line and along the walkable network; dry pond and broken tank do not count', async () => {
    const result = await analyse(handle.db, 'water-coverage', V.water, { month: 1 });
    // U1 (150,525): straight to Y1 √(45²+35²) = 57.0, network 10 + 50 + leg 20 = 80 → covered.
    // U6 (108,525): straight 31.0, network 10 + 8 + 20 = 38 → covered.
    // U2 (400,560): straight to Y5 125 (the broken tank Y3 is 15 m away), but the spur is 135 m off and the lane
    //   route is N2 (210) + 100 + leg 55 = 365 > 150 (through O3's open obstacle: walking ignores it) → network gap.
    // U3 (650,525): Y2 is dry; nearest usable is Y5: corner (645,525) √(245²+165²) = 295.38 → straight gap.
    // U5 (500,900): Y5 √(100²+205²) = 228.09 → straight gap; no passage within 60 m → no network measure.
    const found = problems(result).map((f) => [building(f.properties.building_id), f.properties.kind, f.properties.measured]);
    expect(found).toEqual([
      ['U2', 'no_water_network', 365],
      ['U3', 'no_water_straight', 295.38],
      ['U5', 'no_water_straight', 228.09],
    ]);
    expect(ofKind(result, 'no_water_network')[0]!.properties).toMatchObject({
      straight_m: 125,
      network_m: 365,
      threshold_m: 150,
      rule_id: 'GB50974.water_radius',
    });
    expect(ofKind(result, 'no_water_straight')[1]!.properties).toMatchObject({ network_m: null });
    // Usable sources are counted town-wide: Y1, Y5 and the clean village's two hydrants.
    expect(result.summary).toMatchObject({
      month: 1,
      usable_sources: 4,
      by_village: { [V.water]: { buildings: 5, uncovered_straight: 2, uncovered_network: 3 } },
    });
    const gaps = ofKind(result, 'gap_area').map((g) => [g.properties.method, g.properties.uncovered_buildings, g.geometry.type]);
    expect(gaps).toEqual([['network', 3, 'MultiPolygon']]); // U2, U3, U5: one gap set, the network one (it contains the straight-line gaps)
  });

  it('water coverage in July: the seasonal pond covers U3', async () => {
    const result = await analyse(handle.db, 'water-coverage', V.water, { month: 7 });
    // U3: Y2 corner (655,525) √(45²+35²) = 57.0, network N4 10 + 50 + 20 = 80. U2 still 365 (via N2 or N3 alike).
    expect(problems(result).map((f) => [building(f.properties.building_id), f.properties.kind, f.properties.measured])).toEqual([
      ['U2', 'no_water_network', 365],
      ['U5', 'no_water_straight', 228.09],
    ]);
    expect(result.summary).toMatchObject({ month: 7, usable_sources: 5 }); // + the pond Y2
  });

  it("station coverage: 3 minutes along the network at each station's own speed", async () => {
    const result = await analyse(handle.db, 'station-coverage', V.water);
    // Micro station Z1 (300,510) enters at N2 (leg 10), 4 km/h = 66.67 m/min (3 min = 200 m):
    // U1 10 + 150 → 2.4 min, U2 10 + 100 → 1.65, U6 10 + 192 = 202 m → 3.03 min > 3 ✗.
    // Volunteer team Z2 (710,560) enters N4–N5 60 m north of N4 (leg 10), 3 km/h = 50 m/min: U3 meets N4–N5
    // 25 m north of N4 → 10 + 35 = 45 m → 0.9 min. U5 has no passage within the 60 m access distance.
    expect(
      problems(result).map((f) => [building(f.properties.building_id), f.properties.kind, f.properties.measured, f.properties.station_id]),
    ).toEqual([
      ['U5', 'no_station_access', null, null],
      ['U6', 'beyond_station_time', 3.03, ids.station.Z1],
    ]);
    expect(result.features[0]!.properties).toMatchObject({ rule_id: 'campaign.micro_station_time', threshold_min: 3, unit: 'min' });
    expect(result.summary).toMatchObject({ stations: 3, by_village: { [V.water]: { buildings: 5, uncovered: 2 } } });
  });

  it('finds nothing in the village designed to pass, for every analysis and month', async () => {
    for (const name of ANALYSIS_NAMES) {
      for (const month of [1, 7]) {
        const result = await analyse(handle.db, name, V.clean, { month });
        expect([name, result.features]).toEqual([name, []]);
      }
    }
  });
});
