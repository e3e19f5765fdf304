/**
 * npm run bench:scenario — what-if evaluation and placement suggestions on the demo town (geodata/ or
 * GEODATA_DIR), embedded (PGlite) and PostGIS (a temporary database) side by side. The scenario: clear the
 * three obstacles whose segments cut off the most buildings, widen the two narrow segments that cut off the
 * most, and drop one water and one station candidate site (the top suggestions). Median of RUNS (default 5)
 * after one warm-up run; the first request after the data changes (cold: the stored network is loaded, then
 * cached until the data's fingerprint changes) is shown on its own line.
 */

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { type DatabaseHandle, openDatabase } from '../db/client';
import { evaluateSchema, type FixSpec } from '../lib/planning/fixes';
import { evaluateScenario } from '../lib/planning/scenario-evaluation';
import { segmentsToFix } from '../lib/planning/segments';
import { suggestSites } from '../lib/planning/suggestions';
import { ms, postgisServerUrl, printTable, temporaryDatabase } from './bench-support';

const geodataDir = path.resolve(process.env.GEODATA_DIR || 'geodata');
const RUNS = Number(process.env.RUNS || 5);

/** Median of RUNS warm runs (the stored network already loaded and cached). */
async function median(run: () => Promise<unknown>): Promise<number> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

async function benchEngine(handle: DatabaseHandle): Promise<string[][]> {
  const { db } = handle;
  // Cold: the first request after the data changed loads the stored network (passages, buildings' access).
  const coldStart = performance.now();
  const { segments } = await segmentsToFix(db);
  const cold = performance.now() - coldStart;
  const obstacles = segments
    .filter((s) => s.reasons.includes('obstacle'))
    .slice(0, 3)
    .flatMap((s) => s.obstacles.slice(0, 1));
  const narrow = segments.filter((s) => s.reasons.includes('narrow') && !s.reasons.includes('obstacle')).slice(0, 2);
  const fixes: FixSpec[] = [
    ...obstacles.map((o) => ({ kind: 'clear_obstacle' as const, obstacle_id: o.id })),
    ...narrow.map((s) => ({ kind: 'widen' as const, passage_id: s.passage_id, width_m: 4.5 })),
  ];
  const water = await suggestSites(db, 'water', 1);
  const station = await suggestSites(db, 'station', 1);
  const sites = [
    ...water.sites.map((s) => ({ kind: 'water' as const, lon: s.lon, lat: s.lat })),
    ...station.sites.map((s) => ({ kind: 'station' as const, lon: s.lon, lat: s.lat })),
  ];
  const single = evaluateSchema.parse({ fixes: fixes.slice(0, 1) });
  const full = evaluateSchema.parse({ fixes, sites });
  const result = await evaluateScenario(db, full);
  // A data change (a completed fix, an import) invalidates the cached network: the next evaluation reloads it.
  const touchObstacle = () => sql`UPDATE obstacles SET note = note WHERE id = (SELECT min(id) FROM obstacles)`.execute(db);
  const rows: [string, () => Promise<unknown>, string][] = [
    [
      'evaluate: 1 fix, right after a data change',
      async () => {
        await touchObstacle();
        await evaluateScenario(db, single);
      },
      'reloads the stored network',
    ],
    ['evaluate: 1 fix', () => evaluateScenario(db, single), ''],
    [
      `evaluate: ${fixes.length} fixes + ${sites.length} sites`,
      () => evaluateScenario(db, full),
      `reachable ${result.before.reachable_by_truck} → ${result.after.reachable_by_truck}, resolved findings ${result.resolved_findings.length}`,
    ],
    ['ranked segments', () => segmentsToFix(db), `${segments.length} segments`],
    ['suggest water k=5', () => suggestSites(db, 'water', 5), `${water.candidates} candidates`],
    ['suggest station k=5', () => suggestSites(db, 'station', 5), `${station.candidates} candidates`],
  ];
  const out: string[][] = [
    [handle.engine, 'cold: load the stored network + ranked segments', ms(cold), 'first request after a data change'],
  ];
  for (const [name, run, note] of rows) {
    const time = await median(run);
    process.stdout.write(`  ${handle.engine} ${name}: ${ms(time)}\n`);
    out.push([handle.engine, name, ms(time), note]);
  }
  return out;
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-scenario-'));
  const rows: string[][] = [];
  console.log(`bench:scenario — demo town from ${geodataDir}, median of ${RUNS}`);
  const embedded = await openDatabase({ dataDir, geodataDir });
  try {
    rows.push(...(await benchEngine(embedded)));
  } finally {
    await embedded.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  const database = await temporaryDatabase(postgisServerUrl(), 'bench_scenario');
  try {
    const server = await openDatabase({ databaseUrl: database.url, dataDir: null, geodataDir });
    try {
      rows.push(...(await benchEngine(server)));
    } finally {
      await server.close();
    }
  } finally {
    await database.drop();
  }
  console.log('');
  printTable(['engine', 'what', 'median', 'figures'], rows);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
