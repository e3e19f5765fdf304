import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { testEngines } from '../helpers/engines';
import { codesOf, type TownIds } from '../town/insert-town';
import { LONLAT_PAIR, loadAnalysisFixtures, V } from './fixtures';
import { analyse, ofKind } from './helpers';

/** GRS80/CGCS2000 ellipsoid. */
const A = 6_378_137;
const F = 1 / 298.257222101;
const E2 = F * (2 - F);

/**
 * Independent of PostGIS: the grid distance between two points on one parallel, Δλ apart, in Gauss-Krüger
 * CM 111°E. Arc along the parallel N·cosφ·Δλ, times the GK point scale k ≈ 1 + (Δλ₀·cosφ)²·(1+η²)/2, where
 * Δλ₀ is the longitude from the central meridian.
 */
function gkParallelDistance(lat: number, lon: number, dLon: number): number {
  const phi = (lat * Math.PI) / 180;
  const n = A / Math.sqrt(1 - E2 * Math.sin(phi) ** 2);
  const arc = n * Math.cos(phi) * ((dLon * Math.PI) / 180);
  const l0 = ((lon - 111) * Math.PI) / 180;
  const eta2 = (E2 / (1 - E2)) * Math.cos(phi) ** 2;
  const k = 1 + ((l0 * Math.cos(phi)) ** 2 * (1 + eta2)) / 2;
  return arc * k;
}

describe.each(testEngines)('building rules on $name (hand-built fixtures)', (engine) => {
  let handle: DatabaseHandle;
  let ids: TownIds;
  let code: (id: unknown) => string;
  beforeAll(async () => {
    handle = await engine.open();
    ids = await loadAnalysisFixtures(handle.db);
    code = codesOf(ids.building);
  });
  afterAll(() => handle?.close());

  const pairsOf = (features: { properties: Record<string, unknown> }[]) =>
    Object.fromEntries(
      features.map((f) => [
        (f.properties.building_ids as number[]).map(code).join('-'),
        [f.properties.measured, f.properties.threshold_m, f.properties.rule_id],
      ]),
    );

  it('seeds the rule table from DOMAIN.md: both spacing tables, passage, water, time rules', async () => {
    const rows = await sql<{ rule_id: string; threshold: number; unit: string }>`
      SELECT rule_id, threshold::float8 AS threshold, unit FROM rules ORDER BY rule_id`.execute(handle.db);
    const rules = Object.fromEntries(rows.rows.map((r) => [r.rule_id, [r.threshold, r.unit]]));
    expect(rules['GB50039.spacing.3.4']).toEqual([7, 'm']);
    expect(rules['GB50016.spacing.4.4']).toEqual([12, 'm']);
    expect(rules['GB50016.spacing.high_rise.3']).toEqual([11, 'm']);
    expect(rules['GB50039.cluster.3-4']).toEqual([3000, 'm2']);
    expect(rules['GB50039.stack.large.4']).toEqual([25, 'm']);
    expect(rules['GB50039.hazardous_site']).toEqual([50, 'm']);
    expect(rules['GB55037.passage.width']).toEqual([4, 'm']);
    expect(rules['GB50016.passage.dead_end']).toEqual([40, 'm']);
    expect(rules['campaign.hose_distance']).toEqual([60, 'm']);
    expect(rules['GB50974.water_radius']).toEqual([150, 'm']);
    expect(rules['campaign.micro_station_time']).toEqual([3, 'min']);
    expect(rules['campaign.response_time']).toEqual([15, 'min']);
    expect(rows.rows).toHaveLength(34);
  });

  it('spacing, rural table (GB 50039): the pairs closer than their grades require, with the shortest line', async () => {
    const result = await analyse(handle.db, 'spacing', V.spacing);
    // By hand (gap vs. rural requirement): S1/S2 3-4 5.5 < 7 ✓; S3/S4 1-2 4.5 ≥ 4 –; S5/S6 4-4 8.3 ≥ 8 –;
    // S7/S8 1-2/3 4.9 < 5 ✓; S9/S10 3-3 5.0 (3-4-5 corners) < 6 ✓; S11/S12 high-rise is not a rural class,
    // 1-2/3 10 ≥ 5 –; C1 three 3-3 gaps 5 < 6 ✓✓✓; C2 two 1-2 gaps 3 < 4 ✓✓; C3 1-2 gap 3 < 4 ✓, 1-2/4 gap 5 < 6 ✓.
    expect(pairsOf(result.features)).toEqual({
      'S1-S2': [5.5, 7, 'GB50039.spacing.3.4'],
      'S7-S8': [4.9, 5, 'GB50039.spacing.1-2.3'],
      'S9-S10': [5, 6, 'GB50039.spacing.3.3'],
      'C1a-C1b': [5, 6, 'GB50039.spacing.3.3'],
      'C1b-C1c': [5, 6, 'GB50039.spacing.3.3'],
      'C1c-C1d': [5, 6, 'GB50039.spacing.3.3'],
      'C2a-C2b': [3, 4, 'GB50039.spacing.1-2.1-2'],
      'C2b-C2c': [3, 4, 'GB50039.spacing.1-2.1-2'],
      'C3a-C3b': [3, 4, 'GB50039.spacing.1-2.1-2'],
      'C3b-C3c': [5, 6, 'GB50039.spacing.1-2.4'],
    });
    const s9 = result.features.find((f) => (f.properties.building_ids as number[])[0] === ids.building.S9)!;
    expect(s9.properties).toMatchObject({
      analysis: 'spacing',
      kind: 'spacing_pair',
      unit: 'm',
      village_code: V.spacing,
      grades: ['3', '3'],
      building_codes: ['S9', 'S10'],
      building_names: ['王家院', null],
    });
    expect(s9.properties.clause).toMatch(/GB 50039/);
    // The shortest line runs corner (110, 510) → corner (113, 514): 5 m long in EPSG:4546.
    const line = await sql<{ length: number; x0: number; y0: number; x1: number; y1: number }>`
      SELECT ST_Length(g) AS length, ST_X(ST_StartPoint(g)) - 597400 AS x0, ST_Y(ST_StartPoint(g)) - 4138100 AS y0,
        ST_X(ST_EndPoint(g)) - 597400 AS x1, ST_Y(ST_EndPoint(g)) - 4138100 AS y1
      FROM (SELECT ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(s9.geometry)}), 4326), 4546) AS g) t`.execute(handle.db);
    const { length, x0, y0, x1, y1 } = line.rows[0]!;
    expect(length).toBeCloseTo(5, 1); // GeoJSON keeps 7 decimals (≈ 1 cm)
    expect([x0, y0, x1, y1].map((v) => Math.round(v * 10) / 10)).toEqual([110, 510, 113, 514]);
    expect(result.summary).toMatchObject({ total: 10, by_kind: { spacing_pair: 10 }, by_village: { [V.spacing]: { total: 10 } } });
    expect(result.rules.map((r) => r.rule_id)).toContain('GB50039.spacing.4.4');
  });

  it('spacing, national table (GB 50016 5.2.2): every designed pair fails, the high-rise pair by its own row', async () => {
    const result = await analyse(handle.db, 'spacing', V.spacing, { ruleset: 'GB50016' });
    const pairs = pairsOf(result.features);
    // 6/7/9/8/10/12 m; S11 is 30 m residential (> 27 m) → high-rise/3 = 11 m > 10.
    expect(pairs).toMatchObject({
      'S1-S2': [5.5, 10, 'GB50016.spacing.3.4'],
      'S3-S4': [4.5, 6, 'GB50016.spacing.1-2.1-2'],
      'S5-S6': [8.3, 12, 'GB50016.spacing.4.4'],
      'S7-S8': [4.9, 7, 'GB50016.spacing.1-2.3'],
      'S9-S10': [5, 8, 'GB50016.spacing.3.3'],
      'S11-S12': [10, 11, 'GB50016.spacing.high_rise.3'],
      'C3b-C3c': [5, 9, 'GB50016.spacing.1-2.4'],
    });
    expect(Object.keys(pairs)).toHaveLength(13); // + C1 ×3, C2 ×2, C3a-C3b
  });

  it('measures metres in EPSG:4546: a pair placed in lon/lat matches an independent ellipsoid computation', async () => {
    const expected = gkParallelDistance(LONLAT_PAIR.lat + LONLAT_PAIR.size, LONLAT_PAIR.lon + LONLAT_PAIR.size, LONLAT_PAIR.size);
    expect(expected).toBeGreaterThan(8.8); // ≈ 8.85 m: below 12 m (national 4/4), above 8 m (rural 4/4)
    const national = await analyse(handle.db, 'spacing', V.lonlat, { ruleset: 'GB50016' });
    expect(national.features).toHaveLength(1);
    expect(national.features[0]!.properties.measured as number).toBeCloseTo(expected, 2);
    expect((await analyse(handle.db, 'spacing', V.lonlat)).features).toEqual([]);
  });

  it('clusters: chains over the area limit of their weakest grade; a grade 1-2 chain under 5,000 m² passes', async () => {
    const result = await analyse(handle.db, 'clusters', V.spacing);
    // C1: 4 × 900 = 3,600 m² of grade 3 > 3,000 ✓. C2: 3 × 1,600 = 4,800 m² of grade 1-2 < 5,000 –.
    // C3: 2 × 1,600 + 100 = 3,300 m², one grade-4 building → the 3-4 limit 3,000 applies ✓.
    // The pairs S1/S2, S7/S8, S9/S10 are clusters of 200 m², far below any limit.
    const clusters = result.features.map((f) => ({
      members: (f.properties.building_ids as number[]).map(code),
      codes: f.properties.building_codes,
      names: f.properties.building_names,
      area: f.properties.measured,
      limit: f.properties.threshold_m2,
      rule: f.properties.rule_id,
      mix: f.properties.grade_mix,
      breakWidth: f.properties.break_width_m,
    }));
    expect(clusters).toEqual([
      {
        members: ['C1a', 'C1b', 'C1c', 'C1d'],
        codes: ['C1a', 'C1b', 'C1c', 'C1d'],
        names: [null, null, null, null],
        area: 3600,
        limit: 3000,
        rule: 'GB50039.cluster.3-4',
        mix: { '3': 4 },
        breakWidth: 10,
      },
      {
        members: ['C3a', 'C3b', 'C3c'],
        codes: ['C3a', 'C3b', 'C3c'],
        names: ['村东粮库', null, null],
        area: 3300,
        limit: 3000,
        rule: 'GB50039.cluster.3-4',
        mix: { '1-2': 2, '4': 1 },
        breakWidth: 10,
      },
    ]);
    // The outline is one polygon covering every member (footprints buffered by half the largest spacing, 4 m).
    for (const feature of result.features) {
      expect(feature.geometry.type).toBe('Polygon');
      const covered = await sql<{ ok: boolean }>`
        SELECT bool_and(ST_Covers(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(feature.geometry)}), 4326), geom)) AS ok
        FROM buildings WHERE id = ANY(${feature.properties.building_ids as number[]}::int[])`.execute(handle.db);
      expect(covered.rows[0]!.ok).toBe(true);
    }
    expect(result.summary).toMatchObject({ total: 2, by_village: { [V.spacing]: { total: 2 } } });
  });

  it('stacks: too close to buildings by grade, on a lane, and hazardous sites near homes and schools', async () => {
    const result = await analyse(handle.db, 'stacks', V.stacks);
    // Large stack K1 (15/20/25 m to grades 1-2/3/4): T1 12 < 15 ✓, T2 18 < 20 ✓, T3 24 < 25 ✓, T4 16 ≥ 15 –.
    // Small stack K2 is 6 m from T5, but the table has distances for large stacks only.
    expect(
      ofKind(result, 'stack_near_building').map((f) => [
        f.properties.stack_code,
        f.properties.building_code,
        f.properties.measured,
        f.properties.threshold_m,
      ]),
    ).toEqual([
      ['K1', 'T1', 12, 15],
      ['K1', 'T2', 18, 20],
      ['K1', 'T3', 24, 25],
    ]);
    // Lane L1 is 3 m wide: K3 lies 1.0 m from its centreline (< 1.5 m half width) ✓, K4 1.6 m –.
    expect(
      ofKind(result, 'stack_on_passage').map((f) => [
        f.properties.stack_code,
        f.properties.passage_code,
        f.properties.measured,
        f.properties.threshold_m,
      ]),
    ).toEqual([['K3', 'L1', 1, 1.5]]);
    // Distillery D1 (in H1): home R1 40 m ✓ and school E1 45 m ✓ within 50 m; home R2 55 m –, warehouse W1 5 m
    // (not protected) –, clinic M1 70 m –. Packaging unit PK1 (a point): home R3 30 m ✓. Farm FA1 is not hazardous.
    expect(
      ofKind(result, 'hazardous_site').map((f) => [
        f.properties.unit_code,
        (f.properties.building_ids as number[]).map(code),
        f.properties.measured,
      ]),
    ).toEqual([
      ['D1', ['R1', 'E1'], 40],
      ['PK1', ['R3'], 30],
    ]);
    expect(result.summary).toMatchObject({ total: 6, by_kind: { stack_near_building: 3, stack_on_passage: 1, hazardous_site: 2 } });
    expect(result.features.every((f) => typeof f.properties.rule_id === 'string' && f.properties.clause)).toBe(true);
  });

  it('finds nothing in the village designed to pass', async () => {
    for (const name of ['spacing', 'clusters', 'stacks'] as const) {
      for (const ruleset of ['GB50039', 'GB50016'] as const) {
        expect((await analyse(handle.db, name, V.clean, { ruleset })).features).toEqual([]);
      }
    }
  });
});
