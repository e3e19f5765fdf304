import fs from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { tableCounts } from '../../db/queries/health';
import { seedIfEmpty } from '../../db/seed';
import { testEngines } from '../helpers/engines';
import { MINI_TOWN_COUNTS, writeMiniTown } from '../town/mini-town';

const BOW_TIE = [
  [
    [112.095, 37.365],
    [112.096, 37.366],
    [112.096, 37.365],
    [112.095, 37.366],
    [112.095, 37.365],
  ],
];

describe.each(testEngines)('seeding on $name', (engine) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await engine.open();
  });
  afterAll(() => handle?.close());

  async function expectEmpty() {
    const counts = await tableCounts(handle.db);
    expect(Object.values(counts).every((n) => n === 0)).toBe(true);
  }

  it('names the file and feature of an invalid geometry and writes nothing', async () => {
    const dir = writeMiniTown((files) => {
      files['buildings.geojson'].features[1].geometry.coordinates = BOW_TIE;
    });
    await expect(seedIfEmpty(handle.db, dir)).rejects.toThrow(
      /geodata\/buildings\.geojson feature #1 \(code B2\): invalid geometry \(Self-intersection/,
    );
    await expectEmpty();
  });

  it('names a malformed file', async () => {
    const dir = writeMiniTown();
    fs.writeFileSync(`${dir}/stations.geojson`, '{"type": "FeatureCollection", "features": [');
    await expect(seedIfEmpty(handle.db, dir)).rejects.toThrow(/geodata\/stations\.geojson: cannot read as JSON/);
    await expectEmpty();
  });

  it('refuses coordinates that are not lon/lat (projected or swapped)', async () => {
    const dir = writeMiniTown((files) => {
      files['water-sources.geojson'].features[0].geometry.coordinates = [37.363, 112.095];
    });
    await expect(seedIfEmpty(handle.db, dir)).rejects.toThrow(
      /water-sources\.geojson feature #0 \(code W1\): .*not lon\/lat degrees in China/,
    );
    await expectEmpty();
  });

  it('refuses unknown enum values and dangling references, naming them', async () => {
    const badEnum = writeMiniTown((files) => {
      files['stations.geojson'].features[0].properties.kind = 'helicopter';
    });
    await expect(seedIfEmpty(handle.db, badEnum)).rejects.toThrow(/stations\.geojson feature #0 \(code S1\): kind/);
    const rawMethod = writeMiniTown((files) => {
      files['hazards.geojson'].features[0].properties.events[1].notify_method = 'written';
    });
    await expect(seedIfEmpty(handle.db, rawMethod)).rejects.toThrow(/hazards\.geojson feature #0 \(code H1\): .*notify_method/);
    const dangling = writeMiniTown((files) => {
      files['obstacles.geojson'].features[0].properties.passage_code = 'P404';
    });
    await expect(seedIfEmpty(handle.db, dangling)).rejects.toThrow(
      /obstacles\.geojson feature #0 \(code O1\): passage_code "P404" does not exist/,
    );
    await expectEmpty();
  });

  it('loads the mini town with the hand-counted rows, links and valid geometry; a second seed does nothing', async () => {
    const counts = await seedIfEmpty(handle.db, writeMiniTown());
    expect(counts).toEqual(MINI_TOWN_COUNTS);
    const inDatabase = await tableCounts(handle.db);
    expect(inDatabase).toEqual({ ...MINI_TOWN_COUNTS, audit_log: 12 });

    const links = await sql<{ unit_building: string; obstacle_passage: string; hazard_passage: string }>`
      SELECT (SELECT b.code FROM social_units u JOIN buildings b ON b.id = u.building_id WHERE u.code = 'U1') AS unit_building,
             (SELECT p.code FROM obstacles o JOIN passages p ON p.id = o.passage_id WHERE o.code = 'O1') AS obstacle_passage,
             (SELECT p.code FROM hazards h JOIN passages p ON p.id = h.passage_id WHERE h.code = 'H2') AS hazard_passage`.execute(
      handle.db,
    );
    expect(links.rows[0]).toEqual({ unit_building: 'B3', obstacle_passage: 'P2', hazard_passage: 'P2' });

    const months = await sql<{ months: number[]; found: string }>`
      SELECT w.usable_months AS months, (SELECT found_on FROM hazards WHERE code = 'H2') AS found
      FROM water_sources w`.execute(handle.db);
    expect(months.rows[0]).toEqual({ months: [3, 4, 5, 6, 7, 8, 9, 10, 11], found: '2026-03-01' });

    const gap = await sql<{ metres: number }>`
      SELECT ST_Distance(ST_Transform(a.geom, 4546), ST_Transform(b.geom, 4546)) AS metres
      FROM buildings a, buildings b WHERE a.code = 'B1' AND b.code = 'B3'`.execute(handle.db);
    // B1 at 112.0950, B3 at 112.1050: 0.0099° of longitude apart at 37.365°N ≈ 0.0099 × 111320 × cos(37.365°) ≈ 875 m.
    expect(gap.rows[0]!.metres).toBeGreaterThan(865);
    expect(gap.rows[0]!.metres).toBeLessThan(885);

    expect(await seedIfEmpty(handle.db, writeMiniTown())).toBeNull();
    expect((await tableCounts(handle.db)).buildings).toBe(3);
  });
});
