import fs from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { appSession } from './app-session';

const servers = inject('servers');

describe.each(servers)('map API over HTTP on $engine', ({ url }) => {
  const session = appSession(url);

  it('answers bad parameters with 400 and a clear JSON message', async () => {
    expect(await session().fetchJson('/api/v1/layers/roads')).toEqual({
      status: 400,
      body: { error: 'layer：未知图层“roads”', code: 'validation_failed', errors: [{ field: 'layer', message: '未知图层“roads”' }] },
    });
    expect((await session().fetchJson('/api/v1/layers/buildings?bbox=1,2,3')).body.error).toMatch(/四个数/);
    expect((await session().fetchJson('/api/v1/layers/hazards?village=000000000000')).status).toBe(400);
    expect((await session().fetchJson('/api/v1/tiles/buildings/30/0/0.mvt')).body.error).toMatch(/z 必须在 0 到/);
    expect((await session().fetchJson('/api/v1/tiles/buildings/3/9/0.mvt')).body.error).toMatch(/必须小于 8/);
    expect((await session().fetchJson('/api/v1/tiles/stations/14/0/0.mvt')).status).toBe(400);
    expect((await session().fetchJson('/api/v1/search?q=')).status).toBe(400);
  });

  it('serves tiles with an ETag, 304 on revalidation, and empty tiles outside the data', async () => {
    const request = session().page.request;
    // z14 tile over the town centre (37.37N 112.10E).
    const tile = await request.get(`${url}/api/v1/tiles/buildings/14/13293/6356.mvt`);
    expect(tile.status()).toBe(200);
    expect(tile.headers()['content-type']).toBe('application/vnd.mapbox-vector-tile');
    const etag = tile.headers().etag!;
    expect(etag).toMatch(/^"/);
    const again = await request.get(`${url}/api/v1/tiles/buildings/14/13293/6356.mvt`, { headers: { 'If-None-Match': etag } });
    expect(again.status()).toBe(304);
    const empty = await request.get(`${url}/api/v1/tiles/buildings/14/0/0.mvt`);
    expect(empty.status()).toBe(200);
    expect((await empty.body()).length).toBe(0);
  });

  it('serves GeoJSON layers filtered by bbox', async () => {
    const all = await session().fetchJson('/api/v1/layers/stations');
    expect(all.body.type).toBe('FeatureCollection');
    const none = await session().fetchJson('/api/v1/layers/stations?bbox=100,30,100.1,30.1');
    expect(none.body.features).toEqual([]);
    expect(all.body.features.length).toBeGreaterThan(0);
  });

  it('lists hazards by filter with counts, and refuses unknown filter values', async () => {
    // Expected by a second method: every hazard exported unfiltered, counted here from its status and deadline
    // (UTC date, like the servers). Other specs change hazards on the same server, so the geodata file is not
    // the state any more; spec files run one after another, so nothing changes between the two requests.
    const exported = await session().fetchJson('/api/v1/hazards/export?format=geojson');
    const hazards = exported.body.features as { properties: { status: string; deadline: string } }[];
    expect(hazards.length).toBeGreaterThanOrEqual(JSON.parse(fs.readFileSync('geodata/hazards.geojson', 'utf8')).features.length);
    const today = new Date().toISOString().slice(0, 10);
    const overdue = hazards.filter((h) => h.properties.status !== 'closed' && h.properties.deadline < today).length;
    const list = await session().fetchJson('/api/v1/hazards?overdue=true&limit=1000');
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(overdue);
    expect(list.body.features).toHaveLength(overdue);
    expect((await session().fetchJson('/api/v1/hazards?status=done')).body.error).toMatch(/未知的 status“done”/);
  });
});
