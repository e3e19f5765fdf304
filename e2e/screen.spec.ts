import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AppDriver, launchBrowser, VIEWPORTS } from './driver';
import { SCREEN_PANELS, ScreenPage, WALL_4K } from './screen-driver';

const server = inject('servers').find((s) => s.engine === 'pglite')!;

describe('wall screen (大屏) at 1920×1080', () => {
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let app: AppDriver;
  let screen: ScreenPage;

  beforeAll(async () => {
    browser = await launchBrowser();
    app = await AppDriver.open(browser, server.url, VIEWPORTS.wallScreen);
    await app.signIn('leader');
    screen = new ScreenPage(app);
    expect(await screen.open('tour=0')).toBe(200); // the town, fixed: figures to compare
  });
  afterAll(async () => {
    await app?.close();
    await browser?.close();
  });

  it('fits the viewport without scrolling, every panel drawn with data, and says it is demo data', async () => {
    expect(await app.hasScrollbars()).toBe(false);
    expect(await screen.everythingInView()).toBe(true);
    expect(await screen.filledPanels()).toEqual([...SCREEN_PANELS]);
    expect(await screen.hasDemoBadge()).toBe(true);
    expect(await screen.lastUpdate()).toMatch(/数据更新 \d{2}:\d{2}:\d{2}/);
  });

  it('shows the town figures of the stats API', async () => {
    const api = await app.fetchJson('/api/v1/stats/screen');
    expect(api.status).toBe(200);
    expect(await screen.currentStop()).toBe('');
    expect(await screen.kpi('open')).toBe(String(api.body.kpis.open));
    expect(await screen.kpi('major')).toBe(String(api.body.kpis.openMajor));
    expect(await screen.kpi('overdue')).toBe(String(api.body.kpis.overdue));
    expect(await screen.kpi('rectified')).toBe(String(api.body.kpis.rectifiedThisMonth));
    await app.screenshot('screen-1920x1080');
  });

  it('tours to a village and shows its figures, then pauses on interaction', async () => {
    await screen.open('tour=8');
    await screen.waitForNextStop('');
    await screen.interact(); // pause first, so the stop holds while we compare
    expect(await screen.isPaused()).toBe(true);
    // On a busy machine the tour may have moved once more before the pause: compare the stop it holds.
    const next = await screen.waitForFiguresOfCurrentStop();
    expect(next).toMatch(/^\d{12}$/);
    const api = await app.fetchJson(`/api/v1/stats/screen?village=${next}`);
    expect(await screen.kpi('open')).toBe(String(api.body.kpis.open));
    expect(await screen.kpi('overdue')).toBe(String(api.body.kpis.overdue));
    const names = await app.fetchJson('/api/v1/villages');
    expect(await screen.scopeName()).toBe(names.body.villages.find((v: { code: string }) => v.code === next).name);
    await app.screenshot('screen-1920x1080-village');
    await screen.waitSeconds(10); // longer than the tour's 8 s
    expect(await screen.currentStop()).toBe(next);
  });

  it('fixes the screen on one village with ?village=', async () => {
    const fixed = new ScreenPage(app);
    await fixed.open('village=141121104213&tour=5');
    expect(await fixed.currentStop()).toBe('141121104213');
    await fixed.waitSeconds(7);
    expect(await fixed.currentStop()).toBe('141121104213');
  });
});

describe('wall screen at 3840×2160', () => {
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let app: AppDriver;

  beforeAll(async () => {
    browser = await launchBrowser();
    app = await AppDriver.open(browser, server.url, WALL_4K);
    await app.signIn('leader');
  });
  afterAll(async () => {
    await app?.close();
    await browser?.close();
  });

  it('fits without scrolling too', async () => {
    const screen = new ScreenPage(app);
    await screen.open('tour=0');
    expect(await app.hasScrollbars()).toBe(false);
    expect(await screen.everythingInView()).toBe(true);
    expect(await screen.filledPanels()).toEqual([...SCREEN_PANELS]);
    await app.screenshot('screen-3840x2160');
  });
});
