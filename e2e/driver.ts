/**
 * The only module that imports Playwright. Specs talk to the app through this driver in the
 * product's terms (open the overview, read a KPI, toggle a layer), never through raw selectors.
 */
import fs from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.resolve('screenshots');

export const VIEWPORTS = {
  desktop: { width: 1440, height: 900 },
  phone: { width: 390, height: 844 },
  wallScreen: { width: 1920, height: 1080 },
} as const;

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // Without the background-networking flags Chromium keeps dialling Google on this closed network.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
      '--use-gl=swiftshader',
      '--enable-unsafe-swiftshader',
    ],
  });
}

export class AppDriver {
  readonly requests: string[] = [];
  readonly consoleErrors: string[] = [];

  private constructor(
    readonly context: BrowserContext,
    private current: Page,
    readonly baseUrl: string,
  ) {
    this.watch(current);
  }

  get page(): Page {
    return this.current;
  }

  private watch(page: Page) {
    page.on('request', (request) => this.requests.push(request.url()));
    page.on('console', (message) => {
      if (message.type() === 'error') this.consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => this.consoleErrors.push(String(error)));
  }

  /** Closes the page as a user closing the tab would (nothing waits for it) and opens a new, blank one. */
  async reopenPage(): Promise<Page> {
    await this.current.close({ runBeforeUnload: false });
    this.current = await this.context.newPage();
    this.watch(this.current);
    return this.current;
  }

  static async open(
    browser: Browser,
    baseUrl: string,
    viewport: { width: number; height: number } = VIEWPORTS.desktop,
    { javaScript = true, timezoneId = 'Asia/Shanghai' }: { javaScript?: boolean; timezoneId?: string } = {},
  ) {
    const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId, javaScriptEnabled: javaScript });
    const page = await context.newPage();
    return new AppDriver(context, page, baseUrl);
  }

  /** A phone: a touch screen, and the device position the page will be told when it asks (permission given). */
  static async openPhone(browser: Browser, baseUrl: string, position: { lon: number; lat: number; accuracyM: number }) {
    const context = await browser.newContext({
      viewport: VIEWPORTS.phone,
      hasTouch: true,
      isMobile: true,
      deviceScaleFactor: 2,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      geolocation: { longitude: position.lon, latitude: position.lat, accuracy: position.accuracyM },
      permissions: ['geolocation'],
    });
    const page = await context.newPage();
    return new AppDriver(context, page, baseUrl);
  }

  async close(): Promise<void> {
    await this.context.close();
  }

  async visit(pathname: string): Promise<number> {
    const response = await this.page.goto(new URL(pathname, this.baseUrl).toString(), { waitUntil: 'load' });
    return response?.status() ?? 0;
  }

  async text(testId: string): Promise<string> {
    return (await this.page.getByTestId(testId).first().textContent({ timeout: 30_000 })) ?? '';
  }

  async isVisible(testId: string): Promise<boolean> {
    return this.page.getByTestId(testId).first().isVisible();
  }

  async waitFor(testId: string, timeout = 30_000): Promise<void> {
    await this.page.getByTestId(testId).first().waitFor({ state: 'visible', timeout });
  }

  /** Requests the page made to any origin other than the app's own. */
  requestsLeavingOrigin(): string[] {
    const origin = new URL(this.baseUrl).origin;
    return this.requests.filter((url) => !url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:'));
  }

  async screenshot(name: string): Promise<string> {
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const file = path.join(SCREENSHOT_DIR, `${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /** The pages the top bar's menu links to (href, in menu order). */
  async navigationLinks(): Promise<string[]> {
    return this.page
      .getByTestId('main-nav')
      .locator('a')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  }

  /** True when the page scrolls in either direction (the wall screen must not). */
  async hasScrollbars(): Promise<boolean> {
    return this.page.evaluate(
      () => document.documentElement.scrollHeight > window.innerHeight || document.documentElement.scrollWidth > window.innerWidth,
    );
  }

  async fetchJson(pathname: string): Promise<{ status: number; body: any }> {
    const response = await this.page.request.get(new URL(pathname, this.baseUrl).toString());
    return { status: response.status(), body: await response.json().catch(() => null) };
  }

  /** A file the app serves (an export, a report), with the session cookie. */
  async fetchFile(pathname: string): Promise<{ status: number; bytes: Buffer; disposition: string }> {
    const response = await this.page.request.get(new URL(pathname, this.baseUrl).toString());
    return { status: response.status(), bytes: await response.body(), disposition: response.headers()['content-disposition'] ?? '' };
  }

  /** A same-origin JSON request with the session cookie, as the app's own pages send it. */
  async sendJson(method: 'POST' | 'PATCH' | 'DELETE', pathname: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await this.page.request.fetch(new URL(pathname, this.baseUrl).toString(), {
      method,
      data: body === undefined ? undefined : JSON.stringify(body),
      headers: { 'Content-Type': 'application/json', Origin: new URL(this.baseUrl).origin, ...headers },
    });
    return { status: response.status(), body: await response.json().catch(() => null) };
  }

  /** Signs in through the API (quick, for specs about something else); the demo password unless given. */
  async signIn(username: string, password = DEMO_PASSWORD): Promise<void> {
    const result = await this.sendJson('POST', '/api/auth/sign-in', { username, password });
    if (result.status !== 200) throw new Error(`sign-in as ${username} failed: ${result.status} ${JSON.stringify(result.body)}`);
  }

  /** Signs in on the sign-in page, as a person would; resolves with the path of the page it lands on. */
  async signInThroughForm(username: string, password = DEMO_PASSWORD): Promise<string> {
    await this.visit('/login');
    await this.page.getByTestId('login-username').fill(username);
    await this.page.getByTestId('login-password').fill(password);
    await Promise.all([
      this.page.waitForURL((url) => url.pathname !== '/login', { timeout: 30_000 }),
      this.page.getByTestId('login-submit').click(),
    ]);
    return new URL(this.page.url()).pathname;
  }

  /**
   * Fills the sign-in form and presses Enter, as a person does before the page's script has run (open the
   * driver without JavaScript); resolves with every URL the page requested meanwhile and the page's URL after.
   */
  async submitSignInWithEnter(username: string, password = DEMO_PASSWORD): Promise<{ requested: string[]; url: string }> {
    const requested: string[] = [];
    this.page.on('request', (request) => requested.push(request.url()));
    await this.visit('/login');
    await this.page.getByTestId('login-username').fill(username);
    await this.page.getByTestId('login-password').fill(password);
    await this.page.getByTestId('login-password').press('Enter');
    await this.page.waitForLoadState('load');
    await this.page.waitForTimeout(500);
    return { requested, url: this.page.url() };
  }

  async signOut(): Promise<void> {
    await this.sendJson('POST', '/api/auth/sign-out');
  }

  /** The current page's path (after redirects). */
  currentPath(): string {
    return new URL(this.page.url()).pathname;
  }

  /** Opens a page, waits until its requests have settled, and gives the document's response headers. */
  async visitAndSettle(pathname: string): Promise<Record<string, string>> {
    const response = await this.page.goto(new URL(pathname, this.baseUrl).toString(), { waitUntil: 'networkidle' });
    return response?.headers() ?? {};
  }

  /** What the browser refused under the page's Content-Security-Policy (Chromium reports each on the console). */
  policyViolations(): string[] {
    return this.consoleErrors.filter((message) => /Content Security Policy/i.test(message));
  }

  /**
   * Everything a person reads on the page: the document title, the body's rendered text and the words of
   * attributes shown on hover or read aloud (title, aria-label, placeholder, alt), one item per line.
   */
  async readableText(): Promise<string> {
    return this.page.evaluate(() => {
      const attributes = ['title', 'aria-label', 'placeholder', 'alt'];
      const words = [...document.querySelectorAll(attributes.map((name) => `[${name}]`).join(','))].flatMap((element) =>
        attributes.map((name) => element.getAttribute(name) ?? '').filter(Boolean),
      );
      // biome-ignore lint/performance/useDomNodeTextContent: innerText is the rendered text, without hidden elements, that a person reads
      return [document.title, document.body.innerText, ...words].join('\n');
    });
  }

  /** Opens a page and waits until its requests have settled and its map, if any, has drawn. */
  async visitAndRead(pathname: string): Promise<{ status: number; text: string }> {
    const response = await this.page.goto(new URL(pathname, this.baseUrl).toString(), { waitUntil: 'networkidle' });
    await this.page
      .waitForFunction(
        () =>
          [...document.querySelectorAll('[data-state]')].every((map) => map.getAttribute('data-state') !== 'loading') &&
          // A map's own buttons are named once its style has loaded.
          [...document.querySelectorAll('.maplibregl-map')].every((map) => map.querySelector('.maplibregl-ctrl-zoom-in[aria-label]')),
        null,
        { timeout: 30_000 },
      )
      .catch(() => undefined);
    await this.page.waitForTimeout(800);
    return { status: response?.status() ?? 0, text: await this.readableText() };
  }

  /** Moves a map (by its container's test id) to a place, as a user would by panning and zooming. */
  async moveMap(testId: string, center: [number, number], zoom: number): Promise<void> {
    await this.page.evaluate(
      ([id, c, z]) => {
        type Host = HTMLElement & { mapController: { jumpTo(center: unknown, zoom: number): void } };
        (document.querySelector(`[data-testid=${id}]`) as Host).mapController.jumpTo(c, z);
      },
      [testId, center, zoom] as const,
    );
  }

  /** Where a lon/lat is drawn on a map, in page pixels (to click there). */
  async mapScreenPoint(testId: string, lonLat: [number, number]): Promise<{ x: number; y: number }> {
    const local = await this.page.evaluate(
      ([id, p]) => {
        type Host = HTMLElement & { mapController: { project(p: unknown): { x: number; y: number } } };
        return (document.querySelector(`[data-testid=${id}]`) as Host).mapController.project(p);
      },
      [testId, lonLat] as const,
    );
    const box = (await this.page.getByTestId(testId).boundingBox())!;
    return { x: box.x + local.x, y: box.y + local.y };
  }

  /** Waits until a map draws some features of a layer (its data or tiles have arrived and are rendered). */
  async waitForMapLayer(testId: string, layer: string, timeout = 30_000): Promise<void> {
    await this.page.waitForFunction(
      ([id, name]) => {
        type Host = HTMLElement & { mapController?: { renderedFeatureCount(layer: string): number } };
        return ((document.querySelector(`[data-testid=${id}]`) as Host | null)?.mapController?.renderedFeatureCount(name) ?? 0) > 0;
      },
      [testId, layer] as const,
      { timeout },
    );
  }
}

/** The demo accounts' password (db/seed/accounts.ts), shown on the sign-in page in demo mode. */
export const DEMO_PASSWORD = 'liuhulan2026';

/** The overview map page (一张图) in the product's terms. */
export class OverviewPage {
  constructor(readonly app: AppDriver) {}

  async open(): Promise<number> {
    const status = await this.app.visit('/');
    await this.waitUntilMapReady();
    return status;
  }

  async waitUntilMapReady(timeout = 60_000): Promise<void> {
    await this.app.page.locator('[data-testid=map][data-state=ready]').waitFor({ timeout });
  }

  /** PNG of the map area only. */
  async mapImage(): Promise<Buffer> {
    await this.app.page.waitForTimeout(400); // let the last frame and labels settle
    return this.app.page.getByTestId('map').screenshot();
  }

  /** Share of sampled canvas pixels that differ from the land colour: 0 for an empty map. */
  async drawnShare(): Promise<number> {
    return this.app.page.evaluate(() => {
      const canvas = document.querySelector<HTMLCanvasElement>('[data-testid=map] canvas.maplibregl-canvas');
      if (!canvas) return 0;
      const copy = document.createElement('canvas');
      copy.width = canvas.width;
      copy.height = canvas.height;
      const context = copy.getContext('2d')!;
      context.drawImage(canvas, 0, 0);
      const { data } = context.getImageData(0, 0, copy.width, copy.height);
      const [r0, g0, b0] = [data[0]!, data[1]!, data[2]!];
      let differing = 0;
      let sampled = 0;
      for (let i = 0; i < data.length; i += 4 * 97) {
        sampled++;
        if (Math.abs(data[i]! - r0) + Math.abs(data[i + 1]! - g0) + Math.abs(data[i + 2]! - b0) > 10) differing++;
      }
      return differing / sampled;
    });
  }

  /** Waits until the layer panel shows its live counts (they load after the first draw). */
  async waitForCounts(): Promise<void> {
    await this.app.page.waitForFunction(() => document.querySelector('[data-testid=count-buildings]')?.textContent !== '…', null, {
      timeout: 30_000,
    });
  }

  async toggleLayer(layer: string): Promise<void> {
    await this.app.page.getByTestId(`toggle-${layer}`).click();
  }

  async layerCount(layer: string): Promise<number> {
    const text = await this.app.text(`count-${layer}`);
    return Number(text.replace(/[^\d]/g, ''));
  }

  /** Waits until the layer's live count differs from `previous`, and returns it. */
  async layerCountChangedFrom(layer: string, previous: number): Promise<number> {
    await this.app.page.waitForFunction(
      ([id, before]) => {
        const text = document.querySelector(`[data-testid=count-${id}]`)?.textContent ?? '';
        const value = Number(text.replace(/[^\d]/g, ''));
        return text !== '…' && value !== before;
      },
      [layer, previous] as const,
      { timeout: 30_000 },
    );
    return this.layerCount(layer);
  }

  async selectVillage(code: string): Promise<void> {
    await this.app.page.getByTestId(`village-${code}`).click();
  }

  async searchAndOpenFirst(text: string): Promise<void> {
    await this.app.page.getByTestId('search-input').fill(text);
    await this.app.page.getByTestId('search-results').locator('button').first().click();
    await this.app.page.getByTestId('detail-title').filter({ hasNotText: '加载中' }).waitFor();
  }

  async detailTitle(): Promise<string> {
    return this.app.text('detail-title');
  }

  /** Elements inside the detail card that are not part of the card's own markup (e.g. injected <img>). */
  async injectedElementsInCard(): Promise<number> {
    return this.app.page.getByTestId('detail-card').locator('img, script, iframe').count();
  }
}

/** The analysis tab of the overview page. */
export class AnalysisPanelDriver {
  constructor(readonly app: AppDriver) {}

  async run(name: string): Promise<void> {
    await this.app.page.getByTestId('tab-analysis').click();
    await this.app.page.getByTestId('analysis-name').selectOption(name);
    await this.app.page.getByTestId('analysis-run').click();
    await this.app.page.getByTestId('analysis-total').waitFor({ timeout: 60_000 });
  }

  async totalText(): Promise<string> {
    return this.app.text('analysis-total');
  }

  async listedFindings(): Promise<number> {
    return this.app.page.getByTestId('finding-list').getByTestId('finding').count();
  }

  /** The result indexes of the listed findings, in the list's order. */
  async listedIndexes(): Promise<number[]> {
    return this.app.page
      .getByTestId('finding-list')
      .getByTestId('finding')
      .evaluateAll((items) => items.map((item) => Number(item.getAttribute('data-index'))));
  }

  /** The page line under the list (第 1 / 70 页 · 共 3,459 项). */
  async pageText(): Promise<string> {
    return this.app.text('finding-page');
  }

  async nextPage(): Promise<void> {
    const before = await this.pageText();
    await this.app.page.getByTestId('finding-next').click();
    await this.app.page.waitForFunction((text) => document.querySelector('[data-testid=finding-page]')?.textContent !== text, before);
  }

  async groupByVillage(): Promise<void> {
    await this.app.page.getByTestId('finding-order').selectOption('village');
  }

  /** The village headings of the grouped list, in order. */
  async groupHeadings(): Promise<string[]> {
    return this.app.page.getByTestId('finding-group').allTextContents();
  }

  /** The buildings line of a listed finding. */
  async findingBuildings(position: number): Promise<string> {
    return (await this.app.page.getByTestId('finding').nth(position).getByTestId('finding-buildings').textContent()) ?? '';
  }

  /** Follows a listed finding's 转为隐患 link to the hazards page with the new hazard's form open. */
  async turnIntoHazard(position: number): Promise<void> {
    await this.app.page.getByTestId('finding').nth(position).getByTestId('finding-to-hazard').click();
    await this.app.page.getByTestId('hazard-create').waitFor({ timeout: 90_000 });
  }

  /** Opens a listed finding and returns the "why" line (rule and clause) it shows. */
  async openFinding(index: number): Promise<string> {
    await this.app.page.getByTestId('finding-list').locator('button').nth(index).click();
    return this.app.text('finding-why');
  }
}
