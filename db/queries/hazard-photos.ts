import { sql } from 'kysely';
import type { PhotoKind, PhotoStorage } from '../../lib/domain/enums';
import type { PhotoStore } from '../../lib/photos/photo-store';
import type { ProcessedPhoto } from '../../lib/photos/process-photo';
import type { Db } from '../schema';
import { HazardNotFoundError } from './hazards';

/** A photo's description without its bytes (what a list shows; thumbnails and full bytes are fetched by id). */
export interface HazardPhotoMeta {
  id: number;
  hazard_id: number;
  event_id: number | null;
  kind: PhotoKind;
  content_type: string;
  byte_size: number;
  width: number;
  height: number;
  sha256: string;
  storage: PhotoStorage;
  uploaded_by: string;
  /** ISO 8601 timestamp. */
  uploaded_at: string;
}

/** The photo is said to belong to a hazard event of another hazard (or one that does not exist). */
export class PhotoEventMismatchError extends Error {
  constructor(eventId: number, hazardId: number) {
    super(`event ${eventId} is not an event of hazard ${hazardId}`);
    this.name = 'PhotoEventMismatchError';
  }
}

export interface AddHazardPhotoRequest {
  hazardId: number;
  /** The lifecycle step the photo documents (e.g. the 整改后 photo of 待复查), if any. */
  eventId?: number | null;
  kind: PhotoKind;
  photo: ProcessedPhoto;
  actor: { name: string; role: string | null };
  /** Villages the actor may touch; null = whole town. A hazard outside answers HazardNotFoundError (no leak). */
  villages?: readonly string[] | null;
  requestId?: string;
}

const META_COLUMNS = sql`id, hazard_id, event_id, kind, content_type, byte_size, width, height, sha256, storage, uploaded_by,
  to_char(uploaded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS uploaded_at`;

/**
 * Saves a processed photo of a hazard: the full bytes to `store` first (so no row ever points at missing bytes),
 * then the row and its audit_log entry in one transaction. A failed transaction leaves at most an unreferenced
 * content-addressed file on disk.
 */
export async function addHazardPhoto(db: Db, request: AddHazardPhotoRequest, store: PhotoStore): Promise<HazardPhotoMeta> {
  const { photo } = request;
  const stored = await store.save(photo.bytes, photo.sha256);
  return db.transaction().execute(async (trx) => {
    const hazard = await sql<{ village_code: string }>`
      SELECT village_code FROM hazards WHERE id = ${request.hazardId} FOR SHARE`.execute(trx);
    const villageCode = hazard.rows[0]?.village_code;
    if (villageCode === undefined || (request.villages && !request.villages.includes(villageCode))) {
      throw new HazardNotFoundError(request.hazardId);
    }
    if (request.eventId !== undefined && request.eventId !== null) {
      const event = await sql<{ ok: number }>`
        SELECT 1 AS ok FROM hazard_events WHERE id = ${request.eventId} AND hazard_id = ${request.hazardId}`.execute(trx);
      if (event.rows.length === 0) throw new PhotoEventMismatchError(request.eventId, request.hazardId);
    }
    const inserted = await sql<HazardPhotoMeta>`
      INSERT INTO hazard_photos (hazard_id, event_id, kind, content_type, byte_size, width, height, sha256, storage,
        storage_key, data, thumbnail, uploaded_by)
      VALUES (${request.hazardId}, ${request.eventId ?? null}, ${request.kind}, ${photo.contentType}, ${photo.bytes.byteLength},
        ${photo.width}, ${photo.height}, ${photo.sha256}, ${stored.storage}, ${stored.storageKey}, ${stored.data},
        ${photo.thumbnail.bytes}, ${request.actor.name})
      RETURNING ${META_COLUMNS}`.execute(trx);
    const meta = inserted.rows[0]!;
    await sql`
      INSERT INTO audit_log (actor, role, action, table_name, record_id, village_code, before, after, request_id)
      VALUES (${request.actor.name}, ${request.actor.role}, 'create', 'hazard_photos', ${String(meta.id)}, ${villageCode},
        NULL, ${JSON.stringify({ ...meta, storage_key: stored.storageKey })}::jsonb, ${request.requestId ?? null})`.execute(trx);
    return meta;
  });
}

/** The photos of a hazard, oldest first, without bytes. */
export async function listHazardPhotos(db: Db, hazardId: number): Promise<HazardPhotoMeta[]> {
  const result = await sql<HazardPhotoMeta>`
    SELECT ${META_COLUMNS} FROM hazard_photos WHERE hazard_id = ${hazardId} ORDER BY uploaded_at, id`.execute(db);
  return result.rows;
}

export interface PhotoBytes {
  bytes: Buffer;
  contentType: string;
  hazardId: number;
  /** The hazard's village, for the route's scope check. */
  villageCode: string;
}

/**
 * One photo's bytes, full size or thumbnail, with the hazard and village it belongs to (the route checks the
 * caller's scope before answering), or null when there is no such photo. The full bytes come from the store
 * the row names, whatever PHOTO_STORAGE says today.
 */
export async function readHazardPhoto(
  db: Db,
  id: number,
  variant: 'full' | 'thumbnail',
  stores: Record<PhotoStorage, PhotoStore>,
): Promise<PhotoBytes | null> {
  const result = await sql<{
    hazard_id: number;
    village_code: string;
    content_type: string;
    storage: PhotoStorage;
    storage_key: string;
    data: Uint8Array | null;
    thumbnail: Uint8Array | null;
  }>`
    SELECT p.hazard_id, h.village_code, p.content_type, p.storage, p.storage_key,
      ${variant === 'full' ? sql`p.data` : sql`NULL::bytea`} AS data,
      ${variant === 'thumbnail' ? sql`p.thumbnail` : sql`NULL::bytea`} AS thumbnail
    FROM hazard_photos p JOIN hazards h ON h.id = p.hazard_id
    WHERE p.id = ${id}`.execute(db);
  const row = result.rows[0];
  if (!row) return null;
  const base = { hazardId: row.hazard_id, villageCode: row.village_code };
  if (variant === 'thumbnail') {
    const thumbnail = row.thumbnail!;
    return { ...base, contentType: 'image/webp', bytes: Buffer.from(thumbnail.buffer, thumbnail.byteOffset, thumbnail.byteLength) };
  }
  const bytes = await stores[row.storage].load({ storageKey: row.storage_key, data: row.data });
  return { ...base, contentType: row.content_type, bytes };
}
