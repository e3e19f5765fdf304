import { UnsupportedCrsError } from '../api/errors';
import { say } from '../i18n/say';

/**
 * The coordinate reference systems the OGC API serves (OGC API – Features Part 2). Coordinates go out in each
 * CRS's own axis order: CRS84 lon/lat, EPSG:4326 and EPSG:4490 lat/lon, EPSG:4546 northing/easting.
 */
export interface Crs {
  uri: string;
  srid: number;
  /** The CRS's first axis is north (lat/lon, northing/easting): coordinates are swapped from x/y. */
  northFirst: boolean;
  /** Decimals written: 7 in degrees and 3 in metres, both about a centimetre or better. */
  decimals: number;
}

export const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
const epsg = (code: number) => `http://www.opengis.net/def/crs/EPSG/0/${code}`;

const CRS84_LONLAT: Crs = { uri: CRS84, srid: 4326, northFirst: false, decimals: 7 };

export const SUPPORTED_CRS: readonly Crs[] = [
  CRS84_LONLAT,
  { uri: epsg(4326), srid: 4326, northFirst: true, decimals: 7 },
  { uri: epsg(4490), srid: 4490, northFirst: true, decimals: 7 },
  { uri: epsg(4546), srid: 4546, northFirst: true, decimals: 3 },
];

/** Short spellings clients use for the same CRS. */
const ALIASES: Record<string, string> = {
  CRS84: CRS84,
  'OGC:CRS84': CRS84,
  'EPSG:4326': epsg(4326),
  'EPSG:4490': epsg(4490),
  'EPSG:4546': epsg(4546),
};

/** The CRS named by a `crs`, `bbox-crs` or `filter-crs` parameter (a URI, `[EPSG:4546]` or `EPSG:4546`); CRS84 when absent. */
export function parseCrs(value: string | null, parameter: string): Crs {
  if (value === null || value === '') return CRS84_LONLAT;
  const bare = value.trim().replace(/^\[(.*)\]$/, '$1');
  const uri = ALIASES[bare.toUpperCase()] ?? bare.replace(/^https:/, 'http:');
  const crs = SUPPORTED_CRS.find((candidate) => candidate.uri === uri);
  if (!crs) {
    throw new UnsupportedCrsError(
      say(
        `不支持 ${parameter}“${value.slice(0, 80)}”；请使用 ${SUPPORTED_CRS.map((c) => c.uri).join('、')} 之一`,
        `${parameter} "${value.slice(0, 80)}" is not supported; use one of ${SUPPORTED_CRS.map((c) => c.uri).join(', ')}`,
      ),
    );
  }
  return crs;
}
