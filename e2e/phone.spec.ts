import fs from 'node:fs';
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
  { path: '/data/edit', name: 'edit', map: 'edit-map', actions: ['locate-me', 'edit-panel'] },
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

  /**
   * The pages without a map that the role opens from the top bar (报表, 我的账户 and 修改密码 behind the user's
   * name), a hazard's deep link and a social unit's plate: each fits the screen with its form and buttons reachable.
   */
  const FORM_PAGES = [
    {
      path: '/reports',
      name: 'reports',
      ready: '[data-testid=report-preview][data-state=ready]',
      onScreen: ['report-village', 'report-month', 'download-monthly-pdf', 'download-monthly-xlsx', 'sign-out'],
      reachable: ['report-preview', 'report-year', 'download-annual-pdf', 'download-annual-xlsx'],
    },
    {
      path: '/account',
      name: 'account',
      ready: '[data-testid=account-page]',
      onScreen: ['account-page', 'sign-out'],
      reachable: ['ogc-url', 'new-token-form', 'api-tokens'],
    },
    {
      path: '/account/password',
      name: 'password',
      ready: '[data-testid=password-form]',
      onScreen: ['password-current', 'password-new', 'password-repeat', 'password-submit', 'sign-out'],
      reachable: [],
    },
  ] as const;

  it.each(FORM_PAGES)('$path fits the screen: no sideways scroll, its form and buttons reachable, 44 px targets', async (page) => {
    expect(await phone.openPage(page.path, page.ready)).toBe(200);
    expect(await phone.documentWidth()).toBeLessThanOrEqual(VIEWPORTS.phone.width);
    expect(await phone.outsideScreen([...page.onScreen])).toEqual([]);
    expect(await phone.smallTouchTargets()).toEqual([]);
    await app.screenshot(`phone-${page.name}-${username}`);
    // Scrolled down to the rest: it fits too, and its controls are as big.
    expect(await phone.notReachable([...page.reachable])).toEqual([]);
    expect(await phone.smallTouchTargets()).toEqual([]);
    await app.screenshot(`phone-${page.name}-end-${username}`);
  });

  it("opens a hazard's deep link with its detail over the map, within the screen", async () => {
    const listed = await app.fetchJson('/api/v1/hazards?limit=1');
    const id = listed.body.features[0].properties.id as number;
    await phone.open(`/hazards?selected=${id}`, 'hazard-map');
    await phone.waitFor('hazard-detail');
    expect(await phone.documentWidth()).toBeLessThanOrEqual(VIEWPORTS.phone.width);
    expect(await phone.outsideScreen(['hazard-detail', 'detail-close'])).toEqual([]);
    expect(await phone.smallTouchTargets()).toEqual([]);
    await app.screenshot(`phone-hazard-link-${username}`);
  });

  it("opens a social unit's plate record within the screen", async () => {
    const { villages } = (await app.fetchJson('/api/auth/me')).body as { villages: string[] };
    const units = JSON.parse(fs.readFileSync('geodata/units.geojson', 'utf8')) as {
      features: { properties: { code: string; village_code: string } }[];
    };
    const unit = units.features.find((f) => villages.includes(f.properties.village_code))!.properties.code;
    expect(await app.visit(`/p/u/${encodeURIComponent(unit)}`)).toBe(200);
    await phone.waitFor('plate-record');
    expect(await phone.documentWidth()).toBeLessThanOrEqual(VIEWPORTS.phone.width);
    expect(await phone.outsideScreen(['plate-title', 'plate-report-here', 'sign-out'])).toEqual([]);
    expect(await phone.smallTouchTargets()).toEqual([]);
    await app.screenshot(`phone-plate-unit-${username}`);
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
