import { unzipSync, zipSync } from 'fflate';
import { z } from 'zod';
import { inCurrentLanguage } from '../api/field-errors';
import { say } from '../i18n/say';
import type { OutboxItem } from './outbox-types';

/**
 * The outbox as one zip (the escape hatch when a phone cannot sync): `outbox.json` with whose outbox it is and
 * its items, and each photo as `photos/<key>.jpg`, the bytes the phone would have sent. The office imports it
 * through the same requests and Idempotency-Keys, so what already arrived is recognised and not written again.
 */
export const ARCHIVE_FORMAT = 'liuhulan-fire-gis/outbox';
export const ARCHIVE_VERSION = 1;
const MANIFEST = 'outbox.json';
const photoPath = (key: string) => `photos/${key}.jpg`;

/** The most an archive may unpack to (its photos are at most 2560 px JPEGs), and hold. */
export const ARCHIVE_MAX_UNPACKED_BYTES = 400 * 1024 * 1024;
const ARCHIVE_MAX_ENTRIES = 2_000;

export interface ArchiveAuthor {
  id: number;
  username: string;
}

/** What an item carries into the archive: what it asks for, not how far it got on this phone. */
export type ArchivedItem = Pick<OutboxItem, 'id' | 'kind' | 'hazardId' | 'target' | 'label' | 'body' | 'photos' | 'createdAt' | 'rebase'>;

export interface OutboxArchive {
  author: ArchiveAuthor;
  exportedAt: string;
  items: ArchivedItem[];
  photos: Map<string, Uint8Array>;
}

/** The archive is not one this app wrote, or is damaged: 400 `invalid_outbox_archive`. */
export class InvalidOutboxArchiveError extends Error {
  constructor(detail: string) {
    super(say(`不是有效的离线记录包：${detail}`, `not a valid outbox archive: ${detail}`));
    this.name = 'InvalidOutboxArchiveError';
  }
}

// Keys the phone makes: a UUID, `.p<n>` for a photo, `.r<n>` once re-based.
const key = z.string().regex(/^[0-9a-f-]{36}(\.[pr]\d{1,4})?$/);

const photoSchema = z.strictObject({
  key,
  kind: z.enum(['before', 'after', 'other']),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  byteSize: z.number().int().nonnegative(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});

const itemSchema = z.object({
  id: key,
  kind: z.enum(['create', 'transition', 'edit', 'photos', 'field-check']),
  hazardId: z.number().int().positive().nullable(),
  // A field check's building or obstacle.
  target: z.strictObject({ kind: z.enum(['building', 'obstacle']), id: z.number().int().positive() }).optional(),
  label: z.string().max(2000),
  body: z.record(z.string(), z.unknown()).nullable(),
  photos: z.array(photoSchema).max(50),
  createdAt: z.number(),
  rebase: z.number().int().nonnegative().max(1000),
});

const manifestSchema = z.strictObject({
  format: z.literal(ARCHIVE_FORMAT),
  version: z.literal(ARCHIVE_VERSION),
  exported_at: z.string(),
  author: z.strictObject({ id: z.number().int().positive(), username: z.string().min(1).max(100) }),
  items: z.array(itemSchema).max(1000),
});

export function archivedItem(item: OutboxItem): ArchivedItem {
  const { id, kind, hazardId, target, label, body, photos, createdAt, rebase } = item;
  return { id, kind, hazardId, ...(target ? { target } : {}), label, body, photos, createdAt, rebase };
}

/** Writes the archive (photos stored as they are: JPEGs do not compress further). */
export function writeOutboxArchive(archive: OutboxArchive): Uint8Array {
  const manifest = {
    format: ARCHIVE_FORMAT,
    version: ARCHIVE_VERSION,
    exported_at: archive.exportedAt,
    author: archive.author,
    items: archive.items,
  };
  const files: Record<string, Uint8Array | [Uint8Array, { level: 0 }]> = {
    [MANIFEST]: new TextEncoder().encode(JSON.stringify(manifest, null, 1)),
  };
  for (const [photoKey, bytes] of archive.photos) files[photoPath(photoKey)] = [bytes, { level: 0 }];
  return zipSync(files);
}

/**
 * Reads an archive, refusing before unpacking one that would unpack too large or holds other files, and after
 * it one whose photos are missing. (The photos' hashes are checked by the server on upload, as from a phone.)
 */
export function readOutboxArchive(bytes: Uint8Array): OutboxArchive {
  let entries = 0;
  let unpacked = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (file) => {
        entries += 1;
        unpacked += file.originalSize;
        if (entries > ARCHIVE_MAX_ENTRIES || unpacked > ARCHIVE_MAX_UNPACKED_BYTES) throw new RangeError('too large');
        return true;
      },
    });
  } catch (error) {
    throw new InvalidOutboxArchiveError(
      error instanceof RangeError
        ? say(
            `解压后超过 ${ARCHIVE_MAX_ENTRIES} 个文件或 ${ARCHIVE_MAX_UNPACKED_BYTES / 1024 / 1024} MB`,
            `it unpacks to more than ${ARCHIVE_MAX_ENTRIES} files or ${ARCHIVE_MAX_UNPACKED_BYTES / 1024 / 1024} MB`,
          )
        : say('不是可读取的 zip 文件', 'it is not a readable zip file'),
    );
  }
  const manifestBytes = files[MANIFEST];
  if (!manifestBytes) throw new InvalidOutboxArchiveError(say(`缺少 ${MANIFEST}`, `${MANIFEST} is missing`));
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(manifestBytes));
  } catch {
    throw new InvalidOutboxArchiveError(say(`${MANIFEST} 不是有效的 JSON`, `${MANIFEST} is not valid JSON`));
  }
  const manifest = manifestSchema.safeParse(parsed, inCurrentLanguage());
  if (!manifest.success) {
    const issue = manifest.error.issues[0];
    throw new InvalidOutboxArchiveError(`${MANIFEST}: ${issue?.path.join('.') || '/'} ${issue?.message ?? ''}`.trim());
  }
  const photos = new Map<string, Uint8Array>();
  for (const item of manifest.data.items) {
    for (const photo of item.photos) {
      const photoBytes = files[photoPath(photo.key)];
      if (!photoBytes)
        throw new InvalidOutboxArchiveError(say(`缺少照片 ${photoPath(photo.key)}`, `photo ${photoPath(photo.key)} is missing`));
      photos.set(photo.key, photoBytes);
    }
  }
  const known = new Set([MANIFEST, ...[...photos.keys()].map(photoPath)]);
  const stranger = Object.keys(files).find((name) => !known.has(name) && !name.endsWith('/'));
  if (stranger)
    throw new InvalidOutboxArchiveError(
      say(`含有不属于离线记录的文件 ${stranger}`, `it holds a file that is not part of an outbox: ${stranger}`),
    );
  return { author: manifest.data.author, exportedAt: manifest.data.exported_at, items: manifest.data.items, photos };
}
