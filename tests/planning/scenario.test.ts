import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { BadRequestError, NotFoundError, UnprocessableError } from '../../lib/api/errors';
import { evaluateSchema, type FixSpec } from '../../lib/planning/fixes';
import { evaluateScenario } from '../../lib/planning/scenario-evaluation';
import { segmentsToFix } from '../../lib/planning/segments';
import { suggestSites } from '../../lib/planning/suggestions';
import { analyse } from '../analysis/helpers';
import { testEngines } from '../helpers/engines';
import { codesOf, type TownIds } from '../town/insert-town';
import { drawnLine, loadPlanningFixture, lonLat, PLAN_VILLAGE } from './fixture';

/**
 * What-if evaluation and placement suggestions on the hand-built planning town (see fixture.ts for the
 * layout and distances). Every expected set is worked out by hand in the comments.
 */
describe.each(testEngines)('scenario evaluation on $name (planning fixture)', (engine) => {
  let handle: DatabaseHandle;
  let ids: TownIds;
  const codes = (list: readonly number[]) => {
    const byId = new Map(Object.entries(ids.building).map(([code, id]) => [id, code]));
    return list.map((id) => byId.get(id) ?? `#${id}`).sort();
  };
  const evaluate = (fixes: FixSpec[], extra: Record<string, unknown> = {}) =>
    evaluateScenario(handle.db, evaluateSchema.parse({ fixes, target_min: 5, ...extra }));

  beforeAll(async () => {
    handle = await engine.open();
    ids = await loadPlanningFixture(handle.db);
  });
  afterAll(() => handle?.close());

  it('baseline: the reachability analysis agrees with the hand count (P8, P9, P10 reachable)', async () => {
    const result = await analyse(handle.db, 'reachability', PLAN_VILLAGE);
    expect(result.summary).toMatchObject({ buildings: 10, without_truck_access: 7 });
    const none = await evaluate([]);
    expect(none.before).toEqual(none.after);
    expect(none.before).toMatchObject({ buildings: 10, reachable_by_truck: 3, within_response_target: 3 });
    // narrow CF, obstacle BD, dead ends DE (E–D–B 400 m) / CF (F–C–B 400 m) / GH (isolated 200 m),
    // (blocked segments BD and CF are findings of the reachability analysis: listed, not counted).
    expect(none.before.passage_findings).toBe(5);
  });

  it('clearing the one blocking obstacle makes exactly P1, P2 and P3 reachable', async () => {
    const result = await evaluate([{ kind: 'clear_obstacle', obstacle_id: ids.obstacle.O1! }]);
    expect(codes(result.newly_reachable.features.map((f) => f.properties!.building_id as number))).toEqual(['P1', 'P2', 'P3']);
    expect(result.before.reachable_by_truck).toBe(3);
    expect(result.after.reachable_by_truck).toBe(6);
    // 5 min at 100 m/min = 500 m from the brigade (leg 10 to A): P1 via BD 10 + 200 + 150 = 360 ✓,
    // P3 10 + 400 + 120 = 530 ✗, P2 10 + 400 + 150 = 560 ✗.
    expect(codes(result.newly_within_target)).toEqual(['P1']);
    expect(result.after.within_response_target - result.before.within_response_target).toBe(1);
    expect(result.resolved_findings.map((f) => f.key).sort()).toEqual([`blocked_segment:${ids.passage.BD}`, `obstacle:${ids.passage.BD}`]);
    expect(result.new_findings).toEqual([]);
    expect(result.after.passage_findings).toBe(4);
    expect(result.newly_reachable.features[0]!.geometry.type).toBe('Polygon');
  });

  it('widening the narrow segment to 4.5 m opens P4 only; to 3.5 m opens nothing', async () => {
    const wide = await evaluate([{ kind: 'widen', passage_id: ids.passage.CF!, width_m: 4.5 }]);
    expect(codes(wide.newly_reachable.features.map((f) => f.properties!.building_id as number))).toEqual(['P4']);
    expect(wide.resolved_findings.map((f) => f.key).sort()).toEqual([`blocked_segment:${ids.passage.CF}`, `narrow:${ids.passage.CF}`]);
    const short = await evaluate([{ kind: 'widen', passage_id: ids.passage.CF!, width_m: 3.5 }]);
    expect(short.newly_reachable.features).toEqual([]);
  });

  it('a new link drawn from near C to near G joins both ends and opens P5 (on GH) and P6 (next to the link)', async () => {
    const geometry = await drawnLine(handle.db, [
      [503, 98],
      [697, 303],
    ]);
    const result = await evaluate([{ kind: 'new_link', geometry, width_m: 5, class: 'lane' }]);
    expect(codes(result.newly_reachable.features.map((f) => f.properties!.building_id as number))).toEqual(['P5', 'P6']);
    const link = result.new_links.features[0]!;
    const [c, g] = [await lonLat(handle.db, [500, 100]), await lonLat(handle.db, [700, 300])];
    const coordinates = (link.geometry as GeoJSON.LineString).coordinates;
    expect(coordinates[0]![0]).toBeCloseTo(c[0], 9);
    expect(coordinates[0]![1]).toBeCloseTo(c[1], 9);
    expect(coordinates[1]![0]).toBeCloseTo(g[0], 9);
    expect(coordinates[1]![1]).toBeCloseTo(g[1], 9);
    expect(link.properties!.length_m).toBeCloseTo(200 * Math.SQRT2, 1);
    // The line y = x − 400 passes 3.5 m from P6's corner (600, 205): next to it, not through it.
    expect(link.properties!.crosses_building_ids).toEqual([]);
    // Through P9 (diamond at 410,130): from B (300,100) to P9's centre and on to C (500,100); it passes P10 (480,70)
    // above its top corner (the line is at y = 106.7 where x = 480).
    const through = await drawnLine(handle.db, [
      [300, 100],
      [410, 130],
      [500, 100],
    ]);
    const crossing = await evaluate([{ kind: 'new_link', geometry: through, width_m: 5, class: 'lane' }]);
    expect(codes(crossing.new_links.features[0]!.properties!.crosses_building_ids as number[])).toEqual(['P9']);
  });

  it('a set of fixes together: obstacle, widening, link and a turnaround at F', async () => {
    const geometry = await drawnLine(handle.db, [
      [503, 98],
      [697, 303],
    ]);
    const result = await evaluate([
      { kind: 'clear_obstacle', obstacle_id: ids.obstacle.O1! },
      { kind: 'widen', passage_id: ids.passage.CF!, width_m: 4.5 },
      { kind: 'new_link', geometry, width_m: 5, class: 'lane' },
      { kind: 'turnaround', passage_id: ids.passage.CF! },
    ]);
    expect(codes(result.newly_reachable.features.map((f) => f.properties!.building_id as number))).toEqual([
      'P1',
      'P2',
      'P3',
      'P4',
      'P5',
      'P6',
    ]);
    expect(result.after.reachable_by_truck).toBe(9); // all but P7
    expect(result.resolved_findings.map((f) => f.key)).toContain(`dead_end:${ids.passage.CF}`);
  });

  it('refuses a link far from every passage end, a crossing line, and unknown ids', async () => {
    const far = await drawnLine(handle.db, [
      [600, 800],
      [800, 800],
    ]);
    await expect(evaluate([{ kind: 'new_link', geometry: far, width_m: 5, class: 'lane' }])).rejects.toThrow(BadRequestError);
    const bow = await drawnLine(handle.db, [
      [500, 100],
      [600, 200],
      [600, 150],
      [550, 250],
    ]);
    await expect(evaluate([{ kind: 'new_link', geometry: bow, width_m: 5, class: 'lane' }])).rejects.toThrow(/crosses itself/);
    await expect(evaluate([{ kind: 'clear_obstacle', obstacle_id: 999_999 }])).rejects.toThrow(NotFoundError);
    await expect(evaluate([{ kind: 'widen', passage_id: 999_999, width_m: 5 }])).rejects.toThrow(NotFoundError);
  });

  it('suggests water sites: the best covers P9 and P10, the second P8 (hand count, radius 150 m)', async () => {
    // No water source yet. Candidates every 50 m on truck-reachable AB and BC: x = 125…275 and 325…475 (y = 100).
    // Covered when |x − x_attach| + 25 ≤ 150: P8 (x 190) from 125–275; P9 (410) from 325–475; P10 (480) from 375–475.
    // P1 (BD) and P4 (CF) are ≥ 160 m away along the lanes from every candidate.
    const result = await suggestSites(handle.db, 'water', 3);
    expect(result.uncovered_before).toBe(10);
    expect(result.sites.map((s) => codes(s.building_ids))).toEqual([['P10', 'P9'], ['P8']]);
    expect(result.sites.map((s) => s.gain)).toEqual([2, 1]);
    expect(result.sites[0]!.passage_code).toBe('BC');
    // The first candidate covering both is x = 375 on BC.
    const expected = await lonLat(handle.db, [375, 100]);
    expect(result.sites[0]!.lon).toBeCloseTo(expected[0], 7);
    expect(result.sites[0]!.lat).toBeCloseTo(expected[1], 7);
  });

  it('a dropped candidate water site shows its gain: at x = 430 on BC it covers P9 and P10', async () => {
    const [lon, lat] = await lonLat(handle.db, [430, 104]);
    const result = await evaluate([], { sites: [{ kind: 'water', lon, lat }] });
    expect(codes(result.newly_water_covered)).toEqual(['P10', 'P9']);
    expect(result.before.water_covered).toBe(0);
    expect(result.after.water_covered).toBe(2);
    expect(result.sites[0]!.passage_id).toBe(ids.passage.BC);
    expect(result.sites[0]!.snap_m).toBeCloseTo(4, 3);
  });

  it('refuses a site more than 200 m outside the town, naming it, and takes one 150 m beyond the boundary', async () => {
    // The village is the square x, y = 0…1000 m of the fixture's frame.
    const [lon, lat] = await lonLat(handle.db, [1250, 500]);
    const error = await evaluate([], { sites: [{ kind: 'water', lon, lat }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnprocessableError);
    expect((error as UnprocessableError).details).toEqual({ sites: [0] });
    const [nearLon, nearLat] = await lonLat(handle.db, [1150, 500]);
    expect((await evaluate([], { sites: [{ kind: 'water', lon: nearLon, lat: nearLat }] })).sites).toHaveLength(1);
  });

  it('a dropped micro-station site at x = 430 on BC reaches P4, P8, P9, P10 within 3 minutes at 5.1 km/h', async () => {
    // 5.1 km/h = 85 m/min → 255 m in 3 min, measured to each building's point on its passage (no last leg), plus the
    // site's own 4 m to BC: P9 (x 410) 24, P10 (x 480) 54, P8 (x 190) 244, P4 via C and CF to y = 250: 4 + 70 + 150
    // = 224 ✓; P1 via B and BD to y = 250: 4 + 130 + 150 = 284 ✗; P2, P3 further up; P5–P7 not on the network.
    const [lon, lat] = await lonLat(handle.db, [430, 104]);
    const result = await evaluate([], { sites: [{ kind: 'station', lon, lat, speed_kmh: 5.1 }] });
    expect(codes(result.newly_station_covered)).toEqual(['P10', 'P4', 'P8', 'P9']);
    expect(result.before.station_covered).toBe(0);
  });

  it('ranks segments by buildings cut off: BD (3, fixed obstacle → end-2024), CF (1, narrow + dead end), then the dead ends', async () => {
    const { segments, without_truck_access } = await segmentsToFix(handle.db);
    expect(without_truck_access).toBe(7);
    const passage = codesOf(ids.passage);
    expect(segments.map((s) => [passage(s.passage_id), s.cut_off, s.reasons, s.milestone])).toEqual([
      ['BD', 3, ['obstacle'], '2024'],
      ['CF', 1, ['narrow', 'dead_end'], '2026'],
      ['DE', 0, ['dead_end'], '2026'],
      ['GH', 0, ['dead_end'], '2026'],
    ]);
    expect(codes(segments[0]!.building_ids)).toEqual(['P1', 'P2', 'P3']);
    expect(segments[0]!.obstacles.map((o) => o.code)).toEqual(['O1']);
    expect(segments[1]!.dead_end_m).toBeCloseTo(400, 3); // F–C–B: CF 200 + BC 200
  });
});
