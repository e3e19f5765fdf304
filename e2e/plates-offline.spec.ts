import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import QRCode from 'qrcode';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { platePath } from '../lib/plates/plate-url';
import { AppDriver, launchBrowser } from './driver';
import { FieldPage } from './field-driver';

// Browser code over the same API on both engines; run it on the embedded default.
const server = inject('servers').find((s) => s.engine === 'pglite')!;
const POSITION = { lon: 112.0955, lat: 37.3655, accuracyM: 30 };

/**
 * The camera Chromium is given: one 640 × 480 frame (Y4M, 4:2:0) showing a printed plate's QR code, looped.
 * The RGB → YUV is BT.601 full range, as Y4M's C420jpeg says.
 */
async function cameraFile(text: string): Promise<string> {
  const qr = await QRCode.toBuffer(text, { margin: 4, width: 360 });
  const { data } = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#fff' } })
    .composite([{ input: qr, left: 140, top: 60 }])
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const w = 640;
  const h = 480;
  const y = Buffer.alloc(w * h);
  const u = Buffer.alloc((w / 2) * (h / 2));
  const v = Buffer.alloc((w / 2) * (h / 2));
  const clamp = (value: number) => Math.max(0, Math.min(255, Math.round(value)));
  for (let row = 0; row < h; row++) {
    for (let col = 0; col < w; col++) {
      const i = (row * w + col) * 3;
      const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
      y[row * w + col] = clamp(0.299 * r + 0.587 * g + 0.114 * b);
      if (row % 2 === 0 && col % 2 === 0) {
        const j = (row / 2) * (w / 2) + col / 2;
        u[j] = clamp(128 - 0.168736 * r - 0.331264 * g + 0.5 * b);
        v[j] = clamp(128 + 0.5 * r - 0.418688 * g - 0.081312 * b);
      }
    }
  }
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'plate-camera-')), 'plate.y4m');
  fs.writeFileSync(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${w} H${h} F10:1 Ip A1:1 C420jpeg\nFRAME\n`), y, u, v]));
  return file;
}

interface PlateRecord {
  kind: 'building' | 'unit';
  code: string;
  openHazards: { code: string }[];
}

describe('house plates without a signal (390 × 844, touch, a camera)', () => {
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let app: AppDriver;
  let field: FieldPage;
  let scanned: PlateRecord;
  let linked: PlateRecord;

  beforeAll(async () => {
    // Two plates of the inspector's villages: one with open hazards to scan in the app, one opened by its URL.
    const probe = await launchBrowser();
    const session = await AppDriver.open(probe, server.url);
    await session.signIn('inspector');
    const { records } = (await session.fetchJson('/api/v1/plates/records')).body as { records: PlateRecord[] };
    await probe.close();
    const buildings = records.filter((record) => record.kind === 'building');
    scanned = buildings.find((record) => record.openHazards.length > 0)!;
    linked = buildings.find((record) => record !== scanned)!;
    const camera = await cameraFile(new URL(platePath('building', scanned.code), server.url).href);
    browser = await launchBrowser([
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${camera}`,
    ]);
    app = await AppDriver.openPhone(browser, server.url, POSITION);
    await app.signIn('inspector');
    field = new FieldPage(app);
    await field.open();
    await field.waitForOfflineReady();
    await field.setOnline(false);
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    await browser?.close();
  });

  it('scans a plate in the app and opens its record with its open hazards, offline', async () => {
    await app.page.getByTestId('scan-open').click();
    await app.page
      .locator(`[data-testid=plate-sheet][data-code="${scanned.code}"] [data-testid=plate-record]`)
      .waitFor({ timeout: 30_000 });
    await app.page.getByTestId('plate-scanner').waitFor({ state: 'detached' });
    expect(await app.text('plate-title')).toContain(scanned.code);
    const listed = await app.page.locator('[data-testid=plate-hazards] .hz-code').allTextContents();
    expect(listed.sort()).toEqual(scanned.openHazards.map((hazard) => hazard.code).sort());
    await app.screenshot('phone-plate-scanned-offline');
  });

  it('opens a plate’s link from any camera app without a signal, and records a hazard there', async () => {
    await app.visit(platePath('building', linked.code));
    await app.page.locator(`[data-testid=plate-sheet][data-code="${linked.code}"] [data-testid=plate-record]`).waitFor({ timeout: 60_000 });
    await app.screenshot('phone-plate-link-offline');
    await app.page.getByTestId('plate-report-here').click();
    await app.page.getByTestId('hazard-create').waitFor({ timeout: 60_000 });
    await app.page.locator('[data-testid=create-place].set').waitFor({ timeout: 10_000 });
  });

  it('names a plate it does not hold instead of failing', async () => {
    await app.visit(platePath('building', 'NO-SUCH-PLATE'));
    await app.page
      .getByTestId('plate-unknown')
      .waitFor({ timeout: 60_000 })
      .catch(async (error) => {
        await app.screenshot('phone-plate-unknown-failed');
        throw new Error(`${error} at ${app.page.url()}`);
      });
    expect(await app.text('plate-unknown')).toContain('NO-SUCH-PLATE');
  });
});
