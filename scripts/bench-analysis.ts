/**
 * npm run bench:analysis — time of every spatial analysis on the demo town (geodata/ or GEODATA_DIR),
 * embedded (PGlite) and PostGIS side by side, and the spacing check against a naive all-pairs turf baseline
 * on a sample of buildings (SAMPLE, default 1,500), with the ratio.
 *   Each analysis runs RUNS times (default 3) after one warm-up run; the median is shown.
 *   Two turf baselines: every pair measured exactly (NAIVE_SAMPLE, default 300: it is slow), and every pair
 *   visited with a bounding-box pre-check before the exact distance (SAMPLE, default 1,500).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as turf from '@turf/turf';
import { type Kysely, sql } from 'kysely';
import { type DatabaseHandle, openDatabase } from '../db/client';
import { closePairs } from '../db/queries/analysis/pairs';
import { loadRules } from '../db/queries/analysis/rules';
import type { Database } from '../db/schema';
import { runAnalysis } from '../lib/analysis/run';
import { largestSpacing, spacingTable } from '../lib/analysis/spacing-table';
import { ANALYSIS_NAMES, type AnalysisName } from '../lib/analysis/types';
import { RuleBook } from '../lib/rules/rulebook';
import { ms, postgisServerUrl, printTable, temporaryDatabase } from './bench-support';

const geodataDir = path.resolve(process.env.GEODATA_DIR || 'geodata');
const RUNS = Number(process.env.RUNS || 3);
const SAMPLE = Number(process.env.SAMPLE || 1500);
const NAIVE_SAMPLE = Number(process.env.NAIVE_SAMPLE || 300);
const MONTH = 1; // dry season: seasonal ponds drop out

interface Timing {
  median: number;
  findings: number;
}

async function timeAnalysis(db: Kysely<Database>, name: AnalysisName): Promise<Timing> {
  const options = { villages: [], ruleset: 'GB50039' as const, month: MONTH };
  await runAnalysis(db, name, options); // warm-up: plans, caches, PROJ
  const times: number[] = [];
  let findings = 0;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const result = await runAnalysis(db, name, options);
    times.push(performance.now() - start);
    findings = result.summary.total;
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)]!, findings };
}

async function benchEngine(handle: DatabaseHandle): Promise<Record<AnalysisName, Timing>> {
  const timings = {} as Record<AnalysisName, Timing>;
  for (const name of ANALYSIS_NAMES) {
    timings[name] = await timeAnalysis(handle.db, name);
    process.stdout.write(`  ${handle.engine} ${name}: ${ms(timings[name].median)}\n`);
  }
  return timings;
}

interface SampleBuilding {
  id: number;
  grade: string;
  polygon: GeoJSON.Feature<GeoJSON.Polygon>;
  boundary: GeoJSON.Feature<GeoJSON.LineString>;
  bbox: GeoJSON.BBox;
}

/** The sample: the first `size` buildings by id (ids follow villages, so the sample is dense, as real pairs are). */
async function loadSample(db: Kysely<Database>, size: number): Promise<SampleBuilding[]> {
  const result = await sql<{ id: number; fire_grade: string; geometry: string }>`
    SELECT id, fire_grade, ST_AsGeoJSON(geom) AS geometry FROM buildings ORDER BY id LIMIT ${size}`.execute(db);
  return result.rows.map((r) => {
    const polygon = turf.feature(JSON.parse(r.geometry) as GeoJSON.Polygon);
    return {
      id: r.id,
      grade: r.fire_grade,
      polygon,
      bbox: turf.bbox(polygon),
      boundary: turf.polygonToLine(polygon) as GeoJSON.Feature<GeoJSON.LineString>,
    };
  });
}

/** Polygon-to-polygon distance in metres with turf: 0 when they meet, else the least vertex-to-boundary distance. */
function turfDistance(a: SampleBuilding, b: SampleBuilding): number {
  if (turf.booleanIntersects(a.polygon, b.polygon)) return 0;
  let best = Infinity;
  for (const [from, to] of [
    [a, b],
    [b, a],
  ] as const) {
    for (const vertex of from.polygon.geometry.coordinates[0]!) {
      best = Math.min(best, turf.pointToLineDistance(vertex, to.boundary, { units: 'meters' }));
    }
  }
  return best;
}

/** Whether two bounding boxes, one grown by `metres`, overlap (degrees; generous at these latitudes). */
function boxesNear(a: GeoJSON.BBox, b: GeoJSON.BBox, metres: number): boolean {
  const dLat = (metres / 110_000) * 1.01;
  const dLon = dLat / Math.cos((Math.max(Math.abs(a[1]), Math.abs(a[3])) * Math.PI) / 180);
  return a[0]! - dLon <= b[2]! && b[0]! <= a[2]! + dLon && a[1]! - dLat <= b[3]! && b[1]! <= a[3]! + dLat;
}

/**
 * All-pairs spacing check without an index: every pair of the sample is visited; with `prefilter` a pair
 * whose bounding boxes are farther apart than the largest spacing is skipped before the exact turf distance.
 */
function turfSpacing(sample: SampleBuilding[], required: (a: string, b: string) => number, maxM: number, prefilter: boolean) {
  const found = new Set<string>();
  /** turf's distance minus the requirement, for pairs within 10 cm of it (where the two methods may disagree). */
  const margins = new Map<string, number>();
  for (let i = 0; i < sample.length; i++) {
    for (let j = i + 1; j < sample.length; j++) {
      const a = sample[i]!;
      const b = sample[j]!;
      if (prefilter && !boxesNear(a.bbox, b.bbox, maxM)) continue;
      const key = `${Math.min(a.id, b.id)}-${Math.max(a.id, b.id)}`;
      const margin = turfDistance(a, b) - required(a.grade, b.grade);
      if (margin < 0) found.add(key);
      if (Math.abs(margin) < 0.1) margins.set(key, margin);
    }
  }
  return { found, margins };
}

async function byPairTable(db: Kysely<Database>) {
  const table = spacingTable(new RuleBook(await loadRules(db)), 'GB50039');
  const byPair = new Map<string, number>();
  for (const {
    classes: [x, y],
    thresholdM,
  } of table.pairs) {
    byPair.set(`${x}|${y}`, thresholdM);
    byPair.set(`${y}|${x}`, thresholdM);
  }
  return { table, required: (a: string, b: string) => byPair.get(`${a}|${b}`)!, maxM: largestSpacing(table) };
}

/** The spacing SQL restricted to the sample: median time and the pairs found. */
async function sqlSpacingOnSample(db: Kysely<Database>, ids: number[]) {
  const { table } = await byPairTable(db);
  await closePairs(db, table, { ids }); // warm-up
  const times: number[] = [];
  let pairs = new Set<string>();
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const rows = await closePairs(db, table, { ids });
    times.push(performance.now() - start);
    pairs = new Set(rows.map((p) => `${p.a_id}-${p.b_id}`));
  }
  times.sort((a, b) => a - b);
  return { time: times[Math.floor(times.length / 2)]!, pairs };
}

const disagreeing = (a: Set<string>, b: Set<string>) => [...a].filter((k) => !b.has(k)).concat([...b].filter((k) => !a.has(k)));

async function main() {
  console.log(
    `Demo data: ${geodataDir}; ${os.cpus().length} cores, Node ${process.version}; median of ${RUNS} runs after a warm-up; month ${MONTH}\n`,
  );
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-analysis-'));
  const embeddedHandle = await openDatabase({ dataDir, geodataDir });
  const database = await temporaryDatabase(postgisServerUrl(), 'bench_analysis');
  let serverHandle: DatabaseHandle | undefined;
  try {
    const counts = await sql<{ n: number }>`SELECT count(*)::int AS n FROM buildings`.execute(embeddedHandle.db);
    console.log(`buildings: ${counts.rows[0]!.n}`);
    const embedded = await benchEngine(embeddedHandle);
    serverHandle = await openDatabase({ databaseUrl: database.url, dataDir: null, geodataDir });
    const server = await benchEngine(serverHandle);

    const { required, maxM } = await byPairTable(serverHandle.db);
    const baselines = [];
    for (const [label, size, prefilter] of [
      ['turf, every pair measured', NAIVE_SAMPLE, false],
      ['turf, every pair visited, bbox pre-check', SAMPLE, true],
    ] as const) {
      const sample = await loadSample(serverHandle.db, size);
      const ids = sample.map((b) => b.id);
      const embeddedSql = await sqlSpacingOnSample(embeddedHandle.db, ids);
      const serverSql = await sqlSpacingOnSample(serverHandle.db, ids);
      const start = performance.now();
      const { found: turfPairs, margins } = turfSpacing(sample, required, maxM, prefilter);
      const turfTime = performance.now() - start;
      const differ = [...new Set([...disagreeing(turfPairs, serverSql.pairs), ...disagreeing(turfPairs, embeddedSql.pairs)])];
      baselines.push({ label, size: sample.length, turfTime, turfPairs, embeddedSql, serverSql, differ, margins });
    }

    console.log('');
    printTable(
      ['analysis', 'embedded (PGlite + PostGIS)', 'PostgreSQL 15 + PostGIS', 'findings (both)'],
      ANALYSIS_NAMES.map((name) => [
        name,
        ms(embedded[name].median),
        ms(server[name].median),
        embedded[name].findings === server[name].findings
          ? String(server[name].findings)
          : `${embedded[name].findings} ≠ ${server[name].findings}`,
      ]),
    );
    console.log('\nSpacing (GB 50039) on samples of buildings: all-pairs turf (JS, no index) vs the indexed SQL on the same buildings');
    printTable(
      ['sample', 'turf', 'SQL embedded', 'SQL PostgreSQL', 'turf / SQL (emb., PG)', 'pairs turf / SQL', 'disagreeing'],
      baselines.map((b) => [
        `${b.size} (${b.label})`,
        ms(b.turfTime),
        ms(b.embeddedSql.time),
        ms(b.serverSql.time),
        `${(b.turfTime / b.embeddedSql.time).toFixed(0)}×, ${(b.turfTime / b.serverSql.time).toFixed(0)}×`,
        `${b.turfPairs.size} / ${b.serverSql.pairs.size}`,
        String(b.differ.length),
      ]),
    );
    for (const b of baselines) {
      for (const key of b.differ) {
        const margin = b.margins.get(key);
        console.log(
          `  pair ${key}: turf ${margin === undefined ? 'far from' : `${(margin * 100).toFixed(1)} cm from`} the required spacing` +
            ' (turf measures on a sphere, SQL on the CGCS2000 ellipsoid in EPSG:4546)',
        );
      }
    }
  } finally {
    await embeddedHandle.close();
    await serverHandle?.close();
    await database.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
