import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import type { Actor } from '../../lib/auth/actor';
import type { Role } from '../../lib/domain/enums';
import { createFeature, editFeature, featureForEdit, retireFeatureAs } from '../../lib/layers/feature-edit';
import type { FeaturePatch } from '../../lib/layers/feature-input';
import { coverageFigures } from '../../lib/screen/coverage';
import { loadAnalysisFixtures, V } from '../analysis/fixtures';
import { analyse } from '../analysis/helpers';
import { testEngines } from '../helpers/engines';
import type { TownIds } from '../town/insert-town';

const actor = (role: Role, villages: string[] | null = null): Actor => ({
  userId: 1,
  username: role,
  displayName: role,
  role,
  villages,
  sessionId: 'test',
  mustChangePassword: false,
});
const OFFICE = actor('office');

describe.each(testEngines)('editing base features on $name (analysis fixtures)', (engine) => {
  let handle: DatabaseHandle;
  let ids: TownIds;
  beforeAll(async () => {
    handle = await engine.open();
    ids = await loadAnalysisFixtures(handle.db);
  });
  afterAll(() => handle?.close());

  const spacingPairs = async () =>
    (await analyse(handle.db, 'spacing', V.spacing)).features.map((f) => (f.properties.building_ids as number[]).join('-'));
  const edit = (
    who: Actor,
    id: number,
    body: { version: number; properties?: Record<string, unknown>; geometry?: FeaturePatch['geometry'] },
  ) => editFeature(handle.db, { actor: who, layer: 'buildings', id, requestId: 'test' }, { properties: {}, ...body });

  it('a fire grade changed by the office changes the spacing finding, with the audit before and after', async () => {
    const [s1, s2] = [ids.building.S1, ids.building.S2] as [number, number];
    // By hand: S1 (grade 3) and S2 (grade 4) are 5.5 m apart, closer than the 7 m of 3/4; as 1-2/3 they need 5 m.
    expect(await spacingPairs()).toContain(`${s1}-${s2}`);
    const after = await edit(OFFICE, s2, { version: 1, properties: { fire_grade: '1-2' } });
    expect(after.version).toBe(2);
    expect(after.properties.fire_grade).toBe('1-2');
    expect(await spacingPairs()).not.toContain(`${s1}-${s2}`);
    const audit = await sql<{ action: string; before: unknown; after: unknown }>`
      SELECT action, before, after FROM audit_log WHERE table_name = 'buildings' AND record_id = ${String(s2)}`.execute(handle.db);
    expect(audit.rows).toEqual([{ action: 'update', before: { fire_grade: '4' }, after: { fire_grade: '1-2' } }]);
  });

  it('refuses an edit based on an older version, showing the current state, and keeps the newer change', async () => {
    const s2 = ids.building.S2 as number;
    await expect(edit(OFFICE, s2, { version: 1, properties: { fire_grade: '4' } })).rejects.toMatchObject({
      name: 'StaleFeatureError',
      current: { version: 2, properties: { fire_grade: '1-2' } },
    });
    const stored = await sql<{ fire_grade: string }>`SELECT fire_grade FROM buildings WHERE id = ${s2}`.execute(handle.db);
    expect(stored.rows).toEqual([{ fire_grade: '1-2' }]);
  });

  it('lets an inspector record a smoke alarm in their village only, and nothing a field check does not establish', async () => {
    const s1 = ids.building.S1 as number;
    const inspector = actor('inspector', [V.spacing]);
    const changed = await edit(inspector, s1, { version: 1, properties: { has_smoke_alarm: true } });
    expect(changed.properties.has_smoke_alarm).toBe(true);
    await expect(edit(inspector, s1, { version: 2, properties: { fire_grade: '1-2' } })).rejects.toMatchObject({ name: 'ForbiddenError' });
    await expect(edit(actor('planner'), s1, { version: 2, properties: { has_extinguisher: true } })).rejects.toMatchObject({
      name: 'ForbiddenError',
    });
    // Outside their villages the feature answers as if it did not exist.
    await expect(
      edit(actor('inspector', ['141121999999']), s1, { version: 2, properties: { has_smoke_alarm: false } }),
    ).rejects.toMatchObject({
      name: 'NotFoundError',
    });
  });

  it('stores usable months and refuses a move far outside the town', async () => {
    const y2 = ids.waterSource.Y2 as number;
    const water = await editFeature(
      handle.db,
      { actor: OFFICE, layer: 'water-sources', id: y2, requestId: 'test' },
      { version: 1, properties: { usable_months: [5, 6, 7] } },
    );
    expect(water.properties.usable_months).toEqual([5, 6, 7]);
    await expect(
      editFeature(
        handle.db,
        { actor: OFFICE, layer: 'water-sources', id: y2, requestId: 'test' },
        { version: 2, properties: {}, geometry: { type: 'Point', coordinates: [113.5, 37.4] } },
      ),
    ).rejects.toMatchObject({ name: 'UnprocessableError' });
  });

  it('adds a house drawn by the office: a spacing finding with its neighbour, a create audit row, and its code kept unique', async () => {
    const s1 = ids.building.S1 as number;
    // A grade-4 house 10 m square, 6 m south of S1 (grade 3): closer than the 7 m grades 3 and 4 need.
    const drawn = await sql<{ geometry: string }>`
      SELECT ST_AsGeoJSON(ST_Transform(ST_MakeEnvelope(597500, 4138184, 597510, 4138194, 4546), 4326), 9) AS geometry`.execute(handle.db);
    const geometry = JSON.parse(drawn.rows[0]?.geometry ?? '') as GeoJSON.Polygon;
    const house = { use: 'residential', floors: 1, height_m: 3.5, structure: 'brick_wood' };
    const properties = { code: 'NEW-1', village_code: V.spacing, ...house, fire_grade: '4' };
    const { id, feature } = await createFeature(
      handle.db,
      { actor: OFFICE, layer: 'buildings', requestId: 'test' },
      { properties, geometry },
    );
    expect(feature).toMatchObject({ version: 1, village_code: V.spacing, properties: { code: 'NEW-1', fire_grade: '4' } });
    expect(await spacingPairs()).toContain([s1, Number(id)].sort((a, b) => a - b).join('-'));
    const audit = await sql<{ action: string }>`
      SELECT action FROM audit_log WHERE table_name = 'buildings' AND record_id = ${String(id)}`.execute(handle.db);
    expect(audit.rows).toEqual([{ action: 'create' }]);

    const version = (await featureForEdit(handle.db, { actor: OFFICE, layer: 'buildings', id })).feature.version;
    await retireFeatureAs(handle.db, { actor: OFFICE, layer: 'buildings', id, requestId: 'test' }, version);
    await expect(
      createFeature(handle.db, { actor: OFFICE, layer: 'buildings', requestId: 'test' }, { properties, geometry }),
    ).rejects.toMatchObject({ name: 'ConflictError' });
    await expect(
      createFeature(handle.db, { actor: actor('inspector', [V.spacing]), layer: 'buildings', requestId: 'test' }, { properties, geometry }),
    ).rejects.toMatchObject({ name: 'ForbiddenError' });
  });

  it('joins a drawn passage to the network: an end within 3 m of a passage end moves onto it, a farther one stays', async () => {
    // In EPSG:4546: the lanes village's D is at (603800, 4138200); the new lane starts 2 m from it (1.2 east, 1.6
    // north) and ends 5 m beyond K (603800, 4138300), too far to join.
    const drawn = await sql<{ line: string; d: string }>`
      SELECT ST_AsGeoJSON(ST_Transform(ST_SetSRID(ST_MakeLine(ST_MakePoint(603801.2, 4138201.6), ST_MakePoint(603805, 4138300)), 4546), 4326), 15) AS line,
        (SELECT ST_AsText(ST_EndPoint(geom)) FROM passages WHERE code = 'CD') AS d`.execute(handle.db);
    const geometry = JSON.parse(drawn.rows[0]?.line ?? '') as GeoJSON.LineString;
    const properties = { code: 'NEW-LANE', class: 'lane', clear_width_m: 4, surface: 'concrete' };
    const { id } = await createFeature(handle.db, { actor: OFFICE, layer: 'passages', requestId: 'test' }, { properties, geometry });
    const stored = await sql<{ start: string; end_moved_m: number }>`
      SELECT ST_AsText(ST_StartPoint(geom)) AS start,
        ST_Distance(ST_Transform(ST_EndPoint(geom), 4546), ST_SetSRID(ST_MakePoint(603805, 4138300), 4546))::float8 AS end_moved_m
      FROM passages WHERE id = ${id}`.execute(handle.db);
    expect(stored.rows[0]?.start).toBe(drawn.rows[0]?.d);
    expect(stored.rows[0]?.end_moved_m).toBeLessThan(0.001);
  });

  it('shows the edit form what the role may change, and nothing outside its villages', async () => {
    const s1 = ids.building.S1 as number;
    const inspector = await featureForEdit(handle.db, { actor: actor('inspector', [V.spacing]), layer: 'buildings', id: s1 });
    expect(inspector.editable).toEqual({ fields: ['has_smoke_alarm', 'has_extinguisher'], geometry: false });
    await expect(
      featureForEdit(handle.db, { actor: actor('inspector', ['141121999999']), layer: 'buildings', id: s1 }),
    ).rejects.toMatchObject({ name: 'NotFoundError' });
  });

  it('the wall screen counts at once what an edit changed: a hydrant out of service leaves its houses uncovered', async () => {
    // By hand: U1 (150, 525) and U6 (108, 525) have Y1 (100, 490) within 61 m; every other usable source in July is
    // over 150 m from them.
    const scope = { villages: [V.water], today: '2026-07-15' };
    const before = await coverageFigures(handle.db, scope);
    const y1 = ids.waterSource.Y1 as number;
    const { version } = (await featureForEdit(handle.db, { actor: OFFICE, layer: 'water-sources', id: y1 })).feature;
    await editFeature(
      handle.db,
      { actor: OFFICE, layer: 'water-sources', id: y1, requestId: 'test' },
      { version, properties: { status: 'out_of_service' } },
    );
    const after = await coverageFigures(handle.db, scope);
    expect(after.water.buildings).toBe(before.water.buildings);
    expect(after.water.covered).toBe(before.water.covered - 2);
  });

  it('retires a deleted building: gone from the analyses, kept in the stored table', async () => {
    const s1 = ids.building.S1 as number;
    const version = (await sql<{ version: number }>`SELECT version FROM buildings WHERE id = ${s1}`.execute(handle.db)).rows[0]?.version;
    await retireFeatureAs(handle.db, { actor: OFFICE, layer: 'buildings', id: s1, requestId: 'test' }, version ?? 0);
    expect((await spacingPairs()).some((pair) => pair.split('-').includes(String(s1)))).toBe(false);
    const stored = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM buildings_all WHERE id = ${s1} AND retired_at IS NOT NULL`.execute(handle.db);
    expect(stored.rows).toEqual([{ n: 1 }]);
  });
});
