/**
 * npm run bench:hazards — the hazard list and its map points for 100,000 hazards (county scale) with an area
 * and a status filter, on PostGIS (target: p95 under 100 ms). Uses a kept database bench_hazards_county,
 * seeded from .data/county-geodata (npm run geodata -- --villages 220 --out .data/county-geodata --seed 7) and
 * topped up with synthetic hazards spread over the villages.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { openDatabase } from '../db/client';
import { hazardPoints, listHazards } from '../db/queries/hazards';
import type { HazardFilter } from '../lib/hazards/filter';
import { chinaToday } from '../lib/time';
import { adminQuery, argument, ms, percentile, postgisServerUrl, printTable } from './bench-support';

const TARGET = Number(argument('hazards', '100000'));
const RUNS = Number(argument('runs', '60'));
const geodataDir = path.resolve(argument('geodata', '.data/county-geodata'));
const server = postgisServerUrl();
const url = new URL(server);
url.pathname = '/bench_hazards_county';
await adminQuery(server, 'CREATE DATABASE bench_hazards_county').catch(() => {}); // kept between runs
const handle = await openDatabase({ databaseUrl: url.toString(), dataDir: null, geodataDir });
const { db } = handle;

try {
  const count = async () => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM hazards`.execute(db)).rows[0]!.n;
  const missing = TARGET - (await count());
  if (missing > 0) {
    console.log(`adding ${missing} synthetic hazards …`);
    const villages = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM villages`.execute(db)).rows[0]!.n;
    // Random points inside every village, random category/severity/status and dates over the campaign.
    await sql`
      INSERT INTO hazards (code, village_code, category, severity, description, found_on, deadline, status, closed_on, geom)
      SELECT 'BENCH-' || v.code || '-' || d.path[1], v.code,
        (ARRAY['passage','spacing','water','electrical','fire_use','exits','alarm_extinguisher','straw','other'])[1 + floor(random() * 9)::int],
        CASE WHEN random() < 0.1 THEN 'major' ELSE 'general' END, '基准测试隐患', f.found, f.found + 30,
        s.status, CASE WHEN s.status = 'closed' THEN f.found + 20 END, d.geom
      FROM villages v
      CROSS JOIN LATERAL ST_Dump(ST_GeneratePoints(v.geom, ${Math.ceil(missing / villages)})) d
      CROSS JOIN LATERAL (SELECT DATE '2024-01-01' + floor(random() * 1000)::int AS found) f
      CROSS JOIN LATERAL (SELECT (ARRAY['pending','in_progress','awaiting_review','closed','closed','closed'])[1 + floor(random() * 6)::int] AS status) s
      ON CONFLICT (code) DO NOTHING`.execute(db);
    await sql`ANALYZE hazards`.execute(db);
  }
  const total = await count();

  // The drawn area: a rectangle over the middle of the county, about a tenth of its extent.
  const extent = (
    await sql<{ w: number; s: number; e: number; n: number }>`
    SELECT ST_XMin(x) AS w, ST_YMin(x) AS s, ST_XMax(x) AS e, ST_YMax(x) AS n FROM (SELECT ST_Extent(geom)::geometry AS x FROM villages) t`.execute(
      db,
    )
  ).rows[0]!;
  const cx = (extent.w + extent.e) / 2;
  const cy = (extent.s + extent.n) / 2;
  const dx = (extent.e - extent.w) * 0.16;
  const dy = (extent.n - extent.s) * 0.16;
  const within: GeoJSON.Polygon = {
    type: 'Polygon',
    coordinates: [
      [
        [cx - dx, cy - dy],
        [cx + dx, cy - dy],
        [cx + dx, cy + dy],
        [cx - dx, cy + dy],
        [cx - dx, cy - dy],
      ],
    ],
  };
  const filter: HazardFilter = {
    villages: [],
    within,
    categories: [],
    placeTypes: [],
    severities: [],
    statuses: ['pending', 'in_progress'],
  };

  const timings = { list: [] as number[], map: [] as number[], both: [] as number[] };
  let matched = 0;
  for (let run = 0; run < RUNS + 5; run++) {
    const start = performance.now();
    const list = await listHazards(db, filter, { limit: 200, offset: 0 }, chinaToday());
    const listed = performance.now();
    await hazardPoints(db, filter, 5000, chinaToday());
    const end = performance.now();
    matched = list.total;
    if (run < 5) continue; // warm-up
    timings.list.push(listed - start);
    timings.map.push(end - listed);
    timings.both.push(end - start);
  }
  console.log(`PostGIS, ${total} hazards in the database; area + status filter matches ${matched}; ${RUNS} runs after 5 warm-up`);
  printTable(
    ['query', 'p50', 'p95', 'max'],
    Object.entries(timings).map(([name, values]) => {
      const sorted = [...values].sort((a, b) => a - b);
      return [
        name === 'list' ? 'list page (200) + per-status counts' : name === 'map' ? 'map points (all, ≤ 5000)' : 'list + map',
        ms(percentile(sorted, 50)),
        ms(percentile(sorted, 95)),
        ms(sorted.at(-1)!),
      ];
    }),
  );
} finally {
  await handle.close();
}
