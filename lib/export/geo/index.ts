import type { DbfEncoding } from './dbf';
import { layerToGeoJson } from './geojson';
import { layerToGeoPackage } from './geopackage';
import { layerToKml } from './kml';
import type { LayerExport } from './layer-export';
import { layerToShapefile } from './shapefile';
import { layerToCsv, layerToXlsx } from './table';

export { type AttributeType, type AttributeValue, type ExportColumn, type LayerExport, layerExport } from './layer-export';
export type { DbfEncoding };

export const LAYER_EXPORT_FORMATS = ['geojson', 'gpkg', 'shp', 'kml', 'csv', 'xlsx'] as const;
export type LayerExportFormat = (typeof LAYER_EXPORT_FORMATS)[number];
export const DBF_ENCODINGS = ['utf-8', 'gbk'] as const satisfies readonly DbfEncoding[];

export interface WriteOptions {
  /** The Shapefile's attribute encoding (the other formats are UTF-8 by definition). */
  encoding: DbfEncoding;
  now: Date;
}

interface LayerWriter {
  extension: string;
  contentType: string;
  write(layer: LayerExport, options: WriteOptions): Promise<Uint8Array | string> | Uint8Array | string;
}

/** Every export format: its file extension, media type and writer (the import registry run backwards). */
export const LAYER_WRITERS: Readonly<Record<LayerExportFormat, LayerWriter>> = {
  geojson: { extension: 'geojson', contentType: 'application/geo+json; charset=utf-8', write: layerToGeoJson },
  gpkg: { extension: 'gpkg', contentType: 'application/geopackage+sqlite3', write: (layer, { now }) => layerToGeoPackage(layer, now) },
  shp: { extension: 'zip', contentType: 'application/zip', write: (layer, { encoding, now }) => layerToShapefile(layer, encoding, now) },
  kml: { extension: 'kml', contentType: 'application/vnd.google-earth.kml+xml; charset=utf-8', write: layerToKml },
  csv: { extension: 'csv', contentType: 'text/csv; charset=utf-8', write: (layer) => new Uint8Array(layerToCsv(layer)) },
  xlsx: {
    extension: 'xlsx',
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    write: async (layer) => new Uint8Array(await layerToXlsx(layer)),
  },
};

/**
 * `Content-Disposition` of an export: an ASCII `filename` for old clients and the Chinese name (RFC 5987), e.g.
 * 刘胡兰镇-消防水源-2026-12-07.gpkg. A Shapefile's zip says so in its name (…-shp.zip).
 */
export function exportDisposition(layer: LayerExport, format: LayerExportFormat, today: string): string {
  const { extension } = LAYER_WRITERS[format];
  const suffix = format === 'shp' ? `-shp.${extension}` : `.${extension}`;
  const ascii = `liuhulan-${layer.layer}-${today}${suffix}`;
  const chinese = `刘胡兰镇-${layer.title}-${today}${suffix}`;
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(chinese)}`;
}
