import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { seedIfEmpty } from '../../db/seed';
import { buildingStyle, buildingTileJson } from '../../lib/map/desktop-gis';
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

  it('is described for desktop GIS as it is: the layer, its fields and a style that reads only those', async () => {
    const tileJson = buildingTileJson('https://gis.example.cn', [112.08, 37.35, 112.12, 37.38]);
    expect(tileJson.tiles).toEqual(['https://gis.example.cn/api/v1/tiles/buildings/{z}/{x}/{y}.mvt']);
    const bytes = await renderTile(handle, 'buildings', tileOf(112.09505, 37.36505, 16), []);
    const layers = new VectorTile(new PbfReader(bytes)).layers;
    expect(Object.keys(layers)).toEqual(tileJson.vector_layers.map((layer) => layer.id));
    const fields = Object.keys(tileJson.vector_layers[0]!.fields).sort();
    for (const feature of decode(bytes)) expect(Object.keys(feature.properties).sort()).toEqual(fields);
    for (const color of ['fire_grade', 'use'] as const) {
      const style = buildingStyle('https://gis.example.cn', color);
      expect(style.sources.buildings).toMatchObject({ type: 'vector', tiles: tileJson.tiles });
      for (const layer of style.layers) {
        expect((layer as { 'source-layer'?: string })['source-layer']).toBe('buildings');
        const read = [...JSON.stringify(layer).matchAll(/\["get","([a-z_]+)"\]/g)].map((match) => match[1]);
        expect(read).toContain(color);
        for (const property of read) expect(fields).toContain(property);
      }
    }
  });

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
