/**
 * npm run bench:ogc [-- --geodata DIR] — the OGC API's buildings on PostgreSQL + PostGIS: p50/p95 of one
 * 1,000-feature page at the start and at the end of the collection (keyset paging should make them alike), and
 * the time ogr2ogr takes to copy the whole collection to a GeoPackage over HTTP, through the real route
 * handlers. Default data: the demo town (geodata/). The database is kept between runs (bench_ogc_<name>).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { adminQuery, argument, ms, percentile, postgisServerUrl, printTable } from './bench-support';

const run = promisify(execFile);
const geodataDir = path.resolve(argument('geodata', 'geodata'));
const name = path
  .basename(geodataDir)
  .replace(/[^a-z0-9]/gi, '_')
  .toLowerCase();
const SAMPLES = 30;
const PAGE = 1000;

// The app's own database handle, opened from the environment the routes read.
const server = postgisServerUrl();
const url = new URL(server);
url.pathname = `/bench_ogc_${name}`;
await adminQuery(server, `CREATE DATABASE bench_ogc_${name}`).catch(() => {}); // kept between runs
process.env.DATABASE_URL = url.toString();
process.env.GEODATA_DIR = geodataDir;

const { getDatabase } = await import('../db/client');
const { createApiToken } = await import('../db/queries/api-tokens');
const { ensureDemoAccounts } = await import('../db/seed/accounts');
const { hashSessionToken } = await import('../lib/auth/session-token');
const { newApiToken } = await import('../lib/auth/api-token');
const { serveRoutes } = await import('../tests/helpers/route-server');
const items = await import('../app/ogc/collections/[collectionId]/items/route');

async function main() {
  const start = performance.now();
  const { db, close } = await getDatabase();
  await ensureDemoAccounts(db);
  const office = await db.selectFrom('users').select('id').where('role', 'in', ['office', 'admin']).orderBy('id').executeTakeFirstOrThrow();
  const token = newApiToken();
  await createApiToken(
    db,
    { userId: office.id, name: 'bench', tokenHash: hashSessionToken(token), days: 1 },
    { name: 'bench', role: null },
    'cli-bench-ogc',
  );
  const ids = await sql<{ id: number }>`SELECT id FROM buildings ORDER BY id`.execute(db);
  const total = ids.rows.length;
  console.log(`postgres: ready in ${ms(performance.now() - start)} (${total} buildings)`);

  const lastPageAfter = ids.rows[Math.max(0, total - PAGE - 1)]!.id;
  const page = async (after: number | null) => {
    const query = after === null ? `limit=${PAGE}` : `limit=${PAGE}&after=${after}`;
    const request = new Request(`http://bench.local/ogc/collections/buildings/items?${query}`, {
      headers: { authorization: `Bearer ${token}`, 'x-request-id': 'bench' },
    });
    const t0 = performance.now();
    const response = await items.GET(request, { params: Promise.resolve({ collectionId: 'buildings' }) });
    const body = (await response.json()) as { numberReturned: number };
    if (response.status !== 200 || body.numberReturned === 0) throw new Error(`page answered ${response.status}`);
    return performance.now() - t0;
  };
  const rows: string[][] = [];
  for (const [label, after] of [
    ['first page', null],
    ['last full page', lastPageAfter],
  ] as const) {
    await page(after); // warm-up
    const times: number[] = [];
    for (let i = 0; i < SAMPLES; i++) times.push(await page(after));
    times.sort((a, b) => a - b);
    rows.push([label, String(SAMPLES), ms(percentile(times, 50)), ms(percentile(times, 95))]);
  }

  const routes = await serveRoutes([['/ogc/collections/[collectionId]/items', items.GET], ...(await otherRoutes())]);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-ogc-'));
  try {
    // The app serves the pages in this process: its resident memory while GDAL pages through everything.
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 50);
    const t0 = performance.now();
    const auth = ['--config', 'GDAL_HTTP_AUTH', 'BASIC', '--config', 'GDAL_HTTP_USERPWD', `bench:${token}`];
    await run('ogr2ogr', [
      '-f',
      'GPKG',
      path.join(work, 'b.gpkg'),
      ...auth,
      '-oo',
      `PAGE_SIZE=${PAGE}`,
      `OAPIF:${routes.url}/ogc`,
      'buildings',
    ]);
    const copy = performance.now() - t0;
    clearInterval(sampler);
    const { stdout } = await run('ogrinfo', ['-ro', '-so', path.join(work, 'b.gpkg'), 'buildings']);
    const copied = /Feature Count: (\d+)/.exec(stdout)?.[1];
    console.log(`\nOGC API buildings on PostgreSQL (${geodataDir}), ${PAGE} features a page`);
    printTable(['page', 'samples', 'p50', 'p95'], rows);
    console.log(`\nogr2ogr -f GPKG, whole collection: ${ms(copy)} for ${copied} of ${total} buildings`);
    const mb = (bytes: number) => `${Math.round(bytes / 1048576)} MB`;
    console.log(`app memory (RSS) during the copy: ${mb(before)} before, ${mb(peak)} at peak`);
  } finally {
    await routes.close();
    fs.rmSync(work, { recursive: true, force: true });
    await close();
  }
}

/** The documents GDAL reads before the items. */
async function otherRoutes(): Promise<[string, typeof items.GET][]> {
  return [
    ['/ogc', (await import('../app/ogc/route')).GET],
    ['/ogc/conformance', (await import('../app/ogc/conformance/route')).GET],
    ['/ogc/api', (await import('../app/ogc/api/route')).GET],
    ['/ogc/collections', (await import('../app/ogc/collections/route')).GET],
    ['/ogc/collections/[collectionId]', (await import('../app/ogc/collections/[collectionId]/route')).GET],
  ];
}

await main();
process.exit(0);
