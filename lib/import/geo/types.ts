import type { Geometry } from 'geojson';

/** The file formats a base layer can be imported from. */
export type GeoFileFormat = 'shapefile' | 'geopackage' | 'kml' | 'geojson' | 'csv' | 'xlsx';

/** An attribute value as the file holds it: text, number, boolean, a date as YYYY-MM-DD text, or empty. */
export type SourceValue = string | number | boolean | null;

/** One feature as read from a file, in the file's own coordinates (not yet transformed). */
export interface SourceFeature {
  /** Where the user finds it in the file: the row number for tables (as Excel shows it), else the 1-based feature index. */
  index: number;
  /** Null when the feature has no geometry (a table row without coordinates, a null shape). */
  geometry: Geometry | null;
  properties: Record<string, SourceValue>;
}

/** How the text of the attributes was decoded, and who decided it. */
export interface DetectedEncoding {
  name: 'utf-8' | 'gbk' | 'gb18030';
  source: 'cpg' | 'detected' | 'chosen' | 'format';
}

/** A coordinate system as the file declares it (a Shapefile's .prj, a GeoPackage's srs, a GeoJSON's crs member). */
export interface DeclaredCrs {
  /** The EPSG code when the declaration is recognised, else null. */
  epsg: number | null;
  /** The declaration's own text (WKT or URN), for the user to see. */
  text: string;
}

/** What a base-layer file holds. */
export interface GeoFileContents {
  format: GeoFileFormat;
  features: SourceFeature[];
  /** The attribute names in the file's order (the columns the user maps to the layer's fields). */
  fields: string[];
  encoding: DetectedEncoding | null;
  declaredCrs: DeclaredCrs | null;
  /** For CSV/XLSX: the columns the coordinates were read from. */
  coordinateColumns?: { x: string; y: string } | { wkt: string };
}

export interface ReadGeoFileOptions {
  /** Overrides the detected or declared text encoding. */
  encoding?: DetectedEncoding['name'];
  /** For CSV/XLSX: the coordinate columns to use instead of the guessed ones. */
  coordinateColumns?: { x: string; y: string } | { wkt: string };
  /** For GeoPackage: the feature table to read instead of the first one. */
  layer?: string;
}

/** The file cannot be read: damaged, unsupported, too large, too complex. The message says which, for the user. */
export class GeoFileError extends Error {
  constructor(
    message: string,
    readonly code: 'unsupported_format' | 'damaged_file' | 'file_too_large' | 'too_complex' | 'no_features',
  ) {
    super(message);
    this.name = 'GeoFileError';
  }
}

/**
 * The coordinate systems an import can be read in. EPSG codes are transformed by PostGIS (`ST_Transform`, exact);
 * GCJ-02 (Gaode, Tencent) and BD-09 (Baidu) are the Chinese map services' offset systems, converted to WGS 84 in
 * JavaScript before the features reach the database.
 */
export const IMPORT_CRS = ['EPSG:4326', 'EPSG:4490', 'EPSG:4546', 'EPSG:4547', 'EPSG:4525', 'EPSG:4526', 'GCJ-02', 'BD-09'] as const;
export type ImportCrs = (typeof IMPORT_CRS)[number];
