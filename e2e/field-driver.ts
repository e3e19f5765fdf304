/**
 * The field outbox in the product's terms: go offline and back, record hazards with photos on a phone, read
 * what the outbox holds, replay it, resolve a conflict. Only this file (and driver.ts) touches Playwright.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { Dialog, Response } from 'playwright-core';
import type { AppDriver } from './driver';

type LonLat = [number, number];

/** An outbox item as stored on the phone (IndexedDB `field-outbox`). */
export interface StoredItem {
  id: string;
  kind: string;
  state: string;
  hazardId: number | null;
  target?: { kind: string; id: number };
  body: Record<string, unknown> | null;
  photos: { key: string; sha256: string; width: number; height: number; byteSize: number }[];
  photoAcks: Record<string, string>;
  error: string | null;
}

/** A photo upload's answer as it went over the wire. */
export interface PhotoAnswer {
  status: number;
  key: string;
  receivedSha256: string | null;
  replayed: boolean;
}

export class FieldPage {
  /** Every write the page sent with an Idempotency-Key, in order: method, path, status, replayed. */
  readonly writes: { method: string; path: string; key: string; status: number; replayed: boolean }[] = [];
  readonly photoAnswers: PhotoAnswer[] = [];

  /** Requests the browser could not answer (offline and not kept): what the page was missing. */
  readonly failedRequests: string[] = [];

  /** Writes that reached the server but whose answer the page never got (it was closed meanwhile). */
  readonly answersLost: string[] = [];

  constructor(readonly app: AppDriver) {
    this.watch();
  }

  private watch() {
    this.page.on('response', (response) => void this.record(response));
    this.page.on('requestfailed', (request) => this.failedRequests.push(`${request.method()} ${request.url()}`));
  }

  /**
   * Lets `through` writes be answered, then sends the next one on to the server but keeps its answer from the
   * page, and closes the page then, mid-sync; opens the hazards page again in a new one.
   */
  async closeMidSyncAndReopen(through: number, goOnline: () => Promise<void>): Promise<void> {
    let passed = 0;
    let lost!: () => void;
    const answerLost = new Promise<void>((resolve) => {
      lost = resolve;
    });
    await this.page.route('**/api/v1/hazards**', async (route) => {
      const request = route.request();
      if (!request.headers()['idempotency-key'] || passed < through) {
        if (request.headers()['idempotency-key']) passed += 1;
        await route.continue();
        return;
      }
      await route.fetch();
      this.answersLost.push(`${request.method()} ${new URL(request.url()).pathname}`);
      lost();
    });
    await goOnline();
    await answerLost;
    await this.app.reopenPage();
    this.watch();
    await this.open();
  }

  private get page() {
    return this.app.page;
  }

  private async record(response: Response) {
    const request = response.request();
    const key = request.headers()['idempotency-key'];
    if (!key) return;
    const path = new URL(request.url()).pathname;
    const replayed = response.headers()['idempotent-replayed'] === 'true';
    this.writes.push({ method: request.method(), path, key, status: response.status(), replayed });
    if (path.endsWith('/photos')) {
      const body = await response.json().catch(() => null);
      this.photoAnswers.push({ status: response.status(), key, receivedSha256: body?.received_sha256 ?? null, replayed });
    }
  }

  /** Opens the hazards page and waits for its map and list. */
  async open(search = ''): Promise<void> {
    await this.app.visit(`/hazards${search}`);
    await this.waitForPage();
  }

  async waitForPage(): Promise<void> {
    await this.page.locator('[data-testid=hazard-map][data-state=ready]').waitFor({ timeout: 90_000 });
    await this.page.waitForFunction(
      () => document.querySelector('[data-testid=hazard-table]')?.getAttribute('aria-busy') === 'false',
      null,
      { timeout: 30_000 },
    );
  }

  /** Waits until the service worker has kept this first visit for offline use. */
  async waitForOfflineReady(): Promise<void> {
    await this.page.waitForFunction(() => document.documentElement.dataset.offlineReady === 'true', null, { timeout: 60_000 });
  }

  async setOnline(online: boolean): Promise<void> {
    await this.app.context.setOffline(!online);
  }

  /**
   * Back online on a throttled network (DevTools' conditions: latency in ms, throughput in bytes/s). Playwright
   * lifts its offline state first (on the page and its service worker, or the writes stay cut off), then the page
   * gets the conditions on a DevTools session of its own, one round trip later, before the outbox has read its
   * first item from IndexedDB.
   */
  async goOnlineThrottled(conditions: { latency: number; downloadThroughput: number; uploadThroughput: number }): Promise<void> {
    const session = await this.app.context.newCDPSession(this.page);
    await this.app.context.setOffline(false);
    await session.send('Network.emulateNetworkConditions', { offline: false, ...conditions });
  }

  /** What the service worker's caches hold: for each, its entries and the bytes of their bodies (read here, one by one). */
  async cachedBytes(): Promise<{ name: string; entries: number; bytes: number }[]> {
    return this.page.evaluate(async () => {
      const out: { name: string; entries: number; bytes: number }[] = [];
      for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        let bytes = 0;
        const requests = await cache.keys();
        for (const request of requests) bytes += (await (await cache.match(request))!.blob()).size;
        out.push({ name, entries: requests.length, bytes });
      }
      return out;
    });
  }

  /** Reloads the page (offline: the service worker answers); the page's own status. */
  async reload(): Promise<number> {
    const response = await this.page.reload({ waitUntil: 'load' });
    try {
      await this.waitForPage();
    } catch (error) {
      await this.app.screenshot('field-reload-failed');
      throw new Error(`${error}\nfailed requests: ${this.failedRequests.join('\n')}\nconsole: ${this.app.consoleErrors.join('\n')}`);
    }
    return response?.status() ?? 0;
  }

  async listedHazards(): Promise<{ id: number; status: string }[]> {
    return this.page.locator('[data-testid^=hazard-row-]').evaluateAll((rows) =>
      rows.map((row) => ({
        id: Number(row.getAttribute('data-testid')?.replace('hazard-row-', '')),
        status: row.getAttribute('data-status') ?? '',
      })),
    );
  }

  async openHazard(id: number): Promise<void> {
    await this.page.getByTestId(`hazard-row-${id}`).click();
    await this.page.locator(`[data-testid=hazard-detail][data-id="${id}"]`).waitFor({ timeout: 30_000 });
  }

  async closeDetail(): Promise<void> {
    await this.page.getByTestId('detail-close').click();
    await this.page.getByTestId('hazard-detail').waitFor({ state: 'detached' });
  }

  /** Takes a step on the open hazard; without a signal it is kept in the outbox (and says so). */
  async stepQueued(to: string): Promise<void> {
    await this.page.getByTestId(`step-${to}`).click();
    await this.page.getByTestId('hazard-queued').waitFor({ timeout: 30_000 });
    // A second step on the same hazard finds the queued note already shown: wait for the detail to show the step.
    await this.page.locator(`[data-testid=hazard-detail][data-shown-status=${to}]`).waitFor({ timeout: 30_000 });
  }

  /** Changes the open hazard's responsible person; without a signal it is kept in the outbox. */
  async editResponsibleQueued(name: string): Promise<void> {
    await this.page.getByTestId('edit-open').click();
    await this.page.getByTestId('edit-responsible').fill(name);
    await this.page.getByTestId('edit-save').click();
    await this.page.getByTestId('hazard-queued').waitFor({ timeout: 30_000 });
  }

  /**
   * Records a new hazard at a place with one photo; the form is a sheet over the lower part of the screen, so
   * the map is moved to show the place above it first. Resolves once the outbox has it.
   */
  async createQueued(place: LonLat, description: string, jpeg: Buffer | Buffer[]): Promise<void> {
    await this.page.getByTestId('hazard-new').click();
    await this.page.getByTestId('hazard-create').waitFor();
    await this.page.locator('[data-testid=hazard-map][data-mode=place]').waitFor();
    // The map shows between the toolbar and the form's sheet: move it so the place is in the middle of that band.
    const map = (await this.page.getByTestId('hazard-map').boundingBox())!;
    const sheet = (await this.page.getByTestId('hazard-create').boundingBox())!;
    const want = { x: map.x + map.width / 2, y: (Math.max(map.y, 0) + sheet.y) / 2 };
    await this.app.moveMap('hazard-map', place, 17);
    await this.page.waitForTimeout(200);
    const at = await this.app.mapScreenPoint('hazard-map', place);
    // maplibre's zoom is of 512-px tiles.
    const metresPerPixel = (78271.52 * Math.cos((place[1] * Math.PI) / 180)) / 2 ** 17;
    const centre: LonLat = [place[0], place[1] - ((at.y - want.y) * metresPerPixel) / 111_320];
    await this.app.moveMap('hazard-map', centre, 17);
    await this.page.waitForTimeout(300);
    const point = await this.app.mapScreenPoint('hazard-map', place);
    await this.page.mouse.click(point.x, point.y);
    await this.page.locator('[data-testid=create-place].set').waitFor({ timeout: 10_000 });
    await this.page.getByTestId('create-description').fill(description);
    const photos = Array.isArray(jpeg) ? jpeg : [jpeg];
    await this.page
      .getByTestId('create-photos')
      .setInputFiles(photos.map((buffer, index) => ({ name: `site-${index + 1}.jpg`, mimeType: 'image/jpeg', buffer })));
    const before = await this.outboxCount();
    await this.page.getByTestId('create-submit').click();
    await this.page.getByTestId('hazard-create').waitFor({ state: 'detached', timeout: 30_000 });
    await this.page.waitForFunction(
      (n) => Number(document.querySelector('[data-testid=outbox-open]')?.getAttribute('data-waiting')) > n,
      before,
    );
  }

  /** How many items the toolbar says are not yet acknowledged. */
  async outboxCount(): Promise<number> {
    return Number(await this.page.getByTestId('outbox-open').getAttribute('data-waiting'));
  }

  async openOutbox(): Promise<void> {
    await this.page.getByTestId('outbox-open').click();
    await this.page.getByTestId('outbox-panel').waitFor();
  }

  /** The offline package as the page recorded it (the outbox panel shows its size and time). */
  async offlinePackage(): Promise<{ kept: number; failed: number; bytes: number }> {
    return this.page.evaluate(() => JSON.parse(localStorage.getItem('field-offline-package') ?? 'null'));
  }

  async closeOutbox(): Promise<void> {
    await this.page.getByTestId('outbox-panel-close').click();
    await this.page.getByTestId('outbox-panel').waitFor({ state: 'detached' });
  }

  async syncNow(): Promise<void> {
    await this.page.getByTestId('outbox-sync').click();
  }

  /** The outbox as stored on the phone, read from IndexedDB itself. */
  async storedItems(): Promise<StoredItem[]> {
    return this.page.evaluate(
      () =>
        new Promise<StoredItem[]>((resolve, reject) => {
          const open = indexedDB.open('field-outbox');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const request = open.result.transaction('items').objectStore('items').getAll();
            request.onsuccess = () => {
              open.result.close();
              resolve((request.result as (StoredItem & { createdAt: number })[]).sort((a, b) => a.createdAt - b.createdAt));
            };
            request.onerror = () => reject(request.error);
          };
        }),
    );
  }

  /** SHA-256 of each stored photo's bytes, computed here (not by the page) from the Blobs in IndexedDB. */
  async storedPhotoHashes(): Promise<Record<string, string>> {
    const encoded = await this.page.evaluate(
      () =>
        new Promise<Record<string, string>>((resolve, reject) => {
          const open = indexedDB.open('field-outbox');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const store = open.result.transaction('photos').objectStore('photos');
            const keys = store.getAllKeys();
            const values = store.getAll();
            values.onsuccess = async () => {
              const out: Record<string, string> = {};
              for (const [index, blob] of (values.result as Blob[]).entries()) {
                const bytes = new Uint8Array(await blob.arrayBuffer());
                let binary = '';
                for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
                out[String(keys.result[index])] = btoa(binary);
              }
              open.result.close();
              resolve(out);
            };
            values.onerror = () => reject(values.error);
          };
        }),
    );
    return Object.fromEntries(
      Object.entries(encoded).map(([key, base64]) => [key, createHash('sha256').update(Buffer.from(base64, 'base64')).digest('hex')]),
    );
  }

  /** Waits until no item is waiting or being sent (each is acknowledged, failed or in conflict). */
  async waitForOutboxSettled(timeout = 90_000): Promise<StoredItem[]> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const items = await this.storedItems();
      if (items.length > 0 && items.every((item) => ['synced', 'failed', 'conflict'].includes(item.state))) return items;
      if (Date.now() > deadline) throw new Error(`outbox not settled: ${JSON.stringify(items.map((i) => [i.kind, i.state, i.error]))}`);
      await this.page.waitForTimeout(500);
    }
  }

  /**
   * Signs out with the top bar's button. A warning the page raises is answered (accepted or dismissed) and its
   * text returned (null when none came); resolves once the page has gone to the sign-in page, or, when dismissed,
   * has settled where it was.
   */
  async signOutFromTopBar(answer: 'accept' | 'dismiss'): Promise<string | null> {
    let message: string | null = null;
    const onDialog = (dialog: Dialog) => {
      message = dialog.message();
      void (answer === 'accept' ? dialog.accept() : dialog.dismiss());
    };
    this.page.on('dialog', onDialog);
    try {
      await this.page.getByTestId('sign-out').click();
      if (answer === 'accept') await this.page.waitForURL((url) => url.pathname === '/login', { timeout: 30_000 });
      else await this.page.waitForTimeout(1500);
    } finally {
      this.page.off('dialog', onDialog);
    }
    return message;
  }

  /** What of the field data this device holds: the caches by name with their URLs' paths, and the package record. */
  async fieldDataOnDevice(): Promise<{ caches: Record<string, string[]>; packageRecord: string | null }> {
    return this.page.evaluate(async () => {
      const out: Record<string, string[]> = {};
      for (const name of await caches.keys()) out[name] = (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname);
      return { caches: out, packageRecord: localStorage.getItem('field-offline-package') };
    });
  }

  /** The server cannot be reached for writes to hazards (as with a dead zone mid-street) while reads still work. */
  async holdHazardWrites(): Promise<void> {
    await this.app.context.route('**/api/v1/hazards**', (route) =>
      route.request().method() === 'GET' ? route.continue() : route.abort('internetdisconnected'),
    );
  }

  async releaseHazardWrites(): Promise<void> {
    await this.app.context.unroute('**/api/v1/hazards**');
  }

  /** Waits until the open outbox panel lists `count` items and shows each as 已同步. */
  async waitForPanelAllSynced(count: number, timeout: number): Promise<void> {
    await this.page.waitForFunction(
      (n) => {
        const items = [...document.querySelectorAll('[data-testid=outbox-item]')];
        return items.length === n && items.every((item) => item.getAttribute('data-state') === 'synced');
      },
      count,
      { timeout, polling: 250 },
    );
    const states = await this.page.getByTestId('outbox-item-state').allTextContents();
    if (states.length !== count || states.some((state) => state !== '已同步')) throw new Error(`outbox shows ${states.join(', ')}`);
  }

  /** Waits until every item is acknowledged. */
  async waitForAllSynced(timeout = 60_000): Promise<void> {
    const deadline = Date.now() + timeout;
    while (!(await this.storedItems()).every((item) => item.state === 'synced')) {
      if (Date.now() > deadline) throw new Error('outbox not all synced');
      await this.page.waitForTimeout(300);
    }
  }

  /**
   * Forgets every acknowledgement on the phone (as if the answers had been lost) and reloads: the page sends
   * the same items again with the same keys on start.
   */
  async forgetAcknowledgementsAndReload(): Promise<void> {
    await this.page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('field-outbox');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const transaction = open.result.transaction('items', 'readwrite');
            const store = transaction.objectStore('items');
            const all = store.getAll();
            all.onsuccess = () => {
              for (const item of all.result) {
                if (item.state !== 'synced') continue;
                store.put({
                  ...item,
                  state: 'pending',
                  mainDone: false,
                  photoAcks: {},
                  hazardId: item.kind === 'create' ? null : item.hazardId,
                });
              }
            };
            transaction.oncomplete = () => {
              open.result.close();
              resolve();
            };
            transaction.onerror = () => reject(transaction.error);
          };
        }),
    );
    await this.reload();
  }

  /** The conflict list as shown: for each, my value and the server's by field. */
  async conflicts(): Promise<{ hazard: number; rows: Record<string, { mine: string; server: string }> }[]> {
    return this.page.getByTestId('conflict-item').evaluateAll((items) =>
      items.map((item) => ({
        hazard: Number(item.getAttribute('data-hazard')),
        rows: Object.fromEntries(
          [...item.querySelectorAll('[data-testid^=conflict-row-]')].map((row) => [
            row.getAttribute('data-testid')?.replace('conflict-row-', '') ?? '',
            {
              mine: row.querySelector('[data-testid=conflict-mine]')?.textContent ?? '',
              server: row.querySelector('[data-testid=conflict-server]')?.textContent ?? '',
            },
          ]),
        ),
      })),
    );
  }

  async applyMineAgain(): Promise<void> {
    await this.page.getByTestId('conflict-apply').first().click();
  }

  // ——— 现场核查 on a building's house-plate page ———

  /** Opens a building's house-plate page (一户一码) and waits until its field check can be saved. */
  async openPlate(code: string): Promise<number> {
    const status = await this.app.visit(`/p/b/${encodeURIComponent(code)}`);
    await this.waitForFieldCheckForm();
    return status;
  }

  /** Reloads the plate page (offline: the service worker answers); the page's own status. */
  async reloadPlate(): Promise<number> {
    const response = await this.page.reload({ waitUntil: 'load' });
    await this.waitForFieldCheckForm();
    return response?.status() ?? 0;
  }

  private async waitForFieldCheckForm(): Promise<void> {
    // The save button is enabled once the page is live and its outbox open.
    await this.page.locator('[data-testid=check-save]:not([disabled])').waitFor({ timeout: 30_000 });
  }

  /** What the form shows as chosen (pre-set from the building's record). */
  async fieldCheckChoices(): Promise<{ smokeAlarm: boolean; extinguisher: boolean }> {
    const value = async (name: string) => (await this.page.getByTestId(`check-${name}`).getAttribute('data-value')) === 'true';
    return { smokeAlarm: await value('smoke-alarm'), extinguisher: await value('extinguisher') };
  }

  /** Fills the check in as found on site and brings the form into view (to look at it). */
  async fillFieldCheck(check: { smokeAlarm: boolean; extinguisher: boolean; note: string }): Promise<void> {
    await this.page.getByTestId(`check-smoke-alarm-${check.smokeAlarm ? 'yes' : 'no'}`).click();
    await this.page.getByTestId(`check-extinguisher-${check.extinguisher ? 'yes' : 'no'}`).click();
    await this.page.getByTestId('check-note').fill(check.note);
    await this.page.getByTestId('field-check').scrollIntoViewIfNeeded();
  }

  /** Saves the check; resolves with the state its line then shows (待同步 offline). */
  async saveFieldCheck(): Promise<string> {
    await this.page.getByTestId('check-save').click();
    await this.page.getByTestId('field-check-state').waitFor({ timeout: 30_000 });
    return (await this.page.getByTestId('field-check-state').getAttribute('data-state')) ?? '';
  }

  async waitForFieldCheckState(state: string, timeout = 60_000): Promise<void> {
    await this.page.locator(`[data-testid=field-check-state][data-state=${state}]`).waitFor({ timeout });
  }

  /** Opens the 现场核查 of the open hazard's linked building; what it shows as chosen. */
  async openLinkedBuildingCheck(): Promise<{ smokeAlarm: boolean; extinguisher: boolean }> {
    await this.page.getByTestId('hazard-detail').locator('[data-testid=linked-field-check-open]').click();
    await this.waitForFieldCheckForm();
    await this.page.getByTestId('field-check').scrollIntoViewIfNeeded();
    return this.fieldCheckChoices();
  }

  /** The form's "最近核查" line. */
  async lastFieldCheck(): Promise<string> {
    return (await this.page.getByTestId('field-check-last').textContent()) ?? '';
  }

  /**
   * Takes "edit mine" on the first conflict: the hazard opens with my values in its edit form, on the current
   * version; answers what the form started with, then saves `name` as the responsible person.
   */
  async editMineInstead(name: string): Promise<string> {
    if (!(await this.page.getByTestId('outbox-panel').isVisible())) await this.openOutbox();
    await this.page.getByTestId('conflict-edit').first().click();
    await this.page.getByTestId('hazard-edit').waitFor({ timeout: 30_000 });
    const started = await this.page.getByTestId('edit-responsible').inputValue();
    await this.page.getByTestId('edit-responsible').fill(name);
    await this.page.getByTestId('edit-save').click();
    await this.page.getByTestId('hazard-edit').waitFor({ state: 'detached', timeout: 30_000 });
    return started;
  }

  /** Saves the outbox as the zip the panel exports; the file's bytes. */
  async exportOutbox(): Promise<Buffer> {
    if (!(await this.page.getByTestId('outbox-panel').isVisible())) await this.openOutbox();
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByTestId('outbox-export').click()]);
    const file = await download.path();
    await this.closeOutbox();
    return fs.readFileSync(file);
  }

  /** The hazard as the open detail shows it (with its waiting changes): status, version, how many wait. */
  async detailState(): Promise<{ status: string; version: number; waiting: string }> {
    const detail = this.page.getByTestId('hazard-detail');
    return {
      status: (await detail.getAttribute('data-shown-status')) ?? '',
      version: Number(await detail.getAttribute('data-shown-version')),
      waiting: (await this.page.getByTestId('detail-waiting').textContent()) ?? '',
    };
  }
}

/** The office's import of a phone's exported outbox, on the hazards page. */
export async function importOutbox(app: AppDriver, zip: Buffer): Promise<{ outcome: string; kind: string }[]> {
  await app.page.getByTestId('outbox-import-open').click();
  await app.page.getByTestId('outbox-import-file').setInputFiles({ name: 'outbox.zip', mimeType: 'application/zip', buffer: zip });
  await app.page.getByTestId('outbox-import-result').waitFor({ timeout: 60_000 });
  return app.page
    .getByTestId('outbox-import-item')
    .evaluateAll((items) =>
      items.map((item) => ({ outcome: item.getAttribute('data-outcome') ?? '', kind: item.querySelector('b')?.textContent ?? '' })),
    );
}
