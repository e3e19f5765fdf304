/**
 * npm run bench:tiles [-- --geodata DIR] — building tile serving on both engines at z12, z14 and z16:
 * tiles/s, p50/p95 latency and bytes, measured in process through the same renderTile the API route calls
 * (ST_AsMVT on PostGIS; SQL + geojson-vt + vt-pbf on PGlite). Default data: the county-scale set in
 * .data/county-geodata (make it with `npm run geodata -- --villages 220 --out .data/county-geodata`).
 * The databases are kept between runs (.data/bench-<name>/ and database bench_<name>), so only the first run seeds.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { type DatabaseHandle, openDatabase } from '../db/client';
import { tableCounts } from '../db/queries/health';
import { listVillages } from '../db/queries/villages';
import { renderTile } from '../lib/tiles/tile-service';
import { adminQuery, argument, ms, percentile, postgisServerUrl, printTable } from './bench-support';

const geodataDir = path.resolve(argument('geodata', '.data/county-geodata'));
const name = path
  .basename(geodataDir)
  .replace(/[^a-z0-9]/gi, '_')
  .toLowerCase();
const SAMPLES: Record<number, number> = { 12: 20, 14: 80, 16: 150 };

function tileRange(bbox: [number, number, number, number], z: number) {
  const n = 2 ** z;
  const x = (lon: number) => Math.floor(((lon + 180) / 360) * n);
  const y = (lat: number) => {
    const rad = (lat * Math.PI) / 180;
    return Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n);
  };
  return { x0: x(bbox[0]), x1: x(bbox[2]), y0: y(bbox[3]), y1: y(bbox[1]) };
}

/** Deterministic sample of tiles over the villages (same tiles for both engines). */
function sampleTiles(villageBoxes: [number, number, number, number][], z: number, count: number) {
  const tiles = new Map<string, { z: number; x: number; y: number }>();
  for (const box of villageBoxes) {
    const { x0, x1, y0, y1 } = tileRange(box, z);
    for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) tiles.set(`${x}/${y}`, { z, x, y });
  }
  const all = [...tiles.values()].sort((a, b) => a.x - b.x || a.y - b.y);
  const step = Math.max(1, all.length / count);
  return Array.from({ length: Math.min(count, all.length) }, (_, i) => all[Math.floor(i * step)]!);
}

async function measure(handle: DatabaseHandle, tiles: { z: number; x: number; y: number }[]) {
  const times: number[] = [];
  let bytes = 0;
  let nonEmpty = 0;
  const start = performance.now();
  for (const tile of tiles) {
    const t0 = performance.now();
    const data = await renderTile(handle, 'buildings', tile, []);
    times.push(performance.now() - t0);
    bytes += data.length;
    if (data.length > 0) nonEmpty++;
  }
  const total = performance.now() - start;
  times.sort((a, b) => a - b);
  return {
    tilesPerSecond: (tiles.length / total) * 1000,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    meanBytes: nonEmpty ? bytes / nonEmpty : 0,
    nonEmpty,
  };
}

async function openEngine(engine: 'pglite' | 'postgres'): Promise<DatabaseHandle> {
  const start = performance.now();
  let handle: DatabaseHandle;
  if (engine === 'pglite') {
    handle = await openDatabase({ dataDir: path.resolve(`.data/bench-${name}`), geodataDir });
  } else {
    const server = postgisServerUrl();
    const url = new URL(server);
    url.pathname = `/bench_${name}`;
    await adminQuery(server, `CREATE DATABASE bench_${name}`).catch(() => {}); // kept between runs
    handle = await openDatabase({ databaseUrl: url.toString(), dataDir: null, geodataDir });
  }
  const counts = await tableCounts(handle.db);
  console.log(`${engine}: ready in ${ms(performance.now() - start)} (${counts.buildings} buildings, ${counts.villages} villages)`);
  return handle;
}

async function main() {
  if (!fs.existsSync(path.join(geodataDir, 'buildings.geojson'))) {
    throw new Error(`${geodataDir} has no buildings.geojson: run npm run geodata -- --villages 220 --out ${geodataDir}`);
  }
  const rows: string[][] = [];
  for (const engine of ['postgres', 'pglite'] as const) {
    const handle = await openEngine(engine);
    try {
      const boxes = (await listVillages(handle.db)).map((v) => v.bbox);
      for (const z of [12, 14, 16]) {
        const tiles = sampleTiles(boxes, z, SAMPLES[z]!);
        await renderTile(handle, 'buildings', tiles[0]!, []); // warm-up
        const result = await measure(handle, tiles);
        rows.push([
          engine,
          `z${z}`,
          String(tiles.length),
          result.tilesPerSecond.toFixed(1),
          ms(result.p50),
          ms(result.p95),
          `${(result.meanBytes / 1024).toFixed(1)} KiB`,
        ]);
      }
    } finally {
      await handle.close();
    }
  }
  console.log(`\nBuilding tiles from ${geodataDir}`);
  printTable(['engine', 'zoom', 'tiles', 'tiles/s', 'p50', 'p95', 'mean size (non-empty)'], rows);
}

await main();
