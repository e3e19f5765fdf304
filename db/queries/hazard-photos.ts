import { sql } from 'kysely';
import type { PhotoKind, PhotoStorage } from '../../lib/domain/enums';
import { say } from '../../lib/i18n/say';
import type { PhotoStore } from '../../lib/photos/photo-store';
import type { ProcessedPhoto } from '../../lib/photos/process-photo';
import type { Db } from '../schema';
import { inTransaction } from '../transaction';
import { writeAudit } from './audit';
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
    super(say(`记录 ${eventId} 不属于隐患 ${hazardId}`, `event ${eventId} is not an event of hazard ${hazardId}`));
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
  requestId: string;
}

const META_COLUMNS = [
  'id',
  'hazard_id',
  'event_id',
  'kind',
  'content_type',
  'byte_size',
  'width',
  'height',
  'sha256',
  'storage',
  'uploaded_by',
  sql<string>`to_char(uploaded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`.as('uploaded_at'),
] as const;

/**
 * Saves a processed photo of a hazard: the full bytes to `store` first (so no row ever points at missing bytes),
 * then the row and its audit_log entry in one transaction. A failed transaction leaves at most an unreferenced
 * content-addressed file on disk.
 */
export async function addHazardPhoto(db: Db, request: AddHazardPhotoRequest, store: PhotoStore): Promise<HazardPhotoMeta> {
  const { photo } = request;
  const stored = await store.save(photo.bytes, photo.sha256);
  return inTransaction(db, async (trx) => {
    const hazard = await trx.selectFrom('hazards').select('village_code').where('id', '=', request.hazardId).forShare().executeTakeFirst();
    if (!hazard || (request.villages && !request.villages.includes(hazard.village_code))) {
      throw new HazardNotFoundError(request.hazardId);
    }
    if (request.eventId !== undefined && request.eventId !== null) {
      const event = await trx
        .selectFrom('hazard_events')
        .select('id')
        .where('id', '=', request.eventId)
        .where('hazard_id', '=', request.hazardId)
        .executeTakeFirst();
      if (!event) throw new PhotoEventMismatchError(request.eventId, request.hazardId);
    }
    const meta: HazardPhotoMeta = await trx
      .insertInto('hazard_photos')
      .values({
        hazard_id: request.hazardId,
        event_id: request.eventId ?? null,
        kind: request.kind,
        content_type: photo.contentType,
        byte_size: photo.bytes.byteLength,
        width: photo.width,
        height: photo.height,
        sha256: photo.sha256,
        storage: stored.storage,
        storage_key: stored.storageKey,
        data: stored.data,
        thumbnail: photo.thumbnail.bytes,
        uploaded_by: request.actor.name,
      })
      .returning(META_COLUMNS)
      .executeTakeFirstOrThrow();
    await writeAudit(trx, {
      actor: request.actor,
      action: 'create',
      table: 'hazard_photos',
      recordId: meta.id,
      villageCode: hazard.village_code,
      after: { ...meta, storage_key: stored.storageKey },
      requestId: request.requestId,
    });
    return meta;
  });
}

/** The photos of a hazard, oldest first, without bytes. */
export async function listHazardPhotos(db: Db, hazardId: number): Promise<HazardPhotoMeta[]> {
  return db
    .selectFrom('hazard_photos')
    .select(META_COLUMNS)
    .where('hazard_id', '=', hazardId)
    .orderBy('hazard_photos.uploaded_at')
    .orderBy('id')
    .execute();
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
  const photo = db
    .selectFrom('hazard_photos as p')
    .innerJoin('hazards as h', 'h.id', 'p.hazard_id')
    .select(['p.hazard_id', 'h.village_code', 'p.content_type'])
    .where('p.id', '=', id);
  // Only the bytes asked for leave the database.
  if (variant === 'thumbnail') {
    const row = await photo.select('p.thumbnail').executeTakeFirst();
    if (!row) return null;
    const { thumbnail } = row;
    return {
      hazardId: row.hazard_id,
      villageCode: row.village_code,
      contentType: 'image/webp',
      bytes: Buffer.from(thumbnail.buffer, thumbnail.byteOffset, thumbnail.byteLength),
    };
  }
  const row = await photo.select(['p.storage', 'p.storage_key', 'p.data']).executeTakeFirst();
  if (!row) return null;
  const bytes = await stores[row.storage].load({ storageKey: row.storage_key, data: row.data });
  return { hazardId: row.hazard_id, villageCode: row.village_code, contentType: row.content_type, bytes };
}
