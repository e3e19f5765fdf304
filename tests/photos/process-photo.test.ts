import { createHash } from 'node:crypto';
import sharp, { type Sharp } from 'sharp';
import { describe, expect, it } from 'vitest';
import { PayloadTooLargeError } from '../../lib/api/errors';
import { detectImageType, PHOTO_MAX_BYTES, PhotoRejectedError, processPhoto } from '../../lib/photos/process-photo';

/** A w×h picture: the left half red, the right half blue (so a rotation can be seen in the pixels). */
async function halves(width: number, height: number): Promise<Sharp> {
  const red = await sharp({ create: { width: width / 2, height, channels: 3, background: '#ff0000' } })
    .png()
    .toBuffer();
  return sharp({ create: { width, height, channels: 3, background: '#0000ff' } }).composite([{ input: red, left: 0, top: 0 }]);
}

const GPS = { GPSLatitudeRef: 'N', GPSLatitude: '37/1 22/1 12/1', GPSLongitudeRef: 'E', GPSLongitude: '112/1 6/1 0/1' };
/** Does an EXIF block hold a GPS IFD pointer (tag 0x8825, in either byte order)? */
const hasGpsPointer = (exif: Buffer | undefined) =>
  !!exif && (exif.includes(Buffer.from([0x88, 0x25])) || exif.includes(Buffer.from([0x25, 0x88])));

async function pixel(image: Buffer, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(image).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const offset = (y * info.width + x) * info.channels;
  return [data[offset]!, data[offset + 1]!, data[offset + 2]!];
}

async function rejection(bytes: Uint8Array): Promise<PhotoRejectedError> {
  const error = await processPhoto(bytes).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(PhotoRejectedError);
  return error as PhotoRejectedError;
}

describe('processPhoto', () => {
  it('turns a 400×200 JPEG with EXIF orientation 6 upright: 200×400, the left half now on top', async () => {
    const upload = await (await halves(400, 200)).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    const before = await sharp(upload).metadata();
    expect([before.width, before.height, before.orientation]).toEqual([400, 200, 6]);

    const photo = await processPhoto(upload);
    expect([photo.width, photo.height, photo.contentType, photo.sourceType]).toEqual([200, 400, 'image/jpeg', 'image/jpeg']);
    const after = await sharp(photo.bytes).metadata();
    expect([after.format, after.width, after.height, after.orientation]).toEqual(['jpeg', 200, 400, undefined]);
    // Orientation 6 = rotate 90° clockwise to view: the left (red) half goes to the top.
    const [top, bottom] = [await pixel(photo.bytes, 100, 50), await pixel(photo.bytes, 100, 350)];
    expect(top[0]).toBeGreaterThan(200);
    expect(top[2]).toBeLessThan(60);
    expect(bottom[2]).toBeGreaterThan(200);
    expect(bottom[0]).toBeLessThan(60);
    expect(photo.sha256).toBe(createHash('sha256').update(photo.bytes).digest('hex'));
    expect([photo.thumbnail.width, photo.thumbnail.height, photo.thumbnail.contentType]).toEqual([160, 320, 'image/webp']);
    expect((await sharp(photo.thumbnail.bytes).metadata()).format).toBe('webp');
  });

  it('strips EXIF, GPS included', async () => {
    const upload = await (await halves(64, 64))
      .jpeg()
      .withExif({ IFD0: { Make: 'TestCam' }, IFD3: GPS })
      .toBuffer();
    expect(hasGpsPointer((await sharp(upload).metadata()).exif)).toBe(true);
    const photo = await processPhoto(upload);
    const after = await sharp(photo.bytes).metadata();
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(photo.bytes.includes(Buffer.from('TestCam'))).toBe(false);
    expect(photo.bytes.includes(Buffer.from('Exif\0\0'))).toBe(false);
  });

  it('caps the long side at 2560 px and the thumbnail at 320 px, never enlarging', async () => {
    const big = await processPhoto(await (await halves(3000, 1500)).png().toBuffer());
    expect([big.width, big.height, big.thumbnail.width, big.thumbnail.height]).toEqual([2560, 1280, 320, 160]);
    const small = await processPhoto(await (await halves(100, 60)).webp().toBuffer());
    expect([small.width, small.height, small.thumbnail.width, small.thumbnail.height, small.sourceType]).toEqual([
      100,
      60,
      100,
      60,
      'image/webp',
    ]);
  });

  it('judges the type by the bytes: a PNG named .jpg is a PNG, stored as JPEG', async () => {
    const png = await (await halves(40, 20)).png().toBuffer();
    expect(detectImageType(png)).toBe('image/png');
    const photo = await processPhoto(png); // no name is even looked at
    expect([photo.sourceType, photo.contentType, (await sharp(photo.bytes).metadata()).format]).toEqual([
      'image/png',
      'image/jpeg',
      'jpeg',
    ]);
  });

  it('refuses text, other image types, undecodable bytes and uploads over 10 MB', async () => {
    expect((await rejection(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'))).reason).toBe('unsupported_type');
    expect((await rejection(await (await halves(20, 20)).gif().toBuffer())).reason).toBe('unsupported_type');
    const truncated = (await (await halves(200, 200)).jpeg().toBuffer()).subarray(0, 300);
    const broken = await rejection(truncated);
    expect(broken.reason).toBe('undecodable');
    expect(broken.message).toMatch(/could not be read as an image/);
    expect((await rejection(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]))).reason).toBe('undecodable');
    const eleven = new Uint8Array(11 * 1024 * 1024);
    eleven.set([0xff, 0xd8, 0xff]);
    const tooLarge = await processPhoto(eleven).catch((error: unknown) => error);
    expect(tooLarge).toBeInstanceOf(PayloadTooLargeError);
    expect(tooLarge).toMatchObject({ limitBytes: 10 * 1024 * 1024, message: 'the photo is larger than the limit of 10 MB' });
    expect(PHOTO_MAX_BYTES).toBe(10 * 1024 * 1024);
  });
});
