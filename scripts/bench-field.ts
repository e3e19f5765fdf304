/**
 * npm run bench:field — the field side on a phone, against a production build (`npm run build` first) on the
 * embedded engine with a fresh data folder (nothing is left behind):
 *  a. the offline package the inspector's demo villages get on one online visit of /hazards (the page's own record
 *     and, as a cross-check, the bytes the service worker's caches hold);
 *  b. the time to sync 20 hazards recorded without a signal, each with 2 camera photos (the outbox shrinks them
 *     to 2560 px), once the phone is back on DevTools' "Slow 3G", until every item is 已同步; then checks on the
 *     server that exactly 20 new hazards with 40 photos arrived, byte for byte.
 * Options: --records N (20), --photos N per record (2).
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import sharp from 'sharp';
import { AppDriver, launchBrowser } from '../e2e/driver';
import { FieldPage } from '../e2e/field-driver';
import { startServer } from '../e2e/server';
import { argument } from './bench-support';

const RECORDS = Number(argument('records', '20'));
const PHOTOS_PER_RECORD = Number(argument('photos', '2'));

/**
 * DevTools' "Slow 3G" preset (titled "3G" since 2024), as chrome-devtools-frontend defines it in
 * front_end/core/sdk/NetworkManager.ts:
 *   Slow3GConditions = { download: 500 * 1000 / 8 * .8, upload: 500 * 1000 / 8 * .8, latency: slow3GTargetLatency * 5 }
 *   with slow3GTargetLatency = 400 — i.e. 50,000 bytes/s each way (400 kbit/s) and 2,000 ms added per request.
 */
const SLOW_3G = {
  offline: false,
  latency: 400 * 5,
  downloadThroughput: ((500 * 1000) / 8) * 0.8,
  uploadThroughput: ((500 * 1000) / 8) * 0.8,
};

// Where the inspector stands: in 刘胡兰村.
const POSITION = { lon: 112.0955, lat: 37.3655, accuracyM: 30 };
const PLACE: [number, number] = [POSITION.lon, POSITION.lat];

/**
 * A 12-megapixel phone camera photo (4000 × 3000, JPEG q92, about 4.6 MB): noisy enough not to compress to
 * nothing, so the outbox's 2560-px copy weighs what a real one does (about 0.7 MB).
 */
function cameraPhoto(seed: number): Promise<Buffer> {
  return sharp({
    create: {
      width: 4000,
      height: 3000,
      channels: 3,
      background: { r: (seed * 37) % 255, g: 120, b: 200 },
      noise: { type: 'gaussian', mean: 128, sigma: 12 },
    },
  })
    .jpeg({ quality: 92 })
    .toBuffer();
}

const megabytes = (bytes: number) => `${(bytes / 1_000_000).toFixed(2)} MB`;
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

const server = await startServer({ GEODATA_DIR: path.resolve('geodata') });
const browser = await launchBrowser();
try {
  const app = await AppDriver.openPhone(browser, server.url, POSITION);
  await app.signIn('inspector');
  const field = new FieldPage(app);
  const me = (await app.fetchJson('/api/auth/me')).body as { villages: string[] };

  // a. The offline package of one online visit.
  await field.open();
  await field.waitForOfflineReady();
  const recorded = await field.offlinePackage();
  const cached = await field.cachedBytes();
  console.log(`Offline package for the inspector's ${me.villages.length} villages (${me.villages.join(', ')}), one visit of /hazards:`);
  console.log(`  as recorded by the page: ${megabytes(recorded.bytes)} in ${recorded.kept} URLs (${recorded.failed} failed)`);
  for (const cache of cached) console.log(`  cache ${cache.name}: ${megabytes(cache.bytes)} in ${cache.entries} entries`);
  const cachedTotal = cached.reduce((sum, cache) => sum + cache.bytes, 0);
  const cachedEntries = cached.reduce((sum, cache) => sum + cache.entries, 0);
  console.log(`  in the caches altogether: ${megabytes(cachedTotal)} in ${cachedEntries} entries`);

  // b. Records made without a signal, synced on Slow 3G.
  const totalBefore = (await app.fetchJson('/api/v1/hazards?limit=1')).body.total as number;
  await field.setOnline(false);
  const token = `基准-${Date.now()}`;
  let photoBytes = 0;
  const made = performance.now();
  for (let record = 0; record < RECORDS; record++) {
    const photos = await Promise.all(
      Array.from({ length: PHOTOS_PER_RECORD }, (_, index) => cameraPhoto(record * PHOTOS_PER_RECORD + index + 1)),
    );
    photoBytes += photos.reduce((sum, photo) => sum + photo.length, 0);
    await field.createQueued(PLACE, `${token} 第${record + 1}处`, photos);
  }
  const held = await field.storedItems();
  const heldPhotos = held.flatMap((item) => item.photos);
  const heldBytes = heldPhotos.reduce((sum, photo) => sum + photo.byteSize, 0);
  console.log(
    `\n${held.length} hazards recorded offline through the form in ${((performance.now() - made) / 1000).toFixed(0)} s: ` +
      `${heldPhotos.length} photos, ${megabytes(photoBytes)} from the camera, ${megabytes(heldBytes)} as the outbox keeps them`,
  );
  if (held.length !== RECORDS || heldPhotos.length !== RECORDS * PHOTOS_PER_RECORD) throw new Error('the outbox does not hold them all');
  const hashes = await field.storedPhotoHashes();

  await field.openOutbox();
  const start = performance.now();
  await field.goOnlineThrottled(SLOW_3G);
  await field.waitForPanelAllSynced(RECORDS, 3_600_000);
  const seconds = (performance.now() - start) / 1000;
  await app.screenshot('bench-field-synced');
  const payload = heldBytes / SLOW_3G.uploadThroughput;
  console.log(
    `Synced on Slow 3G (${SLOW_3G.uploadThroughput} B/s up and down, ${SLOW_3G.latency} ms latency): ` +
      `all ${RECORDS} items 已同步 after ${seconds.toFixed(1)} s ` +
      `(the photo bytes alone need ${payload.toFixed(0)} s at that upload rate)`,
  );

  // On the server: exactly the new hazards, each with its photos, the bytes as the phone held them.
  await field.setOnline(true);
  const after = await app.fetchJson('/api/v1/hazards?limit=1');
  const settled = await field.storedItems();
  const ids = settled.map((item) => item.hazardId!);
  const problems: string[] = [];
  if (after.body.total !== totalBefore + RECORDS) problems.push(`total ${after.body.total}, expected ${totalBefore + RECORDS}`);
  if (new Set(ids).size !== RECORDS || ids.some((id) => !id)) problems.push(`hazard ids ${ids.join(',')}`);
  let serverPhotos = 0;
  for (const [index, id] of ids.entries()) {
    const detail = (await app.fetchJson(`/api/v1/hazards/${id}`)).body;
    if (detail.hazard.properties.description !== `${token} 第${index + 1}处`) problems.push(`hazard ${id}: description`);
    if (detail.photos.length !== PHOTOS_PER_RECORD) problems.push(`hazard ${id}: ${detail.photos.length} photos`);
    for (const photo of detail.photos as { id: number; sha256: string }[]) {
      serverPhotos += 1;
      const stored = await app.fetchFile(`/api/v1/hazards/${id}/photos/${photo.id}?size=full`);
      if (sha256(stored.bytes) !== photo.sha256) problems.push(`hazard ${id} photo ${photo.id}: stored bytes do not match`);
    }
  }
  // What the server received (its hash in each upload's answer) against the hash of the phone's bytes, hashed here.
  const received = field.photoAnswers.filter((answer) => answer.status === 201).map((answer) => answer.receivedSha256);
  const expected = heldPhotos.map((photo) => hashes[photo.key]);
  if (JSON.stringify([...received].sort()) !== JSON.stringify([...expected].sort()))
    problems.push(`received ${received.length} photos, hashes differ from the phone's`);
  if (problems.length > 0) throw new Error(`server check failed:\n${problems.join('\n')}`);
  console.log(
    `Server: ${RECORDS} new hazards (total ${totalBefore} → ${after.body.total}), ${serverPhotos} photos; ` +
      `the ${received.length} SHA-256s received equal those of the phone's bytes`,
  );
  console.log(
    `\nRESULT offline package ${megabytes(recorded.bytes)} / ${recorded.kept} URLs; sync ${RECORDS} records + ${heldPhotos.length} photos on Slow 3G: ${seconds.toFixed(1)} s`,
  );
  await app.close();
} finally {
  await browser.close();
  await server.stop();
}
