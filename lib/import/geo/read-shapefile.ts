import type { Geometry } from 'geojson';
import { openDbf, openShp } from 'shapefile';
import { say } from '@/lib/i18n/say';
import { declaredCrsFromPrj } from './read-prj';
import { detectEncoding, encodingFromCpg } from './text-encoding';
import { type DetectedEncoding, type GeoFileContents, GeoFileError, type ReadGeoFileOptions, type SourceValue } from './types';
import { baseName, unzipUpload } from './unzip-upload';
import { countVertices, MAX_IMPORT_VERTICES, tooComplex } from './vertex-limit';

/** A zipped Shapefile: one .shp with its .dbf (attributes), .prj (coordinate system) and .cpg (text encoding). */
export async function readShapefile(bytes: Uint8Array, options: ReadGeoFileOptions = {}): Promise<GeoFileContents> {
  const entries = unzipUpload(bytes, { zh: ' Shapefile 压缩包', en: 'Shapefile zip' });
  const shpPaths = Object.keys(entries).filter((path) => /\.shp$/i.test(path) && !baseName(path).startsWith('._'));
  if (shpPaths.length === 0) throw new GeoFileError(say('压缩包里没有 .shp 文件', 'the zip holds no .shp file'), 'damaged_file');
  if (shpPaths.length > 1)
    throw new GeoFileError(
      say(
        `压缩包里有 ${shpPaths.length} 个图层（${shpPaths.map(baseName).join('、')}）；请每次只上传一个 Shapefile`,
        `the zip holds ${shpPaths.length} layers (${shpPaths.map(baseName).join(', ')}); upload one Shapefile at a time`,
      ),
      'unsupported_format',
    );
  const shpPath = shpPaths[0] as string;
  const stem = shpPath.slice(0, -4);
  const sibling = (extension: string) => {
    const key = Object.keys(entries).find((path) => path.toLowerCase() === `${stem}.${extension}`.toLowerCase());
    return key ? entries[key] : undefined;
  };
  const shp = entries[shpPath] as Uint8Array;
  const dbf = sibling('dbf');
  if (!dbf)
    throw new GeoFileError(
      say(`缺少 ${baseName(stem)}.dbf（属性表）`, `${baseName(stem)}.dbf (the attribute table) is missing`),
      'damaged_file',
    );
  checkShpLength(shp);
  const encoding = dbfEncoding(dbf, sibling('cpg'), options);
  const prj = sibling('prj');
  const geometries = await readShapes(shp);
  const records = await readRecords(dbf, encoding.name);
  if (records.rows.length !== geometries.length)
    throw new GeoFileError(
      say(
        `.shp 有 ${geometries.length} 个图形，.dbf 有 ${records.rows.length} 条记录，两者不一致`,
        `the .shp holds ${geometries.length} shapes but the .dbf ${records.rows.length} records`,
      ),
      'damaged_file',
    );
  return {
    format: 'shapefile',
    features: geometries.map((geometry, position) => ({ index: position + 1, geometry, properties: records.rows[position] ?? {} })),
    fields: records.fields,
    encoding,
    declaredCrs: prj ? declaredCrsFromPrj(new TextDecoder('utf-8').decode(prj)) : null,
  };
}

const damagedShp = () => new GeoFileError(say('.shp 文件已损坏或不完整', 'the .shp file is damaged or incomplete'), 'damaged_file');

/** The header states the file's length (in 16-bit words): a cut-off upload is shorter than that. */
function checkShpLength(shp: Uint8Array) {
  if (shp.byteLength < 100) throw damagedShp();
  const view = new DataView(shp.buffer, shp.byteOffset, shp.byteLength);
  if (view.getInt32(0, false) !== 9994 || view.getInt32(24, false) * 2 > shp.byteLength) throw damagedShp();
}

function dbfEncoding(dbf: Uint8Array, cpg: Uint8Array | undefined, options: ReadGeoFileOptions): DetectedEncoding {
  if (options.encoding) return { name: options.encoding, source: 'chosen' };
  const declared = cpg ? encodingFromCpg(new TextDecoder('latin1').decode(cpg)) : null;
  if (declared) return { name: declared, source: 'cpg' };
  const headerLength = dbf.byteLength >= 10 ? (dbf[8] as number) | ((dbf[9] as number) << 8) : 0;
  // Field names and text values both live in the file; header bytes besides the names are ASCII or binary.
  return { name: detectEncoding(dbf.subarray(Math.min(headerLength, dbf.byteLength))), source: 'detected' };
}

async function readShapes(shp: Uint8Array): Promise<(Geometry | null)[]> {
  const geometries: (Geometry | null)[] = [];
  let vertices = 0;
  try {
    const source = await openShp(shp);
    for (let next = await source.read(); !next.done; next = await source.read()) {
      const geometry = (next.value as Geometry | null) ?? null;
      vertices += geometry ? countVertices(geometry) : 0;
      if (vertices > MAX_IMPORT_VERTICES) throw tooComplex(vertices);
      geometries.push(geometry);
    }
  } catch (error) {
    if (error instanceof GeoFileError) throw error;
    throw damagedShp();
  }
  return geometries;
}

async function readRecords(dbf: Uint8Array, encoding: DetectedEncoding['name']) {
  const rows: Record<string, SourceValue>[] = [];
  const fields: string[] = [];
  try {
    const source = await openDbf(dbf, { encoding });
    for (let next = await source.read(); !next.done; next = await source.read()) {
      const row: Record<string, SourceValue> = {};
      for (const [name, value] of Object.entries(next.value ?? {})) {
        if (rows.length === 0) fields.push(name);
        row[name] = dbfValue(value);
      }
      rows.push(row);
    }
  } catch {
    throw new GeoFileError(say('.dbf 属性表已损坏', 'the .dbf attribute table is damaged'), 'damaged_file');
  }
  return { rows, fields };
}

function dbfValue(value: unknown): SourceValue {
  if (value === null || value === undefined) return null;
  // The dBase reader makes a local-time Date of YYYYMMDD; a blank date (no value) comes out as 1899-11-30.
  if (value instanceof Date) return Number.isNaN(value.getTime()) || value.getFullYear() < 1900 ? null : localDate(value);
  if (typeof value === 'string') return value === '' ? null : value;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  return String(value);
}

/** The calendar day of a local-time Date (toISOString would give the day before east of Greenwich). */
function localDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
