import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { addHazardPhoto, listHazardPhotos, PhotoEventMismatchError, readHazardPhoto } from '../../db/queries/hazard-photos';
import { HazardNotFoundError } from '../../db/queries/hazards';
import { seedIfEmpty } from '../../db/seed';
import {
  configuredPhotoStore,
  DatabasePhotoStore,
  DiskPhotoStore,
  PhotoStorageError,
  photoDirectory,
  photoStorageFromEnvironment,
  photoStores,
} from '../../lib/photos/photo-store';
import { type ProcessedPhoto, processPhoto } from '../../lib/photos/process-photo';
import { testEngines } from '../helpers/engines';
import { writeMiniTown } from '../town/mini-town';

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const temporaryDirectory = () => fs.mkdtempSync(path.join(os.tmpdir(), 'photos-'));

describe('disk photo store', () => {
  it('writes by SHA-256 under a two-character folder, atomically, once, and reads it back', async () => {
    const directory = temporaryDirectory();
    try {
      const store = new DiskPhotoStore(directory);
      const bytes = new TextEncoder().encode('pretend JPEG bytes');
      const hash = sha(bytes);
      const stored = await store.save(bytes, hash);
      expect(stored).toEqual({ storage: 'disk', storageKey: `${hash.slice(0, 2)}/${hash}`, data: null });
      expect(fs.readFileSync(path.join(directory, hash.slice(0, 2), hash))).toEqual(Buffer.from(bytes));
      expect(fs.readdirSync(path.join(directory, hash.slice(0, 2)))).toEqual([hash]); // no temp file left
      const mtime = fs.statSync(path.join(directory, stored.storageKey)).mtimeMs;
      await store.save(bytes, hash); // same content: same file, not rewritten
      expect(fs.statSync(path.join(directory, stored.storageKey)).mtimeMs).toBe(mtime);
      expect(await store.load({ storageKey: stored.storageKey })).toEqual(Buffer.from(bytes));
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });

  it('refuses keys that are not its own shape and reports a missing file', async () => {
    const store = new DiskPhotoStore(temporaryDirectory());
    await expect(store.load({ storageKey: '../../etc/passwd' })).rejects.toBeInstanceOf(PhotoStorageError);
    await expect(store.save(new Uint8Array([1]), 'not-a-hash')).rejects.toBeInstanceOf(PhotoStorageError);
    await expect(store.load({ storageKey: `ab/${'ab'.padEnd(64, '0')}` })).rejects.toThrow(/missing/);
    fs.rmSync(store.directory, { recursive: true, force: true });
  });

  it('is configured by PHOTO_STORAGE and PHOTO_DIR (default <DATA_DIR>/photos)', () => {
    expect(photoStorageFromEnvironment({})).toBe('disk');
    expect(photoStorageFromEnvironment({ PHOTO_STORAGE: 'database' })).toBe('database');
    expect(() => photoStorageFromEnvironment({ PHOTO_STORAGE: 's3' })).toThrow(/PHOTO_STORAGE must be disk or database/);
    expect(photoDirectory({ DATA_DIR: '/srv/fire' })).toBe('/srv/fire/photos');
    expect(photoDirectory({ DATA_DIR: '/srv/fire', PHOTO_DIR: '/mnt/photos' })).toBe('/mnt/photos');
    expect(photoDirectory({})).toBe(path.resolve('.data/photos'));
    expect(configuredPhotoStore({ PHOTO_STORAGE: 'database' })).toBeInstanceOf(DatabasePhotoStore);
  });
});

describe.each(testEngines)('hazard photos on $name (mini town)', (engine) => {
  let handle: DatabaseHandle;
  let directory: string;
  let photo: ProcessedPhoto;
  let h1: number;
  let h2: number;
  const actor = { name: '检查员王五', role: 'inspector' };

  beforeAll(async () => {
    handle = await engine.open();
    await seedIfEmpty(handle.db, writeMiniTown());
    directory = temporaryDirectory();
    photo = await processPhoto(
      await sharp({ create: { width: 300, height: 200, channels: 3, background: '#884422' } })
        .jpeg()
        .toBuffer(),
    );
    const ids = await handle.db.selectFrom('hazards').select(['id', 'code']).execute();
    h1 = ids.find((row) => row.code === 'H1')!.id;
    h2 = ids.find((row) => row.code === 'H2')!.id;
  });
  afterAll(async () => {
    await handle?.close();
    fs.rmSync(directory, { recursive: true, force: true });
  });

  it('stores on disk and in the database, lists metadata, reads full and thumbnail bytes back', async () => {
    const stores = photoStores({ PHOTO_DIR: directory });
    const onDisk = await addHazardPhoto(handle.db, { hazardId: h2, kind: 'before', photo, actor, requestId: 'r1' }, stores.disk);
    const inDb = await addHazardPhoto(handle.db, { hazardId: h2, kind: 'after', photo, actor, requestId: 'r2' }, stores.database);
    expect(onDisk).toMatchObject({
      hazard_id: h2,
      event_id: null,
      kind: 'before',
      content_type: 'image/jpeg',
      byte_size: photo.bytes.byteLength,
      width: 300,
      height: 200,
      sha256: sha(photo.bytes),
      storage: 'disk',
      uploaded_by: '检查员王五',
    });
    expect(onDisk.uploaded_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(inDb.storage).toBe('database');
    expect(fs.existsSync(path.join(directory, sha(photo.bytes).slice(0, 2), sha(photo.bytes)))).toBe(true);

    const listed = await listHazardPhotos(handle.db, h2);
    expect(listed.map((p) => [p.id, p.kind, p.storage])).toEqual([
      [onDisk.id, 'before', 'disk'],
      [inDb.id, 'after', 'database'],
    ]);
    expect(listed[0]).not.toHaveProperty('data');
    expect(listed[0]).not.toHaveProperty('thumbnail');
    expect(await listHazardPhotos(handle.db, h1)).toEqual([]);

    for (const meta of [onDisk, inDb]) {
      const full = await readHazardPhoto(handle.db, meta.id, 'full', stores);
      expect(full).toEqual({ bytes: photo.bytes, contentType: 'image/jpeg', hazardId: h2, villageCode: '141121104201' });
      const thumbnail = await readHazardPhoto(handle.db, meta.id, 'thumbnail', stores);
      expect(thumbnail!.contentType).toBe('image/webp');
      expect(Buffer.compare(thumbnail!.bytes, photo.thumbnail.bytes)).toBe(0);
    }
    expect(await readHazardPhoto(handle.db, 999_999, 'full', stores)).toBeNull();

    const audit = await sql<{
      actor: string;
      role: string;
      village_code: string;
      request_id: string | null;
      after: { sha256: string; storage_key: string };
    }>`
      SELECT actor, role, village_code, request_id, after FROM audit_log
      WHERE table_name = 'hazard_photos' AND action = 'create' AND record_id = ${String(onDisk.id)}`.execute(handle.db);
    expect(audit.rows).toEqual([
      {
        actor: '检查员王五',
        role: 'inspector',
        village_code: '141121104201',
        request_id: 'r1',
        after: expect.objectContaining({ sha256: sha(photo.bytes), storage_key: `${sha(photo.bytes).slice(0, 2)}/${sha(photo.bytes)}` }),
      },
    ]);
  });

  it('links a photo to an event of its own hazard only, and hides hazards outside the scope', async () => {
    const store = new DatabasePhotoStore();
    const event = await sql<{ id: number }>`SELECT id FROM hazard_events WHERE hazard_id = ${h1} LIMIT 1`.execute(handle.db);
    const eventId = event.rows[0]!.id;
    const linked = await addHazardPhoto(handle.db, { hazardId: h1, eventId, kind: 'after', photo, actor, requestId: 'test' }, store);
    expect(linked.event_id).toBe(eventId);
    await expect(
      addHazardPhoto(handle.db, { hazardId: h2, eventId, kind: 'after', photo, actor, requestId: 'test' }, store),
    ).rejects.toBeInstanceOf(PhotoEventMismatchError);
    await expect(
      addHazardPhoto(handle.db, { hazardId: h1, kind: 'other', photo, actor, villages: ['141121104202'], requestId: 'test' }, store),
    ).rejects.toBeInstanceOf(HazardNotFoundError);
    await expect(
      addHazardPhoto(handle.db, { hazardId: 999_999, kind: 'other', photo, actor, requestId: 'test' }, store),
    ).rejects.toBeInstanceOf(HazardNotFoundError);
    // The refused attempts left neither a row nor an audit entry.
    const counts = await sql<{ photos: number; audits: number }>`
      SELECT (SELECT count(*)::int FROM hazard_photos WHERE hazard_id = ${h1}) AS photos,
        (SELECT count(*)::int FROM audit_log WHERE table_name = 'hazard_photos') AS audits`.execute(handle.db);
    expect(counts.rows[0]).toEqual({ photos: 1, audits: 3 });
  });

  it('enforces the storage/data rule and the kinds, and deletes photos with their hazard', async () => {
    const insert = (storage: string, data: Buffer | null, kind = 'other') =>
      sql`
      INSERT INTO hazard_photos (hazard_id, kind, content_type, byte_size, width, height, sha256, storage, storage_key,
        data, thumbnail, uploaded_by)
      VALUES (${h1}, ${kind}, 'image/jpeg', 1, 1, 1, ${'a'.repeat(64)}, ${storage}, 'k', ${data}, ${Buffer.from([1])}, 'x')`.execute(
        handle.db,
      );
    await expect(insert('database', null)).rejects.toThrow();
    await expect(insert('disk', Buffer.from([1]))).rejects.toThrow();
    await expect(insert('disk', null, 'during')).rejects.toThrow();
    await sql`DELETE FROM hazards WHERE id = ${h2}`.execute(handle.db);
    expect(await listHazardPhotos(handle.db, h2)).toEqual([]);
  });
});
