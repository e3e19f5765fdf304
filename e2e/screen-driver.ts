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
          const drawn = panel.querySelectorAll('svg .recharts-rectangle, svg .recharts-curve, .kpi-value').length;
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
    return this.app.page.getByTestId('report-month').inputValue();
  }

  async choose(village: string, month: string): Promise<void> {
    await this.app.page.getByTestId('report-village').selectOption(village);
    await this.app.page.getByTestId('report-month').fill(month);
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
