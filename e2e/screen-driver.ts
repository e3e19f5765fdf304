/**
 * Drivers for the wall screen (/screen) and the reports page (/reports), in the product's terms. Like
 * e2e/driver.ts, this is one of the few modules that touch Playwright (through AppDriver's page).
 */
import fs from 'node:fs';
import type { AppDriver } from './driver';

export const SCREEN_PANELS = ['hazards', 'trend', 'ranking', 'categories', 'passages', 'coverage', 'people', 'incidents'] as const;
export const WALL_4K = { width: 3840, height: 2160 } as const;

export class ScreenPage {
  constructor(readonly app: AppDriver) {}

  /** Opens the screen (`query` e.g. `tour=6`) and waits until every panel has its figures. */
  async open(query = ''): Promise<number> {
    const status = await this.app.visit(`/screen${query ? `?${query}` : ''}`);
    await this.waitUntilFilled();
    return status;
  }

  async waitUntilFilled(timeout = 90_000): Promise<void> {
    await this.app.page.waitForFunction(
      (panels) => panels.every((id) => document.querySelector(`[data-testid=panel-${id}]`)?.getAttribute('data-filled') === 'true'),
      [...SCREEN_PANELS],
      { timeout },
    );
  }

  /** Panels that say they have data, and draw something (an SVG chart or numbers). */
  async filledPanels(): Promise<string[]> {
    return this.app.page.evaluate(
      (panels) =>
        panels.filter((id) => {
          const panel = document.querySelector(`[data-testid=panel-${id}]`);
          if (panel?.getAttribute('data-filled') !== 'true') return false;
          const drawn = panel.querySelectorAll('svg .recharts-rectangle, svg .recharts-curve, .kpi-value, .share-fill').length;
          return drawn > 0;
        }),
      [...SCREEN_PANELS],
    );
  }

  /** True when every panel and the map lie inside the viewport. */
  async everythingInView(): Promise<boolean> {
    return this.app.page.evaluate(() =>
      [...document.querySelectorAll('[data-testid^=panel-], .screen-map, .screen-header')].every((element) => {
        const box = element.getBoundingClientRect();
        return box.top >= 0 && box.left >= 0 && box.bottom <= window.innerHeight + 0.5 && box.right <= window.innerWidth + 0.5;
      }),
    );
  }

  async kpi(id: 'open' | 'major' | 'overdue' | 'rectified' | 'closure'): Promise<string> {
    return (await this.app.text(`kpi-${id}`)).trim();
  }

  /** The village code the tour is on ('' = the town). */
  async currentStop(): Promise<string> {
    return (await this.app.page.getByTestId('screen').getAttribute('data-village')) ?? '';
  }

  /** The village whose figures the panels show ('' = the town). */
  async figuresFor(): Promise<string> {
    return (await this.app.page.getByTestId('screen').getAttribute('data-stats-village')) ?? '';
  }

  async scopeName(): Promise<string> {
    return this.app.text('screen-scope');
  }

  /** Waits until the tour has moved on from `stop` and the panels show the new stop's figures. */
  async waitForNextStop(stop: string, timeout = 60_000): Promise<string> {
    await this.app.page.waitForFunction(
      (from) => {
        const screen = document.querySelector('[data-testid=screen]');
        const now = screen?.getAttribute('data-village');
        return now !== null && now !== from && screen?.getAttribute('data-stats-village') === now;
      },
      stop,
      { timeout },
    );
    return this.currentStop();
  }

  /** Waits until the panels show the figures of the stop the tour is on, and gives that stop. */
  async waitForFiguresOfCurrentStop(timeout = 60_000): Promise<string> {
    await this.app.page.waitForFunction(
      () => {
        const screen = document.querySelector('[data-testid=screen]');
        return screen?.getAttribute('data-stats-village') === screen?.getAttribute('data-village');
      },
      undefined,
      { timeout },
    );
    return this.currentStop();
  }

  /** A key press: the tour pauses. */
  async interact(): Promise<void> {
    await this.app.page.keyboard.press('Shift');
  }

  async isPaused(): Promise<boolean> {
    return (await this.app.page.getByTestId('tour-status').getAttribute('data-paused')) === 'true';
  }

  async waitSeconds(seconds: number): Promise<void> {
    await this.app.page.waitForTimeout(seconds * 1000);
  }

  async hasDemoBadge(): Promise<boolean> {
    return this.app.isVisible('demo-badge');
  }

  async lastUpdate(): Promise<string> {
    return this.app.text('screen-updated');
  }

  /** Visible text smaller than `minPx` (CSS px), as "size px: text", HTML and SVG (chart ticks, legends) alike. */
  async textSmallerThan(minPx: number): Promise<string[]> {
    return this.app.page.evaluate((min) => {
      const small: string[] = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent?.trim();
        const element = node.parentElement;
        if (!text || !element) continue;
        const style = getComputedStyle(element);
        if (style.visibility === 'hidden' || style.display === 'none' || Number(style.opacity) === 0) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        const box = range.getBoundingClientRect();
        if (box.width === 0 || box.height === 0 || box.bottom <= 0 || box.right <= 0) continue;
        if (box.top >= window.innerHeight || box.left >= window.innerWidth) continue;
        // A text hidden by a faded ancestor (the menu when idle) is not visible either.
        if (element.closest('[data-hidden=true]')) continue;
        const size = Number.parseFloat(style.fontSize);
        if (size < min - 0.01) small.push(`${size.toFixed(1)}px: ${text.slice(0, 40)}`);
      }
      return small;
    }, minPx);
  }

  /** The font size (CSS px) of each KPI figure. */
  async kpiFigureSizes(): Promise<number[]> {
    return this.app.page.evaluate(() =>
      [...document.querySelectorAll('.kpi-value')].map((element) => Number.parseFloat(getComputedStyle(element).fontSize)),
    );
  }

  /**
   * Text that does not show in full: an element whose text overflows its box (cut or ellipsised), or chart text
   * reaching outside its chart (SVG clips it).
   */
  async clippedText(): Promise<string[]> {
    return this.app.page.evaluate(() => {
      const clipped: string[] = [];
      for (const element of document.querySelectorAll<HTMLElement>('[data-testid=screen] *')) {
        if (element instanceof SVGElement) continue;
        const ownText = [...element.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim());
        if (!ownText || element.clientWidth === 0) continue;
        // Text runs out sideways, or out of a box that hides its overflow (ellipsis included).
        const hides = getComputedStyle(element).overflow !== 'visible';
        if (element.scrollWidth > element.clientWidth + 1 || (hides && element.scrollHeight > element.clientHeight + 1)) {
          clipped.push(`${element.scrollWidth}>${element.clientWidth}: ${element.textContent?.trim().slice(0, 40)}`);
        }
      }
      for (const text of document.querySelectorAll<SVGTextElement>('[data-testid=screen] svg text')) {
        const svg = text.ownerSVGElement;
        if (!svg || !text.textContent?.trim()) continue;
        const box = text.getBoundingClientRect();
        const frame = svg.getBoundingClientRect();
        if (box.left < frame.left - 1 || box.right > frame.right + 1 || box.top < frame.top - 1 || box.bottom > frame.bottom + 1) {
          clipped.push(`outside its chart: ${text.textContent.trim().slice(0, 40)}`);
        }
      }
      return clipped;
    });
  }

  /** Moves the pointer over the screen, which brings up its menu, and gives the menu's links (href). */
  async showMenu(): Promise<string[]> {
    const shown = this.app.page.locator('[data-testid=screen-menu][data-hidden=false]');
    // A busy page may miss the first moves: keep moving, as a hand on the mouse would, for up to 15 s.
    for (let step = 0; step < 30 && !(await shown.isVisible()); step++) {
      await this.app.page.mouse.move(400 + step * 7, 400 + (step % 2) * 9, { steps: 3 });
      await shown.waitFor({ timeout: 500 }).catch(() => {});
    }
    await shown.waitFor({ timeout: 1000 });
    return this.app.page
      .getByTestId('screen-menu')
      .locator('a')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  }

  /** Esc brings up the menu too. */
  async showMenuByKey(): Promise<void> {
    await this.app.page.keyboard.press('Escape');
    await this.app.page.locator('[data-testid=screen-menu][data-hidden=false]').waitFor({ timeout: 10_000 });
  }

  /** Waits until the menu has hidden itself again (no pointer move for a while). */
  async waitForMenuToHide(timeout = 15_000): Promise<void> {
    await this.app.page.locator('[data-testid=screen-menu][data-hidden=true]').waitFor({ state: 'attached', timeout });
  }

  /** Clicks a page's link in the menu and waits for that page. */
  async followMenuLink(href: string): Promise<string> {
    await Promise.all([
      this.app.page.waitForURL((url) => url.pathname === href, { timeout: 30_000 }),
      this.app.page.getByTestId('screen-menu').locator(`a[href="${href}"]`).click(),
    ]);
    return new URL(this.app.page.url()).pathname;
  }

  /** Signs out from the menu and gives the page it lands on. */
  async signOutFromMenu(): Promise<string> {
    await Promise.all([
      this.app.page.waitForURL((url) => url.pathname === '/login', { timeout: 30_000 }),
      this.app.page.getByTestId('screen-sign-out').click(),
    ]);
    return new URL(this.app.page.url()).pathname;
  }
}

export class ReportsPage {
  constructor(readonly app: AppDriver) {}

  async open(): Promise<number> {
    const status = await this.app.visit('/reports');
    await this.app.waitFor('reports');
    return status;
  }

  /** Chooses the village and month and waits for the month's figures. */
  /** The month the monthly report is set to (`YYYY-MM`). */
  async month(): Promise<string> {
    return (await this.app.page.getByTestId('report-month').getAttribute('data-value')) ?? '';
  }

  async choose(village: string, month: string): Promise<void> {
    await this.app.page.getByTestId('report-village').selectOption(village);
    // The month is chosen as a person does, year then month (年 / 月 selects).
    const [year, monthNumber] = month.split('-').map(Number);
    const picker = this.app.page.getByTestId('report-month');
    await picker.locator('select').nth(0).selectOption(String(year));
    await picker.locator('select').nth(1).selectOption(String(monthNumber));
    await this.app.page.locator('[data-testid=report-preview][data-state=ready]').waitFor({ timeout: 30_000 });
  }

  /** A previewed figure as shown ("—" when there is none yet). */
  async figure(key: string): Promise<string> {
    return (await this.app.text(`figure-${key}`)).trim();
  }

  /** Clicks a download button and returns the file's bytes and suggested name. */
  async download(which: 'monthly-pdf' | 'monthly-xlsx' | 'annual-pdf' | 'annual-xlsx'): Promise<{ name: string; bytes: Buffer }> {
    const [download] = await Promise.all([
      this.app.page.waitForEvent('download', { timeout: 60_000 }),
      this.app.page.getByTestId(`download-${which}`).click(),
    ]);
    const file = await download.path();
    return { name: download.suggestedFilename(), bytes: fs.readFileSync(file) };
  }
}
