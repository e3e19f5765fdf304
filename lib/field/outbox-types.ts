/**
 * What the field outbox holds: one user action on a hazard (or a field check of a building or obstacle), waiting
 * until the server has acknowledged all of it.
 */

export type OutboxKind = 'create' | 'transition' | 'edit' | 'photos' | 'field-check';

/** What a field check is of. */
export interface OutboxTarget {
  kind: 'building' | 'obstacle';
  id: number;
}

/** pending: waiting to be sent; syncing: being sent; synced: acknowledged (every photo by its hash too). */
export type OutboxState = 'pending' | 'syncing' | 'synced' | 'failed' | 'conflict';

export type OutboxPhotoKind = 'before' | 'after' | 'other';

/** One photo of an item: its bytes are a Blob in the photo store under `key`, which is also its Idempotency-Key. */
export interface OutboxPhoto {
  key: string;
  kind: OutboxPhotoKind;
  sha256: string;
  byteSize: number;
  width: number;
  height: number;
}

/** The server's current record, shown beside mine when my change met a newer version. */
export interface OutboxConflict {
  server: Record<string, unknown> & { version: number; status: string };
  message: string;
}

export interface OutboxItem {
  /** Client-made id: the main request's Idempotency-Key (with `.r<n>` once re-based), and the photos' prefix. */
  id: string;
  /** Whose action it is: a phone shared by two users sends each one's items only under their own session. */
  userId?: number;
  kind: OutboxKind;
  /** The hazard the action is on; for a create, set once the server has answered with its id. */
  hazardId: number | null;
  /** A field check's building or obstacle (items stored before field checks have none). */
  target?: OutboxTarget;
  /** What the user sees the item as: the hazard's code or the new hazard's description. */
  label: string;
  /** The JSON body of the main request (none for a photos-only item). */
  body: Record<string, unknown> | null;
  photos: OutboxPhoto[];
  state: OutboxState;
  createdAt: number;
  attempts: number;
  nextAttemptAt: number;
  /** The API's message for the last failure. */
  error: string | null;
  /** How many times the user applied it again on a newer version. */
  rebase: number;
  /** The main request is acknowledged. */
  mainDone: boolean;
  /** Photo key → the `received_sha256` the server answered, equal to the photo's own hash. */
  photoAcks: Record<string, string>;
  conflict: OutboxConflict | null;
}

/** The Idempotency-Key of the item's main request. */
export function mainKey(item: Pick<OutboxItem, 'id' | 'rebase'>): string {
  return item.rebase === 0 ? item.id : `${item.id}.r${item.rebase}`;
}

/** Acknowledged as a whole: the main request and every photo with the hash it was stored with. */
export function isAcknowledged(item: OutboxItem): boolean {
  const mainNeeded = item.kind !== 'photos';
  return (!mainNeeded || item.mainDone) && item.photos.every((photo) => item.photoAcks[photo.key] === photo.sha256);
}
