import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/client';
import type { Actor } from '../../../lib/auth/actor';
import { commitImport } from '../../../lib/import/base/commit';
import { previewImport } from '../../../lib/import/base/preview';
import { testEngines } from '../../helpers/engines';
import { gdalTransform, ogr2ogr, workFolder, zipFiles } from '../geo/gdal-fixtures';
import { building, dumpTable, geoPackage, MINI_V1, openTown, shapefileZip, square, writeGeoJson } from './fixtures';

const NO_OPTIONS = { retireMissing: false, repairInvalid: false, confirmCrs: false };

describe.each(testEngines)('what a base-layer import refuses, on $name', (engine) => {
  let handle: DatabaseHandle;
  let actor: Actor;
  const folder = workFolder('base-refusals');
  beforeAll(async () => {
    ({ handle, actor } = await openTown(engine));
  });
  afterAll(() => handle?.close());
  const who = () => ({ actor, requestId: 'test-refusals' });
  const counts = async () =>
    (
      await sql<{ batches: number; staged: number; changes: number; audit: number }>`SELECT
        (SELECT count(*)::int FROM import_batches) AS batches, (SELECT count(*)::int FROM import_features) AS staged,
        (SELECT count(*)::int FROM import_changes) AS changes, (SELECT count(*)::int FROM audit_log) AS audit`.execute(handle.db)
    ).rows[0];

  it('reports an invalid footprint with its area before and after, and repairs it only when asked', async () => {
    // A 10 m × 10 m square in GK metres with a 5 m spike out of one corner: invalid, 100 m² once the spike is cut off.
    const [origin] = gdalTransform('EPSG:4326', 'EPSG:4546', [[112.0953, 37.3655]]);
    const [x, y] = origin as [number, number];
    const spiked = {
      type: 'Polygon' as const,
      coordinates: [
        [
          [x, y],
          [x + 10, y],
          [x + 10, y + 10],
          [x + 15, y + 10],
          [x + 10, y + 10],
          [x, y + 10],
          [x, y],
        ],
      ],
    };
    const source = writeGeoJson(folder, 'spike.geojson', [building('B20', MINI_V1, spiked)]);
    const target = path.join(folder, 'spike.gpkg');
    ogr2ogr(['-f', 'GPKG', '-a_srs', 'EPSG:4546', target, source]);
    const file = { name: 'spike.gpkg', bytes: new Uint8Array(fs.readFileSync(target)) };
    const answer = await previewImport(handle.db, { layer: 'buildings', file, createdBy: actor.userId });
    expect(answer.summary).toMatchObject({ invalid: 1, new: 0 });
    expect(answer.errors).toHaveLength(1);
    expect(answer.errors[0]).toMatchObject({ index: 1, field: 'geometry', code: 'invalid_geometry', severity: 'repairable' });
    // The spike has no area: 100.0 m² before and after (by hand).
    expect(answer.errors[0]?.message).toMatch(/100\.0.*100\.0/);
    const before = await dumpTable(handle.db, 'buildings');
    await expect(commitImport(handle.db, answer.id, NO_OPTIONS, who())).rejects.toMatchObject({
      name: 'BaseImportRefusedError',
      report: { errors: [{ code: 'invalid_geometry' }] },
    });
    expect(await dumpTable(handle.db, 'buildings')).toEqual(before);
    await commitImport(handle.db, answer.id, { ...NO_OPTIONS, repairInvalid: true }, who());
    const stored = await sql<{ valid: boolean; area: number; points: number }>`
      SELECT ST_IsValid(geom) AS valid, ST_Area(ST_Transform(geom, 4546)) AS area, ST_NPoints(geom) AS points
      FROM buildings WHERE code = 'B20'`.execute(handle.db);
    expect(stored.rows[0]?.valid).toBe(true);
    expect(stored.rows[0]?.area).toBeCloseTo(100, 2);
    expect(stored.rows[0]?.points).toBe(5);
  });

  it('is all or nothing: a row the database refuses leaves the table and the batch as they were', async () => {
    // 61 floors passes the file checks but not the table's (1–60): the commit fails at the second of two rows.
    const features = [
      building('B1', MINI_V1, square(112.095, 37.365), { 层数: 2 }),
      building('B21', MINI_V1, square(112.0965, 37.3652, 0.00005), { 层数: 61 }),
    ];
    const answer = await previewImport(handle.db, {
      layer: 'buildings',
      file: geoPackage(folder, features, 'tall.gpkg'),
      crs: 'EPSG:4326',
      createdBy: actor.userId,
    });
    expect(answer.errors).toEqual([]);
    expect(answer.summary).toMatchObject({ new: 1, changed: 1 });
    const before = await dumpTable(handle.db, 'buildings');
    const countsBefore = await counts();
    await expect(commitImport(handle.db, answer.id, { ...NO_OPTIONS, retireMissing: true }, who())).rejects.toMatchObject({
      code: '23514',
    });
    expect(await dumpTable(handle.db, 'buildings')).toEqual(before);
    expect(await counts()).toEqual(countsBefore);
    const status = await sql<{ status: string }>`SELECT status FROM import_batches WHERE id = ${answer.id}`.execute(handle.db);
    expect(status.rows).toEqual([{ status: 'preview' }]);
  });

  it('refuses files it cannot use with a 4xx error, writing nothing', async () => {
    const before = await counts();
    // A zip with the attribute table but no .shp.
    const withoutShp = shapefileZip(folder, [building('B30', MINI_V1, square(112.0955, 37.3655))], {
      epsg: 4326,
      encoding: 'UTF-8',
      cpg: true,
      name: 'noshp',
    });
    const dbfOnly = { name: 'noshp-dbf.zip', bytes: zipFiles(folder, ['noshp.dbf', 'noshp.prj'], 'noshp-dbf.zip') };
    expect(withoutShp.bytes.length).toBeGreaterThan(0);
    await expect(previewImport(handle.db, { layer: 'buildings', file: dbfOnly, createdBy: actor.userId })).rejects.toMatchObject({
      name: 'GeoFileError',
    });
    // Points and polygons in one file.
    const mixed = writeGeoJson(folder, 'mixed-source.geojson', [
      building('B31', MINI_V1, square(112.0955, 37.3655)),
      building('B32', MINI_V1, { type: 'Point', coordinates: [112.0956, 37.3656] }),
    ]);
    ogr2ogr(['-f', 'GeoJSON', path.join(folder, 'mixed.geojson'), mixed]);
    const mixedFile = { name: 'mixed.geojson', bytes: new Uint8Array(fs.readFileSync(path.join(folder, 'mixed.geojson'))) };
    await expect(
      previewImport(handle.db, { layer: 'buildings', file: mixedFile, crs: 'EPSG:4326', createdBy: actor.userId }),
    ).rejects.toMatchObject({
      name: 'UnprocessableError',
      details: { geometry_types: { Polygon: 1, Point: 1 } },
    });
    // GK metres declared as degrees.
    const projected = shapefileZip(folder, [building('B33', MINI_V1, square(112.0955, 37.3655))], {
      epsg: 4546,
      encoding: 'UTF-8',
      cpg: true,
      name: 'gk',
    });
    await expect(
      previewImport(handle.db, { layer: 'buildings', file: projected, crs: 'EPSG:4326', createdBy: actor.userId }),
    ).rejects.toMatchObject({
      name: 'UnprocessableError',
      details: { field: 'crs' },
    });
    expect(await counts()).toEqual(before);
  });
});
