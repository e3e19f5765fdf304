import { unzipSync } from 'fflate';
import { say } from '@/lib/i18n/say';
import { declaredUncompressedSize } from '../zip-size';
import { detectEncoding } from './text-encoding';
import { GeoFileError } from './types';

/**
 * What a zipped upload (.zip Shapefile, .kmz) may expand to: a county's 150,000 footprints with their attributes
 * are about 120 MB of .shp and .dbf; more than this is a zip bomb, not a survey.
 */
export const MAX_GEO_UNZIPPED_BYTES = 400 * 1024 * 1024;

/** The entries of a zipped upload by their path; the size its directory declares is checked before inflating. */
export function unzipUpload(bytes: Uint8Array, what: { zh: string; en: string }): Record<string, Uint8Array> {
  const expanded = declaredUncompressedSize(bytes);
  if (expanded === null)
    throw new GeoFileError(
      say(`${what.zh}文件已损坏（不是有效的 zip）`, `the ${what.en} file is damaged (not a valid zip)`),
      'damaged_file',
    );
  if (expanded > MAX_GEO_UNZIPPED_BYTES)
    throw new GeoFileError(
      say(
        `${what.zh}文件解压后超过 ${MAX_GEO_UNZIPPED_BYTES / 1048576} MB；请拆分为较小的文件`,
        `the ${what.en} file expands to more than ${MAX_GEO_UNZIPPED_BYTES / 1048576} MB; split it into smaller files`,
      ),
      'file_too_large',
    );
  try {
    const entries = unzipSync(bytes);
    return Object.fromEntries(Object.entries(entries).map(([name, data]) => [entryName(name), data]));
  } catch {
    throw new GeoFileError(say(`${what.zh}文件已损坏（无法解压）`, `the ${what.en} file is damaged (cannot be unzipped)`), 'damaged_file');
  }
}

/** The part of a zip path after its last folder. */
export function baseName(path: string): string {
  return path.replace(/^.*[\\/]/, '');
}

/**
 * fflate reads a name as Latin-1 unless the entry sets the UTF-8 flag, which many zip tools leave unset: Info-ZIP
 * stores UTF-8 bytes, Windows in China stores GBK. Recover the bytes and decode them as what they are.
 */
function entryName(name: string): string {
  const codes = Array.from(name, (character) => character.charCodeAt(0));
  if (!codes.some((code) => code > 0x7f) || codes.some((code) => code > 0xff)) return name;
  const raw = Uint8Array.from(codes);
  return new TextDecoder(detectEncoding(raw)).decode(raw);
}
