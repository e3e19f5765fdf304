import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AppDriver, launchBrowser, OverviewPage, VIEWPORTS } from './driver';
import { HOSTILE_NAME } from './global-setup';

// The map page is the same on both engines; run it on the embedded default.
const server = inject('servers').find((s) => s.engine === 'pglite')!;
const hostileCode = inject('hostileBuildingCode');

describe('overview map (一张图)', () => {
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let app: AppDriver;
  let overview: OverviewPage;
  let dialogs = 0;

  beforeAll(async () => {
    browser = await launchBrowser();
    app = await AppDriver.open(browser, server.url, VIEWPORTS.desktop);
    await app.signIn('office');
    app.page.on('dialog', (dialog) => {
      dialogs++;
      void dialog.dismiss();
    });
    overview = new OverviewPage(app);
    expect(await overview.open()).toBe(200);
  });
  afterAll(async () => {
    await app?.close();
    await browser?.close();
  });

  it('draws the town on a non-empty canvas, offline: no request leaves the origin', async () => {
    expect(await overview.drawnShare()).toBeGreaterThan(0.2);
    await overview.waitForCounts();
    await app.screenshot('overview-desktop');
    expect(app.requestsLeavingOrigin()).toEqual([]);
  });

  it('changes what is drawn when a layer is toggled', async () => {
    const before = await overview.mapImage();
    await overview.toggleLayer('passages');
    const without = await overview.mapImage();
    expect(without.equals(before)).toBe(false);
    await overview.toggleLayer('passages');
  });

  it('narrows every count to the chosen village', async () => {
    await overview.waitForCounts();
    const townBuildings = await overview.layerCount('buildings');
    expect(townBuildings).toBeGreaterThan(0);
    const villages = await app.fetchJson('/api/v1/villages');
    const liuhulan = villages.body.villages.find((v: { name: string }) => v.name === '刘胡兰村');
    const expected = await app.fetchJson(`/api/v1/counts?village=${liuhulan.code}&layer=buildings`);
    await overview.selectVillage(liuhulan.code);
    const villageBuildings = await overview.layerCountChangedFrom('buildings', townBuildings);
    expect(villageBuildings).toBeLessThan(townBuildings);
    // The map fits the village, so the view count is at most all of the village's buildings.
    expect(villageBuildings).toBeLessThanOrEqual(expected.body.counts.buildings);
    expect(villageBuildings).toBeGreaterThan(0);
    await app.page.getByTestId('village-clear').click();
  });

  it('shows a hostile name as plain text on the detail card', async () => {
    await overview.searchAndOpenFirst('onerror');
    expect(await overview.detailTitle()).toBe(HOSTILE_NAME);
    expect(await app.text('detail-code')).toBe(hostileCode);
    expect(await overview.injectedElementsInCard()).toBe(0);
    expect(dialogs).toBe(0);
    await app.screenshot('overview-detail-card');
  });

  it('switches to English and back', async () => {
    await app.page.getByTestId('language-switch').click();
    expect(await app.text('app-title')).toBe('Liuhulan Town Fire Safety Map');
    await app.page.getByTestId('language-switch').click();
    expect(await app.text('app-title')).toBe('刘胡兰镇消防安全一张图');
  });

  it('fits the wall screen (1920×1080) without scrollbars', async () => {
    const wall = await AppDriver.open(browser, server.url, VIEWPORTS.wallScreen);
    await wall.signIn('leader');
    const page = new OverviewPage(wall);
    await page.open();
    await page.waitForCounts();
    expect(await wall.hasScrollbars()).toBe(false);
    await wall.screenshot('overview-wall-screen');
    await wall.close();
  });
});
