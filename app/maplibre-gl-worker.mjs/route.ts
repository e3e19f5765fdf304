import fs from 'node:fs/promises';
import path from 'node:path';

export const dynamic = 'force-static';

/**
 * maplibre-gl's web worker, served from our own origin (the bundler cannot follow maplibre's
 * `new URL('./maplibre-gl-worker.mjs', import.meta.url)`). Read from the installed package so its
 * version always matches the main library.
 */
export async function GET() {
  const file = path.join(/*turbopackIgnore: true*/ process.cwd(), 'node_modules/maplibre-gl/dist/maplibre-gl-worker.mjs');
  return new Response(await fs.readFile(file), {
    headers: { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'public, max-age=86400' },
  });
}
