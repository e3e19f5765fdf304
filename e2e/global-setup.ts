import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { temporaryDatabase } from '../tests/helpers/postgres-admin';
import { type RunningServer, startServer } from './server';

declare module 'vitest' {
  export interface ProvidedContext {
    servers: { engine: 'pglite' | 'postgres'; url: string }[];
    hostileBuildingCode: string;
  }
}

export const HOSTILE_NAME = '<img src=x onerror=alert(1)>';

/**
 * The demo data with one building renamed to hostile markup, so specs can check that user text is
 * shown as text everywhere. Counts stay those of geodata/.
 */
function demoDataWithHostileName(): { dir: string; code: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fire-gis-geodata-'));
  for (const file of fs.readdirSync('geodata')) {
    if (/\.(geo)?json$/.test(file)) fs.copyFileSync(path.join('geodata', file), path.join(dir, file));
  }
  const buildingsFile = path.join(dir, 'buildings.geojson');
  const buildings = JSON.parse(fs.readFileSync(buildingsFile, 'utf8'));
  const target = buildings.features.find((f: { properties: { use: string } }) => f.properties.use === 'business');
  target.properties.name = HOSTILE_NAME;
  fs.writeFileSync(buildingsFile, JSON.stringify(buildings));
  return { dir, code: target.properties.code };
}

/**
 * Starts the app once per engine with the demo data: embedded always, on the PostGIS test server
 * (a fresh database) when TEST_DATABASE_URL is set. Specs get their URLs with inject('servers').
 */
export default async function setup(project: TestProject) {
  const running: RunningServer[] = [];
  const servers: { engine: 'pglite' | 'postgres'; url: string }[] = [];
  let database: Awaited<ReturnType<typeof temporaryDatabase>> | null = null;
  const geodata = demoDataWithHostileName();

  const embedded = await startServer({ GEODATA_DIR: geodata.dir });
  running.push(embedded);
  servers.push({ engine: 'pglite', url: embedded.url });

  if (process.env.TEST_DATABASE_URL) {
    database = await temporaryDatabase(process.env.TEST_DATABASE_URL, 'fire_e2e');
    const server = await startServer({ DATABASE_URL: database.url, GEODATA_DIR: geodata.dir });
    running.push(server);
    servers.push({ engine: 'postgres', url: server.url });
  }
  project.provide('servers', servers);
  project.provide('hostileBuildingCode', geodata.code);

  return async () => {
    for (const server of running) await server.stop();
    await database?.drop();
    fs.rmSync(geodata.dir, { recursive: true, force: true });
  };
}
