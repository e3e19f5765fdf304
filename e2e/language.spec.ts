import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appSession } from './app-session';
import { VIEWPORTS } from './driver';
import { unexpectedLatinWords } from './latin-words';
import { type RunningServer, startServer } from './server';

// A server of its own with only the demo town: the shared servers hold what other specs typed (test users,
// English test notes), which is the users' text, not the product's.
let server: RunningServer;
beforeAll(async () => {
  server = await startServer({});
}, 300_000);
afterAll(async () => {
  await server?.stop();
});
const url = () => server.url;

// Every page, opened by the office account (which may see all of them), in the default language.
const PAGES = ['/', '/hazards', '/passages', '/screen', '/reports', '/data', '/data/edit', '/account', '/admin/users', '/admin/audit'];

describe('zh-CN pages show Chinese, not English words or raw codes', () => {
  const app = appSession(url, VIEWPORTS.desktop, 'office');

  it.each(PAGES)('%s', async (pathname) => {
    const { status, text } = await app().visitAndRead(pathname);
    expect(status).toBe(200);
    expect(text.length).toBeGreaterThan(20);
    expect(unexpectedLatinWords(text)).toEqual([]);
  });

  it("a building's house-plate page", async () => {
    // A dwelling of the demo data the server loaded (geodata/), not the one renamed to hostile markup.
    const buildings = JSON.parse(fs.readFileSync('geodata/buildings.geojson', 'utf8')) as GeoJSON.FeatureCollection;
    const code = buildings.features.find((f) => f.properties?.use === 'residential')?.properties?.code as string;
    const { status, text } = await app().visitAndRead(`/p/b/${encodeURIComponent(code)}`);
    expect(status).toBe(200);
    expect(unexpectedLatinWords(text)).toEqual([]);
  });
});

describe('zh-CN sign-in page', () => {
  const app = appSession(url, VIEWPORTS.desktop, null);

  it('/login', async () => {
    const { status, text } = await app().visitAndRead('/login');
    expect(status).toBe(200);
    expect(unexpectedLatinWords(text)).toEqual([]);
  });
});
