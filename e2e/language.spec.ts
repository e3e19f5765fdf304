import fs from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { appSession } from './app-session';
import { VIEWPORTS } from './driver';
import { unexpectedLatinWords } from './latin-words';

const server = inject('servers').find((s) => s.engine === 'pglite')!;

// Every page, opened by the office account (which may see all of them), in the default language.
const PAGES = ['/', '/hazards', '/passages', '/screen', '/reports', '/account', '/admin/users', '/admin/audit'];

describe('zh-CN pages show Chinese, not English words or raw codes', () => {
  const app = appSession(server.url, VIEWPORTS.desktop, 'office');

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
  const app = appSession(server.url, VIEWPORTS.desktop, null);

  it('/login', async () => {
    const { status, text } = await app().visitAndRead('/login');
    expect(status).toBe(200);
    expect(unexpectedLatinWords(text)).toEqual([]);
  });
});
