import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { seedIfEmpty } from '../../db/seed';
import { DEMO_PASSWORD, ensureDemoAccounts } from '../../db/seed/accounts';
import { SESSION_COOKIE } from '../../lib/auth/session-token';
import { signIn } from '../../lib/auth/sign-in';
import { LAYER_NAMES } from '../../lib/map/layer-names';
import { testEngines } from '../helpers/engines';
import { type RouteTable, serveRoutes } from '../helpers/route-server';

const run = promisify(execFile);

// The real route modules, over the test's database instead of the configured one.
const database = vi.hoisted(() => ({ handle: null as DatabaseHandle | null }));
vi.mock('../../db/client', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../db/client')>()),
  getDatabase: async () => {
    if (!database.handle) throw new Error('no test database open');
    return database.handle;
  },
}));

const ROUTES: RouteTable = [
  ['/ogc', (await import('../../app/ogc/route')).GET],
  ['/ogc/conformance', (await import('../../app/ogc/conformance/route')).GET],
  ['/ogc/api', (await import('../../app/ogc/api/route')).GET],
  ['/ogc/collections', (await import('../../app/ogc/collections/route')).GET],
  ['/ogc/collections/[collectionId]', (await import('../../app/ogc/collections/[collectionId]/route')).GET],
  ['/ogc/collections/[collectionId]/queryables', (await import('../../app/ogc/collections/[collectionId]/queryables/route')).GET],
  ['/ogc/collections/[collectionId]/items', (await import('../../app/ogc/collections/[collectionId]/items/route')).GET],
  [
    '/ogc/collections/[collectionId]/items/[featureId]',
    (await import('../../app/ogc/collections/[collectionId]/items/[featureId]/route')).GET,
  ],
];
const tokensRoute = await import('../../app/api/v1/tokens/route');
const tokenRoute = await import('../../app/api/v1/tokens/[id]/route');

interface Feature {
  id: number | string;
  geometry: { type: string; coordinates: unknown };
  properties: Record<string, unknown>;
}
interface Page {
  features: Feature[];
  numberMatched: number;
  numberReturned: number;
  links: { rel: string; href: string }[];
}

describe.each(testEngines)('the OGC API – Features on $name (demo town)', (engine) => {
  let server: Awaited<ReturnType<typeof serveRoutes>>;
  let officeToken: string;
  let villageToken: string;
  let villageCode: string;
  let work: string;
  const db = () => database.handle!.db;

  async function makeToken(username: string, name: string) {
    const session = (await signIn(db(), { username, password: DEMO_PASSWORD, ip: null, userAgent: 'vitest' })).token;
    const body = JSON.stringify({ name });
    const request = new Request('http://app.test/api/v1/tokens', {
      method: 'POST',
      headers: { cookie: `${SESSION_COOKIE}=${session}`, 'content-type': 'application/json', 'content-length': String(body.length) },
      body,
    });
    const created = (await (await tokensRoute.POST(request)).json()) as { id: number; token: string };
    return { ...created, session };
  }

  beforeAll(async () => {
    database.handle = await engine.open();
    await seedIfEmpty(database.handle.db, 'geodata');
    await ensureDemoAccounts(database.handle.db);
    officeToken = (await makeToken('office', 'GDAL 办公室')).token;
    villageToken = (await makeToken('village', 'QGIS 村')).token;
    const user = await db().selectFrom('users').select('villages').where('username', '=', 'village').executeTakeFirstOrThrow();
    villageCode = user.villages![0]!;
    server = await serveRoutes(ROUTES);
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'ogc-test-'));
  }, 600_000);
  afterAll(async () => {
    await server?.close();
    await database.handle?.close();
    database.handle = null;
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  const gdalAuth = (token: string) => ['--config', 'GDAL_HTTP_AUTH', 'BASIC', '--config', 'GDAL_HTTP_USERPWD', `qgis:${token}`];

  async function get(pathAndQuery: string, token = officeToken) {
    const response = await fetch(`${server.url}${pathAndQuery}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, headers: response.headers, body: await response.json() };
  }

  /** Every feature of a query, following `next` links to the end. */
  async function allPages(pathAndQuery: string, token = officeToken): Promise<{ features: Feature[]; pages: Page[] }> {
    const pages: Page[] = [];
    let url: string | undefined = `${server.url}${pathAndQuery}`;
    while (url) {
      const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      expect(response.status, url).toBe(200);
      const page = (await response.json()) as Page;
      pages.push(page);
      url = page.links.find((link) => link.rel === 'next')?.href;
    }
    return { features: pages.flatMap((page) => page.features), pages };
  }

  it('lists every collection to ogrinfo, with Chinese titles', async () => {
    const { stdout } = await run('ogrinfo', ['-ro', ...gdalAuth(officeToken), `OAPIF:${server.url}/ogc`], { maxBuffer: 1 << 24 });
    for (const layer of LAYER_NAMES) expect(stdout).toMatch(new RegExp(`^\\d+: ${layer}\\b`, 'm'));
    const bearer = ['--config', 'GDAL_HTTP_HEADERS', `Authorization: Bearer ${officeToken}`];
    const byHeader = await run('ogrinfo', ['-ro', ...bearer, `OAPIF:${server.url}/ogc`], { maxBuffer: 1 << 24 });
    expect(byHeader.stdout).toBe(stdout);
    const collections = await get('/ogc/collections');
    expect(collections.body.collections.map((c: { id: string }) => c.id)).toEqual([...LAYER_NAMES]);
    const buildings = collections.body.collections.find((c: { id: string }) => c.id === 'buildings');
    expect(buildings.title).toBe('建筑（自建房）');
    const extent = await sql<{ w: number; s: number; e: number; n: number }>`
      SELECT ST_XMin(b) AS w, ST_YMin(b) AS s, ST_XMax(b) AS e, ST_YMax(b) AS n FROM (SELECT ST_Extent(geom) AS b FROM buildings) x`.execute(
      db(),
    );
    const { w, s, e, n } = extent.rows[0]!;
    buildings.extent.spatial.bbox[0].forEach((value: number, index: number) => expect(value).toBeCloseTo([w, s, e, n][index]!, 6));
    const landing = await fetch(`${server.url}/ogc`);
    const serviceDesc = (await landing.json()).links.find((link: { rel: string }) => link.rel === 'service-desc');
    const api = await (await fetch(serviceDesc.href)).json();
    const limit = api.paths['/collections/{collectionId}/items'].get.parameters.find((p: { name: string }) => p.name === 'limit');
    expect(limit.schema).toMatchObject({ maximum: 10_000, default: 1000 });
  }, 120_000);

  it('copies every building with ogr2ogr through many small pages, with the attributes of the database', async () => {
    const gpkg = path.join(work, `buildings-${engine.name}.gpkg`);
    const before = server.hits.get('/ogc/collections/[collectionId]/items') ?? 0;
    await run('ogr2ogr', ['-f', 'GPKG', gpkg, ...gdalAuth(officeToken), '-oo', 'PAGE_SIZE=700', `OAPIF:${server.url}/ogc`, 'buildings'], {
      maxBuffer: 1 << 24,
    });
    const expected = await sql<{
      id: number;
      code: string;
      floors: number;
      height_m: number;
      has_smoke_alarm: boolean;
      name: string | null;
    }>`
      SELECT id, code, floors, height_m::float8 AS height_m, has_smoke_alarm, name FROM buildings ORDER BY id`.execute(db());
    expect(expected.rows.length).toBeGreaterThan(10_000);
    expect((server.hits.get('/ogc/collections/[collectionId]/items') ?? 0) - before).toBeGreaterThanOrEqual(
      Math.ceil(expected.rows.length / 700),
    );
    const { stdout } = await run('ogr2ogr', ['-f', 'GeoJSON', '/vsistdout/', gpkg, 'buildings'], { maxBuffer: 1 << 28 });
    const copied = (JSON.parse(stdout).features as { properties: Record<string, unknown> }[]).map((f) => f.properties);
    expect(copied).toHaveLength(expected.rows.length);
    const byCode = new Map(copied.map((p) => [p.code, p]));
    for (const row of expected.rows) {
      const copy = byCode.get(row.code);
      expect(copy, row.code).toBeDefined();
      expect([copy!.floors, copy!.height_m, Boolean(copy!.has_smoke_alarm), copy!.name ?? null]).toEqual([
        row.floors,
        row.height_m,
        row.has_smoke_alarm,
        row.name,
      ]);
    }
  }, 600_000);

  it('pages by keyset to the end with numberMatched and numberReturned', async () => {
    const { features, pages } = await allPages('/ogc/collections/hazards/items?limit=20');
    const open = await sql<{ id: number }>`SELECT id FROM hazards WHERE status <> 'closed' ORDER BY id`.execute(db());
    expect(features.map((f) => f.id)).toEqual(open.rows.map((row) => row.id));
    expect(pages.length).toBe(Math.ceil(open.rows.length / 20));
    expect(pages.length).toBeGreaterThan(2);
    for (const page of pages) {
      expect(page.numberMatched).toBe(open.rows.length);
      expect(page.numberReturned).toBe(page.features.length);
    }
    expect(pages[1]!.links.find((l) => l.rel === 'self')!.href).toContain(`after=${pages[0]!.features.at(-1)!.id}`);
    // Links name the address the client used (the Host header), not the server's own listening name.
    for (const link of pages[0]!.links) expect(link.href.startsWith(`${server.url}/ogc/`), link.href).toBe(true);
  });

  it('answers crs=EPSG:4546 northing first, within 1 cm of PostGIS ST_Transform, and names it in Content-Crs', async () => {
    const answer = await get('/ogc/collections/buildings/items?limit=50&crs=EPSG:4546');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-crs')).toBe('<http://www.opengis.net/def/crs/EPSG/0/4546>');
    const ids = answer.body.features.map((f: Feature) => f.id);
    const points = await sql<{ id: number; path: number[]; x: number; y: number }>`
      SELECT b.id, (d).path AS path, ST_X((d).geom) AS x, ST_Y((d).geom) AS y
      FROM buildings b, ST_DumpPoints(ST_Transform(b.geom, 4546)) d WHERE b.id = ANY(${ids}::int[])`.execute(db());
    expect(points.rows.length).toBeGreaterThan(200);
    const byId = new Map<number, Feature>(answer.body.features.map((f: Feature) => [f.id, f]));
    for (const point of points.rows) {
      const rings = byId.get(point.id)!.geometry.coordinates as number[][][];
      const [northing, easting] = rings[point.path[0]! - 1]![point.path[1]! - 1]!;
      expect(Math.abs(easting! - point.x)).toBeLessThan(0.01);
      expect(Math.abs(northing! - point.y)).toBeLessThan(0.01);
    }
    const latFirst = await get(`/ogc/collections/buildings/items/${ids[0]}?crs=http://www.opengis.net/def/crs/EPSG/0/4326`);
    const crs84 = await get(`/ogc/collections/buildings/items/${ids[0]}`);
    const [lat, lon] = latFirst.body.geometry.coordinates[0][0];
    expect([lon, lat]).toEqual(crs84.body.geometry.coordinates[0][0]);
    expect(lat).toBeGreaterThan(37);
    // CGCS2000 and WGS 84 agree at centimetre level: the same lat/lon, transformed by PostGIS.
    const cgcs = await get(`/ogc/collections/buildings/items/${ids[0]}?crs=EPSG:4490`);
    expect(cgcs.headers.get('content-crs')).toBe('<http://www.opengis.net/def/crs/EPSG/0/4490>');
    const [cgcsLat, cgcsLon] = cgcs.body.geometry.coordinates[0][0];
    expect(Math.abs(cgcsLat - lat) + Math.abs(cgcsLon - lon)).toBeLessThan(1e-6);
    const box = `${lat - 0.0001},${lon - 0.0001},${lat + 0.0001},${lon + 0.0001}`;
    const near = await get(`/ogc/collections/buildings/items?bbox=${box}&bbox-crs=EPSG:4490`);
    expect(near.body.features.map((f: Feature) => f.id)).toContain(ids[0]);
  });

  it('selects by bbox in bbox-crs, by datetime on hazards, and by properties', async () => {
    const [w, s, e, n] = [112.08, 37.36, 112.1, 37.38];
    const inBox = await sql<{ id: number }>`
      SELECT id FROM buildings WHERE ST_Intersects(geom, ST_MakeEnvelope(${w}, ${s}, ${e}, ${n}, 4326)) ORDER BY id`.execute(db());
    expect(inBox.rows.length).toBeGreaterThan(0);
    const lonLat = await allPages(`/ogc/collections/buildings/items?bbox=${w},${s},${e},${n}`);
    const latLon = await allPages(`/ogc/collections/buildings/items?bbox=${s},${w},${n},${e}&bbox-crs=EPSG:4326`);
    expect(lonLat.features.map((f) => f.id)).toEqual(inBox.rows.map((row) => row.id));
    expect(latLon.features.map((f) => f.id)).toEqual(inBox.rows.map((row) => row.id));

    const dated = await sql<{ id: number }>`
      SELECT id FROM hazards WHERE status <> 'closed' AND found_on BETWEEN '2025-01-01' AND '2025-06-30' ORDER BY id`.execute(db());
    const byDate = await allPages('/ogc/collections/hazards/items?datetime=2025-01-01/2025-06-30');
    expect(byDate.features.map((f) => f.id)).toEqual(dated.rows.map((row) => row.id));

    const slim = await get('/ogc/collections/buildings/items?limit=3&properties=code,floors');
    expect(Object.keys(slim.body.features[0].properties)).toEqual(['code', 'floors']);
  });

  it('filters with CQL2 text to the same ids as SQL written independently', async () => {
    const cases: [string, RawSql][] = [
      [
        "floors >= 2 AND (use = 'business' OR has_smoke_alarm = false) AND NOT name IS NULL",
        sql`floors >= 2 AND (use = 'business' OR has_smoke_alarm = false) AND name IS NOT NULL`,
      ],
      ["code LIKE '%01%' AND fire_grade IN ('3', '4')", sql`code LIKE '%01%' AND fire_grade IN ('3', '4')`],
      [
        'S_INTERSECTS(geometry, BBOX(112.08, 37.36, 112.1, 37.38)) AND height_m BETWEEN 3 AND 7.5',
        sql`ST_Intersects(geom, ST_MakeEnvelope(112.08, 37.36, 112.1, 37.38, 4326)) AND height_m BETWEEN 3 AND 7.5`,
      ],
      [
        'S_INTERSECTS(geometry, POLYGON((112.08 37.36, 112.1 37.36, 112.09 37.38, 112.08 37.36))) OR built_year < 1990',
        sql`ST_Intersects(geom, ST_GeomFromText('POLYGON((112.08 37.36, 112.1 37.36, 112.09 37.38, 112.08 37.36))', 4326)) OR built_year < 1990`,
      ],
    ];
    for (const [filter, where] of cases) {
      const expected = await sql<{ id: number }>`SELECT id FROM buildings WHERE ${where} ORDER BY id`.execute(db());
      const answer = await allPages(
        `/ogc/collections/buildings/items?limit=5000&filter-lang=cql2-text&filter=${encodeURIComponent(filter)}`,
      );
      expect(
        answer.features.map((f) => f.id),
        filter,
      ).toEqual(expected.rows.map((row) => row.id));
      expect(expected.rows.length, filter).toBeGreaterThan(0);
    }
  });

  it('shows a village officer’s token only their village, to GDAL as to any client', async () => {
    const own = await sql<{ id: number }>`SELECT id FROM buildings WHERE village_code = ${villageCode} ORDER BY id`.execute(db());
    const seen = await allPages('/ogc/collections/buildings/items?limit=2000', villageToken);
    expect(seen.features.map((f) => f.id)).toEqual(own.rows.map((row) => row.id));
    const hazards = await allPages('/ogc/collections/hazards/items', villageToken);
    expect(new Set(hazards.features.map((f) => f.properties.village_code))).toEqual(new Set([villageCode]));
    const other = await sql<{ id: number }>`SELECT id FROM buildings WHERE village_code <> ${villageCode} LIMIT 1`.execute(db());
    expect((await get(`/ogc/collections/buildings/items/${other.rows[0]!.id}`, villageToken)).status).toBe(404);
    const gpkg = path.join(work, `village-${engine.name}.gpkg`);
    await run('ogr2ogr', ['-f', 'GPKG', gpkg, ...gdalAuth(villageToken), `OAPIF:${server.url}/ogc`, 'buildings'], { maxBuffer: 1 << 24 });
    const { stdout } = await run('ogrinfo', ['-ro', '-so', gpkg, 'buildings']);
    expect(stdout).toContain(`Feature Count: ${own.rows.length}`);
  }, 300_000);

  it('refuses a revoked token with 401 token_revoked, to GDAL too', async () => {
    const { id, token, session } = await makeToken('office', 'to revoke');
    expect((await get('/ogc/collections', token)).status).toBe(200);
    const request = new Request(`http://app.test/api/v1/tokens/${id}`, {
      method: 'DELETE',
      headers: { cookie: `${SESSION_COOKIE}=${session}` },
    });
    expect((await tokenRoute.DELETE(request, { params: Promise.resolve({ id: String(id) }) })).status).toBe(200);
    expect(await get('/ogc/collections/buildings/items?limit=1', token)).toMatchObject({ status: 401, body: { code: 'token_revoked' } });
    await expect(run('ogrinfo', ['-ro', ...gdalAuth(token), `OAPIF:${server.url}/ogc`])).rejects.toThrow();
  }, 120_000);

  it('answers bad input 400 with a stable code', async () => {
    const bad: [string, string][] = [
      ["filter=floors >= 'x", 'invalid_filter'],
      ['filter=floors >>= 2', 'invalid_filter'],
      ['filter=secret = 1', 'invalid_filter'],
      ["filter=floors = 'two'", 'invalid_filter'],
      ['filter=S_INTERSECTS(geometry, POLYGON((1 1, 2 2, 1 1)))', 'invalid_filter'],
      ['filter=floors = 1&filter-lang=cql2-json', 'bad_request'],
      ['crs=EPSG:3857', 'unsupported_crs'],
      ['bbox-crs=urn:nowhere&bbox=1,2,3,4', 'unsupported_crs'],
      ['limit=0', 'bad_request'],
      ['limit=10001', 'bad_request'],
      ['bbox=112.1,37.36,112.08,37.38', 'bad_request'],
      ['bbox=37.38,112.08,37.36,112.1&bbox-crs=EPSG:4326', 'bad_request'],
      ['datetime=2025-13-01', 'bad_request'],
      ['properties=nope', 'bad_request'],
      ['after=abc', 'bad_request'],
      ['offset=100', 'bad_request'],
    ];
    for (const [query, code] of bad) {
      const answer = await get(`/ogc/collections/buildings/items?${query.replaceAll(' ', '%20').replaceAll("'", '%27')}`);
      expect([answer.status, answer.body.code], query).toEqual([400, code]);
    }
    expect((await get('/ogc/collections/nowhere/items')).status).toBe(404);
    expect((await get('/ogc/collections/buildings/items?datetime=2025-01-01')).body.code).toBe('bad_request');
  });
});

type RawSql = ReturnType<typeof sql>;
