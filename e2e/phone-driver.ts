/**
 * The phone layout in the product's terms: does a page fit the screen, can a thumb hit its controls, does
 * "where am I" draw the position. Only this file (and driver.ts) touches Playwright.
 */
import type { AppDriver } from './driver';

/** A control smaller than a fingertip: what it is and how big it is drawn. */
export interface SmallTarget {
  what: string;
  width: number;
  height: number;
}

export const TOUCH_TARGET_PX = 44;

export class PhoneLayout {
  constructor(readonly app: AppDriver) {}

  private get page() {
    return this.app.page;
  }

  /** Opens a page with a map (by the map's test id) and waits until the map has drawn. */
  async open(pathname: string, mapTestId: string): Promise<void> {
    await this.app.visit(pathname);
    await this.page.locator(`[data-testid=${mapTestId}][data-state=ready]`).waitFor({ timeout: 90_000 });
  }

  /** Opens a page without a map and waits until the element that says it is ready is shown. */
  async openPage(pathname: string, readySelector: string): Promise<number> {
    const status = await this.app.visit(pathname);
    await this.page.locator(readySelector).first().waitFor({ state: 'visible', timeout: 30_000 });
    return status;
  }

  /**
   * Elements (by test id) that do not fit the screen once scrolled to: wider than it, or cut off at a side.
   * For content below the first screenful, which a thumb reaches by scrolling down.
   */
  async notReachable(testIds: string[]): Promise<string[]> {
    const viewport = this.page.viewportSize()!;
    const out: string[] = [];
    for (const id of testIds) {
      const element = this.page.getByTestId(id).first();
      if ((await element.count()) === 0) {
        out.push(`${id} (missing)`);
        continue;
      }
      await element.scrollIntoViewIfNeeded();
      const box = await element.boundingBox();
      const fits =
        box !== null &&
        box.x >= 0 &&
        box.x + box.width <= viewport.width + 0.5 &&
        box.y >= 0 &&
        box.y + Math.min(box.height, viewport.height) <= viewport.height + 0.5;
      if (!fits) out.push(id);
    }
    return out;
  }

  /** How wide the document is drawn; wider than the screen means it scrolls sideways. */
  async documentWidth(): Promise<number> {
    return this.page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0);
  }

  /** Elements (by test id) whose box is not wholly inside the screen, or that are not shown at all. */
  async outsideScreen(testIds: string[]): Promise<string[]> {
    const viewport = this.page.viewportSize()!;
    const outside: string[] = [];
    for (const id of testIds) {
      const box = await this.page.getByTestId(id).first().boundingBox();
      const inside =
        box !== null &&
        box.x >= 0 &&
        box.y >= 0 &&
        box.x + box.width <= viewport.width + 0.5 &&
        box.y + box.height <= viewport.height + 0.5;
      if (!inside) outside.push(id);
    }
    return outside;
  }

  /**
   * Every control on screen a finger may touch (buttons, links, tabs, fields, and the labels around check boxes
   * and radio buttons) drawn smaller than 44 × 44 px. Controls scrolled out of their strip or the screen count
   * once they come into view, so only what is visible now is measured.
   */
  async smallTouchTargets(): Promise<SmallTarget[]> {
    return this.page.evaluate((minimum) => {
      const selector = [
        'button',
        'a[href]',
        'select',
        '[role=tab]',
        'input:not([type=checkbox]):not([type=radio]):not([type=file]):not([type=hidden])',
        'label:has(> input[type=checkbox])',
        'label:has(> input[type=radio])',
      ].join(',');
      const small: { what: string; width: number; height: number }[] = [];
      for (const element of document.querySelectorAll<HTMLElement>(selector)) {
        const box = element.getBoundingClientRect();
        if (box.width === 0 || box.height === 0) continue;
        const style = getComputedStyle(element);
        if (style.visibility === 'hidden' || style.opacity === '0') continue;
        // Only what is on screen now, and not hidden under a scrolling strip's edge.
        const centre = { x: box.left + box.width / 2, y: box.top + box.height / 2 };
        if (centre.x < 0 || centre.y < 0 || centre.x > innerWidth || centre.y > innerHeight) continue;
        const top = document.elementFromPoint(centre.x, centre.y);
        if (!top || !(element === top || element.contains(top) || top.contains(element))) continue;
        // A file input is covered by its styled button; the button is measured.
        if (box.width < minimum - 0.5 || box.height < minimum - 0.5) {
          const what =
            element.dataset.testid ?? element.getAttribute('aria-label') ?? element.textContent?.trim().slice(0, 30) ?? element.tagName;
          small.push({ what: `${element.tagName.toLowerCase()} ${what}`, width: Math.round(box.width), height: Math.round(box.height) });
        }
      }
      return small;
    }, TOUCH_TARGET_PX);
  }

  /** Taps "where am I" and waits until the map draws the position's accuracy circle; gives the note shown. */
  async locateMe(mapTestId: string): Promise<{ note: string; circlesDrawn: number }> {
    await this.page.getByTestId('locate-me').first().tap();
    await this.page.locator('[data-testid=locate-me][data-state=located]').waitFor({ timeout: 30_000 });
    const circlesDrawn = async () =>
      this.page.evaluate((id) => {
        type Host = HTMLElement & { mapController: { renderedStyleLayerCount(layer: string): number } };
        return (document.querySelector(`[data-testid=${id}]`) as Host).mapController.renderedStyleLayerCount('locate-accuracy');
      }, mapTestId);
    await this.page.waitForFunction(
      (id) => {
        type Host = HTMLElement & { mapController: { renderedStyleLayerCount(layer: string): number } };
        return (document.querySelector(`[data-testid=${id}]`) as Host).mapController.renderedStyleLayerCount('locate-accuracy') > 0;
      },
      mapTestId,
      { timeout: 30_000 },
    );
    return { note: await this.app.text('locate-note'), circlesDrawn: await circlesDrawn() };
  }

  /** Where a lon/lat is drawn, in page pixels, and whether that is on screen. */
  async onScreen(mapTestId: string, lonLat: [number, number]): Promise<boolean> {
    const point = await this.app.mapScreenPoint(mapTestId, lonLat);
    const viewport = this.page.viewportSize()!;
    return point.x >= 0 && point.y >= 0 && point.x <= viewport.width && point.y <= viewport.height;
  }

  async tap(testId: string): Promise<void> {
    await this.page.getByTestId(testId).first().tap();
  }

  async waitFor(testId: string): Promise<void> {
    await this.app.waitFor(testId);
  }

  /** Opens the first hazard of the list (its row) and waits for its detail. */
  async openFirstHazard(): Promise<void> {
    await this.page.locator('[data-testid=hazard-table] tbody tr').first().tap();
    await this.page.locator('[data-testid=hazard-detail][data-status]').waitFor({ timeout: 30_000 });
  }

  /** True when the panel stands beside the map (desktop), false when it lies over it (a phone's sheet). */
  async panelBesideMap(panelTestId: string, mapTestId: string): Promise<boolean> {
    const panel = (await this.page.getByTestId(panelTestId).boundingBox())!;
    const map = (await this.page.getByTestId(mapTestId).boundingBox())!;
    return panel.x + panel.width <= map.x + 0.5;
  }

  async setViewport(size: { width: number; height: number }): Promise<void> {
    await this.page.setViewportSize(size);
    await this.page.waitForTimeout(500);
  }
}
