/** Photos are shrunk on the phone before they are stored: a field upload over a weak signal should be small. */
export const PHOTO_LONG_SIDE_PX = 2560;
const JPEG_QUALITY = 0.85;

export interface PreparedPhoto {
  blob: Blob;
  sha256: string;
  width: number;
  height: number;
}

export async function sha256Hex(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Scales the photo so its long side is at most 2560 px and encodes it as JPEG (upright by its EXIF). */
async function shrink(file: Blob): Promise<{ blob: Blob; width: number; height: number }> {
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  const scale = Math.min(1, PHOTO_LONG_SIDE_PX / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2d canvas');
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', JPEG_QUALITY));
  if (!blob) throw new Error('the photo could not be encoded');
  return { blob, width, height };
}

/** The photo as it will be stored and sent, with the SHA-256 its upload must be acknowledged by. */
export async function preparePhoto(file: Blob): Promise<PreparedPhoto> {
  const shrunk = await shrink(file);
  return { ...shrunk, sha256: await sha256Hex(shrunk.blob) };
}
