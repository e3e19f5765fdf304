/**
 * The hazards page (隐患清单 · 整改销号) in the product's terms: filter, draw an area, open a hazard, move it
 * through rectification, upload a photo, edit, export. Only this file (and driver.ts) touches Playwright.
 */
import fs from 'node:fs';
import type { AppDriver } from './driver';

type LonLat = [number, number];

export class HazardsPage {
  constructor(readonly app: AppDriver) {}

  private get page() {
    return this.app.page;
  }

  async open(search = ''): Promise<number> {
    const status = await this.app.visit(`/hazards${search}`);
    await this.page.locator('[data-testid=hazard-map][data-state=ready]').waitFor({ timeout: 90_000 });
    await this.waitForList();
    return status;
  }

  /** Waits until the list has answered the current filter (no request in flight). */
  async waitForList(): Promise<void> {
    await this.page.waitForFunction(
      () => {
        const table = document.querySelector('[data-testid=hazard-table]');
        const total = document.querySelector('[data-testid=hazard-total]');
        const error = document.querySelector('[data-testid=hazard-list-error]');
        return (table?.getAttribute('aria-busy') === 'false' && total?.getAttribute('data-total') !== null) || error !== null;
      },
      null,
      { timeout: 30_000 },
    );
  }

  /** The page's own query string (the filter as shared in a link). */
  search(): string {
    return new URL(this.page.url()).search;
  }

  /** Waits for the URL to change from `previous` and the list to reload for it. */
  async waitForFilterChange(previous: string): Promise<void> {
    await this.page.waitForFunction((before) => window.location.search !== before, previous, { timeout: 30_000 });
    await this.page.waitForTimeout(50);
    await this.waitForList();
  }

  async total(): Promise<number> {
    return Number(await this.page.getByTestId('hazard-total').getAttribute('data-total'));
  }

  /** The count on a status tab: all, open, pending, in_progress, awaiting_review, closed. */
  async statusCount(tab: string): Promise<number> {
    return Number((await this.app.text(`status-count-${tab}`)).replace(/[^\d]/g, ''));
  }

  async listedCodes(): Promise<string[]> {
    return this.page.locator('[data-testid^=hazard-row-]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-code') ?? ''));
  }

  async listError(): Promise<string> {
    return this.app.text('hazard-list-error');
  }

  /** Centres the map on a place (as a user would by zooming in), and waits for it to settle. */
  async centreMapOn(center: LonLat, zoom = 17): Promise<void> {
    await this.app.moveMap('hazard-map', center, zoom);
    await this.page.waitForTimeout(300);
  }

  private async screenPoint(point: LonLat): Promise<{ x: number; y: number }> {
    return this.app.mapScreenPoint('hazard-map', point);
  }

  /** Starts recording a new hazard: the form opens and the map waits for the place to be clicked. */
  async startNewHazard(): Promise<void> {
    await this.page.getByTestId('hazard-new').click();
    await this.page.getByTestId('hazard-create').waitFor();
    await this.page.locator('[data-testid=hazard-map][data-mode=place]').waitFor();
  }

  /** Clicks a place on the map once the buildings there are drawn (the click links the building under it). */
  async clickBuildingAt(point: LonLat): Promise<void> {
    await this.app.waitForMapLayer('hazard-map', 'buildings');
    const { x, y } = await this.screenPoint(point);
    await this.page.mouse.click(x, y);
  }

  /** The building the new hazard will be linked to, as the form shows it (name with its code) once it has loaded. */
  async newHazardBuilding(): Promise<string> {
    // Until the building's record arrives the form shows only its id (#1084).
    await this.page.waitForFunction(
      () => {
        const text = document.querySelector('[data-testid=create-building]')?.textContent ?? '';
        return text !== '' && !/#\d+$/.test(text.trim());
      },
      null,
      { timeout: 30_000 },
    );
    return this.app.text('create-building');
  }

  /** The new hazard's description as the form holds it (prefilled from a finding). */
  async newHazardDescription(): Promise<string> {
    return this.page.getByTestId('create-description').inputValue();
  }

  /** The second building of a spacing hazard, as the form shows it once it has loaded. */
  async newHazardPairedBuilding(): Promise<string> {
    await this.page.waitForFunction(
      () => {
        const text = document.querySelector('[data-testid=create-paired-building]')?.textContent ?? '';
        return text !== '' && !/#\d+$/.test(text.trim());
      },
      null,
      { timeout: 30_000 },
    );
    return this.app.text('create-paired-building');
  }

  /** Describes (unless the description is already filled in) and saves the new hazard; resolves with its id once its detail opens. */
  async saveNewHazard(description?: string): Promise<number> {
    if (description !== undefined) await this.page.getByTestId('create-description').fill(description);
    await this.page.getByTestId('create-submit').click();
    // The detail says its id once the new hazard's record has loaded.
    const detail = this.page.locator('[data-testid=hazard-detail][data-id]');
    await detail.waitFor({ timeout: 30_000 });
    return Number(await detail.getAttribute('data-id'));
  }

  /** Draws a polygon on the map through these corners (clicking the first again to close it). */
  async drawPolygon(corners: LonLat[]): Promise<void> {
    const before = this.search();
    await this.page.getByTestId('draw-polygon').click();
    await this.page.locator('[data-testid=hazard-map][data-mode=draw-polygon]').waitFor();
    const points = [];
    for (const corner of corners) points.push(await this.screenPoint(corner));
    for (const point of [...points, points[0]!]) {
      await this.page.mouse.move(point.x, point.y, { steps: 4 });
      await this.page.mouse.click(point.x, point.y);
      await this.page.waitForTimeout(150);
    }
    await this.waitForFilterChange(before);
  }

  async toggleCategory(code: string): Promise<void> {
    const before = this.search();
    await this.page.getByTestId(`filter-category-${code}`).click();
    await this.waitForFilterChange(before);
  }

  async chooseStatusTab(tab: string): Promise<void> {
    const before = this.search();
    await this.page.getByTestId(`status-tab-${tab}`).click();
    await this.waitForFilterChange(before);
  }

  /** Opens a hazard's detail from its row in the list. */
  async openHazard(id: number): Promise<void> {
    await this.page.getByTestId(`hazard-row-${id}`).click();
    await this.page.locator(`[data-testid=hazard-detail][data-id="${id}"]`).waitFor({ timeout: 30_000 });
  }

  /** The 销号日期 the list shows on a hazard's row ('' while it is open). */
  async closedOnInList(id: number): Promise<string> {
    const cell = this.page.getByTestId(`hazard-row-${id}`).getByTestId('closed-on');
    return (await cell.count()) === 0 ? '' : ((await cell.getAttribute('data-date')) ?? '');
  }

  /** The value of one row of the detail's fields, by its label. */
  async detailField(label: string): Promise<string> {
    const row = this.page.getByTestId('hazard-detail').locator('.detail-row', { has: this.page.locator('dt', { hasText: label }) });
    return ((await row.locator('dd').first().textContent()) ?? '').trim();
  }

  async detailStatus(): Promise<string> {
    return (await this.page.getByTestId('hazard-detail').getAttribute('data-status')) ?? '';
  }

  async detailVersion(): Promise<number> {
    return Number(await this.page.getByTestId('hazard-detail').getAttribute('data-version'));
  }

  /** Takes one rectification step (开始整改 / 提交复查 / 销号 / 退回) and waits for the detail to show it. */
  async step(to: string, note = ''): Promise<void> {
    const version = await this.detailVersion();
    if (note) await this.page.getByTestId('step-note').fill(note);
    await this.page.getByTestId(`step-${to}`).click();
    await this.page.waitForFunction(
      (v) => Number(document.querySelector('[data-testid=hazard-detail]')?.getAttribute('data-version')) > v,
      version,
      { timeout: 30_000 },
    );
  }

  /** Tries a step the server should refuse (e.g. closing without evidence); returns the message shown. */
  async refusedStep(to: string): Promise<string> {
    await this.page.getByTestId(`step-${to}`).click();
    return this.app.text('hazard-action-error');
  }

  /** Uploads a photo of the given kind and waits for its thumbnail. */
  async uploadPhoto(kind: 'before' | 'after' | 'other', jpeg: Buffer): Promise<void> {
    const before = await this.page.locator(`[data-testid=photo-${kind}]`).count();
    await this.page.getByTestId('photo-kind').selectOption(kind);
    await this.page.getByTestId('photo-file').setInputFiles({ name: `${kind}.jpg`, mimeType: 'image/jpeg', buffer: jpeg });
    await this.page.waitForFunction(([k, n]) => document.querySelectorAll(`[data-testid=photo-${k}]`).length > n, [kind, before] as const, {
      timeout: 30_000,
    });
  }

  /** The thumbnails shown have loaded as images (naturalWidth > 0). */
  async photoThumbnailsLoaded(kind: string): Promise<boolean> {
    return this.page
      .waitForFunction(
        (k) => {
          const images = [...document.querySelectorAll<HTMLImageElement>(`[data-testid=photo-${k}] img`)];
          return images.length > 0 && images.every((img) => img.complete && img.naturalWidth > 0);
        },
        kind,
        { timeout: 15_000 },
      )
      .then(
        () => true,
        () => false,
      );
  }

  async timelineActions(): Promise<string[]> {
    return this.page.getByTestId('timeline-event').evaluateAll((items) => items.map((item) => item.getAttribute('data-action') ?? ''));
  }

  /** Opens the edit form, changes the responsible person and saves (the answer may be a conflict). */
  async editResponsible(name: string): Promise<void> {
    await this.page.getByTestId('edit-open').click();
    await this.page.getByTestId('edit-responsible').fill(name);
    await this.page.getByTestId('edit-save').click();
  }

  async waitForEditSaved(): Promise<void> {
    await this.page.getByTestId('edit-open').waitFor({ timeout: 30_000 });
  }

  async conflictMessage(): Promise<string> {
    return this.app.text('hazard-conflict');
  }

  async detailText(): Promise<string> {
    return (await this.page.getByTestId('hazard-detail').textContent()) ?? '';
  }

  /** Opens the import dialog and picks a file; resolves once the first check (suggested mapping) is shown. */
  async chooseImportFile(name: string, content: Buffer): Promise<void> {
    if (
      !(await this.page
        .getByTestId('hazard-import')
        .isVisible()
        .catch(() => false))
    )
      await this.page.getByTestId('import-open').click();
    await this.page.getByTestId('import-file').setInputFiles({ name, mimeType: 'text/csv', buffer: content });
    await this.page.getByTestId('import-report').waitFor({ timeout: 30_000 });
  }

  /** The import report's problems as shown: row, column, message. */
  async importProblems(): Promise<{ row: number; column: string; message: string }[]> {
    if (
      await this.page
        .getByTestId('import-clean')
        .isVisible()
        .catch(() => false)
    )
      return [];
    return this.page
      .getByTestId('import-errors')
      .locator('tbody tr')
      .evaluateAll((rows) =>
        rows.map((row) => {
          const cells = [...row.querySelectorAll('td')].map((cell) => cell.textContent ?? '');
          return { row: Number(cells[0]), column: cells[1] ?? '', message: cells[2] ?? '' };
        }),
      );
  }

  async importAllowed(): Promise<boolean> {
    return this.page.getByTestId('import-commit').isEnabled();
  }

  /** Imports (all rows or none) and closes the dialog; returns the number created as the page says it. */
  async commitImport(): Promise<number> {
    await this.page.getByTestId('import-commit').click();
    const done = await this.app.text('import-done');
    await this.page.getByTestId('import-finish').click();
    await this.page.getByTestId('hazard-import').waitFor({ state: 'detached' });
    await this.page.waitForTimeout(100);
    await this.waitForList();
    return Number(done.replace(/[^\d]/g, ''));
  }

  /** Clicks an export link and returns the downloaded file's bytes and suggested name. */
  async download(format: 'xlsx' | 'csv' | 'geojson'): Promise<{ name: string; bytes: Buffer }> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download', { timeout: 60_000 }),
      this.page.getByTestId(`export-${format}`).click(),
    ]);
    const file = await download.path();
    return { name: download.suggestedFilename(), bytes: fs.readFileSync(file) };
  }
}
