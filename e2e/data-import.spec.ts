import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appSession } from './app-session';
import { DataPage, FeatureEditorPage } from './data-driver';
import { VIEWPORTS } from './driver';
import { type RunningServer, startServer } from './server';

// A server of its own: the import changes the town the other specs count on.
let server: RunningServer;
beforeAll(async () => {
  server = await startServer({});
}, 300_000);
afterAll(async () => {
  await server?.stop();
});

interface CoverageFinding {
  properties: { kind: string; building_id?: number };
}

describe('数据管理: importing water sources, and rolling the import back', () => {
  const app = appSession(() => server.url, VIEWPORTS.desktop, 'office');

  const withoutWater = async () => {
    const answer = await app().fetchJson('/api/v1/analysis/water-coverage');
    return (answer.body.features as CoverageFinding[])
      .filter((f) => f.properties.kind === 'no_water_straight')
      .map((f) => f.properties.building_id as number)
      .sort((a, b) => a - b);
  };
  const waterSources = async () => (await app().fetchJson('/api/v1/layers/water-sources')).body.features.length as number;

  it('an office user previews a hydrant list on the map, commits it, sees coverage change, and rolls it back', async () => {
    const before = await withoutWater();
    const sourcesBefore = await waterSources();
    expect(before.length).toBeGreaterThan(0);
    // A new hydrant on a house with no water source in reach: by hand, that house is covered once it is stored.
    const house = before[0]!;
    const footprint = (await new FeatureEditorPage(app()).stored('buildings', house)).geometry as GeoJSON.Polygon;
    const ring = footprint.coordinates[0]!.slice(0, -1);
    const [lon, lat] = [0, 1].map((axis) => ring.reduce((sum, p) => sum + p[axis]!, 0) / ring.length) as [number, number];
    // Its kind as the water company writes it, a value the field does not know: the user says what it means.
    const csv = `\uFEFF编号,名称,类型,状态,经度,纬度\nXF-NEW-1,新建室外消火栓,地上式消火栓,在用,${lon.toFixed(7)},${lat.toFixed(7)}\n`;

    const data = new DataPage(app());
    expect(await data.open()).toBe(200);
    await data.preview('water-sources', { name: '新增消火栓.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    expect(await data.count('invalid')).toBe(1);
    await data.mapValueAndPreview('kind', '地上式消火栓', 'hydrant');
    expect(await data.count('invalid')).toBe(0);
    expect(await data.count('new')).toBe(1);
    expect(await data.count('changed')).toBe(0);
    expect(await data.count('missing')).toBe(sourcesBefore);
    expect(await data.previewDrawn()).toBeGreaterThan(0);
    await app().screenshot('data-import-preview');

    expect(await data.commit()).toContain('新增 1');
    expect(await waterSources()).toBe(sourcesBefore + 1);
    expect(await withoutWater()).not.toContain(house);
    await app().screenshot('data-import-applied');

    expect(await data.rollBackNewest()).toContain('已回滚');
    expect(await waterSources()).toBe(sourcesBefore);
    expect(await withoutWater()).toEqual(before);
    await app().screenshot('data-import-rolled-back');
  });
});
