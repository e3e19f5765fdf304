/**
 * The planner workspace (/passages) in the product's terms: pick a segment, draw a new link, read the
 * what-if figures, save the fix and move it through its status steps. Only this file and driver.ts touch
 * Playwright.
 */
import type { AppDriver } from './driver';

export interface WhatIfFigures {
  before: number;
  after: number;
  newlyReachable: number;
}

export class PassagesPage {
  constructor(readonly app: AppDriver) {}

  async open(): Promise<number> {
    const status = await this.app.visit('/passages');
    await this.app.page.locator('[data-testid=map][data-state=ready]').waitFor({ timeout: 90_000 });
    await this.app.page.getByTestId('segment').first().waitFor({ timeout: 60_000 });
    return status;
  }

  /** Buildings without truck access, as the page's headline shows it. */
  async withoutTruckAccess(): Promise<number> {
    return Number((await this.app.text('without-truck-access')).replace(/[^\d]/g, ''));
  }

  async waitForWithoutTruckAccess(not: number, timeout = 30_000): Promise<number> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const value = await this.withoutTruckAccess();
      if (value !== not || Date.now() > deadline) return value;
      await this.app.page.waitForTimeout(300);
    }
  }

  /** Opens the segment of this passage in the ranked list (the map fits to it). */
  async openSegment(passageId: number): Promise<void> {
    const page = this.app.page;
    await page.locator(`[data-testid=segment][data-passage-id="${passageId}"] button`).first().click();
    await page.waitForTimeout(800); // the map settles on the segment
  }

  /** Draws a new link through these lon/lat points with the drawing tool (click the last point again to finish). */
  async drawLink(points: [number, number][]): Promise<void> {
    const page = this.app.page;
    await page.getByTestId('tool-draw-link').click();
    await page.locator('[data-testid=map][data-mode=line]').waitFor({ timeout: 30_000 });
    const pixels: [number, number][] = [];
    for (const point of points) {
      const { x, y } = await this.app.mapScreenPoint('map', point);
      pixels.push([x, y]);
    }
    for (const [x, y] of pixels) {
      await page.mouse.move(x - 3, y - 3);
      await page.mouse.click(x, y);
      await page.waitForTimeout(250);
    }
    const [lastX, lastY] = pixels[pixels.length - 1]!;
    await page.mouse.click(lastX, lastY);
  }

  /** Before/after of buildings reachable by truck, once the what-if has been evaluated. */
  async whatIf(): Promise<WhatIfFigures> {
    const page = this.app.page;
    await page.getByTestId('whatif-figures').waitFor({ timeout: 60_000 });
    await page.getByTestId('whatif-running').waitFor({ state: 'detached', timeout: 60_000 });
    const row = page.getByTestId('figure-reachable_by_truck');
    const number = async (testId: string) => Number(((await row.getByTestId(testId).textContent()) ?? '').replace(/[^\d]/g, ''));
    return {
      before: await number('before'),
      after: await number('after'),
      newlyReachable: Number((await this.app.text('newly-reachable')).replace(/[^\d]/g, '')),
    };
  }

  async whatIfError(): Promise<string | null> {
    const error = this.app.page.getByTestId('whatif-error');
    return (await error.count()) > 0 ? error.textContent() : null;
  }

  /** Saves the what-if's fixes as planned work; returns the new fix's id. */
  async saveFixes(responsible: string): Promise<number> {
    const page = this.app.page;
    await page.getByTestId('fix-responsible').fill(responsible);
    await page.getByTestId('save-fixes').click();
    await page.getByTestId('fix').first().waitFor({ timeout: 30_000 });
    return Number(await page.getByTestId('fix').first().getAttribute('data-fix-id'));
  }

  async fixStatus(id: number): Promise<string | null> {
    return this.app.page.locator(`[data-testid=fix][data-fix-id="${id}"]`).getAttribute('data-status');
  }

  /** Moves a saved fix one status step forward and waits for the new status. */
  async advanceFix(id: number): Promise<string> {
    const item = this.app.page.locator(`[data-testid=fix][data-fix-id="${id}"]`);
    const before = await item.getAttribute('data-status');
    await item.getByTestId('fix-next').click();
    await this.app.page.waitForFunction(
      ([selector, previous]) => document.querySelector(selector!)?.getAttribute('data-status') !== previous,
      [`[data-testid=fix][data-fix-id="${id}"]`, before] as const,
      { timeout: 30_000 },
    );
    return (await item.getAttribute('data-status'))!;
  }
}
