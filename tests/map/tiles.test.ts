import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { seedIfEmpty } from '../../db/seed';
import { renderTile } from '../../lib/tiles/tile-service';
import { testEngines } from '../helpers/engines';
import { writeMiniTown } from '../town/mini-town';

/** Slippy-map tile of a lon/lat (the OSM wiki formula, written out independently of the code under test). */
function tileOf(lon: number, lat: number, z: number) {
  const n = 2 ** z;
  const x = Math.floor(((lon + 180) / 360) * n);
  const rad = (lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n);
  return { z, x, y };
}

/** Building codes by id, read from the database (tiles carry only ids). */
async function codesById(handle: DatabaseHandle): Promise<Map<number, string>> {
  const rows = await handle.db.selectFrom('buildings').select(['id', 'code']).execute();
  return new Map(rows.map((row) => [row.id, row.code]));
}

function decode(bytes: Uint8Array) {
  const layer = new VectorTile(new PbfReader(bytes)).layers.buildings;
  if (!layer) return [];
  return Array.from({ length: layer.length }, (_, i) => layer.feature(i));
}

describe.each(testEngines)('building tiles on $name (mini town)', (engine) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await engine.open();
    await seedIfEmpty(handle.db, writeMiniTown());
  });
  afterAll(() => handle?.close());

  it('puts B1 and B2 in their z16 tile with their attributes, and B1 where it lies', async () => {
    const tile = tileOf(112.09505, 37.36505, 16);
    const features = decode(await renderTile(handle, 'buildings', tile, []));
    const codes = await codesById(handle);
    expect(features.map((f) => codes.get(Number(f.id))).sort()).toEqual(['B1', 'B2']);
    const b1 = features.find((f) => codes.get(Number(f.id)) === 'B1')!;
    expect(b1.properties).toEqual({ use: 'residential', fire_grade: '3' });
    const [ring] = (b1.toGeoJSON(tile.x, tile.y, tile.z).geometry as GeoJSON.Polygon).coordinates;
    const lons = ring!.map((p) => p[0]!);
    const lats = ring!.map((p) => p[1]!);
    // A z16 tile has 4096 units over ~0.0055°: positions come back within a unit (~1.3e-6°).
    expect(Math.min(...lons)).toBeCloseTo(112.095, 5);
    expect(Math.max(...lons)).toBeCloseTo(112.0951, 5);
    expect(Math.min(...lats)).toBeCloseTo(37.365, 5);
    expect(Math.max(...lats)).toBeCloseTo(37.3651, 5);
  });

  it('uses a coarser grid at town-overview zooms (1024 units up to z12, 4096 beyond) on both paths', async () => {
    const extentAt = async (z: number) => {
      const bytes = await renderTile(handle, 'buildings', tileOf(112.09505, 37.36505, z), []);
      return new VectorTile(new PbfReader(bytes)).layers.buildings!.extent;
    };
    expect(await extentAt(12)).toBe(1024);
    expect(await extentAt(13)).toBe(4096);
  });

  it('returns an empty tile (no error) where there is no data, and follows the village filter', async () => {
    expect((await renderTile(handle, 'buildings', { z: 10, x: 0, y: 0 }, [])).length).toBe(0);
    const tile = tileOf(112.09505, 37.36505, 12);
    const codes = await codesById(handle);
    expect(decode(await renderTile(handle, 'buildings', tile, ['141121104202'])).map((f) => codes.get(Number(f.id)))).toEqual(['B3']);
  });
});
