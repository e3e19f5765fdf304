/**
 * npm run bench:analysis:county — spacing and clusters on the county-scale set on PostGIS (the issue's
 * "spacing + clusters under 20 s" target). Uses the database bench:tiles keeps (bench_county_geodata),
 * seeding it first if needed from .data/county-geodata.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../db/client';
import { tableCounts } from '../db/queries/health';
import { runAnalysis } from '../lib/analysis/run';
import { adminQuery, argument, ms, postgisServerUrl, printTable } from './bench-support';

const geodataDir = path.resolve(argument('geodata', '.data/county-geodata'));
const name = path
  .basename(geodataDir)
  .replace(/[^a-z0-9]/gi, '_')
  .toLowerCase();
const server = postgisServerUrl();
const url = new URL(server);
url.pathname = `/bench_${name}`;
await adminQuery(server, `CREATE DATABASE bench_${name}`).catch(() => {}); // kept between runs
const handle = await openDatabase({ databaseUrl: url.toString(), dataDir: null, geodataDir });
try {
  const counts = await tableCounts(handle.db);
  console.log(`PostGIS, ${counts.buildings} buildings in ${counts.villages} villages`);
  const rows: string[][] = [];
  let total = 0;
  for (const analysis of ['spacing', 'clusters'] as const) {
    const start = performance.now();
    const result = await runAnalysis(handle.db, analysis, { villages: [], ruleset: 'GB50039', month: 1 });
    const elapsed = performance.now() - start;
    total += elapsed;
    rows.push([analysis, ms(elapsed), String(result.summary.total)]);
  }
  rows.push(['spacing + clusters', ms(total), '']);
  printTable(['analysis', 'time', 'findings'], rows);
} finally {
  await handle.close();
}
