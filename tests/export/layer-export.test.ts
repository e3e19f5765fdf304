import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { seedIfEmpty } from '../../db/seed';
import { DEMO_PASSWORD, ensureDemoAccounts } from '../../db/seed/accounts';
import { SESSION_COOKIE } from '../../lib/auth/session-token';
import { signIn } from '../../lib/auth/sign-in';
import { BASE_LAYER_SPECS, BASE_LAYERS, type BaseLayer } from '../../lib/domain/base-fields';
import { previewImport } from '../../lib/import/base/preview';
import { readGeoFile } from '../../lib/import/geo';
import { testEngines } from '../helpers/engines';
import { workFolder } from '../import/geo/gdal-fixtures';

// The real route module, over the test's database instead of the configured one.
const database = vi.hoisted(() => ({ handle: null as DatabaseHandle | null }));
vi.mock('../../db/client', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../db/client')>()),
  getDatabase: async () => {
    if (!database.handle) throw new Error('no test database open');
    return database.handle;
  },
}));
const exportRoute = await import('../../app/api/v1/layers/[layer]/export/route');

const FORMATS = ['geojson', 'gpkg', 'shp', 'kml', 'csv', 'xlsx'] as const;
type Format = (typeof FORMATS)[number];
const EXTENSIONS: Record<Format, string> = { geojson: 'geojson', gpkg: 'gpkg', shp: 'zip', kml: 'kml', csv: 'csv', xlsx: 'xlsx' };

/** What GDAL makes of a file: its features as GeoJSON (ogr2ogr), the layer summary (ogrinfo -so) and any warning. */
function gdalRead(file: string, format: Format) {
  // GDAL opens a zipped Shapefile through /vsizip/, a CSV with its WKT column named.
  const source = format === 'shp' ? `/vsizip/${file}` : format === 'csv' ? `CSV:${file}` : file;
  const csvOptions = format === 'csv' ? ['-oo', 'GEOM_POSSIBLE_NAMES=WKT', '-oo', 'KEEP_GEOM_COLUMNS=NO'] : [];
  const converted = spawnSync('ogr2ogr', ['-f', 'GeoJSON', '/vsistdout/', source, ...csvOptions], { maxBuffer: 1 << 28 });
  const summary = spawnSync('ogrinfo', ['-ro', '-so', '-al', source, ...csvOptions], { maxBuffer: 1 << 24 });
  if (converted.status !== 0) throw new Error(`ogr2ogr failed: ${converted.stderr}`);
  return {
    collection: JSON.parse(converted.stdout.toString()) as GeoJSON.FeatureCollection,
    summary: summary.stdout.toString(),
    warnings: `${converted.stderr}${summary.stderr}`.trim(),
  };
}

describe.each(testEngines)('base layers exported on $name (demo town), read back by GDAL', (engine) => {
  let cookie: string;
  let villageCookie: string;
  let work: string;
  const db = () => database.handle!.db;

  beforeAll(async () => {
    database.handle = await engine.open();
    await seedIfEmpty(database.handle.db, 'geodata');
    await ensureDemoAccounts(database.handle.db);
    const session = (username: string) => signIn(db(), { username, password: DEMO_PASSWORD, ip: null, userAgent: 'vitest' });
    cookie = `${SESSION_COOKIE}=${(await session('office')).token}`;
    villageCookie = `${SESSION_COOKIE}=${(await session('village')).token}`;
    work = workFolder('layer-export');
  }, 600_000);
  afterAll(async () => {
    await database.handle?.close();
    database.handle = null;
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  async function get(layer: string, query: Record<string, string>, asCookie = cookie) {
    const url = `http://app.test/api/v1/layers/${layer}/export?${new URLSearchParams(query)}`;
    return exportRoute.GET(new Request(url, { headers: { cookie: asCookie } }), { params: Promise.resolve({ layer }) });
  }

  /** Exports a layer, writes the file to the work folder and returns its path. */
  async function exported(layer: BaseLayer, format: Format, query: Record<string, string> = {}, asCookie = cookie) {
    const response = await get(layer, { format, ...query }, asCookie);
    expect(response.status, await response.clone().text()).toBe(200);
    const file = path.join(work, `${layer}-${format}-${engine.name}-${Object.values(query).join('_')}.${EXTENSIONS[format]}`);
    fs.writeFileSync(file, new Uint8Array(await response.arrayBuffer()));
    return { file, response };
  }

  const count = async (table: string) =>
    (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(db())).rows[0]!.n;

  it.each(FORMATS)(
    'writes every base layer as %s with as many features as the table has, in EPSG:4326',
    async (format) => {
      for (const layer of BASE_LAYERS) {
        const { file } = await exported(layer, format);
        const { collection, summary } = gdalRead(file, format);
        expect(collection.features.length, `${layer} ${format}`).toBe(await count(BASE_LAYER_SPECS[layer].table));
        // KML is WGS 84 by definition; GDAL states it as the same EPSG:4326 WKT. Tables declare no CRS (lon/lat WKT).
        if (format !== 'csv' && format !== 'xlsx')
          expect(summary, `${layer} ${format}`).toMatch(/ID\["EPSG",4326\]|AUTHORITY\["EPSG","4326"\]/);
      }
    },
    600_000,
  );

  it('writes a GeoPackage GDAL opens without a warning, with the database’s Chinese names and coordinates', async () => {
    const { file, response } = await exported('villages', 'gpkg');
    expect(response.headers.get('content-type')).toBe('application/geopackage+sqlite3');
    const { collection, warnings } = gdalRead(file, 'gpkg');
    expect(warnings).toBe('');
    const info = spawnSync('ogrinfo', ['-ro', '-so', file, 'villages']).stdout.toString();
    expect(info).toMatch(/Geometry: Multi Polygon/);
    const stored = await sql<{ code: string; name: string; x: number; y: number }>`
      SELECT code, name, ST_X(ST_PointN(ST_ExteriorRing(ST_GeometryN(geom, 1)), 1)) AS x,
        ST_Y(ST_PointN(ST_ExteriorRing(ST_GeometryN(geom, 1)), 1)) AS y
      FROM villages ORDER BY code`.execute(db());
    const byCode = new Map(collection.features.map((feature) => [feature.properties?.code, feature]));
    for (const row of stored.rows) {
      const feature = byCode.get(row.code)!;
      expect(feature.properties?.name).toBe(row.name);
      const [x, y] = (feature.geometry as GeoJSON.MultiPolygon).coordinates[0]![0]![0]!;
      expect(Math.abs(x! - row.x)).toBeLessThan(1e-7);
      expect(Math.abs(y! - row.y)).toBeLessThan(1e-7);
    }
  }, 120_000);

  it.each(FORMATS)(
    'keeps a water source’s Chinese name, codes and position in %s',
    async (format) => {
      const { file } = await exported('water-sources', format);
      const { collection } = gdalRead(file, format);
      const stored = await sql<{ code: string; name: string; kind: string; village_code: string | null; x: number; y: number }>`
      SELECT code, name, kind, village_code, ST_X(geom) AS x, ST_Y(geom) AS y FROM water_sources ORDER BY id`.execute(db());
      // Shapefile and CSV name columns their own way (10 characters, Chinese headers).
      const names = {
        geojson: ['code', 'name', 'kind'],
        gpkg: ['code', 'name', 'kind'],
        // GDAL takes the Placemark's <name> as its Name field (and drops the same-named ExtendedData).
        kml: ['code', 'Name', 'kind'],
        shp: ['code', 'name', 'kind'],
        csv: ['编码', '名称', '水源类型'],
        xlsx: ['编码', '名称', '水源类型'],
      }[format];
      const byCode = new Map(collection.features.map((feature) => [String(feature.properties?.[names[0]!]), feature]));
      expect(byCode.size).toBe(stored.rows.length);
      for (const row of stored.rows) {
        const feature = byCode.get(row.code)!;
        expect(feature.properties?.[names[1]!]).toBe(row.name);
        expect(feature.properties?.[names[2]!]).toBe(row.kind);
        // GDAL's XLSX driver reads no geometry: the 经度/纬度 columns hold the position.
        const [x, y] =
          format === 'xlsx'
            ? [feature.properties?.经度 as number, feature.properties?.纬度 as number]
            : (feature.geometry as GeoJSON.Point).coordinates;
        expect(Math.abs(x! - row.x)).toBeLessThan(1e-7);
        expect(Math.abs(y! - row.y)).toBeLessThan(1e-7);
      }
    },
    120_000,
  );

  it('writes a GBK Shapefile whose Chinese GDAL reads through its .cpg, with byte-sized text fields', async () => {
    const { file } = await exported('buildings', 'shp', { encoding: 'gbk' });
    const { collection } = gdalRead(file, 'shp');
    const stored = await sql<{ code: string; name: string | null; responsible_person: string | null }>`
      SELECT code, name, responsible_person FROM buildings ORDER BY id`.execute(db());
    const byCode = new Map(collection.features.map((feature) => [feature.properties?.code, feature.properties]));
    const named = stored.rows.filter((row) => row.name && /[\u4e00-\u9fff]/.test(row.name));
    expect(named.length).toBeGreaterThan(10);
    for (const row of stored.rows) {
      expect(byCode.get(row.code)?.name ?? null).toBe(row.name);
      expect(byCode.get(row.code)?.responsibl ?? null).toBe(row.responsible_person);
    }
    // The name field is as wide as the longest name in GBK bytes (two per Chinese character), by hand from the table.
    const widest = Math.max(
      ...stored.rows.map((row) => (row.name ? row.name.length + [...row.name].filter((c) => c > '\u007f').length : 0)),
    );
    const info = spawnSync('ogrinfo', ['-ro', '-so', '-al', `/vsizip/${file}`]).stdout.toString();
    expect(info).toMatch(new RegExp(`^name: String \\(${widest}\\.0\\)`, 'm'));
    expect(info).toMatch(/^height_m: Real/m);
    expect(info).toMatch(/^floors: Integer/m);
    expect(info).toMatch(/^smoke_alm: Integer\(Boolean\)|^smoke_alm: String \(1\.0\)/m);
  }, 120_000);

  it('filters by village and bbox exactly as a direct SQL count does', async () => {
    const village = (await sql<{ code: string }>`SELECT code FROM villages ORDER BY code LIMIT 1 OFFSET 2`.execute(db())).rows[0]!.code;
    const buildings = await sql<{ n: number }>`SELECT count(*)::int AS n FROM buildings WHERE village_code = ${village}`.execute(db());
    const { file } = await exported('buildings', 'gpkg', { village });
    expect(gdalRead(file, 'gpkg').collection.features.length).toBe(buildings.rows[0]!.n);
    // Town roads belong to no village: they count where they cross it.
    const passages = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM passages p WHERE p.village_code = ${village}
        OR (p.village_code IS NULL AND ST_Intersects(p.geom, (SELECT geom FROM villages WHERE code = ${village})))`.execute(db());
    const roads = await exported('passages', 'geojson', { village });
    expect(gdalRead(roads.file, 'geojson').collection.features.length).toBe(passages.rows[0]!.n);
    const bbox = [112.08, 37.35, 112.11, 37.38] as const;
    const inBox = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM water_sources WHERE geom && ST_MakeEnvelope(${bbox[0]}, ${bbox[1]}, ${bbox[2]}, ${bbox[3]}, 4326)`.execute(
      db(),
    );
    expect(inBox.rows[0]!.n).toBeGreaterThan(0);
    const boxed = await exported('water-sources', 'shp', { bbox: bbox.join(',') });
    expect(gdalRead(boxed.file, 'shp').collection.features.length).toBe(inBox.rows[0]!.n);
    // A box with nothing in it gives files GDAL opens with no features.
    for (const format of ['gpkg', 'shp', 'geojson', 'kml'] as const) {
      const empty = await exported('straw-stacks', format, { bbox: '100,30,100.01,30.01' });
      expect(gdalRead(empty.file, format).collection.features, format).toEqual([]);
    }
    // A village officer gets their own village only, whatever they ask for.
    const own = (await db().selectFrom('users').select('villages').where('username', '=', 'village').executeTakeFirstOrThrow())
      .villages![0]!;
    const ownBuildings = await sql<{ n: number }>`SELECT count(*)::int AS n FROM buildings WHERE village_code = ${own}`.execute(db());
    const scoped = await exported('buildings', 'csv', {}, villageCookie);
    expect(gdalRead(scoped.file, 'csv').collection.features.length).toBe(ownBuildings.rows[0]!.n);
  }, 120_000);

  it('names the file in ASCII and in Chinese with the China date, and refuses a bad format or encoding', async () => {
    const { response } = await exported('water-sources', 'gpkg');
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="liuhulan-water-sources-${today}.gpkg"; filename*=UTF-8''${encodeURIComponent(`刘胡兰镇-消防水源-${today}.gpkg`)}`,
    );
    for (const query of [{ format: 'dwg' }, { format: 'shp', encoding: 'latin1' }] as Record<string, string>[]) {
      const refused = await get('water-sources', query);
      expect(refused.status).toBe(400);
      const body = (await refused.json()) as { error: string };
      expect(body.error).toMatch(/[\u4e00-\u9fff]/);
    }
    expect((await get('hazards', { format: 'csv' })).status).toBe(400);
  });

  it.each([
    ['shp', {}],
    ['shp', { encoding: 'gbk' }],
    ['gpkg', {}],
    ['kml', {}],
    ['geojson', {}],
    ['csv', {}],
    ['xlsx', {}],
  ] as const)(
    'reads a %s export %o back with readGeoFile as the same rows, every layer',
    async (format, query) => {
      const firstVillage = (await sql<{ code: string }>`SELECT min(code) AS code FROM villages`.execute(db())).rows[0]!.code;
      for (const layer of BASE_LAYERS) {
        // The table importer takes at most 10,000 rows: the town's buildings go one village at a time.
        const oneVillage = layer === 'buildings' && (format === 'csv' || format === 'xlsx');
        const { file } = await exported(layer, format, oneVillage ? { ...query, village: firstVillage } : query);
        const contents = await readGeoFile({ name: path.basename(file), bytes: new Uint8Array(fs.readFileSync(file)) });
        if (format === 'shp') expect(contents.encoding).toEqual({ name: 'encoding' in query ? 'gbk' : 'utf-8', source: 'cpg' });
        const spec = BASE_LAYER_SPECS[layer];
        const stored = await sql<{ properties: Record<string, unknown>; geometry: GeoJSON.Geometry }>`
        SELECT to_jsonb(t) - 'geom' AS properties, ST_AsGeoJSON(t.geom, 15)::json AS geometry
        FROM ${sql.table(spec.table)} t WHERE ${oneVillage ? sql`t.village_code = ${firstVillage}` : sql`true`}
        ORDER BY ${sql.ref(spec.idColumn)}`.execute(db());
        expect(contents.features.length).toBe(stored.rows.length);
        const referenceCodes = await referenceCodesOf(layer);
        const keyOf = (field: (typeof spec.fields)[number]) =>
          format === 'shp'
            ? (field.shapefileName ?? field.column.slice(0, 10))
            : format === 'csv' || format === 'xlsx'
              ? field.zh
              : field.column;
        const actual = contents.features.map((feature) =>
          Object.fromEntries(
            spec.fields.map((field) => {
              const value = normalised(feature.properties[keyOf(field)], format);
              return [field.column, field.type === 'months' && value !== null ? expandedMonths(String(value)) : value];
            }),
          ),
        );
        const expected = stored.rows.map((row) =>
          Object.fromEntries(
            spec.fields.map((field) => {
              let value = row.properties[field.column] ?? null;
              if (field.type === 'reference' && field.column !== 'village_code') value = referenceCodes.get(Number(value)) ?? null;
              if (Array.isArray(value)) value = [...value].sort((a, b) => a - b).join(',');
              return [field.column, expectedIn(value, field.type, format)];
            }),
          ),
        );
        expect(actual, `${layer} ${format}`).toEqual(expected);
        const misplaced = stored.rows.filter((row, at) => !sameGeometry(contents.features[at]!.geometry!, row.geometry));
        expect(misplaced.length, `${layer} ${format}`).toBe(0);
      }
    },
    600_000,
  );

  // Exported, then imported again: every feature matches the one it came from, nothing new, changed or missing.
  const ROUND_TRIP_LAYERS: BaseLayer[] = ['villages', 'passages', 'obstacles', 'water-sources', 'stations', 'units', 'straw-stacks'];
  it.each(FORMATS)(
    'imports its own %s export back as a preview without a single change',
    async (format) => {
      const office = await sql<{ id: number }>`SELECT id FROM users WHERE username = 'office'`.execute(db());
      // The 11,000 houses once, through the format the county's files mostly come in.
      for (const layer of format === 'shp' ? [...ROUND_TRIP_LAYERS, 'buildings' as const] : ROUND_TRIP_LAYERS) {
        const { file } = await exported(layer, format);
        const bytes = new Uint8Array(fs.readFileSync(file));
        // Tables and GeoJSON carry no declared system: say it, as the user does on the preview.
        const crs = format === 'csv' || format === 'xlsx' || format === 'geojson' ? ('EPSG:4326' as const) : undefined;
        const answer = await previewImport(db(), { layer, file: { name: path.basename(file), bytes }, crs, createdBy: office.rows[0]!.id });
        const total = await count(BASE_LAYER_SPECS[layer].table);
        expect(
          answer.errors.filter((item) => item.severity !== 'warning'),
          `${layer} ${format}`,
        ).toEqual([]);
        expect(answer.summary, `${layer} ${format}`).toEqual({ new: 0, changed: 0, unchanged: total, missing: 0, invalid: 0 });
      }
    },
    600_000,
  );

  /** Passage and building codes by id (from the tables, not from the export). */
  async function referenceCodesOf(layer: BaseLayer): Promise<Map<number, string>> {
    const rows = await sql<{ id: number; code: string }>`
      SELECT id, code FROM passages_all WHERE ${layer === 'obstacles'} UNION ALL
      SELECT id, code FROM buildings_all WHERE ${layer === 'units'}`.execute(db());
    return new Map(rows.rows.map((row) => [Number(row.id), row.code]));
  }
});

/** "1-3,11,12" as "1,2,3,11,12": the months a file's text names, in calendar order. */
function expandedMonths(text: string): string {
  const months = text.split(',').flatMap((part) => {
    const [from, to = from] = part.split('-').map(Number) as [number, number?];
    return Array.from({ length: to - from + 1 }, (_, n) => from + n);
  });
  return months.sort((a, b) => a - b).join(',');
}

/** What a reader gives as text for every format: KML and CSV carry text only. */
function normalised(value: unknown, format: string): unknown {
  if (value === '' || value === undefined || value === null) return null;
  if (format === 'kml' || format === 'csv' || format === 'xlsx') return String(value);
  return value;
}

/** A stored value as each format writes it: dates as text (Shapefile dates too), booleans true/false or 是/否 or 0/1. */
function expectedIn(value: unknown, type: string, format: string): unknown {
  if (value === null) return null;
  if (type === 'boolean') {
    if (format === 'csv' || format === 'xlsx') return value ? '是' : '否';
    if (format === 'kml') return String(value);
    if (format === 'gpkg') return value ? 1 : 0;
    return value;
  }
  if (format === 'kml' || format === 'csv' || format === 'xlsx') return String(value);
  return value;
}

function sameGeometry(actual: GeoJSON.Geometry, expected: GeoJSON.Geometry): boolean {
  // A Shapefile has no multipolygon type: one polygon comes back as a Polygon.
  const rings = (geometry: GeoJSON.Geometry): number[][][] => {
    if (geometry.type === 'Point') return [[geometry.coordinates as number[]]];
    if (geometry.type === 'LineString') return [geometry.coordinates as number[][]];
    if (geometry.type === 'Polygon') return geometry.coordinates as number[][][];
    if (geometry.type === 'MultiPolygon') return geometry.coordinates.flat() as number[][][];
    throw new Error(`unexpected ${geometry.type}`);
  };
  const close = (a: number[][], b: number[][]) =>
    a.length === b.length && a.every((p, at) => Math.abs(p[0]! - b[at]![0]!) < 1e-7 && Math.abs(p[1]! - b[at]![1]!) < 1e-7);
  const [left, right] = [rings(actual), rings(expected)];
  // Shapefile rings run the ESRI way round, whichever way the database stores them.
  return left.length === right.length && left.every((ring, at) => close(ring, right[at]!) || close([...ring].reverse(), right[at]!));
}
