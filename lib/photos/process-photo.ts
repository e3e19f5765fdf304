import { createHash } from 'node:crypto';
import sharp, { type OutputInfo } from 'sharp';
import { PayloadTooLargeError } from '../api/errors';
import { say } from '../i18n/say';

/** Largest upload accepted, before any decoding. */
export const PHOTO_MAX_BYTES = 10 * 1024 * 1024;
/** Long side of the stored photo: enough to read a meter or a label, far smaller than a phone's 4000–8000 px. */
export const PHOTO_MAX_SIDE = 2560;
export const THUMBNAIL_MAX_SIDE = 320;
/** Decoded size limit (a 10 MB PNG of one colour can claim billions of pixels): 120 MP covers phone cameras. */
const MAX_INPUT_PIXELS = 120_000_000;

export type UploadedImageType = 'image/jpeg' | 'image/png' | 'image/webp';

export class PhotoRejectedError extends Error {
  constructor(
    readonly reason: 'unsupported_type' | 'undecodable',
    message: string,
  ) {
    super(message);
    this.name = 'PhotoRejectedError';
  }
}

/** The image type by the file's first bytes (the declared type and the name are not trusted). */
export function detectImageType(bytes: Uint8Array): UploadedImageType | null {
  const at = (offset: number, signature: number[]) => signature.every((byte, index) => bytes[offset + index] === byte);
  if (at(0, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (at(0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (at(0, [0x52, 0x49, 0x46, 0x46]) && at(8, [0x57, 0x45, 0x42, 0x50])) return 'image/webp';
  return null;
}

export interface ProcessedPhoto {
  /** The stored photo: always JPEG. */
  bytes: Buffer;
  contentType: 'image/jpeg';
  width: number;
  height: number;
  /** Hex SHA-256 of `bytes` (names the file on disk). */
  sha256: string;
  /** What the upload was, by its bytes. */
  sourceType: UploadedImageType;
  thumbnail: { bytes: Buffer; contentType: 'image/webp'; width: number; height: number };
}

/**
 * An uploaded photo made safe and small to keep: type checked by magic bytes, decoded, turned upright by its
 * EXIF orientation, every metadata block dropped (EXIF GPS would publish where the inspector stood),
 * long side capped at 2560 px, re-encoded as JPEG q85, plus a WebP thumbnail of at most 320 px.
 *
 * PNG and WebP uploads become JPEG too (transparency on white): hazard photos are camera pictures, one
 * stored format keeps serving and exporting simple, and re-encoding is what strips anything hidden in them.
 */
export async function processPhoto(upload: Uint8Array): Promise<ProcessedPhoto> {
  // Too large is a 413 naming the limit, whether the form's length or the file itself showed it.
  if (upload.byteLength > PHOTO_MAX_BYTES) throw new PayloadTooLargeError(PHOTO_MAX_BYTES, say('照片', 'the photo'));
  const sourceType = detectImageType(upload);
  if (!sourceType)
    throw new PhotoRejectedError(
      'unsupported_type',
      say('只能上传 JPEG、PNG 或 WebP 照片', 'only JPEG, PNG or WebP photos can be uploaded'),
    );

  const input = Buffer.from(upload.buffer, upload.byteOffset, upload.byteLength);
  const decode = () => sharp(input, { failOn: 'error', limitInputPixels: MAX_INPUT_PIXELS, animated: false });
  let full: { data: Buffer; info: OutputInfo };
  try {
    full = await decode()
      .rotate() // applies the EXIF orientation, then the tag is gone with the rest of the metadata
      .resize({ width: PHOTO_MAX_SIDE, height: PHOTO_MAX_SIDE, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 85 })
      .toBuffer({ resolveWithObject: true });
  } catch (error) {
    const detail = error instanceof Error ? (error.message.split('\n')[0] ?? '').slice(0, 120) : 'unreadable';
    throw new PhotoRejectedError(
      'undecodable',
      say(`无法将该照片读取为图像（${detail}）`, `the photo could not be read as an image (${detail})`),
    );
  }
  const thumbnail = await sharp(full.data)
    .resize({ width: THUMBNAIL_MAX_SIDE, height: THUMBNAIL_MAX_SIDE, fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 70 })
    .toBuffer({ resolveWithObject: true });
  return {
    bytes: full.data,
    contentType: 'image/jpeg',
    width: full.info.width,
    height: full.info.height,
    sha256: createHash('sha256').update(full.data).digest('hex'),
    sourceType,
    thumbnail: { bytes: thumbnail.data, contentType: 'image/webp', width: thumbnail.info.width, height: thumbnail.info.height },
  };
}
