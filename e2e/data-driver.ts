import type { AppDriver } from './driver';

/** A stored base feature as the edit form reads it. */
export interface StoredFeature {
  version: number;
  village_code: string | null;
  properties: Record<string, unknown>;
  geometry: GeoJSON.Geometry;
}

/** A point inside a footprint or on a line, to click the feature there (the demo's footprints are convex). */
function insidePoint(geometry: GeoJSON.Geometry): [number, number] {
  const ring =
    geometry.type === 'Polygon'
      ? geometry.coordinates[0]!.slice(0, -1)
      : geometry.type === 'MultiPolygon'
        ? geometry.coordinates[0]![0]!.slice(0, -1)
        : geometry.type === 'LineString'
          ? geometry.coordinates.slice(0, 2)
          : [(geometry as GeoJSON.Point).coordinates];
  const mean = (axis: 0 | 1) => ring.reduce((total, position) => total + (position[axis] ?? 0), 0) / ring.length;
  return [mean(0), mean(1)];
}

/** 数据维护 (/data/edit) in the product's terms: open a feature from the map, change its fields, save. */
export class FeatureEditorPage {
  constructor(readonly app: AppDriver) {}

  async open(): Promise<number> {
    const status = await this.app.visit('/data/edit');
    await this.app.page.waitForSelector('[data-testid=edit-map][data-state=ready]', { timeout: 60_000 });
    return status;
  }

  async stored(layer: string, id: number | string): Promise<StoredFeature> {
    const answer = await this.app.fetchJson(`/api/v1/features/${layer}/${id}/current`);
    if (answer.status !== 200) throw new Error(`${layer} ${id}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body.feature as StoredFeature;
  }

  /** Clicks the feature on the map, as a user would, and waits for its form. */
  async openFromMap(layer: string, id: number | string): Promise<void> {
    const at = insidePoint((await this.stored(layer, id)).geometry);
    await this.app.moveMap('edit-map', at, 18.5);
    if (layer === 'buildings') await this.app.waitForMapLayer('edit-map', 'buildings');
    await this.app.page.waitForTimeout(600);
    const point = await this.app.mapScreenPoint('edit-map', at);
    await this.app.page.mouse.click(point.x, point.y);
    await this.app.page.waitForSelector(`[data-testid=edit-form][data-layer=${layer}]`, { timeout: 20_000 });
  }

  async setField(column: string, value: string): Promise<void> {
    const input = this.app.page.getByTestId(`field-${column}`);
    if ((await input.evaluate((element) => element.tagName)) === 'SELECT') await input.selectOption(value);
    else await input.fill(value);
  }

  async save(): Promise<void> {
    await this.app.page.getByTestId('edit-save').click();
    await this.app.page.getByTestId('edit-notice').waitFor({ state: 'visible', timeout: 20_000 });
  }

  async notice(): Promise<string> {
    return this.app.text('edit-notice');
  }

  async version(): Promise<string> {
    return this.app.text('edit-version');
  }

  async conflictShown(): Promise<boolean> {
    return this.app.isVisible('edit-conflict');
  }

  async conflictText(): Promise<string> {
    return this.app.text('edit-conflict');
  }
}

/** 数据管理 (/data) in the product's terms: import a file through its preview, commit, roll back. */
export class DataPage {
  constructor(readonly app: AppDriver) {}

  async open(): Promise<number> {
    const status = await this.app.visit('/data');
    await this.app.waitFor('import');
    return status;
  }

  /** Chooses the layer and the file, and reads it into a preview. */
  async preview(layer: string, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
    await this.app.page.getByTestId('import-layer').selectOption(layer);
    await this.app.page.getByTestId('import-file').setInputFiles(file);
    await this.app.page.getByTestId('import-preview').click();
    await this.app.waitFor('import-report', 60_000);
  }

  /** Chooses the code a file value the field does not know stands for, and previews the file again. */
  async mapValueAndPreview(column: string, value: string, code: string): Promise<void> {
    await this.app.page.getByTestId(`value-${column}-${value}`).selectOption(code);
    const batch = await this.app.page.getByTestId('import-report').getAttribute('data-batch');
    await this.app.page.getByTestId('import-preview').click();
    await this.app.page.waitForSelector(`[data-testid=import-report]:not([data-batch="${batch}"])`, { timeout: 60_000 });
  }

  async count(kind: 'new' | 'changed' | 'unchanged' | 'missing' | 'invalid'): Promise<number> {
    return Number.parseInt(await this.app.text(`import-count-${kind}`), 10);
  }

  /** How many of the preview's features the map draws. */
  async previewDrawn(): Promise<number> {
    await this.app.page.waitForSelector('[data-testid=import-map][data-state=ready]', { timeout: 60_000 });
    await this.app.page.waitForTimeout(800);
    return this.app.page.evaluate(() => {
      type Host = HTMLElement & { mapController: { renderedStyleLayerCount(id: string): number } };
      const host = document.querySelector('[data-testid=import-map]') as Host;
      return ['import-preview-point', 'import-preview-fill', 'import-preview-line'].reduce(
        (sum, id) => sum + host.mapController.renderedStyleLayerCount(id),
        0,
      );
    });
  }

  /** Commits the preview, confirming a guessed coordinate system after looking at the map. */
  async commit(): Promise<string> {
    const confirm = this.app.page.getByTestId('import-confirm-crs');
    if ((await confirm.count()) > 0) await confirm.check();
    await this.app.page.getByTestId('import-commit').click();
    await this.app.waitFor('import-done', 60_000);
    return this.app.text('import-done');
  }

  /** Rolls back the newest applied batch in the history, accepting the question. */
  async rollBackNewest(): Promise<string> {
    this.app.page.once('dialog', (dialog) => void dialog.accept());
    await this.app.page.locator('[data-testid^=rollback-]').first().click();
    await this.app.waitFor('history-notice', 60_000);
    return this.app.text('history-notice');
  }
}
