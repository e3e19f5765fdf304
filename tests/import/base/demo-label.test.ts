import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/client';
import { hasDemoData } from '../../../db/queries/health';
import { seedIfEmpty } from '../../../db/seed';
import type { Actor } from '../../../lib/auth/actor';
import { commitImport, rollbackImport } from '../../../lib/import/base/commit';
import { previewImport } from '../../../lib/import/base/preview';
import { testEngines } from '../../helpers/engines';
import { writeMiniTown } from '../../town/mini-town';
import { workFolder } from '../geo/gdal-fixtures';
import { geoPackage, square } from './fixtures';

describe.each(testEngines)('the 示例数据 label on $name', (engine) => {
  let handle: DatabaseHandle;
  let actor: Actor;
  const folder = workFolder('base-demo-label');
  beforeAll(async () => {
    handle = await engine.open();
    await seedIfEmpty(handle.db, writeMiniTown());
    const result = await sql<{ id: number }>`INSERT INTO users (username, display_name, role, villages, password_hash)
      VALUES ('office1', '办公室', 'office', NULL, 'x') RETURNING id`.execute(handle.db);
    actor = {
      userId: result.rows[0]?.id as number,
      username: 'office1',
      displayName: '办公室',
      role: 'office',
      villages: null,
      sessionId: 't',
      mustChangePassword: false,
    };
  });
  afterAll(() => handle?.close());

  it('stays while a demo village remains, goes once the town’s own villages replace them, and returns on rollback', async () => {
    expect(await hasDemoData(handle.db)).toBe(true);
    const file = geoPackage(folder, [
      { properties: { 村代码: '141121999001', 村名称: '本镇一村', 人口: 900, 户数: 300 }, geometry: square(112.09, 37.36, 0.01) },
    ]);
    const preview = await previewImport(handle.db, { layer: 'villages', file, crs: 'EPSG:4326', createdBy: actor.userId });
    expect(preview.summary.new).toBe(1);
    // Adding one village of the town's own leaves the demo villages: still demo data.
    const who = { actor, requestId: 'test-demo' };
    await commitImport(handle.db, preview.id, { retireMissing: false, repairInvalid: false, confirmCrs: false }, who);
    expect(await hasDemoData(handle.db)).toBe(true);

    const replace = await previewImport(handle.db, { layer: 'villages', file, crs: 'EPSG:4326', createdBy: actor.userId });
    expect(replace.summary.missing).toBe(2);
    await commitImport(handle.db, replace.id, { retireMissing: true, repairInvalid: false, confirmCrs: false }, who);
    expect(await hasDemoData(handle.db)).toBe(false);

    await rollbackImport(handle.db, replace.id, who);
    expect(await hasDemoData(handle.db)).toBe(true);
  });
});
