import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/client';
import type { Actor } from '../../../lib/auth/actor';
import { commitImport, discardImport, rollbackImport } from '../../../lib/import/base/commit';
import { previewImport } from '../../../lib/import/base/preview';
import { editFeature } from '../../../lib/layers/feature-edit';
import { testEngines } from '../../helpers/engines';
import { workFolder } from '../geo/gdal-fixtures';
import { building, dumpTable, geoPackage, MINI_V1, MINI_V2, openTown, square } from './fixtures';

const commit = { retireMissing: true, repairInvalid: false, confirmCrs: false };

// The mini town's buildings as stored: B1 and B2 (grade 4) in V1, B3 (business, grade 1-2, brick-concrete) in V2.
const B1 = building('B1', MINI_V1, square(112.095, 37.365));
const B2 = building('B2', MINI_V1, square(112.0952, 37.365), { 耐火等级: '四级' });
const B3 = building('B3', MINI_V2, square(112.105, 37.365), { 用途: '经营性自建房', 耐火等级: '一二级', 结构: '砖混结构' });
const B4 = building('B4', MINI_V1, square(112.0954, 37.365), { 层数: 2, 高度: 6.2 });

describe.each(testEngines)('committing and rolling back a building import on $name', (engine) => {
  let handle: DatabaseHandle;
  let actor: Actor;
  const folder = workFolder('base-import');
  beforeAll(async () => {
    ({ handle, actor } = await openTown(engine));
  });
  afterAll(() => handle?.close());
  const who = () => ({ actor, requestId: 'test-import' });
  const preview = (features: (typeof B1)[], name: string) =>
    previewImport(handle.db, { layer: 'buildings', file: geoPackage(folder, features, name), crs: 'EPSG:4326', createdBy: actor.userId });

  let afterFirst: unknown[];
  let secondId: number;

  it('matches the file to the stored buildings: the town as it is plus one is 3 unchanged and 1 new', async () => {
    const answer = await preview([B1, B2, B3, B4], 'first.gpkg');
    expect(answer.errors).toEqual([]);
    expect(answer.summary).toEqual({ new: 1, changed: 0, unchanged: 3, missing: 0, invalid: 0 });
    expect(answer.mapping).toMatchObject({ code: '编码', village_code: '所属村', use: '用途', fire_grade: '耐火等级', structure: '结构' });
    const applied = await commitImport(handle.db, answer.id, commit, who());
    expect(applied.summary).toMatchObject({ inserted: 1, updated: 0, retired: 0 });
    const b4 = await sql<{ floors: number; height_m: number; structure: string; fire_grade: string; version: number }>`
      SELECT floors, height_m, structure, fire_grade, version FROM buildings WHERE code = 'B4'`.execute(handle.db);
    expect(b4.rows).toEqual([{ floors: 2, height_m: 6.2, structure: 'brick_wood', fire_grade: '3', version: 1 }]);
    afterFirst = await dumpTable(handle.db, 'buildings');
    expect(afterFirst).toHaveLength(4);
  });

  it('counts by hand: B2 re-graded and B3 moved 2 m are changed, B5 new, B4 dropped is missing', async () => {
    // 0.00002° of latitude is about 2.2 m: far over the 1 cm tolerance.
    const moved = building('B3', MINI_V2, square(112.105, 37.36502), { 用途: '经营性自建房', 耐火等级: '一二级', 结构: '砖混结构' });
    const regraded = building('B2', MINI_V1, square(112.0952, 37.365), { 耐火等级: '三级' });
    const added = building('B5', MINI_V2, square(112.1052, 37.365));
    const answer = await preview([B1, regraded, moved, added], 'second.gpkg');
    expect(answer.summary).toEqual({ new: 1, changed: 2, unchanged: 1, missing: 1, invalid: 0 });
    const changed = await sql<{ code: string; match: string; changed_fields: string[] }>`
      SELECT properties->>'code' AS code, match, changed_fields FROM import_features WHERE batch_id = ${answer.id} ORDER BY 1`.execute(
      handle.db,
    );
    expect(changed.rows).toEqual([
      { code: 'B1', match: 'unchanged', changed_fields: [] },
      { code: 'B2', match: 'changed', changed_fields: ['fire_grade'] },
      { code: 'B3', match: 'changed', changed_fields: ['geometry'] },
      { code: 'B4', match: 'missing', changed_fields: [] },
      { code: 'B5', match: 'new', changed_fields: [] },
    ]);
    secondId = answer.id;
    await commitImport(handle.db, secondId, commit, who());
    const rows = await sql<{ code: string; fire_grade: string; version: number; retired: boolean }>`
      SELECT code, fire_grade, version, retired_at IS NOT NULL AS retired FROM buildings_all ORDER BY code`.execute(handle.db);
    expect(rows.rows).toEqual([
      { code: 'B1', fire_grade: '3', version: 1, retired: false },
      { code: 'B2', fire_grade: '3', version: 2, retired: false },
      { code: 'B3', fire_grade: '1-2', version: 2, retired: false },
      { code: 'B4', fire_grade: '3', version: 2, retired: true },
      { code: 'B5', fire_grade: '3', version: 1, retired: false },
    ]);
    const audit = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM audit_log WHERE action = 'import' AND table_name = 'buildings'`.execute(handle.db);
    expect(audit.rows).toEqual([{ n: 2 }]);
    const last = await sql<{ after: { import_batch: number; codes: Record<string, string[]> } }>`
      SELECT after FROM audit_log WHERE action = 'import' ORDER BY id DESC LIMIT 1`.execute(handle.db);
    expect(last.rows[0]?.after).toMatchObject({ import_batch: secondId, codes: { insert: ['B5'], update: ['B2', 'B3'], retire: ['B4'] } });
  });

  it('a rollback restores exactly the rows before the batch', async () => {
    await rollbackImport(handle.db, secondId, who());
    expect(await dumpTable(handle.db, 'buildings')).toEqual(afterFirst);
    await expect(rollbackImport(handle.db, secondId, who())).rejects.toMatchObject({ name: 'ConflictError' });
  });

  it('refuses a rollback once a feature of the batch was edited after it', async () => {
    const again = await preview([B1, building('B2', MINI_V1, square(112.0952, 37.365), { 层数: 3 }), B3, B4], 'third.gpkg');
    expect(again.summary).toMatchObject({ changed: 1, unchanged: 3 });
    await commitImport(handle.db, again.id, commit, who());
    const b2 = await sql<{ id: number; version: number }>`SELECT id, version FROM buildings WHERE code = 'B2'`.execute(handle.db);
    const { id, version } = b2.rows[0] as { id: number; version: number };
    await editFeature(handle.db, { actor, layer: 'buildings', id, requestId: 'test-edit' }, { version, properties: { name: '王家' } });
    const before = await dumpTable(handle.db, 'buildings');
    await expect(rollbackImport(handle.db, again.id, who())).rejects.toMatchObject({
      name: 'ConflictError',
      details: { changed: ['B2'] },
    });
    expect(await dumpTable(handle.db, 'buildings')).toEqual(before);
  });

  it('discards a preview the user decided against: nothing written, its staged features gone, no commit after', async () => {
    const before = await dumpTable(handle.db, 'buildings');
    const answer = await preview([B1, B2], 'discarded.gpkg');
    expect(await discardImport(handle.db, answer.id)).toEqual({ id: answer.id, status: 'discarded' });
    const staged = await sql<{ n: number }>`SELECT count(*)::int AS n FROM import_features WHERE batch_id = ${answer.id}`.execute(
      handle.db,
    );
    expect(staged.rows).toEqual([{ n: 0 }]);
    await expect(commitImport(handle.db, answer.id, commit, who())).rejects.toMatchObject({ name: 'ConflictError' });
    await expect(discardImport(handle.db, answer.id)).rejects.toMatchObject({ name: 'ConflictError' });
    expect(await dumpTable(handle.db, 'buildings')).toEqual(before);
  });
});
