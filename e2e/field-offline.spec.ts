import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AppDriver, launchBrowser } from './driver';
import { FieldPage, importOutbox } from './field-driver';

// The outbox is browser code over the same API on both engines; run it on the embedded default.
const server = inject('servers').find((s) => s.engine === 'pglite')!;

// Where the inspector stands: in 刘胡兰村.
const POSITION = { lon: 112.0955, lat: 37.3655, accuracyM: 30 };
const PLACE: [number, number] = [POSITION.lon, POSITION.lat];

/** A camera-sized photo (3200 × 2400, noisy so it does not compress to nothing): the phone must shrink it. */
function cameraPhoto(seed: number): Promise<Buffer> {
  return sharp({
    create: {
      width: 3200,
      height: 2400,
      channels: 3,
      background: { r: 40 * seed, g: 120, b: 200 },
      noise: { type: 'gaussian', mean: 128, sigma: 12 },
    },
  })
    .jpeg({ quality: 90 })
    .toBuffer();
}

describe('field outbox: offline start, sync without loss or duplicates, conflicts kept (390 × 844, touch)', () => {
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let app: AppDriver;
  let field: FieldPage;
  const token = `离线-${Date.now()}`;

  beforeAll(async () => {
    browser = await launchBrowser();
    app = await AppDriver.openPhone(browser, server.url, POSITION);
    await app.signIn('inspector');
    field = new FieldPage(app);
  });
  afterAll(async () => {
    await app?.close();
    await browser?.close();
  });

  const total = async () => (await app.fetchJson('/api/v1/hazards?limit=1')).body.total as number;
  const hazard = async (id: number) => (await app.fetchJson(`/api/v1/hazards/${id}`)).body;

  it('opens offline after one visit, keeps 3 new hazards with photos, two steps and an edit, then syncs each once', async () => {
    // One online visit; the two hazards to work on are opened then (their details are kept too).
    await field.open();
    await field.waitForOfflineReady();
    const listed = await field.listedHazards();
    const stepped = listed.find((h) => h.status === 'pending')!;
    const edited = listed.find((h) => h.id !== stepped.id && h.status !== 'closed')!;
    expect(stepped && edited).toBeTruthy();
    await field.openHazard(stepped.id);
    await field.closeDetail();
    await field.openHazard(edited.id);
    await field.closeDetail();

    const totalBefore = await total();
    const steppedBefore = await hazard(stepped.id);
    const editedBefore = await hazard(edited.id);

    // No signal: the page still opens, from what the service worker kept.
    await field.setOnline(false);
    expect(await field.reload()).toBe(200);
    expect(await field.listedHazards()).toEqual(listed);

    // Two steps on one hazard without a signal: the second follows the first (整改中, one version on).
    await field.openHazard(stepped.id);
    await field.stepQueued('in_progress');
    expect(await field.detailState()).toEqual({
      status: 'in_progress',
      version: steppedBefore.hazard.properties.version + 1,
      waiting: '1 项待同步',
    });
    await field.stepQueued('awaiting_review');
    expect(await field.detailState()).toMatchObject({ status: 'awaiting_review', version: steppedBefore.hazard.properties.version + 2 });
    await app.screenshot('field-two-steps-offline-phone');
    await field.closeDetail();
    await field.openHazard(edited.id);
    await field.editResponsibleQueued('离线负责人');
    await field.closeDetail();
    const photos = [await cameraPhoto(1), await cameraPhoto(2), await cameraPhoto(3)];
    for (const [index, photo] of photos.entries()) await field.createQueued(PLACE, `${token} 第${index + 1}处`, photo);
    expect(await field.outboxCount()).toBe(6);
    await field.openOutbox();
    // The offline package of the online visit holds the page, scripts and map data the reload just drew from;
    // starting without a signal did not replace what it says.
    expect(await field.offlinePackage()).toMatchObject({ failed: 0, kept: expect.any(Number), bytes: expect.any(Number) });
    expect((await field.offlinePackage()).bytes).toBeGreaterThan(1_000_000);
    await app.screenshot('field-outbox-offline-phone');
    await field.closeOutbox();

    // What the phone holds: shrunk photos, each with the hash of its stored bytes.
    const held = await field.storedItems();
    expect(held.map((item) => [item.kind, item.state])).toEqual([
      ['transition', 'pending'],
      ['transition', 'pending'],
      ['edit', 'pending'],
      ['create', 'pending'],
      ['create', 'pending'],
      ['create', 'pending'],
    ]);
    const heldPhotos = held.flatMap((item) => item.photos);
    expect(heldPhotos).toHaveLength(3);
    for (const photo of heldPhotos) expect(Math.max(photo.width, photo.height)).toBe(2560);
    const hashes = await field.storedPhotoHashes();
    expect(heldPhotos.map((photo) => hashes[photo.key])).toEqual(heldPhotos.map((photo) => photo.sha256));
    // Nothing reached the server meanwhile.
    expect(field.writes).toEqual([]);
    expect(await total()).toBe(totalBefore);

    // Meanwhile someone changes the edited hazard on the server: the phone's edit is now on a stale version.
    const theirs = await app.sendJson('PATCH', `/api/v1/hazards/${edited.id}`, {
      version: editedBefore.hazard.properties.version,
      description: `${token} 服务器上的更改`,
    });
    expect(theirs.status).toBe(200);

    // Signal again: everything is sent by itself. After three answers the page is closed mid-sync, just as a
    // fourth write reached the server and before its answer came back; opened again, the phone carries on.
    await field.closeMidSyncAndReopen(3, () => field.setOnline(true));
    expect(field.answersLost).toHaveLength(1);
    const settled = await field.waitForOutboxSettled();
    expect(settled.map((item) => [item.kind, item.state])).toEqual([
      ['transition', 'synced'],
      ['transition', 'synced'],
      ['edit', 'conflict'],
      ['create', 'synced'],
      ['create', 'synced'],
      ['create', 'synced'],
    ]);

    // Exactly 3 new hazards, each with its one photo, arrived whole (the server's hash of what it received).
    expect(await total()).toBe(totalBefore + 3);
    const created = settled.filter((item) => item.kind === 'create');
    const createdIds = created.map((item) => item.hazardId!);
    expect(new Set(createdIds).size).toBe(3);
    for (const [index, item] of created.entries()) {
      const record = await hazard(item.hazardId!);
      expect(record.hazard.properties.description).toBe(`${token} 第${index + 1}处`);
      expect(record.photos).toHaveLength(1);
      expect(record.photos[0].kind).toBe('before');
    }
    const received = field.photoAnswers.filter((answer) => answer.status === 201);
    expect(received.map((answer) => answer.receivedSha256).sort()).toEqual(heldPhotos.map((photo) => hashes[photo.key]).sort());

    // The two steps, each once.
    const steppedAfter = await hazard(stepped.id);
    expect(steppedAfter.hazard.properties.status).toBe('awaiting_review');
    expect(steppedAfter.hazard.properties.version).toBe(steppedBefore.hazard.properties.version + 2);
    expect(steppedAfter.events.length).toBe(steppedBefore.events.length + 2);

    // The stale edit did not overwrite the server's newer change; it waits in the conflict list.
    const editedAfter = await hazard(edited.id);
    expect(editedAfter.hazard.properties.description).toBe(`${token} 服务器上的更改`);
    expect(editedAfter.hazard.properties.responsible_person).toBe(editedBefore.hazard.properties.responsible_person);
    await field.openOutbox();
    const [conflict] = await field.conflicts();
    expect(conflict?.hazard).toBe(edited.id);
    expect(conflict?.rows.responsible_person).toEqual({
      mine: '离线负责人',
      server: editedBefore.hazard.properties.responsible_person ?? '—',
    });
    expect(conflict?.rows.version).toEqual({
      mine: String(editedBefore.hazard.properties.version),
      server: String(editedAfter.hazard.properties.version),
    });
    await app.screenshot('field-outbox-conflict-phone');
    await field.closeOutbox();

    // The same outbox again, as if every answer had been lost: the same keys replay, nothing new is written.
    const writesBefore = field.writes.length;
    await field.forgetAcknowledgementsAndReload();
    const replayed = await field.waitForOutboxSettled();
    expect(replayed.map((item) => item.state)).toEqual(settled.map((item) => item.state));
    expect(replayed.filter((item) => item.kind === 'create').map((item) => item.hazardId)).toEqual(createdIds);
    const again = field.writes.slice(writesBefore);
    expect(again).toHaveLength(5 + 3);
    expect(again.every((write) => write.replayed && write.status < 300)).toBe(true);
    expect(await total()).toBe(totalBefore + 3);
    for (const id of createdIds) expect((await hazard(id)).photos).toHaveLength(1);
    expect((await hazard(stepped.id)).events.length).toBe(steppedAfter.events.length);

    // Applied again on the current version: mine lands beside theirs, theirs stays.
    await field.openOutbox();
    await field.applyMineAgain();
    await field.waitForAllSynced();
    const resolved = await hazard(edited.id);
    expect(resolved.hazard.properties.responsible_person).toBe('离线负责人');
    expect(resolved.hazard.properties.description).toBe(`${token} 服务器上的更改`);

    // The escape hatch: the outbox as one zip, imported by the office on the desktop, recognises every item.
    const zip = await field.exportOutbox();
    const desk = await AppDriver.open(browser, server.url);
    try {
      await desk.signIn('office');
      await desk.visit('/hazards');
      const outcomes = await importOutbox(desk, zip);
      expect(outcomes.map((item) => item.outcome)).toEqual(Array(6).fill('already'));
      await desk.screenshot('field-outbox-import-desktop');
    } finally {
      await desk.close();
    }
    expect(await total()).toBe(totalBefore + 3);
    for (const id of createdIds) expect((await hazard(id)).photos).toHaveLength(1);
    expect((await hazard(stepped.id)).events.length).toBe(steppedAfter.events.length);
    expect((await hazard(edited.id)).hazard.properties.version).toBe(resolved.hazard.properties.version);

    // Another conflict, resolved by editing mine on the current version instead: theirs stays, mine is edited.
    await field.setOnline(false);
    await field.openHazard(edited.id);
    await field.editResponsibleQueued('离线负责人二');
    await field.closeDetail();
    expect(
      (
        await app.sendJson('PATCH', `/api/v1/hazards/${edited.id}`, {
          version: resolved.hazard.properties.version,
          criterion: `${token} 依据`,
        })
      ).status,
    ).toBe(200);
    await field.setOnline(true);
    const inConflict = await field.waitForOutboxSettled();
    expect(inConflict.filter((item) => item.state === 'conflict')).toHaveLength(1);
    expect(await field.editMineInstead('离线负责人三')).toBe('离线负责人二');
    await field.waitForAllSynced();
    const edited3 = await hazard(edited.id);
    expect(edited3.hazard.properties.responsible_person).toBe('离线负责人三');
    expect(edited3.hazard.properties.criterion).toBe(`${token} 依据`);
    expect((await field.storedItems()).some((item) => item.state === 'conflict')).toBe(false);
  }, 480_000);
});

describe('field check (现场核查) on a house-plate page: offline, then synced once (390 × 844, touch)', () => {
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let app: AppDriver;
  let field: FieldPage;

  beforeAll(async () => {
    browser = await launchBrowser();
    app = await AppDriver.openPhone(browser, server.url, POSITION);
    await app.signIn('inspector');
    field = new FieldPage(app);
  });
  afterAll(async () => {
    await app?.close();
    await browser?.close();
  });

  /** A building of the inspector's villages that a hazard names: its plate is one the inspector would scan. */
  async function someBuilding(): Promise<{ id: number; code: string; hazardId: number }> {
    const open = await app.fetchJson('/api/v1/hazards?limit=200');
    for (const feature of open.body.features as { properties: { id: number } }[]) {
      const detail = await app.fetchJson(`/api/v1/hazards/${feature.properties.id}`);
      if (detail.body.linked?.layer === 'buildings')
        return { id: detail.body.linked.id, code: detail.body.linked.code, hazardId: feature.properties.id };
    }
    throw new Error('no hazard names a building');
  }

  it('records a check without a signal and syncs it once: the building takes the attributes seen on site', async () => {
    const building = await someBuilding();
    const before = (await app.fetchJson(`/api/v1/buildings/${building.id}/field-checks`)).body;
    const was = { smokeAlarm: before.target.has_smoke_alarm as boolean, extinguisher: before.target.has_extinguisher as boolean };

    // One visit online keeps the page for use without a signal.
    expect(await field.openPlate(building.code)).toBe(200);
    await field.waitForOfflineReady();
    expect(await field.fieldCheckChoices()).toEqual(was);

    await field.setOnline(false);
    expect(await field.reloadPlate()).toBe(200);
    expect(await field.fieldCheckChoices()).toEqual(was);
    // What was seen on site: both the other way round from the record.
    const seen = { smokeAlarm: !was.smokeAlarm, extinguisher: !was.extinguisher, note: '离线核查：入户查看' };
    await field.fillFieldCheck(seen);
    expect(await field.fieldCheckChoices()).toEqual({ smokeAlarm: seen.smokeAlarm, extinguisher: seen.extinguisher });
    await app.screenshot('field-check-form-phone');
    expect(await field.saveFieldCheck()).toBe('pending');
    await app.screenshot('field-check-pending-phone');
    expect(await field.lastFieldCheck()).toContain('检查员（示例）');

    const held = (await field.storedItems()).filter((item) => item.kind === 'field-check');
    expect(held.map((item) => [item.state, item.target])).toEqual([['pending', { kind: 'building', id: building.id }]]);
    expect(held[0]?.body).toMatchObject({ has_smoke_alarm: seen.smokeAlarm, has_extinguisher: seen.extinguisher, note: seen.note });
    expect(field.writes).toEqual([]);
    expect((await app.fetchJson(`/api/v1/buildings/${building.id}/field-checks`)).body.field_checks).toHaveLength(
      before.field_checks.length,
    );

    // Signal again: the outbox sends it by itself, once.
    await field.setOnline(true);
    await field.waitForFieldCheckState('synced');
    const after = (await app.fetchJson(`/api/v1/buildings/${building.id}/field-checks`)).body;
    expect(after.target).toMatchObject({ id: building.id, has_smoke_alarm: seen.smokeAlarm, has_extinguisher: seen.extinguisher });
    expect(after.field_checks).toHaveLength(before.field_checks.length + 1);
    expect(after.field_checks[0]).toMatchObject({
      target_kind: 'building',
      target_id: building.id,
      has_smoke_alarm: seen.smokeAlarm,
      has_extinguisher: seen.extinguisher,
      note: seen.note,
      checked_by_name: '检查员（示例）',
      applied: true,
    });
    const sent = field.writes.filter((write) => write.path === `/api/v1/buildings/${building.id}/field-checks`);
    expect(sent.map((write) => [write.method, write.status, write.replayed])).toEqual([['POST', 201, false]]);

    // Opened again online, the plate shows the building as checked.
    await field.openPlate(building.code);
    expect(await field.fieldCheckChoices()).toEqual({ smokeAlarm: seen.smokeAlarm, extinguisher: seen.extinguisher });
    expect(await field.lastFieldCheck()).toContain('检查员（示例）');
    await app.screenshot('field-check-synced-phone');

    // The hazard that names the building offers the same check under its linked record, pre-set from the record.
    await field.open(`?selected=${building.hazardId}`);
    expect(await field.openLinkedBuildingCheck()).toEqual({ smokeAlarm: seen.smokeAlarm, extinguisher: seen.extinguisher });
    await app.screenshot('field-check-hazard-detail-phone');
  }, 180_000);
});

describe('signing out on a shared phone: the offline package goes, unsynced work stays (390 × 844, touch)', () => {
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** A phone signed in as the inspector, on /hazards with its offline package kept. */
  async function phoneWithPackage(): Promise<{ app: AppDriver; field: FieldPage }> {
    const app = await AppDriver.openPhone(browser, server.url, POSITION);
    await app.signIn('inspector');
    const field = new FieldPage(app);
    await field.open();
    await field.waitForOfflineReady();
    const kept = await field.fieldDataOnDevice();
    expect(kept.packageRecord).not.toBeNull();
    expect(kept.caches['field-data-v1']?.some((path) => path.startsWith('/api/v1/'))).toBe(true);
    expect(kept.caches['field-static-v1']?.length).toBeGreaterThan(0);
    return { app, field };
  }

  it('removes the data cache and the package record, keeps the app shell, and asks nothing when all is synced', async () => {
    const { app, field } = await phoneWithPackage();
    const staticBefore = (await field.fieldDataOnDevice()).caches['field-static-v1'];
    expect(await field.signOutFromTopBar('accept')).toBeNull();
    const left = await field.fieldDataOnDevice();
    expect(left.packageRecord).toBeNull();
    expect(left.caches['field-data-v1']).toBeUndefined();
    expect(left.caches['field-static-v1']).toEqual(expect.arrayContaining(staticBefore ?? ['missing']));
    // Signed out on the server too: the data is no longer served to this browser.
    expect((await app.fetchJson('/api/v1/hazards?limit=1')).status).toBe(401);
    await app.close();
  }, 180_000);

  it('warns with the count of unsynced records, stays signed in on 取消, and keeps them through sign-out', async () => {
    const { app, field } = await phoneWithPackage();
    const token = `退出-${Date.now()}`;
    const totalBefore = (await app.fetchJson('/api/v1/hazards?limit=1')).body.total as number;
    // A record made where writes do not get through: it waits in the outbox.
    await field.holdHazardWrites();
    await field.createQueued(PLACE, `${token} 未同步`, await cameraPhoto(4));
    expect(await field.outboxCount()).toBe(1);

    const warning = await field.signOutFromTopBar('dismiss');
    expect(warning).toContain('1 条记录尚未同步');
    expect(app.currentPath()).toBe('/hazards');
    expect((await field.fieldDataOnDevice()).packageRecord).not.toBeNull();
    expect((await app.fetchJson('/api/v1/hazards?limit=1')).status).toBe(200);

    expect(await field.signOutFromTopBar('accept')).toContain('1 条记录尚未同步');
    const left = await field.fieldDataOnDevice();
    expect(left.packageRecord).toBeNull();
    expect(left.caches['field-data-v1']).toBeUndefined();
    const kept = await field.storedItems();
    expect(kept.map((item) => [item.kind, item.state, item.body?.description])).toEqual([['create', 'pending', `${token} 未同步`]]);
    expect(Object.keys(await field.storedPhotoHashes())).toEqual(kept[0]!.photos.map((photo) => photo.key));

    // Signed in again with a signal, the kept record is sent: it was not lost.
    await field.releaseHazardWrites();
    await app.signIn('inspector');
    await field.open();
    await field.waitForAllSynced(60_000);
    const after = await app.fetchJson('/api/v1/hazards?limit=1');
    expect(after.body.total).toBe(totalBefore + 1);
    await app.close();
  }, 240_000);
});
