import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AppDriver, launchBrowser, VIEWPORTS } from './driver';
import { PhoneLayout } from './phone-driver';

// The layout is the same on both engines; run it on the embedded default.
const server = inject('servers').find((s) => s.engine === 'pglite')!;

// Where the phone says it is: in 刘胡兰村, to within 60 m.
const POSITION = { lon: 112.0955, lat: 37.3655, accuracyM: 60 };

/** The pages inspectors and village officers work with in the field, each with its map and main actions. */
const PAGES = [
  { path: '/', name: 'map', map: 'map', actions: ['locate-me', 'sheet-handle', 'search-input'] },
  { path: '/hazards', name: 'hazards', map: 'hazard-map', actions: ['locate-me', 'toggle-filters', 'hazard-new', 'hazard-list'] },
] as const;

describe.each(['inspector', 'village'])('phone layout (390 × 844, touch) for the %s', (username) => {
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let app: AppDriver;
  let phone: PhoneLayout;

  beforeAll(async () => {
    browser = await launchBrowser();
    app = await AppDriver.openPhone(browser, server.url, POSITION);
    await app.signIn(username);
    phone = new PhoneLayout(app);
  });
  afterAll(async () => {
    await app?.close();
    await browser?.close();
  });

  it.each(PAGES)('$path fits the screen: no sideways scroll, the map and the main actions on screen, 44 px targets', async (page) => {
    await phone.open(page.path, page.map);
    expect(await phone.documentWidth()).toBeLessThanOrEqual(VIEWPORTS.phone.width);
    expect(await phone.outsideScreen([page.map, ...page.actions])).toEqual([]);
    expect(await phone.smallTouchTargets()).toEqual([]);
    await app.screenshot(`phone-${page.name}-${username}`);
  });

  it.each(PAGES)('$path shows where the phone is, with its accuracy circle', async (page) => {
    await phone.open(page.path, page.map);
    const located = await phone.locateMe(page.map);
    expect(located.circlesDrawn).toBeGreaterThan(0);
    expect(located.note).toContain(String(POSITION.accuracyM));
    expect(await phone.onScreen(page.map, [POSITION.lon, POSITION.lat])).toBe(true);
    await app.screenshot(`phone-${page.name}-located-${username}`);
  });

  it('opens the hazard filters as a sheet and a hazard as a sheet over the map, each within the screen', async () => {
    await phone.open('/hazards', 'hazard-map');
    await phone.tap('toggle-filters');
    await phone.waitFor('hazard-filters');
    expect(await phone.outsideScreen(['hazard-filters', 'toggle-filters'])).toEqual([]);
    expect(await phone.smallTouchTargets()).toEqual([]);
    await app.screenshot(`phone-hazards-filters-${username}`);
    await phone.tap('toggle-filters');

    await phone.openFirstHazard();
    expect(await phone.outsideScreen(['hazard-detail'])).toEqual([]);
    expect(await phone.documentWidth()).toBeLessThanOrEqual(VIEWPORTS.phone.width);
    expect(await phone.smallTouchTargets()).toEqual([]);
    await app.screenshot(`phone-hazards-detail-${username}`);
  });

  it("opens a house plate's record on the phone with its open hazards and 在此登记隐患 within reach", async () => {
    const open = await app.fetchJson('/api/v1/hazards?status=pending,in_progress,awaiting_review&limit=200');
    let building: string | null = null;
    for (const feature of open.body.features as { properties: { id: number } }[]) {
      const detail = await app.fetchJson(`/api/v1/hazards/${feature.properties.id}`);
      if (detail.body.linked?.layer === 'buildings') {
        building = detail.body.linked.code;
        break;
      }
    }
    expect(building).not.toBeNull();
    expect(await app.visit(`/p/b/${encodeURIComponent(building!)}`)).toBe(200);
    await phone.waitFor('plate-record');
    expect(await phone.documentWidth()).toBeLessThanOrEqual(VIEWPORTS.phone.width);
    expect(await phone.outsideScreen(['plate-title', 'plate-report-here', 'plate-hazards'])).toEqual([]);
    expect(await phone.smallTouchTargets()).toEqual([]);
    await app.screenshot(`phone-plate-${username}`);
  });

  it('keeps the desktop layout on a wide screen: the side panel beside the map, not a sheet over it', async () => {
    await phone.setViewport(VIEWPORTS.desktop);
    await phone.open('/', 'map');
    const layout = await phone.panelBesideMap('overview-sheet', 'map');
    expect(layout).toBe(true);
    // The desktop keeps its compact controls: the same check finds them smaller than a fingertip.
    expect((await phone.smallTouchTargets()).length).toBeGreaterThan(0);
    await app.screenshot(`desktop-map-${username}`);
    await phone.open('/hazards', 'hazard-map');
    await app.screenshot(`desktop-hazards-${username}`);
    await phone.setViewport(VIEWPORTS.phone);
  });
});
