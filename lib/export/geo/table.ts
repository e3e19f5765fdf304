import { toCsv } from '../csv';
import type { TableColumn } from '../table';
import { toXlsx } from '../xlsx';
import type { ExportFeature, LayerExport } from './layer-export';
import { toWkt } from './wkt';

/**
 * A layer as a table: one column per field under its Chinese name (the importer's header aliases know them), the
 * stored codes as values (booleans 是/否, as every table export writes them), then the geometry as WKT and, for
 * point layers, 经度/纬度 columns so a spreadsheet or a map service can place the rows without parsing WKT.
 */
export function layerTableColumns(layer: LayerExport): TableColumn<ExportFeature>[] {
  const fields: TableColumn<ExportFeature>[] = layer.columns.map((column, at) => ({
    header: column.zh,
    value: (feature) => feature.values[at] ?? null,
  }));
  const geometry: TableColumn<ExportFeature>[] = [{ header: 'WKT', value: (feature) => toWkt(feature.geometry), width: 40 }];
  if (layer.geometryType === 'Point')
    geometry.push(
      {
        header: '经度',
        value: (feature) => (feature.geometry.type === 'Point' ? (feature.geometry.coordinates[0] ?? null) : null),
        width: 14,
      },
      {
        header: '纬度',
        value: (feature) => (feature.geometry.type === 'Point' ? (feature.geometry.coordinates[1] ?? null) : null),
        width: 14,
      },
    );
  return [...fields, ...geometry];
}

/** UTF-8 with a BOM, CRLF, formula-like text neutralised (toCsv). */
export function layerToCsv(layer: LayerExport): Buffer {
  return toCsv(layer.features, layerTableColumns(layer));
}

/** One sheet named after the layer's Chinese title. */
export function layerToXlsx(layer: LayerExport): Promise<Buffer> {
  return toXlsx(layer.features, layerTableColumns(layer), { sheetName: layer.title.slice(0, 31).replace(/[\\/?*[\]:]/g, '') });
}
