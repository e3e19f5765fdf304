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

  it('reads from across the room: no text under 18 px, KPI figures at least 48 px', async () => {
    await screen.open('tour=0');
    expect(await screen.textSmallerThan(18)).toEqual([]);
    const figures = await screen.kpiFigureSizes();
    expect(figures).toHaveLength(5);
    for (const size of figures) expect(size).toBeGreaterThanOrEqual(48);
  });

  it('cuts no text off', async () => {
    await screen.open('tour=0');
    expect(await screen.clippedText()).toEqual([]);
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

  it('lets the leader leave: a menu on pointer move or Esc with the pages of the role, language and sign-out', async () => {
    const leader = await AppDriver.open(browser, server.url, VIEWPORTS.wallScreen);
    try {
      await leader.signIn('leader');
      const wall = new ScreenPage(leader);
      await wall.open('tour=0');
      const links = await wall.showMenu();
      expect(await wall.textSmallerThan(18)).toEqual([]);
      await leader.screenshot('screen-1920x1080-menu');
      await wall.waitForMenuToHide();
      await wall.showMenuByKey();
      expect(await wall.followMenuLink('/hazards')).toBe('/hazards');
      // The menu offers what the app's own top bar offers the same role.
      expect(links).toEqual(await leader.navigationLinks());
      await wall.open('tour=0');
      await wall.showMenu();
      expect(await wall.signOutFromMenu()).toBe('/login');
      expect((await leader.fetchJson('/api/v1/stats/screen')).status).toBe(401);
    } finally {
      await leader.close();
    }
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
    // The 1080p screen scaled ×2: nothing cut off, no text under 36 px.
    expect(await screen.clippedText()).toEqual([]);
    expect(await screen.textSmallerThan(36)).toEqual([]);
    await app.screenshot('screen-3840x2160');
  });
});
