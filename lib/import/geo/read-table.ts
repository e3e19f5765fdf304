import type { Geometry } from 'geojson';
import { say } from '@/lib/i18n/say';
import { readTable } from '../read-table';
import { MAX_IMPORT_BYTES, TableReadError } from '../table';
import { readWkt } from './read-wkt';
import { type GeoFileContents, GeoFileError, type ReadGeoFileOptions, type SourceValue } from './types';

type CoordinateColumns = NonNullable<GeoFileContents['coordinateColumns']>;

/** Header names (compared lower-case, without spaces and a trailing unit in brackets) that hold coordinates. */
const X_HEADERS = ['经度', 'lon', 'lng', 'long', 'longitude', 'x', 'x坐标', '东坐标', 'easting'];
const Y_HEADERS = ['纬度', 'lat', 'latitude', 'y', 'y坐标', '北坐标', 'northing'];
const WKT_HEADERS = ['wkt', 'geometry', 'geom', 'the_geom', 'shape', '几何', '图形'];

/**
 * A .csv or .xlsx with a coordinate pair or a WKT column per row. The table itself is read by the hazard
 * import's reader (same CSV rules, same encoding detection, same zip-bomb checks).
 */
export async function readGeoTable(bytes: Uint8Array, fileName: string, options: ReadGeoFileOptions = {}): Promise<GeoFileContents> {
  let table: Awaited<ReturnType<typeof readTable>>;
  try {
    table = await readTable(bytes, fileName);
  } catch (error) {
    if (!(error instanceof TableReadError)) throw error;
    throw new GeoFileError(error.message, bytes.byteLength > MAX_IMPORT_BYTES ? 'file_too_large' : 'damaged_file');
  }
  const columns = options.coordinateColumns ?? guessCoordinateColumns(table.headers);
  if (!columns)
    throw new GeoFileError(
      say(
        '找不到坐标列：需要“经度”“纬度”（或 X、Y）两列，或一列 WKT 图形；也可以手动指定',
        'no coordinate columns found: expected longitude and latitude (or X and Y) columns or a WKT column; they can also be chosen',
      ),
      'no_features',
    );
  const position = (header: string) => {
    const at = table.headers.indexOf(header);
    if (at < 0) throw new GeoFileError(say(`表格里没有“${header}”列`, `the table has no column "${header}"`), 'no_features');
    return at;
  };
  const geometryAt = 'wkt' in columns ? [position(columns.wkt)] : [position(columns.x), position(columns.y)];
  const fieldAt = table.headers.map((_, at) => at).filter((at) => !geometryAt.includes(at) && table.headers[at] !== '');
  const features = table.rows.map((cells, row) => {
    const properties: Record<string, SourceValue> = {};
    for (const at of fieldAt) properties[table.headers[at] as string] = cells[at]?.trim() ? (cells[at] as string) : null;
    const geometry =
      'wkt' in columns
        ? readWkt(cells[geometryAt[0] as number] ?? '')
        : point(cells[geometryAt[0] as number], cells[geometryAt[1] as number]);
    return { index: table.rowNumbers[row] as number, geometry, properties };
  });
  return {
    format: /\.xlsx$/i.test(fileName) ? 'xlsx' : 'csv',
    features,
    fields: fieldAt.map((at) => table.headers[at] as string),
    encoding: null,
    declaredCrs: null,
    coordinateColumns: columns,
  };
}

function point(x: string | undefined, y: string | undefined): Geometry | null {
  const number = (cell: string | undefined) => (cell?.trim() ? Number(cell.trim()) : Number.NaN);
  const [east, north] = [number(x), number(y)];
  return Number.isFinite(east) && Number.isFinite(north) ? { type: 'Point', coordinates: [east, north] } : null;
}

const normalised = (header: string) =>
  header
    .toLowerCase()
    .replace(/\s+/g, '')
    .replace(/[（(][^）)]*[）)]$/, '');

export function guessCoordinateColumns(headers: string[]): CoordinateColumns | null {
  const find = (names: string[]) => headers.find((header) => names.includes(normalised(header)));
  const x = find(X_HEADERS);
  const y = find(Y_HEADERS);
  if (x && y) return { x, y };
  const wkt = find(WKT_HEADERS);
  return wkt ? { wkt } : null;
}
