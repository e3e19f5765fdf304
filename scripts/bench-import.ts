/**
 * npm run bench:import — importing 150,000 building footprints (the county set, written by GDAL as a Shapefile and
 * as a GeoPackage) into a town whose villages are already imported: time to preview, time to commit, and the
 * process's peak memory (resident set), on PostgreSQL and on the embedded engine. Targets: ≤ 60 s and ≤ 1.5 GB on
 * PostgreSQL, ≤ 3 min embedded. Needs `ogr2ogr` (gdal-bin) and the county set (`npm run geodata -- --villages 220
 * --out .data/county-geodata --seed 7`). Options: `--count 150000`, `--engines postgres,pglite`, `--formats shp,gpkg`.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import type { DatabaseHandle } from '../db/client';
import { openPglite } from '../db/engines/pglite';
import { openPostgres } from '../db/engines/postgres';
import { migrateToLatest } from '../db/migrate';
import type { Actor } from '../lib/auth/actor';
import { commitImport } from '../lib/import/base/commit';
import { previewImport } from '../lib/import/base/preview';
import { argument, postgisServerUrl, printTable, temporaryDatabase } from './bench-support';

const geodata = path.resolve(argument('geodata', '.data/county-geodata'));
const count = Number(argument('count', '150000'));
const engines = argument('engines', 'postgres,pglite').split(',');
const formats = argument('formats', 'shp,gpkg').split(',') as ('shp' | 'gpkg')[];
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-import-'));

/** The county's buildings cut to `count`, and its villages, as GDAL writes them. */
function writeFiles(): { villages: string; shp: string; gpkg: string } {
  const all = JSON.parse(fs.readFileSync(path.join(geodata, 'buildings.geojson'), 'utf8')) as GeoJSON.FeatureCollection;
  const buildings = path.join(work, 'buildings.geojson');
  fs.writeFileSync(buildings, JSON.stringify({ type: 'FeatureCollection', features: all.features.slice(0, count) }));
  const shpDir = path.join(work, 'shp');
  fs.mkdirSync(shpDir);
  execFileSync('ogr2ogr', ['-f', 'ESRI Shapefile', '-lco', 'ENCODING=UTF-8', path.join(shpDir, 'buildings.shp'), buildings]);
  const shp = path.join(work, 'buildings.zip');
  execFileSync('zip', ['-q', '-j', shp, ...fs.readdirSync(shpDir).map((name) => path.join(shpDir, name))]);
  const gpkg = path.join(work, 'buildings.gpkg');
  execFileSync('ogr2ogr', ['-f', 'GPKG', gpkg, buildings]);
  return { villages: path.join(geodata, 'villages.geojson'), shp, gpkg };
}

/** Samples the resident set while `run` works: its peak in MB. */
async function measured<T>(run: () => Promise<T>): Promise<{ result: T; seconds: number; peakMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  const start = performance.now();
  try {
    const result = await run();
    return { result, seconds: (performance.now() - start) / 1000, peakMb: Math.max(peak, process.memoryUsage().rss) / 1048576 };
  } finally {
    clearInterval(timer);
  }
}

async function open(engine: string): Promise<DatabaseHandle & { drop(): Promise<void> }> {
  if (engine === 'pglite') {
    const dir = fs.mkdtempSync(path.join(work, 'pglite-'));
    const handle = await openPglite(dir);
    return { ...handle, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const database = await temporaryDatabase(postgisServerUrl(), 'bench_import');
  const handle = await openPostgres(database.url);
  return { ...handle, drop: database.drop };
}

const file = (name: string) => ({ name: path.basename(name), bytes: new Uint8Array(fs.readFileSync(name)) });
const OPTIONS = { retireMissing: false, repairInvalid: false, confirmCrs: true };

const files = writeFiles();
console.log(
  `${count} buildings: Shapefile zip ${(fs.statSync(files.shp).size / 1048576).toFixed(1)} MB, ` +
    `GeoPackage ${(fs.statSync(files.gpkg).size / 1048576).toFixed(1)} MB`,
);
const rows: string[][] = [];
try {
  for (const engine of engines) {
    for (const format of formats) {
      global.gc?.();
      const handle = await open(engine);
      try {
        await migrateToLatest(handle.db);
        const user = await sql<{ id: number }>`INSERT INTO users (username, display_name, role, villages, password_hash)
          VALUES ('bench', '基准', 'office', NULL, 'x') RETURNING id`.execute(handle.db);
        const userId = user.rows[0]?.id as number;
        const actor: Actor = {
          userId,
          username: 'bench',
          displayName: '基准',
          role: 'office',
          villages: null,
          sessionId: 'bench',
          mustChangePassword: false,
        };
        const who = { actor, requestId: 'bench-import' };
        const villages = await previewImport(handle.db, { layer: 'villages', file: file(files.villages), createdBy: userId });
        await commitImport(handle.db, villages.id, OPTIONS, who);

        const source = file(format === 'shp' ? files.shp : files.gpkg);
        const preview = await measured(() => previewImport(handle.db, { layer: 'buildings', file: source, createdBy: userId }));
        const blocking = preview.result.errors.filter((item) => item.severity !== 'warning').length;
        const commit = await measured(() => commitImport(handle.db, preview.result.id, OPTIONS, who));
        const stored = await sql<{ n: number }>`SELECT count(*)::int AS n FROM buildings`.execute(handle.db);
        rows.push([
          engine,
          format,
          String(preview.result.summary.new),
          String(blocking),
          `${preview.seconds.toFixed(1)} s`,
          `${commit.seconds.toFixed(1)} s`,
          `${(preview.seconds + commit.seconds).toFixed(1)} s`,
          `${Math.max(preview.peakMb, commit.peakMb).toFixed(0)} MB`,
          String(stored.rows[0]?.n),
        ]);
        console.log(rows.at(-1)?.join('  '));
      } finally {
        await handle.close();
        await handle.drop();
      }
    }
  }
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
printTable(['engine', 'format', 'new', 'problems', 'preview', 'commit', 'total', 'peak RSS', 'stored'], rows);
