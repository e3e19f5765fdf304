import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { PHOTO_STORAGES, type PhotoStorage } from '../domain/enums';

/** Environment variables (process.env, or a plain object in tests). */
type Environment = Readonly<Record<string, string | undefined>>;

/** Where a photo's full bytes were put: what the hazard_photos row records. */
export interface StoredPhoto {
  storage: PhotoStorage;
  storageKey: string;
  /** The bytes for the row's `data` column (database store), null when they live elsewhere. */
  data: Buffer | null;
}

/** Keeps and returns the full-size bytes of photos. Thumbnails always live in the database row. */
export interface PhotoStore {
  readonly storage: PhotoStorage;
  save(bytes: Uint8Array, sha256: string): Promise<StoredPhoto>;
  load(stored: { storageKey: string; data: Uint8Array | null }): Promise<Buffer>;
}

export class PhotoStorageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PhotoStorageError';
  }
}

const SHA256 = /^[0-9a-f]{64}$/;
const DISK_KEY = /^([0-9a-f]{2})\/([0-9a-f]{64})$/;

/**
 * Photos as files named by their SHA-256 under two-character folders (`ab/abcdef…`), so one folder never
 * holds more than a few thousand files and the same photo uploaded twice is one file. Written to a temp file
 * and renamed into place: a crash never leaves half a photo under its final name.
 */
export class DiskPhotoStore implements PhotoStore {
  readonly storage = 'disk' as const;
  constructor(readonly directory: string) {}

  async save(bytes: Uint8Array, sha256: string): Promise<StoredPhoto> {
    if (!SHA256.test(sha256)) throw new PhotoStorageError(`not a SHA-256: ${sha256.slice(0, 70)}`);
    const storageKey = `${sha256.slice(0, 2)}/${sha256}`;
    const target = path.join(this.directory, storageKey);
    const existing = await fs.stat(target).catch(() => null);
    if (existing?.size === bytes.byteLength) return { storage: 'disk', storageKey, data: null };
    await fs.mkdir(path.dirname(target), { recursive: true });
    const temporary = `${target}.${randomUUID()}.tmp`;
    try {
      const file = await fs.open(temporary, 'wx');
      try {
        await file.writeFile(bytes);
        await file.sync();
      } finally {
        await file.close();
      }
      await fs.rename(temporary, target);
    } catch (error) {
      await fs.rm(temporary, { force: true });
      throw error;
    }
    return { storage: 'disk', storageKey, data: null };
  }

  async load(stored: { storageKey: string }): Promise<Buffer> {
    // The key comes from the database, but a path is built from it: only our own shape is accepted.
    if (!DISK_KEY.test(stored.storageKey)) throw new PhotoStorageError(`not a photo file key: ${stored.storageKey.slice(0, 80)}`);
    try {
      return await fs.readFile(path.join(this.directory, stored.storageKey));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new PhotoStorageError(`photo file ${stored.storageKey} is missing from ${this.directory}`);
      }
      throw error;
    }
  }
}

/** Photos in the row's own `data` column (bytea): one backup covers everything; fine for a township's volume. */
export class DatabasePhotoStore implements PhotoStore {
  readonly storage = 'database' as const;

  async save(bytes: Uint8Array, sha256: string): Promise<StoredPhoto> {
    return { storage: 'database', storageKey: sha256, data: Buffer.from(bytes) };
  }

  async load(stored: { storageKey: string; data: Uint8Array | null }): Promise<Buffer> {
    if (!stored.data) throw new PhotoStorageError(`photo ${stored.storageKey} has no bytes in the database`);
    return Buffer.from(stored.data.buffer, stored.data.byteOffset, stored.data.byteLength);
  }
}

/** PHOTO_DIR, else `<DATA_DIR or .data>/photos`. */
export function photoDirectory(env: Environment = process.env): string {
  return path.resolve(/*turbopackIgnore: true*/ env.PHOTO_DIR || path.join(env.DATA_DIR || '.data', 'photos'));
}

/** PHOTO_STORAGE = disk (default) | database; anything else is a configuration error naming the variable. */
export function photoStorageFromEnvironment(env: Environment = process.env): PhotoStorage {
  const value = env.PHOTO_STORAGE?.trim() || 'disk';
  if (!(PHOTO_STORAGES as readonly string[]).includes(value)) {
    throw new PhotoStorageError(`PHOTO_STORAGE must be disk or database, got "${value.slice(0, 20)}"`);
  }
  return value as PhotoStorage;
}

/**
 * One store per storage kind. New photos go to `stores[photoStorageFromEnvironment()]`; a photo is read back
 * from the store its row names, so switching PHOTO_STORAGE does not lose the photos saved before.
 */
export function photoStores(env: Environment = process.env): Record<PhotoStorage, PhotoStore> {
  return { disk: new DiskPhotoStore(photoDirectory(env)), database: new DatabasePhotoStore() };
}

/** The store new photos are saved to. */
export function configuredPhotoStore(env: Environment = process.env): PhotoStore {
  return photoStores(env)[photoStorageFromEnvironment(env)];
}
