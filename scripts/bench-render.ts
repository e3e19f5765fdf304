/**
 * npm run bench:render [-- --geodata DIR --data-dir DIR] — time from navigation to the overview map fully
 * rendered (all layers loaded and the map idle) in headless Chromium, against a production build
 * (`npm run build` first) on the embedded engine. Default: the demo town. For the county set pass
 * `--geodata .data/county-geodata --data-dir .data/bench-county_geodata` (seeded by bench:tiles).
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { AppDriver, launchBrowser, OverviewPage, VIEWPORTS } from '../e2e/driver';
import { startServer } from '../e2e/server';
import { argument, ms, percentile } from './bench-support';

const geodataDir = path.resolve(argument('geodata', 'geodata'));
const dataDir = argument('data-dir', '');
const RUNS = 5;

const server = await startServer({ GEODATA_DIR: geodataDir, ...(dataDir ? { DATA_DIR: path.resolve(dataDir) } : {}) });
const browser = await launchBrowser();
try {
  const times: number[] = [];
  for (let run = 0; run <= RUNS; run++) {
    const app = await AppDriver.open(browser, server.url, VIEWPORTS.desktop);
    const start = performance.now();
    await new OverviewPage(app).open();
    const elapsed = performance.now() - start;
    if (run > 0) times.push(elapsed); // run 0 warms the server
    await app.close();
  }
  times.sort((a, b) => a - b);
  console.log(`Overview fully rendered (${geodataDir}), ${RUNS} runs after one warm-up, 1440×900:`);
  console.log(
    `median ${ms(percentile(times, 50))}, worst ${ms(times[times.length - 1]!)}, runs: ${times.map((t) => t.toFixed(0)).join(', ')} ms`,
  );
} finally {
  await browser.close();
  await server.stop();
}
