/**
 * npm run bench:db — cold start, warm start and seed time of the database layer, embedded (PGlite) and
 * PostGIS side by side, on the demo town in geodata/ (or GEODATA_DIR).
 *   seed        empty database → migrated and loaded (the first start of a new installation)
 *   cold start  a new Node process opening the existing database until its first query is answered
 *   warm start  closing and reopening in the same process (WASM and modules already loaded)
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { type DatabaseConfig, openDatabase } from '../db/client';
import { tableCounts } from '../db/queries/health';
import { ms, postgisServerUrl, printTable, temporaryDatabase } from './bench-support';

const geodataDir = path.resolve(process.env.GEODATA_DIR || 'geodata');

async function openAndQuery(config: DatabaseConfig): Promise<{ elapsed: number; buildings: number }> {
  const start = performance.now();
  const handle = await openDatabase(config);
  const counts = await tableCounts(handle.db);
  const elapsed = performance.now() - start;
  await handle.close();
  return { elapsed, buildings: counts.buildings ?? 0 };
}

/** Cold start: a fresh process, timed from its own start (module loading and WASM compile included). */
function coldStart(config: DatabaseConfig): number {
  const child = spawnSync(process.execPath, ['--import', 'tsx', import.meta.filename, '--cold', JSON.stringify(config)], {
    encoding: 'utf8',
  });
  const match = /cold-start-ms=(\d+)/.exec(child.stdout);
  if (!match) throw new Error(`cold start child failed:\n${child.stdout}\n${child.stderr}`);
  return Number(match[1]);
}

async function benchEngine(config: DatabaseConfig) {
  const seed = await openAndQuery(config);
  const cold = coldStart(config);
  const warm = await openAndQuery(config);
  return { seed: seed.elapsed, cold, warm: warm.elapsed, buildings: warm.buildings };
}

async function main() {
  if (process.argv[2] === '--cold') {
    const config = JSON.parse(process.argv[3]!) as DatabaseConfig;
    await openAndQuery(config);
    console.log(`cold-start-ms=${Math.round(performance.now())}`); // performance.now() counts from process start
    return;
  }
  console.log(`Demo data: ${geodataDir}; ${os.cpus().length} cores, Node ${process.version}\n`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-db-'));
  const embedded = await benchEngine({ dataDir, geodataDir });
  fs.rmSync(dataDir, { recursive: true, force: true });

  const database = await temporaryDatabase(postgisServerUrl(), 'bench_db');
  let server: Awaited<ReturnType<typeof benchEngine>>;
  try {
    server = await benchEngine({ databaseUrl: database.url, dataDir: null, geodataDir });
  } finally {
    await database.drop();
  }
  printTable(
    ['', 'embedded (PGlite + PostGIS)', 'PostgreSQL 15 + PostGIS'],
    [
      ['seed (create, migrate, load)', ms(embedded.seed), ms(server.seed)],
      ['cold start (new process → first query)', ms(embedded.cold), ms(server.cold)],
      ['warm start (reopen in process)', ms(embedded.warm), ms(server.warm)],
      ['buildings loaded', String(embedded.buildings), String(server.buildings)],
    ],
  );
}

await main();
